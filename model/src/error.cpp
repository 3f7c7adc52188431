#include "reissue/error.h"

namespace reissue {

std::string format_location(const std::string& file, int line, const std::string& message) {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  out += message;
  return out;
}

Error::Error(std::string file, int line, const std::string& message)
    : std::runtime_error(format_location(file, line, message)),
      file_(std::move(file)),
      line_(line),
      message_(message) {}

}  // namespace reissue
