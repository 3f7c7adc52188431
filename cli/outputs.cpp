// Checks on output paths that every command makes before it writes.
#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

namespace reissue::cli {

namespace fs = std::filesystem;

CLI::Validator between(double low, double high, const std::string& unit) {
  const auto text = [](double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, value == static_cast<long>(value) ? "%.0f" : "%g", value);
    return std::string(buffer);
  };
  const std::string range = "must be a number of " + unit + " from " + text(low) + " to " + text(high);
  return CLI::Validator(
      [=](std::string& value) -> std::string {
        char* end = nullptr;
        const double number = std::strtod(value.c_str(), &end);
        if (value.empty() || end != value.c_str() + value.size() || !(number >= low && number <= high))
          return "\"" + value + "\" " + range;
        return "";
      },
      unit);
}

void add_ocr_option(CLI::App& command, ExtractOptions::Ocr& ocr) {
  std::map<std::string, ExtractOptions::Ocr> modes;
  for (const auto mode : {ExtractOptions::Ocr::automatic, ExtractOptions::Ocr::always, ExtractOptions::Ocr::never})
    modes[ocr_name(mode)] = mode;
  command
      .add_option("--ocr", ocr,
                  "PDF pages read by OCR (Tesseract, chi_sim): auto (default) reads scans, pages whose\n"
                  "text does not decode, and OCR'd scans whose hidden text a fresh reading beats;\n"
                  "always: every page; never: such PDFs are refused (exit 4)")
      ->transform(CLI::CheckedTransformer(modes))
      ->option_text("auto|always|never");
}

CLI::Validator named_file() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        return value.empty() ? "needs a name (an empty one names nothing; - is standard input or output)" : "";
      },
      "NAME");
}

CLI::Validator named_folder() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value.empty()) return "needs a folder name";
        if (value == "-") return "is a folder here: - (standard output) cannot hold one";
        return "";
      },
      "FOLDER");
}

namespace {

// What a path names, for comparing paths: its device and inode when it
// exists ("-" is standard input or output), else its canonical spelling.
struct Identity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  std::string path;
  bool operator==(const Identity& other) const {
    return exists == other.exists && (exists ? device == other.device && inode == other.inode : path == other.path);
  }
};

Identity identity(const std::string& path, int standard_fd) {
  Identity id;
  struct stat status {};
  if (path == "-" ? ::fstat(standard_fd, &status) == 0 : ::stat(path.c_str(), &status) == 0) {
    id.exists = true;
    id.device = status.st_dev;
    id.inode = status.st_ino;
  } else {
    std::error_code error;
    id.path = fs::weakly_canonical(path, error).string();
    if (error) id.path = path;
  }
  return id;
}

std::string shown(const std::string& path) { return path == "-" ? "standard output" : path; }

}  // namespace

void check_outputs(const std::vector<std::string>& inputs, const std::vector<std::string>& outputs) {
  std::vector<std::pair<std::string, Identity>> seen;
  for (const std::string& output : outputs) {
    if (output.empty()) throw UsageError("\"\"", 0, "an output needs a file name (or - for standard output)");
    require_output_folder(output);
    if (discards_output(output)) continue;  // /dev/null takes any number of outputs
    const Identity id = identity(output, STDOUT_FILENO);
    for (const std::string& input : inputs)
      if (!input.empty() && identity(input, STDIN_FILENO) == id)
        throw UsageError(shown(output), 0,
                         "is " + (input == output ? std::string("the input") : "an input (" + input_display_name(input) + ")") +
                             "; writing there would destroy it: name another output");
    for (const auto& [other, other_id] : seen)
      if (other_id == id)
        throw UsageError(shown(output), 0, "is given for two outputs (also as " + shown(other) +
                                               "); the second would overwrite the first: give each its own name");
    seen.push_back({output, id});
  }
}

void require_output_folder(const std::string& output) {
  if (output == "-" || output_kind(output) == OutputKind::stream) return;
  std::error_code error;
  const fs::path folder = fs::weakly_canonical(output, error).parent_path();
  if (!error && !folder.empty() && !fs::is_directory(folder, error))
    throw WriteError(output, 0, "cannot be written: the folder " + folder.string() + " does not exist");
}

int finish_standard_output(int exit_code) {
  // What went to standard output through the C++ stream (validate's
  // problems, format, a dry run) must have arrived: a full disk or a closed
  // stdout is an output error, not a success.
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::cerr << "reissue: standard output: cannot write (closed, or the disk is full)\n";
    return exit_code == kOk ? to_int(ExitStatus::cannot_write) : exit_code;
  }
  return exit_code;
}

}  // namespace reissue::cli
