// Errors that cross library boundaries. Libraries throw these (never print or
// exit); the CLI turns them into "file:line: message" and an exit status.
#pragma once

#include <stdexcept>
#include <string>

namespace reissue {

class Error : public std::runtime_error {
 public:
  // line 0 means "no particular line".
  Error(std::string file, int line, const std::string& message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  std::string message_;
};

// The input could not be read at all (missing, unreadable, too large, not the
// expected kind of file). Distinct from content problems so the CLI can report
// exit status 2.
class ReadError : public Error {
 public:
  using Error::Error;
};

// "file:line: message", or "file: message" when line is 0.
std::string format_location(const std::string& file, int line, const std::string& message);

}  // namespace reissue
