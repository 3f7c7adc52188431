// The DOCX source: a WordprocessingML package (libzip, libxml2) read into
// lines without geometry, one a paragraph (a manual line break starts a new
// one), each with the evidence its styles and direct formatting give (bold,
// centred, size, indent, heading level), hyperlink targets, and figures
// (JPEG and PNG images) in reading order. docs/extract.md, "DOCX input".
#pragma once

#include "docx_package.h"
#include "reissue/extract_source.h"

#include <string>
#include <string_view>

namespace reissue::extract {

struct DocxLimits {
  PackageLimits package;
  std::size_t max_text = 16u * 1024 * 1024;  // characters of text kept, as for a text input
};

// Throws ReadError naming `name` (and the part) when the bytes are not a
// readable ZIP, not a Word document, or break a limit.
SourceDocument docx_source(std::string_view bytes, const std::string& name, const DocxLimits& limits = {});

}  // namespace reissue::extract
