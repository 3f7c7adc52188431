// Helpers shared by the test suites: paths, temporary directories, running the CLI.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace reissue::test {

std::filesystem::path source_dir();  // the repository
std::filesystem::path shared_dir();  // ../shared (seeds, corpus, robustness)
std::filesystem::path reissue_binary();
// The same command built with test hooks (REISSUE_TEST_HANG/CRASH: cli/test_hooks.cpp).
std::filesystem::path reissue_test_hooks_binary();

std::string read_text(const std::filesystem::path& file);
void write_text(const std::filesystem::path& file, const std::string& content);

// A fresh directory removed when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// "soffice ... --headless" with its own profile in `profile_folder`, for the
// shell. LibreOffice runs are serialized across test processes (flock): two
// first starts at once, even on separate profiles, have been seen to fail
// (WrappedTargetRuntimeException) under ctest -j2.
std::string libreoffice(const std::filesystem::path& profile_folder);

// Runs `reissue <arguments>` through the shell; arguments are shell words.
RunResult run_reissue(const std::string& arguments);
RunResult run_command(const std::string& command);

}  // namespace reissue::test

namespace reissue::test {
// Equal texts, or a failure showing the first differing line of each.
::testing::AssertionResult same_text(const std::string& got, const std::string& expected);
}  // namespace reissue::test
