// Output files appear complete or not at all: content goes to a temporary file
// in the target directory, is flushed to disk, then renamed over the target.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reissue {

// Writes `content` to `path` atomically. Throws reissue::Error on failure;
// never leaves a partial file or the temporary behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Writes `files` (name -> content) as the directory `directory`, which appears
// complete or not at all: built under a temporary name, then renamed into
// place (replacing an older one). Throws reissue::Error.
void write_directory_atomically(const std::filesystem::path& directory,
                                const std::vector<std::pair<std::string, std::string>>& files);

// Reads a whole file, refusing files larger than `max_bytes`. Throws ReadError.
std::string read_file_limited(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace reissue
