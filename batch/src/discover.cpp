#include "reissue/batch.h"
#include "reissue/atomic_file.h"
#include "reissue/repair.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace reissue {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool is_input_name(const fs::path& path) {
  const std::string extension = lower(path.extension().string());
  return extension == ".pdf" || extension == ".docx" || extension == ".txt" || extension == ".xml";
}

// FNV-1a, 64 bits: stable across machines and runs (std::hash is not).
uint64_t fnv1a(std::string_view bytes) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

// Output folder: the input's path without its extension (a/x.pdf -> a/x/),
// unless that folder would be another input's too (x.pdf beside x.txt or
// x.TXT) or hold another input's folder (x.txt beside a folder x/ of
// inputs): such inputs keep their whole name (x.pdf/, x.txt/), which no
// other file or folder beside them can have. Repeated until nothing is
// shared, since a whole name may be yet another input's short one
// (x.pdf/ and x.pdf.txt).
void assign_output_folders(std::vector<BatchInput>& inputs) {
  std::vector<bool> whole(inputs.size(), false);
  const auto folder_of = [&](size_t i) {
    const fs::path& relative = inputs[i].relative;
    return whole[i] ? relative.generic_string() : fs::path(relative).replace_extension().generic_string();
  };
  for (bool changed = true; changed;) {
    changed = false;
    std::map<std::string, int> uses;
    std::set<std::string> holding;  // folders that hold another input's folder
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (!inputs[i].unreadable.empty() && !is_input_name(inputs[i].relative)) continue;  // a folder: no output
      const std::string folder = folder_of(i);
      ++uses[folder];
      for (fs::path parent = fs::path(folder).parent_path(); !parent.empty(); parent = parent.parent_path())
        holding.insert(parent.generic_string());
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
      const std::string folder = folder_of(i);
      if (!whole[i] && (uses[folder] > 1 || holding.count(folder))) whole[i] = changed = true;
    }
  }
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].unreadable.empty() || is_input_name(inputs[i].relative)) inputs[i].output = folder_of(i);
}

bool is_output_folder(const fs::path& folder) {
  std::error_code error;
  if (fs::exists(folder / "status.json", error) && is_repair_folder(folder)) return true;
  if (!fs::exists(folder / "report.json", error)) return false;
  try {  // a batch's report says which tool wrote it
    const auto report = nlohmann::json::parse(read_file_limited(folder / "report.json", std::size_t{256} << 20));
    return report.is_object() && report.value("tool", "").starts_with("reissue ");
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::vector<BatchInput> discover_inputs(const fs::path& root) {
  std::vector<BatchInput> inputs;
  // Walked by hand so that a folder that cannot be listed, or a link that
  // leads nowhere, is reported rather than skipped without a word.
  std::vector<fs::path> folders = {root};
  while (!folders.empty()) {
    const fs::path folder = folders.back();
    folders.pop_back();
    std::error_code error;
    fs::directory_iterator it(folder, error), end;
    for (; !error && it != end; it.increment(error)) {
      const fs::path path = it->path();
      const std::string name = path.filename().string();
      if (name.starts_with(".")) continue;  // hidden files and folders: not part of the backlog
      std::error_code kind_error;
      const fs::file_status status = fs::status(path, kind_error);
      if (fs::is_directory(status)) {
        // An earlier run's output (a repair folder, a batch's output folder)
        // is not part of the backlog, wherever it lies.
        if (!fs::is_symlink(it->symlink_status(kind_error)) && !is_output_folder(path)) folders.push_back(path);
      } else if (is_input_name(path)) {
        BatchInput input{path.lexically_relative(root), {}, {}};
        if (!fs::exists(status)) input.unreadable = "is a link to nothing (" + kind_error.message() + ")";
        else if (!fs::is_regular_file(status)) input.unreadable = "is not a regular file";
        inputs.push_back(std::move(input));
      }
    }
    if (error) {
      const fs::path relative = folder.lexically_relative(root);
      inputs.push_back({relative, {}, "the folder cannot be read (" + error.message() + "); its inputs were not converted"});
    }
  }
  std::sort(inputs.begin(), inputs.end(),
            [](const BatchInput& a, const BatchInput& b) { return a.relative.generic_string() < b.relative.generic_string(); });
  assign_output_folders(inputs);
  return inputs;
}

int shard_of(const fs::path& relative, int shards) {
  return static_cast<int>(fnv1a(relative.generic_string()) % static_cast<uint64_t>(std::max(1, shards))) + 1;
}

std::string content_key(std::string_view bytes) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fnv1a(bytes)));
  return buffer;
}

}  // namespace reissue
