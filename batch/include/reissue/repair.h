// One issue repaired end to end: extracted (or read, for issue XML), then
// written as issue XML, PDF and DOCX with its figures and review report. The
// `repair` command and every `batch` worker run this.
#pragma once

#include "reissue/extract.h"
#include "reissue/style.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reissue {

class FontLibrary;

struct RepairOptions {
  bool xml = true, pdf = true, docx = true;  // which outputs (--to)
  bool pdfa = true;                          // the PDF as PDF/A-1b, an archive copy (--no-pdfa: plain)
  std::optional<Style> style;                // default: the newsletter's
  std::string encoding;                      // text input; empty: detect
  std::string name;                          // how reports name the input (default: its path)
  std::string key;                           // batch: recorded in status.json to skip it next time
  ExtractOptions::Ocr ocr = ExtractOptions::Ocr::automatic;  // PDF pages read by OCR (--ocr)
  bool parallel = true;                      // threads within the issue, OCR's too (off in batch workers)
  FontLibrary* fonts = nullptr;              // fonts kept across repairs (default: loaded for this one)
  // The folder an earlier repair of this input wrote: an issue.xml corrected
  // there by hand is kept (the PDF, DOCX and review are made from it) unless
  // `discard_corrections`. Empty: no earlier output to look at.
  std::filesystem::path folder;
  bool discard_corrections = false;
};

// What one repair produced: files relative to the output folder, and the
// figures for the batch report.
struct RepairResult {
  std::vector<std::pair<std::string, std::string>> files;  // issue.xml, issue.pdf, issue.docx,
                                                           // images/..., review.json, status.json
  std::string kind;  // "pdf", "text" or "xml"
  int pages = 0;     // of the input
  int articles = 0;
  int warnings = 0;
  int uncertain = 0;
  std::map<std::string, int> decisions;  // review decisions by kind
  bool corrected = false;  // published from a hand-corrected issue.xml
  std::string summary;  // the review summary, one paragraph
};

// Reads `input` (PDF, text or issue XML, told apart by content) and makes its
// outputs in memory: figures go from the input to the writers without
// touching the disk. Throws reissue::Error / ReadError / NoTextLayer as the
// extractor and the writers do; the caller isolates it from hostile input.
RepairResult repair_issue(const std::filesystem::path& input, const RepairOptions& options);

// Writes the outputs as one folder, replacing an earlier one in a single
// step: a reader (or a re-run after a kill) sees the old folder or the new
// one, never a mixture.
void write_repair(const std::filesystem::path& folder, const RepairResult& result);

// The key a finished folder's status.json records, when every file it lists
// is still there unchanged; "" otherwise (absent, unreadable, a file removed
// or altered: the input is then done again).
std::string recorded_key(const std::filesystem::path& folder);

// What in `folder` repair did not write ("" when it is all an earlier
// repair's, as its status.json lists): repair and batch replace no other
// non-empty folder.
std::string foreign_to_repair(const std::filesystem::path& folder);
// A folder repair made (its status.json says so), whatever was added since.
bool is_repair_folder(const std::filesystem::path& folder);
// A repair folder whose issue.xml is an archivist's correction (published as
// one, or changed by hand since): a later repair keeps it (docs/review.md).
bool holds_correction(const std::filesystem::path& folder);

}  // namespace reissue
