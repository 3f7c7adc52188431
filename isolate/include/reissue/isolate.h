// Running fragile work (a PDF parser on hostile input) in a child process with
// time and memory limits, so that a crash, a hang or a memory blow-up costs one
// input, not the whole run.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace reissue {

struct IsolationLimits {
  double seconds = 120;                                 // wall clock
  std::size_t memory_bytes = std::size_t{2} << 30;      // address space of the child
};

struct IsolatedOutcome {
  enum class Status { ok, failed, crashed, timed_out, out_of_memory };
  Status status = Status::ok;
  int exit_code = 0;            // the child's, for Status::failed
  int signal = 0;               // for Status::crashed
  std::vector<std::string> parts;  // what the work returned, for Status::ok
  std::string message;          // what went wrong, for everything else
  double seconds = 0;
  long peak_memory_kib = 0;     // the child's maximum resident set size
};

// Runs `work` in a forked child. The child's return value travels back as
// parts; an exception thrown by `work` becomes Status::failed with
// `exit_code_for(exception)` and its what() as message.
IsolatedOutcome run_isolated(const std::function<std::vector<std::string>()>& work,
                             const std::function<int(const std::exception&)>& exit_code_for,
                             const IsolationLimits& limits);

}  // namespace reissue
