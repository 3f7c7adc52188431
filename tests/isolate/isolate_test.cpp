#include "reissue/isolate.h"

#include "reissue/error.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include <sys/wait.h>

#include <fstream>
#include <thread>

using namespace reissue;
using Status = IsolatedOutcome::Status;


TEST(Isolate, ResultComesBackInParts) {
  const auto outcome = run_isolated(
      [] {
        return WorkProduct{{{"issue.xml", "xml"}, {"figure-1.png", std::string("\0bin", 4)}}, "summary", ""};
      },
      {});
  EXPECT_EQ(outcome.status, Status::ok);
  using Files = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(outcome.product.files, (Files{{"issue.xml", "xml"}, {"figure-1.png", std::string("\0bin", 4)}}));
  EXPECT_EQ(outcome.product.summary, "summary");
  EXPECT_EQ(outcome.product.problems, "");
  EXPECT_GT(outcome.peak_memory_kib, 0);
}

TEST(Isolate, ExceptionBecomesFailureWithItsExitStatus) {
  const auto outcome = run_isolated(
      []() -> WorkProduct { throw ReadError("bad.pdf", 0, "damaged"); }, {});
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.message, "bad.pdf: damaged");
  // Not the libraries' own error: an internal error.
  const auto foreign = run_isolated([]() -> WorkProduct { throw std::out_of_range("stoi"); }, {});
  EXPECT_EQ(foreign.exit_code, 3);
}

TEST(Isolate, CrashIsContained) {
  const auto outcome = run_isolated(
      []() -> WorkProduct {
        std::raise(SIGSEGV);
        return {};
      },
      {});
  EXPECT_EQ(outcome.status, Status::crashed);
  EXPECT_EQ(outcome.message, "crashed (SIGSEGV)");
}

TEST(Isolate, HangIsStoppedAtTheTimeLimit) {
  IsolationLimits limits;
  limits.seconds = 1;
  const auto outcome = run_isolated(
      []() -> WorkProduct {
        volatile long spin = 0;
        for (;;) spin = spin + 1;
      },
      limits);
  EXPECT_EQ(outcome.status, Status::timed_out);
  EXPECT_LT(outcome.seconds, 5);
}

#if !defined(__SANITIZE_ADDRESS__)
TEST(Isolate, MemoryBlowUpIsStoppedAtTheLimit) {
  IsolationLimits limits;
  limits.memory_bytes = std::size_t{256} << 20;
  const auto outcome = run_isolated(
      []() -> WorkProduct {
        std::vector<std::vector<char>> hog;
        for (;;) hog.emplace_back(std::size_t{64} << 20, 'x');
      },
      limits);
  EXPECT_EQ(outcome.status, Status::out_of_memory);
  EXPECT_NE(outcome.message.find("256 MiB"), std::string::npos);
}
#endif

namespace {

// Runs work isolated and waits for it as the batch does.
IsolatedOutcome run_process(const std::function<int()>& work, const IsolationLimits& limits,
                            const std::string& error_file = "/tmp/reissue-isolate-test.err") {
  IsolatedProcess process(work, error_file, limits);
  int status = 0;
  rusage usage{};
  while (true) {
    const pid_t done = ::wait4(process.pid(), &status, WNOHANG, &usage);
    if (done == process.pid()) break;
    if (process.seconds_left(IsolatedProcess::Clock::now()) <= 0) process.kill(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return process.outcome(status, usage);
}

}  // namespace

TEST(IsolatedProcess, ExitStatusesAndTheLastLineOfStderr) {
  EXPECT_EQ(run_process([] { return 0; }, {}).status, Status::ok);
  const auto failed = run_process(
      [] {
        std::fputs("first\nreissue: x.pdf: damaged\n", stderr);
        return 2;
      },
      {});
  EXPECT_EQ(failed.status, Status::failed);
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(failed.message, "x.pdf: damaged");
  // An exception becomes the command's message and exit status.
  const auto thrown = run_process([]() -> int { throw ReadError("y.pdf", 0, "encrypted"); }, {});
  EXPECT_EQ(thrown.status, Status::failed);
  EXPECT_EQ(thrown.exit_code, 2);
  EXPECT_EQ(thrown.message, "y.pdf: encrypted");
  // Exit status 5 is reissue's "ran out of memory": known from the status, not from the text.
  const auto memory = run_process(
      [] {
        std::fputs("something else\n", stderr);
        return 5;
      },
      {});
  EXPECT_EQ(memory.status, Status::out_of_memory);
  EXPECT_EQ(memory.message, "ran out of memory (limit 2048 MiB)");
}

TEST(IsolatedProcess, HangCrashAndInterruption) {
  IsolationLimits short_limit;
  short_limit.seconds = 0.5;
  const auto hang = run_process(
      [] {
        std::this_thread::sleep_for(std::chrono::seconds(30));
        return 0;
      },
      short_limit);
  EXPECT_EQ(hang.status, Status::timed_out);
  EXPECT_LT(hang.seconds, 5);
  EXPECT_EQ(run_process([] { return std::raise(SIGSEGV); }, {}).status, Status::crashed);
  const auto interrupted = run_process([] { return std::raise(SIGINT); }, {});
  EXPECT_EQ(interrupted.status, Status::interrupted);
  EXPECT_EQ(interrupted.signal, SIGINT);
}

#if !defined(__SANITIZE_ADDRESS__)
TEST(IsolatedProcess, MemoryLimitApplies) {
  IsolationLimits limits;
  limits.memory_bytes = std::size_t{256} << 20;
  const auto outcome = run_process(
      [] {
        std::vector<std::vector<char>> hog;
        for (;;) hog.emplace_back(std::size_t{64} << 20, 'x');
        return 0;
      },
      limits);
  EXPECT_EQ(outcome.status, Status::out_of_memory);
}
#endif
