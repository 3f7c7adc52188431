#include "workers.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace reissue::batch {

namespace {

using Clock = std::chrono::steady_clock;

struct Running {
  size_t task;
  Clock::time_point start;
  bool killed = false;
};

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

WorkerPool::WorkerPool(std::filesystem::path program, int size, double timeout_seconds, std::size_t memory_bytes)
    : program_(std::move(program)), size_(std::max(1, size)), timeout_seconds_(timeout_seconds),
      memory_bytes_(memory_bytes) {}

void WorkerPool::run(const std::vector<WorkerTask>& tasks, const std::function<void(const WorkerOutcome&)>& done,
                     const std::function<void()>& tick) {
  // SIGCHLD is blocked and waited for, so that a finished worker is noticed
  // at once without polling.
  sigset_t child_signal, previous;
  sigemptyset(&child_signal);
  sigaddset(&child_signal, SIGCHLD);
  sigprocmask(SIG_BLOCK, &child_signal, &previous);
  const pid_t parent = getpid();

  std::map<pid_t, Running> running;
  size_t next = 0;
  auto start_one = [&](size_t index) {
    const WorkerTask& task = tasks[index];
    std::vector<std::string> words = {program_.string()};
    words.insert(words.end(), task.arguments.begin(), task.arguments.end());
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    const int message_fd = ::open(task.message_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (message_fd < 0) throw std::runtime_error("cannot create " + task.message_file.string() + ": " + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) {
      ::close(message_fd);
      throw std::runtime_error(std::string("cannot start a worker: ") + std::strerror(errno));
    }
    if (pid == 0) {  // the worker: only async-signal-safe calls until exec
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(message_fd, STDERR_FILENO);
      const int null_fd = ::open("/dev/null", O_RDWR);
      if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO), ::dup2(null_fd, STDOUT_FILENO);
#if !defined(__SANITIZE_ADDRESS__)
      const struct rlimit memory = {memory_bytes_, memory_bytes_};
      ::setrlimit(RLIMIT_AS, &memory);
#endif
      ::sigprocmask(SIG_SETMASK, &previous, nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(message_fd);
    running[pid] = {index, Clock::now()};
  };

  auto last_tick = Clock::now();
  while (next < tasks.size() || !running.empty()) {
    while (static_cast<int>(running.size()) < size_ && next < tasks.size()) start_one(next++);
    int status = 0;
    struct rusage usage {};
    const pid_t pid = ::wait4(-1, &status, WNOHANG, &usage);
    if (pid > 0) {
      const auto found = running.find(pid);
      if (found == running.end()) continue;
      const Running finished = found->second;
      running.erase(found);
      WorkerOutcome outcome;
      outcome.task = finished.task;
      outcome.timed_out = finished.killed;
      outcome.seconds = std::chrono::duration<double>(Clock::now() - finished.start).count();
      outcome.peak_memory_mib = usage.ru_maxrss / 1024.0;
      if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
      outcome.message = read_all(tasks[finished.task].message_file);
      std::error_code ignored;
      std::filesystem::remove(tasks[finished.task].message_file, ignored);
      done(outcome);
      continue;
    }
    // Nothing finished: kill what overran its time, then wait for a signal.
    const auto now = Clock::now();
    double wait = 0.5;
    for (auto& [child, state] : running) {
      const double left = timeout_seconds_ - std::chrono::duration<double>(now - state.start).count();
      if (left <= 0 && !state.killed) {
        ::kill(child, SIGKILL);
        state.killed = true;
      }
      if (left > 0) wait = std::min(wait, left);
    }
    if (now - last_tick > std::chrono::milliseconds(500)) {
      tick();
      last_tick = now;
    }
    if (running.empty()) continue;
    struct timespec timeout {
      static_cast<time_t>(wait), static_cast<long>((wait - static_cast<time_t>(wait)) * 1e9) + 1000000
    };
    ::sigtimedwait(&child_signal, nullptr, &timeout);
  }
  sigprocmask(SIG_SETMASK, &previous, nullptr);
}

}  // namespace reissue::batch
