#include "status.h"

#include "reissue/atomic_file.h"

#include <nlohmann/json.hpp>

namespace reissue::batch {

std::string status_json(const RepairStatus& status) {
  nlohmann::ordered_json json;
  json["input"] = status.input;
  json["key"] = status.key;
  json["kind"] = status.kind;
  json["pages"] = status.pages;
  json["articles"] = status.articles;
  json["warnings"] = status.warnings;
  json["uncertain"] = status.uncertain;
  if (status.typeset_pages >= 0) json["typeset_pages"] = status.typeset_pages;
  json["decisions"] = status.decisions;
  if (status.corrected) json["corrected"] = true;
  // What the folder holds, so that a later run can tell it is still whole.
  json["files"] = nlohmann::ordered_json::object();
  for (const auto& [file, digest] : status.files) json["files"][file] = digest;
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::optional<RepairStatus> read_status(const std::filesystem::path& folder) {
  try {
    const auto json = nlohmann::json::parse(read_file_limited(folder / "status.json", 1 << 20));
    if (!json.is_object() || !json.contains("kind") || !json.contains("input") || !json.contains("files"))
      return std::nullopt;
    RepairStatus status;
    status.input = json.at("input");
    status.key = json.value("key", "");
    status.kind = json.at("kind");
    status.pages = json.value("pages", 0);
    status.articles = json.value("articles", 0);
    status.warnings = json.value("warnings", 0);
    status.uncertain = json.value("uncertain", 0);
    status.typeset_pages = json.value("typeset_pages", -1);
    if (json.contains("decisions") && json["decisions"].is_object())
      for (const auto& [kind, count] : json["decisions"].items())
        if (count.is_number_integer()) status.decisions[kind] = count.get<int>();
    status.corrected = json.value("corrected", false);
    for (const auto& [file, digest] : json.at("files").items()) status.files[file] = digest.get<std::string>();
    return status;
  } catch (const std::exception&) {
    return std::nullopt;  // absent, unreadable or not ours: not a repair folder
  }
}

}  // namespace reissue::batch
