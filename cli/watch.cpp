#include "watch.h"

#include "reissue/error.h"
#include "reissue/isolate.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace reissue::cli {

namespace fs = std::filesystem;

namespace {

// A save in place (close after write, or a write by a tool that keeps the
// file open), by rename (moved to), by a new file, or the file removed.
constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB;
// How often a blocked wait looks at the interruption flag: a signal that
// arrives just before poll() would otherwise wait for the next save.
constexpr int kSignalCheckMs = 200;

}  // namespace

FileWatcher::FileWatcher() : fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
  if (fd_ < 0) throw Error("--watch", 0, std::string("cannot watch files (inotify): ") + std::strerror(errno));
}

FileWatcher::~FileWatcher() { ::close(fd_); }

void FileWatcher::watch(const std::vector<fs::path>& files) {
  std::map<fs::path, std::set<std::string>> names;
  for (const fs::path& file : files) {
    const fs::path absolute = fs::absolute(file).lexically_normal();
    names[absolute.parent_path()].insert(absolute.filename().string());
  }
  for (auto it = folders_.begin(); it != folders_.end();) {
    if (names.count(it->second)) {
      ++it;
      continue;
    }
    ::inotify_rm_watch(fd_, it->first);
    it = folders_.erase(it);
  }
  for (const auto& [folder, unused] : names) {
    const int wd = ::inotify_add_watch(fd_, folder.c_str(), kEvents);
    if (wd < 0)
      throw ReadError(folder.string(), 0, std::string("cannot watch this folder: ") + std::strerror(errno));
    folders_[wd] = folder;
  }
  names_ = std::move(names);
}

FileWatcher::Pending FileWatcher::next_events(int timeout_ms) {
  pollfd poller{fd_, POLLIN, 0};
  if (interruption_signal() || ::poll(&poller, 1, timeout_ms) <= 0) return Pending::nothing;
  alignas(inotify_event) char buffer[16 * 1024];
  bool wanted = false;
  for (ssize_t size; (size = ::read(fd_, buffer, sizeof buffer)) > 0;) {
    for (ssize_t at = 0; at < size;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      const auto folder = folders_.find(event->wd);
      if (event->len == 0 || folder == folders_.end()) continue;
      const auto names = names_.find(folder->second);
      wanted = wanted || (names != names_.end() && names->second.count(event->name));
    }
  }
  return wanted ? Pending::wanted : Pending::other;
}

bool FileWatcher::wait_for_change(std::chrono::milliseconds quiet) {
  while (next_events(kSignalCheckMs) != Pending::wanted)
    if (interruption_signal()) return false;
  // Debounce: wait until the folders have been quiet for `quiet`.
  while (next_events(static_cast<int>(quiet.count())) != Pending::nothing) {
  }
  return !interruption_signal();
}

}  // namespace reissue::cli
