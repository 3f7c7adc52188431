// status.json: what one repair folder holds, written by repair and read by
// batch (resume, report figures) and by the folder-replacement check. One
// record type, one writer, one reader.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace reissue::batch {

struct RepairStatus {
  std::string input;  // how reports name the input
  std::string key;    // batch's resume key ("" for a plain repair)
  std::string kind;   // "pdf", "text", "xml"
  int pages = 0, articles = 0, warnings = 0, uncertain = 0;
  int typeset_pages = -1;                     // -1: no PDF was made
  std::map<std::string, int> decisions;       // review decisions by kind
  // issue.xml is an archivist's correction: the other outputs were made from
  // it, and no later run replaces it (docs/review.md).
  bool corrected = false;
  std::map<std::string, std::string> files;  // every other file of the folder -> its content_key
};

// UTF-8 JSON (bytes of names that are not UTF-8 become U+FFFD), stable key order.
std::string status_json(const RepairStatus& status);
// The folder's status.json when it is one of ours; nullopt otherwise.
std::optional<RepairStatus> read_status(const std::filesystem::path& folder);

}  // namespace reissue::batch
