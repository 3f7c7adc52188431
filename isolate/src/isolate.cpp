#include "reissue/isolate.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <new>

namespace reissue {

namespace {

// Frames: a 1-byte kind ('P' part, 'E' error), an 8-byte length, the bytes.
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

bool under_address_sanitizer() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#else
  return false;
#endif
}

[[noreturn]] void run_child(int fd, const std::function<std::vector<std::string>()>& work,
                            const std::function<int(const std::exception&)>& exit_code_for,
                            const IsolationLimits& limits) {
  // AddressSanitizer reserves terabytes of address space: no limit under it.
  if (!under_address_sanitizer()) {
    const rlimit memory{limits.memory_bytes, limits.memory_bytes};
    ::setrlimit(RLIMIT_AS, &memory);
  }
  const auto cpu = static_cast<rlim_t>(limits.seconds) + 2;  // backstop to the parent's clock
  const rlimit cpu_limit{cpu, cpu + 1};
  ::setrlimit(RLIMIT_CPU, &cpu_limit);
  int code = 0;
  try {
    for (const std::string& part : work()) write_frame(fd, 'P', part);
  } catch (const std::bad_alloc&) {
    write_frame(fd, 'M', "ran out of memory (the limit is " + std::to_string(limits.memory_bytes >> 20) + " MiB)");
    code = 99;
  } catch (const std::exception& error) {
    write_frame(fd, 'E', error.what());
    code = exit_code_for(error);
    if (code == 0) code = 1;
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
    default: return "signal " + std::to_string(signal);
  }
}

}  // namespace

IsolatedOutcome run_isolated(const std::function<std::vector<std::string>()>& work,
                             const std::function<int(const std::exception&)>& exit_code_for,
                             const IsolationLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  IsolatedOutcome outcome;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    outcome.status = IsolatedOutcome::Status::failed;
    outcome.exit_code = 3;
    outcome.message = std::string("cannot create a pipe: ") + std::strerror(errno);
    return outcome;
  }
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    outcome.status = IsolatedOutcome::Status::failed;
    outcome.exit_code = 3;
    outcome.message = std::string("cannot start a child process: ") + std::strerror(errno);
    return outcome;
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(fds[1], work, exit_code_for, limits);
  }
  ::close(fds[1]);
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);

  std::string received;
  bool timed_out = false;
  const auto deadline = start + std::chrono::duration<double>(limits.seconds);
  char buffer[65536];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
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
  if (timed_out) ::kill(child, SIGKILL);
  ::close(fds[0]);
  int status = 0;
  rusage usage{};
  while (::wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  outcome.peak_memory_kib = usage.ru_maxrss;

  // Unframe what arrived.
  std::string error;
  char error_kind = 0;
  for (size_t at = 0; at + 9 <= received.size();) {
    const char kind = received[at];
    uint64_t length;
    std::memcpy(&length, received.data() + at + 1, sizeof length);
    if (at + 9 + length > received.size()) break;
    std::string bytes = received.substr(at + 9, length);
    at += 9 + length;
    if (kind == 'P') outcome.parts.push_back(std::move(bytes));
    else error = std::move(bytes), error_kind = kind;
  }
  if (timed_out) {
    outcome.status = IsolatedOutcome::Status::timed_out;
    outcome.message = "timed out after " + std::to_string(static_cast<int>(limits.seconds)) + " s";
  } else if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    outcome.signal = signal;
    outcome.status = signal == SIGXCPU ? IsolatedOutcome::Status::timed_out : IsolatedOutcome::Status::crashed;
    outcome.message = signal == SIGXCPU ? "used more CPU time than allowed" : "crashed (" + signal_name(signal) + ")";
  } else if (error_kind == 'M') {
    outcome.status = IsolatedOutcome::Status::out_of_memory;
    outcome.message = error;
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    outcome.status = IsolatedOutcome::Status::failed;
    outcome.exit_code = WEXITSTATUS(status);
    outcome.message = error.empty() ? "failed with exit status " + std::to_string(outcome.exit_code) : error;
  }
  if (outcome.status != IsolatedOutcome::Status::ok) outcome.parts.clear();
  return outcome;
}

}  // namespace reissue
