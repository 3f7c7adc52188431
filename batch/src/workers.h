// Worker processes for the batch: each input runs `reissue repair` in its
// own process under a memory limit, killed at its deadline, and dies with the
// batch (a killed batch leaves no workers behind).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace reissue::batch {

struct WorkerOutcome {
  size_t task = 0;
  int exit_code = 0;  // when it exited
  int signal = 0;     // when a signal ended it
  bool timed_out = false;
  double seconds = 0;
  double peak_memory_mib = 0;
  std::string message;  // what it wrote on stderr
};

struct WorkerTask {
  std::vector<std::string> arguments;  // argv[1..]
  std::filesystem::path message_file;  // its stderr goes here
};

class WorkerPool {
 public:
  WorkerPool(std::filesystem::path program, int size, double timeout_seconds, std::size_t memory_bytes);

  // Runs every task, at most `size` at a time; `done` is called in the
  // order they finish, `tick` about twice a second while waiting.
  void run(const std::vector<WorkerTask>& tasks, const std::function<void(const WorkerOutcome&)>& done,
           const std::function<void()>& tick);

 private:
  std::filesystem::path program_;
  int size_;
  double timeout_seconds_;
  std::size_t memory_bytes_;
};

}  // namespace reissue::batch

namespace reissue {
// A short stable digest of bytes (16 hex digits, FNV-1a 64): the part of an
// input's key that says its content changed.
std::string content_key(std::string_view bytes);
}  // namespace reissue
