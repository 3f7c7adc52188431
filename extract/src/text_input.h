// Text input: bytes -> Unicode -> printed lines with page breaks.
#pragma once

#include "line.h"

#include <string>
#include <string_view>

namespace reissue::extract {

struct DecodedText {
  std::string utf8;
  std::string encoding;  // what was used: "UTF-8", "UTF-8 (BOM)", "GB18030", ...
};

// `encoding` empty: BOM, else strict UTF-8, else GB18030. Throws ReadError
// naming the byte offset when the bytes are not text in that encoding.
DecodedText decode_text(std::string_view bytes, const std::string& name,
                        const std::string& encoding);

// Splits into non-blank lines (CRLF, CR and LF all end a line). A form feed, or
// a run of blank lines longer than the usual separator, is a page break.
std::vector<Line> split_lines(const std::string& utf8);

}  // namespace reissue::extract
