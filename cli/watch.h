// Waiting for input files to change (`reissue typeset --watch`).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace reissue::cli {

// Watches files through inotify on their folders, not on the files: editors
// save by writing a new file and renaming it over the old one, which a watch
// on the old file's inode would never see.
class FileWatcher {
 public:
  FileWatcher();  // throws Error when inotify is not available
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // The files to watch from now on (folders that no longer hold one are let go).
  void watch(const std::vector<std::filesystem::path>& files);
  // Returns true once a watched file has changed and nothing more happened to
  // any for `quiet` (an editor's save is several events: one re-run);
  // false when SIGINT, SIGTERM or SIGHUP arrived (watch_interruptions).
  bool wait_for_change(std::chrono::milliseconds quiet);

 private:
  enum class Pending { nothing, other, wanted };  // nothing: timed out or interrupted
  Pending next_events(int timeout_ms);
  int fd_ = -1;
  std::map<int, std::filesystem::path> folders_;          // watch descriptor -> folder
  std::map<std::filesystem::path, std::set<std::string>> names_;  // folder -> file names in it
};

}  // namespace reissue::cli
