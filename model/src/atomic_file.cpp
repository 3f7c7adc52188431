#include "reissue/atomic_file.h"

#include "reissue/error.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace reissue {

namespace fs = std::filesystem;

void write_file_atomically(const fs::path& path, std::string_view content) {
  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string pattern = (directory / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0)
    throw Error(path.string(), 0, std::string("cannot create output: ") + std::strerror(errno));
  const std::string temp(name.data());
  auto fail = [&](const char* what) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    throw Error(path.string(), 0, std::string(what) + ": " + std::strerror(saved));
  };
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write output");
    }
    written += static_cast<size_t>(n);
  }
  // Files made by mkstemp are 0600; outputs are ordinary documents.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) fail("cannot set permissions");
  if (::fsync(fd) != 0) fail("cannot flush output");
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw Error(path.string(), 0, std::string("cannot write output: ") + std::strerror(saved));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw Error(path.string(), 0, std::string("cannot rename output: ") + std::strerror(saved));
  }
}

void write_directory_atomically(const fs::path& directory,
                                const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path parent = directory.has_parent_path() ? directory.parent_path() : fs::path(".");
  std::string pattern = (parent / ("." + directory.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  if (!::mkdtemp(name.data()))
    throw Error(directory.string(), 0, std::string("cannot create a directory: ") + std::strerror(errno));
  const fs::path temporary(name.data());
  std::error_code ignored;
  try {
    fs::permissions(temporary, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
    for (const auto& [file, content] : files) {
      const fs::path target = temporary / file;
      if (file.empty() || target.lexically_normal().string().rfind(temporary.string(), 0) != 0)
        throw Error(directory.string(), 0, "refusing to write \"" + file + "\" outside the directory");
      fs::create_directories(target.parent_path());
      write_file_atomically(target, content);
    }
    // An existing directory is exchanged with the new one in one step
    // (renameat2 RENAME_EXCHANGE), so that it is never missing; the old one is
    // removed afterwards.
    if (fs::exists(directory)) {
      if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, directory.c_str(), RENAME_EXCHANGE) != 0)
        throw fs::filesystem_error("rename", directory, std::error_code(errno, std::generic_category()));
    } else {
      fs::rename(temporary, directory);
    }
    fs::remove_all(temporary, ignored);  // the old directory, after an exchange
  } catch (const fs::filesystem_error& error) {
    fs::remove_all(temporary, ignored);
    throw Error(directory.string(), 0, std::string("cannot write the directory: ") + error.code().message());
  } catch (...) {
    fs::remove_all(temporary, ignored);
    throw;
  }
}

std::string read_file_limited(const fs::path& path, std::size_t max_bytes) {
  std::error_code error;
  if (fs::is_directory(path, error)) throw ReadError(path.string(), 0, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReadError(path.string(), 0, std::string("cannot open: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(in.tellg());
  if (size > max_bytes)
    throw ReadError(path.string(), 0,
                    "file is too large (" + std::to_string(size / (1024 * 1024)) +
                        " MiB; the limit is " + std::to_string(max_bytes / (1024 * 1024)) +
                        " MiB)");
  in.seekg(0, std::ios::beg);
  std::string content(size, '\0');
  if (size > 0 && !in.read(content.data(), static_cast<std::streamsize>(size)))
    throw ReadError(path.string(), 0, "cannot read file");
  return content;
}

}  // namespace reissue
