// Renders an issue as pdftotext would give it back from a hard-wrapped PDF of
// the newsletter: one printed line per text line, first lines indented 2 em
// (the indent itself lost), breaks anywhere (also inside Latin words, numbers
// and URLs) subject to the line-start rule, page breaks, running headers and
// footers. Test input with known content, for the text extractor and the
// benchmark.
#pragma once

#include "reissue/issue.h"

#include <string>

namespace reissue::test {

struct TextLayout {
  double measure = 35;          // full line, in em
  int lines_per_page = 40;      // printed lines per page
  bool form_feed = false;       // page break as \f instead of a run of blank lines
  std::string header;           // running header on every page; "" for none
  bool footer_page_numbers = false;  // "第 N 页" at the foot of every page
  bool blank_between_lines = true;   // the seeds' style: an empty line after every line
  std::string newline = "\n";
};

std::string render_issue_text(const Issue& issue, const TextLayout& layout = {});

}  // namespace reissue::test
