// The Poppler source: each page's words with their boxes, fonts and colours,
// its embedded images and its URI link annotations, collected in one pass
// over the page and analysed by nothing here.
#pragma once

#include "reissue/extract_source.h"

#include <string>
#include <string_view>

namespace reissue::extract {

struct PdfLimits {
  int max_pages = 2000;
  bool extract_images = true;
};

// Throws ReadError for what cannot be read: not a PDF, damaged beyond repair,
// encrypted with a user password, no pages.
SourceDocument read_pdf(std::string_view bytes, const std::string& name, const PdfLimits& limits = {});

}  // namespace reissue::extract
