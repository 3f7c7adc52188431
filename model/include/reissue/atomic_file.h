// Output files appear complete or not at all: content goes to a temporary file
// in the target directory, is flushed to disk, then renamed over the target.
#pragma once

#include <filesystem>
#include <string_view>

namespace reissue {

// Writes `content` to `path` atomically. Throws reissue::Error on failure;
// never leaves a partial file or the temporary behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Reads a whole file, refusing files larger than `max_bytes`. Throws ReadError.
std::string read_file_limited(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace reissue
