#include "reissue/error.h"

#include <new>

namespace reissue {

std::string format_location(const std::string& file, int line, const std::string& message) {
  std::string out;
  out.reserve(file.size() + message.size() + 16);
  out.append(file);
  if (line > 0) {
    out.push_back(':');
    out.append(std::to_string(line));
  }
  out.append(": ");
  out.append(message);
  return out;
}

Error::Error(std::string file, int line, const std::string& message)
    : std::runtime_error(format_location(file, line, message)),
      file_(std::move(file)),
      line_(line),
      message_(message) {}

const char* describe(ExitStatus status) {
  switch (status) {
    case ExitStatus::ok: return "success";
    case ExitStatus::invalid: return "input invalid";
    case ExitStatus::cannot_read: return "input could not be read";
    case ExitStatus::internal: return "internal error";
    case ExitStatus::no_text_layer: return "PDF without a text layer that can be trusted";
    case ExitStatus::aborted: return "crashed, hung or ran out of memory";
    case ExitStatus::usage: return "usage error";
    case ExitStatus::cannot_write: return "output could not be written";
    case ExitStatus::interrupted: return "interrupted";
  }
  return "unknown";
}

ExitStatus exit_status_for(const std::exception& error) {
  if (const auto* ours = dynamic_cast<const Error*>(&error)) return ours->status();
  if (dynamic_cast<const std::bad_alloc*>(&error)) return ExitStatus::aborted;
  return ExitStatus::internal;
}

}  // namespace reissue
