// Errors that cross library boundaries, and the one table of exit statuses
// every command returns and the batch report records (README, "Exit status").
// Libraries throw these (never print or exit); the CLI turns them into
// "file:line: message" and exit_status_for(error).
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace reissue {

// The exit statuses of `reissue`. Values are part of the public contract:
// never renumber them.
enum class ExitStatus : int {
  ok = 0,
  invalid = 1,        // the content breaks the format's rules / the recovered structure contradicts itself
  cannot_read = 2,    // an input is missing, unreadable, too large, damaged, encrypted, of the wrong kind
  internal = 3,       // a defect in reissue itself
  no_text_layer = 4,  // a PDF whose pages carry no text (a scan) or text that does not decode
  aborted = 5,        // the work crashed, hung or ran out of memory (isolated: the input is the culprit)
  usage = 6,          // the command line is wrong (unknown command or option, bad value)
  cannot_write = 7,   // an output could not be written (permissions, disk full, not a file)
  interrupted = 130,  // stopped by SIGINT (128 + 2); SIGTERM gives 143 (128 + 15)
};

inline int to_int(ExitStatus status) { return static_cast<int>(status); }

// One line saying what an exit status means, for reports ("input invalid").
const char* describe(ExitStatus status);

class Error : public std::runtime_error {
 public:
  // line 0 means "no particular line".
  Error(std::string file, int line, const std::string& message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& message() const { return message_; }
  virtual ExitStatus status() const { return ExitStatus::invalid; }

 private:
  std::string file_;
  int line_;
  std::string message_;
};

// The input could not be read at all (missing, unreadable, too large, not the
// expected kind of file).
class ReadError : public Error {
 public:
  using Error::Error;
  ExitStatus status() const override { return ExitStatus::cannot_read; }
};

// An output could not be written (or would replace something that is not a
// regular file). Never the input's fault.
class WriteError : public Error {
 public:
  using Error::Error;
  ExitStatus status() const override { return ExitStatus::cannot_write; }
};

// The command line asks for something impossible (a bad --shard, two options
// that exclude each other).
class UsageError : public Error {
 public:
  using Error::Error;
  ExitStatus status() const override { return ExitStatus::usage; }
};

// Memory ran out where a library checks for it itself (a font loader, an
// image decoder): the same status as std::bad_alloc.
class OutOfMemory : public Error {
 public:
  using Error::Error;
  ExitStatus status() const override { return ExitStatus::aborted; }
};

// Something that cannot happen with a sound installation went wrong (ICU
// cannot normalize, the built-in schema does not compile, zlib fails): a
// defect or a broken installation, not the input's fault.
class InternalError : public Error {
 public:
  InternalError(const std::string& what, const std::string& message) : Error(what, 0, message) {}
  ExitStatus status() const override { return ExitStatus::internal; }
};

// The exit status for anything a library threw: its own errors say theirs,
// std::bad_alloc is `aborted` (out of memory), anything else is `internal`.
ExitStatus exit_status_for(const std::exception& error);

// "file:line: message", or "file: message" when line is 0.
std::string format_location(const std::string& file, int line, const std::string& message);

}  // namespace reissue
