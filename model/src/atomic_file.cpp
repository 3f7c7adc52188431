#include "reissue/atomic_file.h"

#include "reissue/error.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace reissue {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int error) { return std::strerror(error); }

// Holds SIGINT, SIGTERM, SIGHUP and SIGQUIT in this thread while temporaries
// exist; a signal that arrives meanwhile is delivered when they are gone.
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t held;
    sigemptyset(&held);
    for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&held, signal);
    pthread_sigmask(SIG_BLOCK, &held, &previous_);
  }
  ~SignalsHeld() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t previous_;
};

mode_t default_mode(mode_t full) {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return full & ~mask;
}

void write_all(int fd, std::string_view content, const std::string& shown) {
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw WriteError(shown, 0, "cannot write: " + errno_text(errno));
    }
    written += static_cast<size_t>(n);
  }
}

// Where an output path leads once symbolic links are followed.
struct OutputTarget {
  OutputKind kind = OutputKind::file;
  fs::path path;       // file: the real file to create or replace; stream: what to open
  bool exists = false;  // file: replacing an existing one
  struct stat status {};
};

OutputTarget resolve_output(const fs::path& requested) {
  const std::string shown = requested.string();
  if (requested == "-") return {OutputKind::stream, requested};
  fs::path path = requested;
  for (int hops = 0; hops < 40; ++hops) {
    OutputTarget target;
    target.path = path;
    if (::lstat(path.c_str(), &target.status) != 0) {
      if (errno == ENOENT) return target;
      throw WriteError(shown, 0, "cannot write here: " + errno_text(errno));
    }
    const mode_t type = target.status.st_mode & S_IFMT;
    if (type == S_IFLNK) {
      std::vector<char> buffer(PATH_MAX + 1);
      const ssize_t length = ::readlink(path.c_str(), buffer.data(), buffer.size() - 1);
      if (length < 0) throw WriteError(shown, 0, "cannot read the link: " + errno_text(errno));
      const fs::path link(std::string(buffer.data(), static_cast<size_t>(length)));
      // /dev/stdout and /dev/fd/N lead into /proc: an open stream of this
      // process, whatever it is (a pipe, a terminal, a redirected file).
      if (link.string().starts_with("/proc/") || path.string().starts_with("/proc/"))
        return {OutputKind::stream, requested};
      path = link.is_absolute() ? link : path.parent_path() / link;
      continue;
    }
    if (type == S_IFREG) {
      target.exists = true;
      return target;
    }
    if (type == S_IFCHR || type == S_IFIFO) return {OutputKind::stream, path};
    if (type == S_IFDIR) throw WriteError(shown, 0, "is a folder; name a file to write");
    throw WriteError(shown, 0, std::string("is a ") + (type == S_IFSOCK ? "socket" : "block device") +
                                   ", not a regular file; refusing to replace it");
  }
  throw WriteError(shown, 0, "has too many levels of symbolic links");
}

void write_through(const OutputTarget& target, std::string_view content, const std::string& shown) {
  if (target.path == "-") {
    write_all(STDOUT_FILENO, content, "standard output");
    return;
  }
  // A redirected stdout reached through /dev/stdout may be a regular file
  // opened for appending: append rather than overwrite what the shell set up.
  struct stat status {};
  const bool regular = ::stat(target.path.c_str(), &status) == 0 && S_ISREG(status.st_mode);
  const int fd = ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | (regular ? O_APPEND : 0));
  if (fd < 0) throw WriteError(shown, 0, "cannot open for writing: " + errno_text(errno));
  try {
    write_all(fd, content, shown);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0 && errno != EINTR) throw WriteError(shown, 0, "cannot write: " + errno_text(errno));
}

// A temporary file beside `target`, removed unless committed.
class TemporaryFile {
 public:
  TemporaryFile(const fs::path& target, const std::string& shown) : shown_(shown) {
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string pattern = (directory / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0)
      throw WriteError(shown, 0, "cannot create a file in " + directory.string() + ": " + errno_text(errno));
    path_ = name.data();
  }
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  int fd() const { return fd_; }
  void fail(const char* what) const { throw WriteError(shown_, 0, std::string(what) + ": " + errno_text(errno)); }
  void commit(const fs::path& target) {
    if (::fsync(fd_) != 0) fail("cannot flush to disk");
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("cannot write");
    if (::rename(path_.c_str(), target.c_str()) != 0) fail("cannot put the file in place");
    path_.clear();
  }

 private:
  std::string shown_;
  fs::path path_;
  int fd_ = -1;
};

void replace_regular_file(const OutputTarget& target, std::string_view content, const std::string& shown) {
  // Replacing takes only the folder's permission; a file its owner made
  // read-only, or that is not ours to write, stays as it is.
  if (target.exists && ::access(target.path.c_str(), W_OK) != 0)
    throw WriteError(shown, 0, "is read-only or not yours to write (" + errno_text(errno) +
                                   "); refusing to replace it: name another file");
  SignalsHeld held;
  TemporaryFile temporary(target.path, shown);
  write_all(temporary.fd(), content, shown);
  // Files made by mkstemp are 0600; keep a replaced file's permissions (and,
  // where allowed, its owner), give a new one the usual umask ones.
  const mode_t mode = target.exists ? target.status.st_mode & 07777 : default_mode(0666);
  if (::fchmod(temporary.fd(), mode) != 0) temporary.fail("cannot set permissions");
  if (target.exists && (target.status.st_uid != ::geteuid() || target.status.st_gid != ::getegid())) {
    if (::fchown(temporary.fd(), target.status.st_uid, target.status.st_gid) != 0) {
      // Only root may give a file away: the new file is then ours.
    }
  }
  temporary.commit(target.path);
}

// A relative name that stays inside its folder: no "..", ".", empty parts or
// leading "/".
bool stays_inside(const std::string& name) {
  if (name.empty() || name.front() == '/') return false;
  size_t start = 0;
  while (start <= name.size()) {
    const size_t end = std::min(name.find('/', start), name.size());
    const std::string_view part(name.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

void write_file_in(const fs::path& file, std::string_view content, const std::string& shown) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, default_mode(0666));
  if (fd < 0) throw WriteError(shown, 0, "cannot create " + file.filename().string() + ": " + errno_text(errno));
  try {
    write_all(fd, content, shown);
    if (::fsync(fd) != 0) throw WriteError(shown, 0, "cannot flush to disk: " + errno_text(errno));
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw WriteError(shown, 0, "cannot write: " + errno_text(errno));
}

}  // namespace

OutputKind output_kind(const fs::path& path) { return resolve_output(path).kind; }

bool discards_output(const fs::path& path) {
  struct stat target {}, null {};
  return !path.empty() && path != "-" && ::stat(path.c_str(), &target) == 0 && ::stat("/dev/null", &null) == 0 &&
         S_ISCHR(target.st_mode) && target.st_rdev == null.st_rdev;
}

void write_file_atomically(const fs::path& path, std::string_view content) {
  const std::string shown = path == "-" ? "standard output" : path.string();
  const OutputTarget target = resolve_output(path);
  if (target.kind == OutputKind::stream) write_through(target, content, shown);
  else replace_regular_file(target, content, shown);
}

namespace {

// The folder a path names, links followed, "dir/" and "." made explicit.
fs::path real_folder(const fs::path& requested, const std::string& shown) {
  std::error_code error;
  fs::path directory = fs::absolute(requested, error).lexically_normal();
  if (!directory.has_filename()) directory = directory.parent_path();
  // A link to a folder is followed: the folder it names is replaced.
  if (fs::is_symlink(fs::symlink_status(directory, error))) {
    directory = fs::canonical(directory, error);
    if (error) throw WriteError(shown, 0, "cannot follow the link: " + error.message());
  }
  return directory;
}

// Whether an existing folder may be replaced; throws when it is something else.
bool check_replaceable(const fs::path& directory, const FolderCheck& replaceable, const std::string& shown) {
  std::error_code error;
  const fs::file_status existing = fs::status(directory, error);
  if (!fs::exists(existing)) return false;
  if (!fs::is_directory(existing)) throw WriteError(shown, 0, "exists and is not a folder; refusing to replace it");
  if (fs::is_empty(directory, error) || !replaceable) return true;
  if (const std::string foreign = replaceable(directory); !foreign.empty())
    throw WriteError(shown, 0,
                     "exists and holds what reissue did not make (" + foreign +
                         "); refusing to replace it: name another folder, or move that away");
  return true;
}

}  // namespace

void check_directory_output(const fs::path& requested, const FolderCheck& replaceable) {
  const std::string shown = requested.string();
  check_replaceable(real_folder(requested, shown), replaceable, shown);
}

void remove_directory_output(const fs::path& requested, const FolderCheck& replaceable) {
  const std::string shown = requested.string();
  const fs::path directory = real_folder(requested, shown);
  if (!check_replaceable(directory, replaceable, shown)) return;
  std::error_code error;
  fs::remove_all(directory, error);
  if (error) throw WriteError(shown, 0, "cannot remove the old folder: " + error.message());
}

void write_directory_atomically(const fs::path& requested,
                                const std::vector<std::pair<std::string, std::string>>& files,
                                const FolderCheck& replaceable) {
  const std::string shown = requested.string();
  for (const auto& [name, content] : files)
    if (!stays_inside(name)) throw WriteError(shown, 0, "refusing to write \"" + name + "\" outside the folder");
  const fs::path directory = real_folder(requested, shown);
  const bool replacing = check_replaceable(directory, replaceable, shown);
  std::error_code error;
  const fs::file_status existing = fs::status(directory, error);

  SignalsHeld held;
  const fs::path parent = directory.has_parent_path() ? directory.parent_path() : fs::path(".");
  std::string temporary_name;
  for (int attempt = 0; temporary_name.empty(); ++attempt) {
    fs::create_directories(parent, error);
    if (error) throw WriteError(shown, 0, "cannot create the folder " + parent.string() + ": " + error.message());
    std::string pattern = (parent / ("." + directory.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (::mkdtemp(name.data())) temporary_name = name.data();
    // ENOENT: a concurrent run removed the (empty) parent; make it again.
    else if (errno != ENOENT || attempt >= 5)
      throw WriteError(shown, 0, "cannot create a folder in " + parent.string() + ": " + errno_text(errno));
  }
  const fs::path temporary(temporary_name);
  try {
    const mode_t mode = replacing ? static_cast<mode_t>(existing.permissions()) : default_mode(0777);
    if (::chmod(temporary.c_str(), mode) != 0)
      throw WriteError(shown, 0, "cannot set permissions: " + errno_text(errno));
    for (const auto& [name, content] : files) {
      const fs::path file = temporary / name;
      fs::create_directories(file.parent_path(), error);
      if (error) throw WriteError(shown, 0, "cannot create a folder: " + error.message());
      write_file_in(file, content, shown);
    }
    // An existing folder is exchanged with the new one in one step
    // (renameat2 RENAME_EXCHANGE), so that it is never missing; the old one is
    // removed afterwards. A folder that appeared meanwhile is exchanged too.
    bool placed = false;
    if (!replacing) {
      placed = ::rename(temporary.c_str(), directory.c_str()) == 0;
      if (!placed && errno != ENOTEMPTY && errno != EEXIST)
        throw WriteError(shown, 0, "cannot put the folder in place: " + errno_text(errno));
    }
    if (!placed && ::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, directory.c_str(), RENAME_EXCHANGE) != 0)
      throw WriteError(shown, 0, "cannot put the folder in place: " + errno_text(errno));
    fs::remove_all(temporary, error);  // the old folder, after an exchange
  } catch (...) {
    fs::remove_all(temporary, error);
    throw;
  }
}

std::string input_display_name(const fs::path& path) {
  if (path.empty()) return "\"\" (an empty file name)";
  return path == "-" ? "standard input" : path.string();
}

std::string human_size(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (std::size_t{1} << 20)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
    return text;
  }
  if (bytes >= 1024) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string read_file_limited(const fs::path& path, const LimitForHead& limit_for) {
  const bool standard_input = path == "-";
  const std::string shown = input_display_name(path);
  const int fd = standard_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw ReadError(shown, 0, errno == ENOENT ? std::string("does not exist") : "cannot open: " + errno_text(errno));
  struct Closer {
    int fd;
    bool close;
    ~Closer() {
      if (close) ::close(fd);
    }
  } closer{fd, !standard_input};
  struct stat status {};
  if (::fstat(fd, &status) != 0) throw ReadError(shown, 0, "cannot read: " + errno_text(errno));
  if (S_ISDIR(status.st_mode)) throw ReadError(shown, 0, "is a folder, not a file");
  std::string content;
  const auto read_some = [&](std::size_t most) {
    char buffer[65536];
    const ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, most));
    if (n < 0 && errno != EINTR) throw ReadError(shown, 0, "cannot read: " + errno_text(errno));
    if (n > 0) content.append(buffer, static_cast<size_t>(n));
    return n != 0;  // false at the end
  };
  // The head tells the kind, and the kind the limit.
  bool more = true;
  while (more && content.size() < 4096) more = read_some(4096 - content.size());
  const InputLimit limit = limit_for(content);
  const std::size_t max_bytes = limit.max_bytes;
  const auto too_large = [&](const std::string& size) {
    return ReadError(shown, 0, "is too large" + (limit.kind.empty() ? std::string() : " for " + limit.kind) + " (" +
                                   size + "; the limit is " + human_size(max_bytes) + ")" +
                                   (limit.advice.empty() ? std::string() : ": " + limit.advice));
  };
  if (S_ISREG(status.st_mode)) {
    const auto size = static_cast<std::size_t>(status.st_size);
    if (size > max_bytes) throw too_large(human_size(size));
    content.reserve(size);
  }
  // Read to the end whatever the kind (a pipe or device has no size; a file
  // may grow while it is read), never holding more than the limit.
  while (more) {
    if (content.size() > max_bytes) throw too_large("more than " + human_size(max_bytes));
    more = read_some(max_bytes + 1 - std::min(content.size(), max_bytes));
  }
  if (content.size() > max_bytes) throw too_large("more than " + human_size(max_bytes));
  return content;
}

std::string read_file_limited(const fs::path& path, std::size_t max_bytes) {
  return read_file_limited(path, [max_bytes](std::string_view) { return InputLimit{max_bytes, "", ""}; });
}

}  // namespace reissue
