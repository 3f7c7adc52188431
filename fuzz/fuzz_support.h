// Shared by the fuzz targets (fuzz/README.md).
//
// The rule every target follows: reissue::Error (and what derives from it) is
// the libraries' way of refusing an input, so it is caught and the input is
// done. Any other exception is a finding: it is left to escape, the C++ runtime
// calls std::terminate, and libFuzzer (or the replay) reports the abort with the
// exception's type, what() and the stack of the throw.
#pragma once

#include "reissue/error.h"
#include "reissue/issue.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace reissue::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A property the code under test broke (not a crash): prints and aborts, so
// that libFuzzer saves the input like any other crash.
[[noreturn]] void fail(const std::string& what);

// An input the libraries refused: fine, unless they called it an internal
// error (InternalError: a defect, exit 3), which is a finding like a crash.
void refused(const Error& error);

// fuzz/images: fig.png and fig.jpg, which issue inputs may use as figures.
std::filesystem::path image_folder();

// A small issue using every kind of block, typeset with fuzzed style sheets.
const Issue& small_issue();

// Reads values from the fuzzer's bytes; zeros once they run out, so every
// input, however short, decides a complete value.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return position_ >= size_; }
  uint8_t byte() { return position_ < size_ ? data_[position_++] : 0; }
  // 0..count-1 (count > 0).
  size_t pick(size_t count) { return count <= 256 ? byte() % count : two_bytes() % count; }
  // Sequenced on purpose: the order in which the operands of one expression
  // are evaluated is unspecified, and g++ (the replay) and clang (the fuzzer)
  // must read the same value from the same bytes. Callers keep to one read
  // per expression for the same reason.
  unsigned two_bytes() {
    const unsigned high = byte();
    return high << 8 | byte();
  }
  bool flag() { return byte() & 1; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t position_ = 0;
};

}  // namespace reissue::fuzz
