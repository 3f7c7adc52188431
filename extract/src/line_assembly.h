// Line assembly: the positioned runs of one page -> its printed lines in
// reading order. Runs are grouped into columns (by the source's flows), and
// within a column into lines by baseline; spaces come from the source's own
// space marks and from gaps. Nothing here knows which source placed the runs.
#pragma once

#include "reissue/extract_source.h"

#include <string>
#include <vector>

namespace reissue::extract {

struct PrintedLine {
  std::u32string text;   // runs joined; a space where the source has one or a gap
  Box box;
  double baseline = 0;
  double font_size = 0;  // most common size of its characters
  bool bold = false;     // most characters in a bold font
  bool colored = false;  // most characters neither black nor gray
  std::vector<SourceMark> marks;  // bold stretches and links, left to right
  int order = -1;  // the earliest place of its runs in the source's logical order (SourceRun::order)
};

std::vector<PrintedLine> assemble_lines(const std::vector<SourceRun>& runs);

}  // namespace reissue::extract
