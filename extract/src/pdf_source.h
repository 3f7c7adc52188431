// The Poppler source: each page's words with their boxes, fonts and colours,
// its embedded images and its URI link annotations, collected in one pass
// over the page and analysed by nothing here.
#pragma once

#include "page_images.h"
#include "reissue/extract_source.h"

#include <string>
#include <string_view>
#include <vector>

namespace reissue::extract {

struct PdfLimits {
  int max_pages = 2000;
  bool extract_images = true;
  // Recover text from installed fonts when a PDF's fonts have no map to
  // Unicode (font_recovery.h); off: judge the text layer as the PDF has it.
  bool recover_fonts = true;
  // Tests only: distrust the PDF's ToUnicode maps, to check recovery against them.
  bool ignore_to_unicode = false;
};

// Throws ReadError for what cannot be read: not a PDF, damaged beyond repair,
// encrypted with a user password, no pages. A page whose text layer cannot be
// trusted (text_layer.h) comes back marked `unreadable`, without its runs.
// Runs read_pdf_with_poppler in the PDF module (pdf_module.h); throws
// InternalError when the module cannot be loaded.
SourceDocument read_pdf(std::string_view bytes, const std::string& name, const PdfLimits& limits = {});
// The reading itself, in the module (pdf_source.cpp).
SourceDocument read_pdf_with_poppler(std::string_view bytes, const std::string& name, const PdfLimits& limits);
// render_page_images_with_poppler (page_images.h) with Poppler's globals set
// up, as reading does: what the module's render_pages runs.
std::vector<PageImage> render_pdf_page_images(std::string_view pdf, const std::string& name, double dpi, int threads);

}  // namespace reissue::extract
