// Paragraph boundaries from layout evidence: a short line, the first-line
// indent (seen in a PDF, inferred from a line 2 em short in text), extra space
// or a font change (PDF), sentence-final punctuation. Paragraphs continue
// across page breaks.
#pragma once

#include "line.h"
#include "review.h"

namespace reissue::extract {

struct LineRange {
  size_t first = 0;
  size_t last = 0;  // inclusive
};

// Splits lines[begin, end) into paragraphs.
std::vector<LineRange> split_paragraphs(const LineSet& set, size_t begin, size_t end,
                                        Review& review);

}  // namespace reissue::extract
