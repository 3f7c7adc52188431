#include "reissue/batch.h"

#include <algorithm>
#include <map>

namespace reissue {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool is_input_name(const fs::path& path) {
  const std::string extension = lower(path.extension().string());
  return extension == ".pdf" || extension == ".txt" || extension == ".xml";
}

// FNV-1a, 64 bits: stable across machines and runs (std::hash is not).
uint64_t fnv1a(std::string_view bytes) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  return hash;
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
        if (!fs::is_symlink(it->symlink_status(kind_error))) folders.push_back(path);
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
  // Output folder: the path without its extension, unless two inputs would
  // share it (a.pdf beside a.txt): then both keep the extension (a_pdf, a_txt).
  std::map<std::string, int> uses;
  for (const BatchInput& input : inputs) ++uses[fs::path(input.relative).replace_extension().generic_string()];
  for (BatchInput& input : inputs) {
    if (!input.unreadable.empty() && !is_input_name(input.relative)) continue;  // a folder: no output
    fs::path folder = fs::path(input.relative).replace_extension();
    if (uses[folder.generic_string()] > 1)
      folder += "_" + lower(input.relative.extension().string().substr(1));
    input.output = folder;
  }
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
