#include "reissue/error.h"

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

}  // namespace reissue
