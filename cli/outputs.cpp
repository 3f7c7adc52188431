// Checks on output paths that every command makes before it writes.
#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

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

void refuse_output_over_input(const std::string& input, const std::string& output) {
  struct stat in {}, out {};
  if (input == "-" || output == "-" || ::stat(input.c_str(), &in) != 0 || ::stat(output.c_str(), &out) != 0) return;
  if (in.st_dev == out.st_dev && in.st_ino == out.st_ino)
    throw UsageError(output, 0, "is the input file; writing there would destroy it: name another output");
}

void require_output_folder(const std::string& output) {
  if (output == "-" || output_kind(output) == OutputKind::stream) return;
  std::error_code error;
  const fs::path folder = fs::weakly_canonical(output, error).parent_path();
  if (!error && !folder.empty() && !fs::is_directory(folder, error))
    throw WriteError(output, 0, "cannot be written: the folder " + folder.string() + " does not exist");
}

bool discards(const std::string& output) {
  struct stat target {}, null {};
  return !output.empty() && output != "-" && ::stat(output.c_str(), &target) == 0 &&
         ::stat("/dev/null", &null) == 0 && S_ISCHR(target.st_mode) && target.st_rdev == null.st_rdev;
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
