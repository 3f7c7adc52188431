#include "reissue/isolate.h"

#include <gtest/gtest.h>

#include <csignal>
#include <stdexcept>
#include <vector>

using namespace reissue;
using Status = IsolatedOutcome::Status;

namespace {
int code_seven(const std::exception&) { return 7; }
}  // namespace

TEST(Isolate, ResultComesBackInParts) {
  const auto outcome = run_isolated([] { return std::vector<std::string>{"xml", std::string("\0bin", 4)}; },
                                    code_seven, {});
  EXPECT_EQ(outcome.status, Status::ok);
  EXPECT_EQ(outcome.parts, (std::vector<std::string>{"xml", std::string("\0bin", 4)}));
  EXPECT_GT(outcome.peak_memory_kib, 0);
}

TEST(Isolate, ExceptionBecomesFailureWithItsCode) {
  const auto outcome = run_isolated(
      []() -> std::vector<std::string> { throw std::runtime_error("bad.pdf: damaged"); }, code_seven, {});
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_EQ(outcome.exit_code, 7);
  EXPECT_EQ(outcome.message, "bad.pdf: damaged");
}

TEST(Isolate, CrashIsContained) {
  const auto outcome = run_isolated(
      []() -> std::vector<std::string> {
        std::raise(SIGSEGV);
        return {};
      },
      code_seven, {});
  EXPECT_EQ(outcome.status, Status::crashed);
  EXPECT_EQ(outcome.message, "crashed (SIGSEGV)");
}

TEST(Isolate, HangIsStoppedAtTheTimeLimit) {
  IsolationLimits limits;
  limits.seconds = 1;
  const auto outcome = run_isolated(
      []() -> std::vector<std::string> {
        volatile long spin = 0;
        for (;;) spin = spin + 1;
      },
      code_seven, limits);
  EXPECT_EQ(outcome.status, Status::timed_out);
  EXPECT_LT(outcome.seconds, 5);
}

#if !defined(__SANITIZE_ADDRESS__)
TEST(Isolate, MemoryBlowUpIsStoppedAtTheLimit) {
  IsolationLimits limits;
  limits.memory_bytes = std::size_t{256} << 20;
  const auto outcome = run_isolated(
      []() -> std::vector<std::string> {
        std::vector<std::vector<char>> hog;
        for (;;) hog.emplace_back(std::size_t{64} << 20, 'x');
      },
      code_seven, limits);
  EXPECT_EQ(outcome.status, Status::out_of_memory);
  EXPECT_NE(outcome.message.find("256 MiB"), std::string::npos);
}
#endif
