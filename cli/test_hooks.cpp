// `reissue-test-hooks`, built for the test suite only: an input whose path
// contains $REISSUE_TEST_HANG makes `repair` hang, one containing
// $REISSUE_TEST_CRASH makes it crash, as a hostile PDF can make a parser do.
#include "commands.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

namespace reissue::cli {

void test_hook(const std::string& input) {
  auto named = [&](const char* variable) {
    const char* value = std::getenv(variable);
    return value && *value && input.find(value) != std::string::npos;
  };
  if (named("REISSUE_TEST_HANG"))
    while (true) std::this_thread::sleep_for(std::chrono::hours(1));
  if (named("REISSUE_TEST_CRASH")) std::raise(SIGSEGV);
}

}  // namespace reissue::cli
