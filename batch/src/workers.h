// Worker processes for the batch: each input is repaired in a forked
// IsolatedProcess (memory limit, deadline, dies with the batch), several at
// once; SIGINT/SIGTERM stop them all.
#pragma once

#include "reissue/isolate.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace reissue::batch {

struct WorkerTask {
  std::function<int()> work;           // runs in the worker; returns its exit status
  std::filesystem::path message_file;  // its stderr goes here
};

class WorkerPool {
 public:
  WorkerPool(int size, const IsolationLimits& limits);

  // Runs the tasks, at most `size` at a time; `done(task, outcome)` is called
  // in the order they finish, `tick` about twice a second while waiting.
  // Returns 0 when every task ran, or the signal that interrupted the run
  // (the running workers are then killed and reaped; `done` is not called for
  // them).
  int run(const std::vector<WorkerTask>& tasks, const std::function<void(size_t, const IsolatedOutcome&)>& done,
          const std::function<void()>& tick);

 private:
  int size_;
  IsolationLimits limits_;
};

}  // namespace reissue::batch

namespace reissue {
// A short stable digest of bytes (16 hex digits, FNV-1a 64): the part of an
// input's key that says its content changed.
std::string content_key(std::string_view bytes);
}  // namespace reissue
