// The text source: bytes -> Unicode -> pages of printed lines (no geometry).
#pragma once

#include "reissue/extract_source.h"

#include <string>
#include <string_view>

namespace reissue::extract {

struct DecodedText {
  // A UTF-8 input is used where it lies (no copy of a large input); other
  // encodings are converted.
  std::string_view original;
  std::string converted;
  bool was_converted = false;
  std::string encoding;  // what was used: "UTF-8", "UTF-8 (BOM)", "GB18030", ...
  std::string_view utf8() const { return was_converted ? std::string_view(converted) : original; }
};

// `encoding` empty: BOM, else strict UTF-8, else GB18030. Throws ReadError
// naming the byte offset when the bytes are not text in that encoding. The
// result may refer to `bytes`.
DecodedText decode_text(std::string_view bytes, const std::string& name,
                        const std::string& encoding);

// Splits into pages of non-blank lines (CRLF, CR and LF all end a line). A form
// feed, or a run of blank lines longer than the usual separator, is a page
// break. Memory: the lines and their text (4 bytes a character), nothing else
// the size of the input. Throws ReadError naming `name` when no line holds
// anything but white space and control characters.
SourceDocument text_source(std::string_view utf8, const std::string& name);

}  // namespace reissue::extract
