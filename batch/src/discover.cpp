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
  const auto options = fs::directory_options::skip_permission_denied;
  for (auto it = fs::recursive_directory_iterator(root, options); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) {  // hidden files and folders: not part of the backlog
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    std::error_code error;
    if (it->is_regular_file(error) && is_input_name(it->path()))
      inputs.push_back({it->path().lexically_relative(root), {}});
  }
  std::sort(inputs.begin(), inputs.end(),
            [](const BatchInput& a, const BatchInput& b) { return a.relative.generic_string() < b.relative.generic_string(); });
  // Output folder: the path without its extension, unless two inputs would
  // share it (a.pdf beside a.txt): then both keep the extension (a_pdf, a_txt).
  std::map<std::string, int> uses;
  for (const BatchInput& input : inputs) ++uses[fs::path(input.relative).replace_extension().generic_string()];
  for (BatchInput& input : inputs) {
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
