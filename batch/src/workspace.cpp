#include "workspace.h"

#include "reissue/error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace reissue::batch {

namespace fs = std::filesystem;

namespace {

std::string lock_name(int shard, int shards) {
  return "shard-" + std::to_string(shard) + "-of-" + std::to_string(shards);
}

// Opens and locks `lock`, or returns -1 when another process holds it. The
// holder unlinks the file before it lets go (so that no lock file outlives
// the run), hence the check that the locked file is still the one at the
// path; otherwise open again.
int take_lock(const fs::path& lock, const std::string& shown) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::error_code error;
    fs::create_directories(lock.parent_path(), error);  // again, if another run removed it
    if (error) throw WriteError(shown, 0, "cannot write into the output folder: " + error.message());
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      if (errno == ENOENT) continue;
      throw WriteError(shown, 0, std::string("cannot write into the output folder: ") + std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return -1 - fd;  // held: the caller reads who holds it
    struct stat locked {}, named {};
    if (::fstat(fd, &locked) == 0 && ::stat(lock.c_str(), &named) == 0 && locked.st_ino == named.st_ino &&
        locked.st_dev == named.st_dev)
      return fd;
    ::close(fd);  // unlinked by its last holder meanwhile
  }
  throw WriteError(shown, 0, "cannot take the shard's lock file " + lock.string());
}

}  // namespace

ShardWorkspace::ShardWorkspace(const fs::path& output_root, int shard, int shards) {
  const std::string name = lock_name(shard, shards);
  const fs::path work = output_root / ".reissue-work";
  lock_ = work / (name + ".lock");
  const int fd = take_lock(lock_, output_root.string());
  if (fd < 0) {
    const int held = -1 - fd;
    char holder[256] = {};
    [[maybe_unused]] const ssize_t n = ::pread(held, holder, sizeof holder - 1, 0);
    ::close(held);
    const std::string who = shards > 1 ? "shard " + std::to_string(shard) + "/" + std::to_string(shards) : "a batch";
    throw UsageError(output_root.string(), 0,
                     who + " is already running into this folder (" + (*holder ? holder : std::string("unknown")) +
                         "); wait for it to finish, or give another output folder");
  }
  lock_fd_ = fd;
  // Who holds it, for the message above.
  char host[128] = {};
  ::gethostname(host, sizeof host - 1);
  const std::string holder = "process " + std::to_string(::getpid()) + " on " + host;
  if (::ftruncate(lock_fd_, 0) == 0) {
    [[maybe_unused]] const ssize_t n = ::pwrite(lock_fd_, holder.data(), holder.size(), 0);
  }
  // What a killed run of this shard left here is this shard's alone.
  folder_ = work / name;
  std::error_code error;
  fs::remove_all(folder_, error);
  fs::create_directories(folder_, error);
  if (error) {
    release();
    throw WriteError(folder_.string(), 0, "cannot create the work folder: " + error.message());
  }
}

ShardWorkspace::~ShardWorkspace() { release(); }

bool shard_running(const fs::path& output_root, int shard, int shards, std::string* holder) {
  const fs::path lock = output_root / ".reissue-work" / (lock_name(shard, shards) + ".lock");
  const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  if (held && holder) {
    char text[256] = {};
    if (::pread(fd, text, sizeof text - 1, 0) > 0) *holder = text;
  }
  ::close(fd);
  return held;
}

void ShardWorkspace::release() {
  std::error_code ignored;
  if (!folder_.empty()) fs::remove_all(folder_, ignored);
  if (lock_fd_ >= 0) {
    ::unlink(lock_.c_str());
    ::close(lock_fd_);
    lock_fd_ = -1;
  }
  // The shared folder goes when no shard uses it any more (rmdir refuses
  // while it holds anything).
  ::rmdir(lock_.parent_path().c_str());
}

}  // namespace reissue::batch
