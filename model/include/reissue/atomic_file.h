// Reading inputs and writing outputs the way a careful Unix tool does.
//
// Outputs: a regular file appears complete or not at all (temporary file in
// the same folder, flushed, renamed over the target, keeping the old file's
// permissions); a symbolic link is followed and its target replaced (the link
// stays); standard output ("-"), FIFOs, character devices and /dev/stdout are
// written through; anything else (a folder, a socket, a block device) is
// refused, never replaced. SIGINT/SIGTERM/SIGHUP are held while a temporary
// exists, so an interrupted command leaves no temporary behind.
//
// Inputs: "-" is standard input; pipes and devices are read incrementally
// under the same size limit as files.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reissue {

// How an output path will be written.
enum class OutputKind {
  file,    // a regular file (new or replaced atomically)
  stream,  // written through: "-", a FIFO, a character device, /dev/stdout
};

// Tells how `path` would be written, without writing. Throws WriteError for
// what cannot be an output (a folder, a socket, a block device, a link loop).
OutputKind output_kind(const std::filesystem::path& path);

// The output is /dev/null: side outputs (a figure folder) are not wanted either.
bool discards_output(const std::filesystem::path& path);

// Writes `content` to `path` as described above. Throws WriteError on
// failure; never leaves a partial regular file or a temporary behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Writes `files` (relative name -> content) as the folder `directory`, which
// appears complete or not at all: built under a temporary name beside it, then
// renamed into place (exchanged with an older one in one step). Missing parent
// folders are created (again, if another process removed them meanwhile).
// Names must stay inside the folder. An existing folder is replaced only when
// it is empty or `foreign(folder)` finds nothing in it but an earlier output
// (it returns "" then, else what is foreign, e.g. "notes.txt"). Throws
// WriteError.
using FolderCheck = std::function<std::string(const std::filesystem::path& existing_folder)>;
void write_directory_atomically(const std::filesystem::path& directory,
                                const std::vector<std::pair<std::string, std::string>>& files,
                                const FolderCheck& replaceable);

// Throws the WriteError write_directory_atomically would, before any work is
// done: `directory` exists and may not be replaced.
void check_directory_output(const std::filesystem::path& directory, const FolderCheck& replaceable);

// Removes `directory` when it holds nothing but an earlier output (as
// `replaceable` says); does nothing when it does not exist. Throws WriteError
// when it holds anything else.
void remove_directory_output(const std::filesystem::path& directory, const FolderCheck& replaceable);

// Reads a whole file ("-": standard input), refusing more than `max_bytes`.
// Throws ReadError naming the file and the limit.
std::string read_file_limited(const std::filesystem::path& path, std::size_t max_bytes);

// The same when the limit depends on what the file is: `limit_for(head)` is
// told its first bytes (up to 4 KiB) and names the limit for that kind of
// file, which is then enforced while reading (a 3 GB text is refused after
// its first megabytes, not after reading it). The message names the kind
// ("one issue's text") and says what to do.
struct InputLimit {
  std::size_t max_bytes = 0;
  std::string kind;    // "one issue's text"
  std::string advice;  // "give one file per issue"
};
using LimitForHead = std::function<InputLimit(std::string_view head)>;
std::string read_file_limited(const std::filesystem::path& path, const LimitForHead& limit_for);

// How messages name an input path: "standard input" for "-".
std::string input_display_name(const std::filesystem::path& path);

// "512 MiB", "64 KiB", "300 bytes": sizes in messages.
std::string human_size(std::size_t bytes);

}  // namespace reissue
