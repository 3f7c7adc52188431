// Layout evidence for text input, where indents and right edges are lost:
// the width of a full line is estimated from the lines themselves, and each
// line's slack (room left before the right margin) from character widths.
#pragma once

#include "line.h"

namespace reissue::extract {

// Sets full_width, hard_wrapped and every line's slack.
void measure_text_lines(LineSet& set);

}  // namespace reissue::extract
