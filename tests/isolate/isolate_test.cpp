#include "reissue/isolate.h"

#include "reissue/error.h"

#include <gtest/gtest.h>

#include <csignal>
#include <stdexcept>
#include <vector>

#include <sys/wait.h>

#include <fstream>
#include <thread>

using namespace reissue;
using Status = IsolatedOutcome::Status;


TEST(Isolate, ResultComesBackInParts) {
  const auto outcome = run_isolated([] { return std::vector<std::string>{"xml", std::string("\0bin", 4)}; }, {});
  EXPECT_EQ(outcome.status, Status::ok);
  EXPECT_EQ(outcome.parts, (std::vector<std::string>{"xml", std::string("\0bin", 4)}));
  EXPECT_GT(outcome.peak_memory_kib, 0);
}

TEST(Isolate, ExceptionBecomesFailureWithItsExitStatus) {
  const auto outcome = run_isolated(
      []() -> std::vector<std::string> { throw ReadError("bad.pdf", 0, "damaged"); }, {});
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.message, "bad.pdf: damaged");
  // Not the libraries' own error: an internal error.
  const auto foreign = run_isolated([]() -> std::vector<std::string> { throw std::out_of_range("stoi"); }, {});
  EXPECT_EQ(foreign.exit_code, 3);
}

TEST(Isolate, CrashIsContained) {
  const auto outcome = run_isolated(
      []() -> std::vector<std::string> {
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
      []() -> std::vector<std::string> {
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
      []() -> std::vector<std::string> {
        std::vector<std::vector<char>> hog;
        for (;;) hog.emplace_back(std::size_t{64} << 20, 'x');
      },
      limits);
  EXPECT_EQ(outcome.status, Status::out_of_memory);
  EXPECT_NE(outcome.message.find("256 MiB"), std::string::npos);
}
#endif

namespace {

// Runs a program isolated and waits for it as the batch does.
IsolatedOutcome run_program(const std::vector<std::string>& argv, const IsolationLimits& limits,
                            const std::string& error_file = "/tmp/reissue-isolate-test.err") {
  IsolatedProcess process(argv, error_file, limits);
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

TEST(IsolatedProgram, ExitStatusesAndTheLastLineOfStderr) {
  EXPECT_EQ(run_program({"/bin/true"}, {}).status, Status::ok);
  const auto failed = run_program({"/bin/sh", "-c", "echo first >&2; echo 'reissue: x.pdf: damaged' >&2; exit 2"}, {});
  EXPECT_EQ(failed.status, Status::failed);
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(failed.message, "x.pdf: damaged");
  // Exit status 5 is reissue's "ran out of memory": known from the status, not from the text.
  const auto memory = run_program({"/bin/sh", "-c", "echo 'something else' >&2; exit 5"}, {});
  EXPECT_EQ(memory.status, Status::out_of_memory);
  EXPECT_EQ(memory.message, "ran out of memory (limit 2048 MiB)");
  const auto missing = run_program({"/nonexistent/program"}, {});
  EXPECT_EQ(missing.status, Status::failed);
  EXPECT_NE(missing.message.find("could not be started"), std::string::npos);
}

TEST(IsolatedProgram, HangCrashAndInterruption) {
  IsolationLimits short_limit;
  short_limit.seconds = 0.5;
  const auto hang = run_program({"/bin/sleep", "30"}, short_limit);
  EXPECT_EQ(hang.status, Status::timed_out);
  EXPECT_LT(hang.seconds, 5);
  EXPECT_EQ(run_program({"/bin/sh", "-c", "kill -SEGV $$"}, {}).status, Status::crashed);
  const auto interrupted = run_program({"/bin/sh", "-c", "kill -INT $$"}, {});
  EXPECT_EQ(interrupted.status, Status::interrupted);
  EXPECT_EQ(interrupted.signal, SIGINT);
}

#if !defined(__SANITIZE_ADDRESS__)
TEST(IsolatedProgram, MemoryLimitApplies) {
  IsolationLimits limits;
  limits.memory_bytes = std::size_t{64} << 20;
  // head -c allocates nothing much; a shell asked for a 200 MB string cannot.
  const auto outcome = run_program({"/bin/sh", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}"}, limits);
  EXPECT_NE(outcome.status, Status::ok);
}
#endif
