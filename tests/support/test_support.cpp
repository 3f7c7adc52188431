#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace reissue::test {

namespace fs = std::filesystem;

fs::path source_dir() { return REISSUE_SOURCE_DIR; }
fs::path shared_dir() { return fs::weakly_canonical(REISSUE_SHARED_DIR); }
fs::path reissue_binary() { return REISSUE_BINARY; }
fs::path reissue_test_hooks_binary() { return REISSUE_TEST_HOOKS_BINARY; }

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_text(const fs::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("reissue-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

RunResult run_command(const std::string& command) {
  TempDir capture;
  const fs::path out = capture / "stdout", err = capture / "stderr";
  const std::string full = command + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(full.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(out);
  result.err = read_text(err);
  return result;
}

std::string libreoffice(const fs::path& profile_folder) {
  return "flock " + (fs::temp_directory_path() / "reissue-tests-libreoffice.lock").string() +
         " soffice -env:UserInstallation=file://" + profile_folder.string() + " --headless";
}

RunResult run_reissue(const std::string& arguments) {
  return run_command("'" + reissue_binary().string() + "' " + arguments);
}

}  // namespace reissue::test

namespace reissue::test {

::testing::AssertionResult same_text(const std::string& got, const std::string& expected) {
  if (got == expected) return ::testing::AssertionSuccess();
  std::istringstream a(got), b(expected);
  std::string line_a, line_b;
  int line = 0;
  while (true) {
    ++line;
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) break;
    if (line_a != line_b || more_a != more_b)
      return ::testing::AssertionFailure() << "first difference at line " << line << "\n  got:      "
                                           << (more_a ? line_a : "(end)") << "\n  expected: "
                                           << (more_b ? line_b : "(end)");
  }
  return ::testing::AssertionFailure() << "texts differ";
}

}  // namespace reissue::test
