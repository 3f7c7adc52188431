#include "workers.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <map>
#include <memory>

namespace reissue::batch {

WorkerPool::WorkerPool(int size, const IsolationLimits& limits) : size_(std::max(1, size)), limits_(limits) {}

int WorkerPool::run(const std::vector<WorkerTask>& tasks,
                    const std::function<void(size_t, const IsolatedOutcome&)>& done,
                    const std::function<void()>& tick) {
  // SIGCHLD is blocked and waited for, so that a finished worker is noticed
  // at once without polling; SIGINT/SIGTERM interrupt the wait.
  sigset_t child_signal, previous;
  sigemptyset(&child_signal);
  sigaddset(&child_signal, SIGCHLD);
  sigprocmask(SIG_BLOCK, &child_signal, &previous);
  struct Restore {
    sigset_t mask;
    ~Restore() { sigprocmask(SIG_SETMASK, &mask, nullptr); }
  } restore{previous};

  std::map<pid_t, std::pair<size_t, std::unique_ptr<IsolatedProcess>>> running;
  size_t next = 0;
  auto last_tick = IsolatedProcess::Clock::now();
  while (next < tasks.size() || !running.empty()) {
    if (const int signal = interruption_signal()) {
      // A worker that finished its input before it could be stopped (it may
      // have exited just before the signal, or between it and the kill) has
      // written a complete output: it is reported as done, not interrupted.
      for (auto& [pid, worker] : running) worker.second->kill(false);
      for (auto& [pid, worker] : running) {
        int status = 0;
        rusage usage{};
        pid_t reaped = -1;
        while ((reaped = ::wait4(pid, &status, 0, &usage)) < 0 && errno == EINTR) {
        }
        if (reaped == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
          std::error_code ignored;
          std::filesystem::remove(tasks[worker.first].message_file, ignored);
          done(worker.first, worker.second->outcome(status, usage));
        }
      }
      return signal;
    }
    while (static_cast<int>(running.size()) < size_ && next < tasks.size()) {
      auto process = std::make_unique<IsolatedProcess>(tasks[next].work, tasks[next].message_file, limits_);
      const pid_t pid = process->pid();
      running.emplace(pid, std::make_pair(next++, std::move(process)));
    }
    int status = 0;
    rusage usage{};
    const pid_t pid = ::wait4(-1, &status, WNOHANG, &usage);
    if (pid > 0) {
      const auto found = running.find(pid);
      if (found == running.end()) continue;
      const size_t task = found->second.first;
      const IsolatedOutcome outcome = found->second.second->outcome(status, usage);
      running.erase(found);
      std::error_code ignored;
      std::filesystem::remove(tasks[task].message_file, ignored);
      done(task, outcome);
      continue;
    }
    // Nothing finished: kill what overran its time, then wait for a signal.
    const auto now = IsolatedProcess::Clock::now();
    double wait = 0.5;
    for (auto& [child, worker] : running) {
      const double left = worker.second->seconds_left(now);
      if (left <= 0) worker.second->kill(true);
      else wait = std::min(wait, left);
    }
    if (now - last_tick > std::chrono::milliseconds(500)) {
      tick();
      last_tick = now;
    }
    if (running.empty()) continue;
    const long nanoseconds = static_cast<long>(wait * 1e9) + 1000000;
    const timespec timeout{nanoseconds / 1000000000, nanoseconds % 1000000000};
    ::sigtimedwait(&child_signal, nullptr, &timeout);
  }
  return 0;
}

}  // namespace reissue::batch
