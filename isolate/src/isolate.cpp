#include "reissue/isolate.h"

#include "reissue/error.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>

namespace reissue {

namespace {

volatile sig_atomic_t interrupting_signal = 0;

void remember_signal(int signal) {
  if (interrupting_signal == 0) interrupting_signal = signal;
}

// In the child, before the work or exec: the limits, death with the parent,
// and the default reaction to signals the parent may be watching. Only
// async-signal-safe calls (the parent may have threads).
void enter_child(const IsolationLimits& limits, pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the parent died before prctl
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) ::signal(signal, SIG_DFL);
  // AddressSanitizer reserves terabytes of address space: no limit under it.
#if !defined(__SANITIZE_ADDRESS__)
  const rlimit memory{limits.memory_bytes, limits.memory_bytes};
  ::setrlimit(RLIMIT_AS, &memory);
#endif
  const auto cpu = static_cast<rlim_t>(limits.seconds) + 2;  // a backstop to the parent's clock
  const rlimit cpu_limit{cpu, cpu + 1};
  ::setrlimit(RLIMIT_CPU, &cpu_limit);
}

// Frames: a 1-byte kind ('S' summary, 'Q' problems, 'N' file name, 'F' file
// bytes, 'E' error), an 8-byte length, the bytes.
void write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void write_frame(int fd, char kind, const std::string& bytes) {
  const uint64_t length = bytes.size();
  write_all(fd, &kind, 1);
  write_all(fd, reinterpret_cast<const char*>(&length), sizeof length);
  write_all(fd, bytes.data(), bytes.size());
}

[[noreturn]] void run_child(int fd, const std::function<WorkProduct()>& work) {
  int code = 0;
  try {
    const WorkProduct product = work();
    write_frame(fd, 'S', product.summary);
    write_frame(fd, 'Q', product.problems);
    for (const auto& [name, bytes] : product.files) write_frame(fd, 'N', name), write_frame(fd, 'F', bytes);
  } catch (const std::exception& error) {
    write_frame(fd, 'E', error.what());
    code = to_int(exit_status_for(error));
  }
  ::close(fd);
  ::_exit(code);  // no destructors or atexit handlers of the parent's state
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGXCPU: return "SIGXCPU";
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "signal " + std::to_string(signal);
  }
}

std::string last_line_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  if (last.starts_with("reissue: ")) last.erase(0, 9);
  return last;
}

}  // namespace

IsolatedOutcome outcome_of(int wait_status, bool killed_at_deadline, const IsolationLimits& limits) {
  using Status = IsolatedOutcome::Status;
  IsolatedOutcome outcome;
  if (killed_at_deadline) {
    outcome.status = Status::timed_out;
    outcome.message = "timed out after " + std::to_string(static_cast<long>(limits.seconds)) + " s (killed)";
  } else if (WIFSIGNALED(wait_status)) {
    const int signal = WTERMSIG(wait_status);
    outcome.signal = signal;
    if (signal == SIGXCPU) {
      outcome.status = Status::timed_out;
      outcome.message = "used more CPU time than allowed (" + std::to_string(static_cast<long>(limits.seconds)) + " s)";
    } else if (signal == SIGINT || signal == SIGTERM || signal == SIGHUP) {
      outcome.status = Status::interrupted;
      outcome.message = "interrupted (" + signal_name(signal) + ")";
    } else {
      outcome.status = Status::crashed;
      outcome.message = "crashed (" + signal_name(signal) + ")";
    }
  } else if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == to_int(ExitStatus::aborted)) {
    outcome.status = Status::out_of_memory;
    outcome.exit_code = WEXITSTATUS(wait_status);
    outcome.message = "ran out of memory (limit " + std::to_string(limits.memory_bytes >> 20) + " MiB)";
  } else if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) != 0) {
    outcome.status = Status::failed;
    outcome.exit_code = WEXITSTATUS(wait_status);
    outcome.message = "failed with exit status " + std::to_string(outcome.exit_code);
  }
  return outcome;
}

IsolatedOutcome run_isolated(const std::function<WorkProduct()>& work, const IsolationLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw Error("isolation", 0, std::string("cannot create a pipe: ") + std::strerror(errno));
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child < 0) {
    const int saved = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    if (saved == ENOMEM || saved == EAGAIN) throw std::bad_alloc();
    throw Error("isolation", 0, std::string("cannot start a child process: ") + std::strerror(saved));
  }
  if (child == 0) {
    ::close(fds[0]);
    enter_child(limits, parent);
    run_child(fds[1], work);
  }
  ::close(fds[1]);
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);

  std::string received;
  bool timed_out = false;
  const auto deadline = start + std::chrono::duration<double>(limits.seconds);
  char buffer[65536];
  while (!interrupting_signal) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd wait_for{fds[0], POLLIN, 0};
    const int ready = ::poll(&wait_for, 1, static_cast<int>(std::min<long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n > 0) received.append(buffer, static_cast<size_t>(n));
    else if (n == 0) break;  // the child closed its end
    else if (errno != EAGAIN && errno != EINTR) break;
  }
  // A watched SIGINT/SIGTERM (watch_interruptions) stops the child too.
  const int stopped_by = interrupting_signal;
  if (timed_out || stopped_by) ::kill(child, SIGKILL);
  ::close(fds[0]);
  int status = 0;
  rusage usage{};
  while (::wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  IsolatedOutcome outcome = outcome_of(status, timed_out, limits);
  if (stopped_by && outcome.status != IsolatedOutcome::Status::ok) {
    outcome.status = IsolatedOutcome::Status::interrupted;
    outcome.signal = stopped_by;
    outcome.message = "interrupted";
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  outcome.peak_memory_kib = usage.ru_maxrss;

  // Unframe what arrived.
  std::string error;
  for (size_t at = 0; at + 9 <= received.size();) {
    const char kind = received[at];
    uint64_t length;
    std::memcpy(&length, received.data() + at + 1, sizeof length);
    if (length > received.size() - at - 9) break;
    std::string bytes = received.substr(at + 9, length);
    at += 9 + length;
    WorkProduct& product = outcome.product;
    switch (kind) {
      case 'S': product.summary = std::move(bytes); break;
      case 'Q': product.problems = std::move(bytes); break;
      case 'N': product.files.push_back({std::move(bytes), {}}); break;
      case 'F':
        if (!product.files.empty()) product.files.back().second = std::move(bytes);
        break;
      default: error = std::move(bytes);
    }
  }
  if (outcome.status == IsolatedOutcome::Status::failed && !error.empty()) outcome.message = error;
  if (outcome.status != IsolatedOutcome::Status::ok) outcome.product = WorkProduct();
  return outcome;
}

IsolatedProcess::IsolatedProcess(const std::function<int()>& work, const std::filesystem::path& stderr_file,
                                 const IsolationLimits& limits)
    : start_(Clock::now()), limits_(limits), stderr_file_(stderr_file) {
  const int error_fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (error_fd < 0)
    throw Error(stderr_file.string(), 0, std::string("cannot create a worker's message file: ") + std::strerror(errno));
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    enter_child(limits, parent);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(error_fd, STDERR_FILENO);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO), ::dup2(null_fd, STDOUT_FILENO);
    int code = 0;
    try {
      code = work();
    } catch (const std::exception& error) {
      // The same words and status as the command would give for this input.
      const std::string message = std::string("reissue: ") + error.what() + "\n";
      write_all(STDERR_FILENO, message.data(), message.size());
      code = to_int(exit_status_for(error));
    }
    ::_exit(code);  // no destructors or atexit handlers of the parent's state
  }
  const int saved = errno;
  ::close(error_fd);
  if (null_fd >= 0) ::close(null_fd);
  if (pid_ < 0) throw Error("batch", 0, std::string("cannot start a worker: ") + std::strerror(saved));
}

double IsolatedProcess::seconds_left(Clock::time_point now) const {
  return limits_.seconds - std::chrono::duration<double>(now - start_).count();
}

void IsolatedProcess::kill(bool timed_out) {
  timed_out_ = timed_out_ || timed_out;
  ::kill(pid_, SIGKILL);
}

IsolatedOutcome IsolatedProcess::outcome(int wait_status, const rusage& usage) const {
  IsolatedOutcome outcome = outcome_of(wait_status, timed_out_, limits_);
  outcome.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  outcome.peak_memory_kib = usage.ru_maxrss;
  if (outcome.status == IsolatedOutcome::Status::failed) {
    if (outcome.exit_code == 127) {
      outcome.message = "the worker could not be started (the program is missing, or the memory limit of " +
                        std::to_string(limits_.memory_bytes >> 20) + " MiB is too low for it to load)";
    } else if (std::string last = last_line_of(stderr_file_); !last.empty()) {
      outcome.message = std::move(last);
    }
  }
  return outcome;
}

void watch_interruptions() {
  struct sigaction action {};
  action.sa_handler = remember_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);
}

int interruption_signal() { return interrupting_signal; }

}  // namespace reissue
