// From PDF geometry to the common lines: the body text's size, margins and
// leading are measured over the document, then each line gets its indent, its
// room before the right margin, its size relative to the body, extra space
// above it, and the links that touch it. Figures become image lines in reading
// order.
#pragma once

#include "line.h"
#include "pdf_source.h"

namespace reissue::extract {

struct PdfLayoutStats {
  double body_size = 0;
  double left_margin = 0, right_margin = 0;
  double leading = 0;
};

// `images` receives the figures, in the order their image lines refer to them.
LineSet lines_from_pdf(const PdfContent& content, std::vector<const PdfImage*>& images,
                       PdfLayoutStats* stats = nullptr);

}  // namespace reissue::extract
