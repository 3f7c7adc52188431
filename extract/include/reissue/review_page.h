// The archivist's review page: one self-contained HTML file that shows each
// page of the original beside the recovered issue, block by block, with every
// review decision in place. Its DOM contract is docs/review-page.md.
#pragma once

#include "reissue/extract.h"
#include "reissue/issue.h"

#include <string>
#include <string_view>

namespace reissue {

struct ReviewPageOptions {
  // PDF input: resolution of the page pictures (JPEG). 80 dpi shows an A4
  // page 660 px wide, readable beside the text on a laptop screen.
  double dpi = 80;
  // Pages rendered at once; 0: one per core (at most 8).
  int threads = 0;
  // The issue is a hand-corrected issue.xml: its parts without provenance
  // were changed by hand, and the page says so.
  bool corrected = false;
  // Text input: the encoding extraction was given (ICU name); empty: detect.
  std::string encoding;
  // The input's name as shown (the file name); empty: report.input.
  std::string display_name;
};

// The page for `issue` extracted from `input_bytes` (the original PDF or
// text) with `report`. Everything is inline (pictures as data: URIs, style,
// script) under a Content-Security-Policy that forbids any request. Text from
// the archive is escaped, invalid UTF-8 replaced by U+FFFD. Expects the
// extraction to have run in this process (it sets up Poppler). Throws
// ReadError naming the input when its bytes cannot be read again.
std::string review_page_html(const Issue& issue, const ExtractReport& report, std::string_view input_bytes,
                             const ReviewPageOptions& options = {});

}  // namespace reissue
