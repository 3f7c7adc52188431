// Running fragile work (a PDF parser on hostile input, a whole repair) in a
// child process with time and memory limits, so that a crash, a hang or a
// memory blow-up costs one input, not the whole run. One helper for every
// caller: `extract` and `repair` run a function in a forked child and wait
// for what it returns (run_isolated); `batch` keeps many forked repairs
// running at once (IsolatedProcess). Both apply the same limits and read the
// child's end the same way (outcome_of).
//
// Also here: SIGINT/SIGTERM as a request to stop (watch_interruptions), which
// long-running supervisors poll.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace reissue {

struct IsolationLimits {
  double seconds = 120;                             // wall clock
  std::size_t memory_bytes = std::size_t{2} << 30;  // address space of the child
};

// What isolated work hands back to its parent, which writes the files (only
// when the work succeeded) and prints the text.
struct WorkProduct {
  std::vector<std::pair<std::string, std::string>> files;  // name -> bytes
  std::string summary;   // printed unless quiet
  std::string problems;  // printed always; not empty: the result is not to be trusted
};

struct IsolatedOutcome {
  enum class Status { ok, failed, crashed, timed_out, out_of_memory, interrupted };
  Status status = Status::ok;
  int exit_code = 0;               // the child's, for Status::failed
  int signal = 0;                  // for Status::crashed and Status::interrupted
  WorkProduct product;             // what the work returned (run_isolated), for Status::ok
  std::string message;             // what went wrong, for everything else
  double seconds = 0;
  long peak_memory_kib = 0;        // the child's maximum resident set size
};

// Runs `work` in a forked child under `limits`. What it returns travels
// back as the outcome's product; an exception thrown by `work` becomes
// Status::failed with exit_status_for(exception) and its what() as message
// (std::bad_alloc: Status::out_of_memory). When the caller watches
// interruptions, SIGINT/SIGTERM/SIGHUP end the child: Status::interrupted.
IsolatedOutcome run_isolated(const std::function<WorkProduct()>& work, const IsolationLimits& limits);

// Work started in a forked child process under limits: stdin and stdout are
// /dev/null, stderr goes to a file; it dies with its parent
// (PR_SET_PDEATHSIG). `work` returns the child's exit status; an exception
// it lets escape is written to stderr as "reissue: what()" and becomes
// exit_status_for(exception). The caller must not have other threads.
class IsolatedProcess {
 public:
  using Clock = std::chrono::steady_clock;

  // Throws reissue::Error when no process can be started.
  IsolatedProcess(const std::function<int()>& work, const std::filesystem::path& stderr_file,
                  const IsolationLimits& limits);

  pid_t pid() const { return pid_; }
  // Seconds left before the deadline (negative once it passed).
  double seconds_left(Clock::time_point now) const;
  // SIGKILL; `timed_out` records why, for the outcome.
  void kill(bool timed_out);
  // The outcome once waitpid/wait4 returned `wait_status` for it. The
  // message is the last line of its stderr file, when it failed.
  IsolatedOutcome outcome(int wait_status, const rusage& usage) const;

 private:
  pid_t pid_ = -1;
  Clock::time_point start_;
  IsolationLimits limits_;
  std::filesystem::path stderr_file_;
  bool timed_out_ = false;
};

// Classifies how a child ended: killed at its deadline or for CPU time ->
// timed_out; by SIGINT/SIGTERM/SIGHUP -> interrupted; by another signal ->
// crashed; exit status 5 (reissue's "aborted": it ran out of memory) ->
// out_of_memory; another non-zero status -> failed.
IsolatedOutcome outcome_of(int wait_status, bool killed_at_deadline, const IsolationLimits& limits);

// SIGINT, SIGTERM and SIGHUP no longer end the process; they are recorded for
// interruption_signal() and interrupt blocking calls (EINTR). For commands
// that stop their workers, write what they have, and exit 128 + signal.
void watch_interruptions();
// The signal that asked this process to stop, or 0.
int interruption_signal();

}  // namespace reissue
