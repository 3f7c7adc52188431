// Justified lines that text extraction spaced out. A layout that spreads a
// justified Chinese line widens every gap between characters; pdftotext turns
// gaps above its word threshold into spaces, so such a line comes out
// letter-spaced (拍 片 时 间 ， 减 少27) or, when the gaps straddle the
// threshold, spaced in pairs (作为 中国 国内 首家). A space a writer typed
// between Chinese words (新华社记者 邓华 摄, 记者 梁 桐) is rare in a line and
// irregular, so each line is judged by its own statistics.
#pragma once

#include "line.h"
#include "review.h"

#include <string>
#include <vector>

namespace reissue::extract {

struct SpacingVerdict {
  enum Kind { as_written, letter_spaced, pair_spaced } kind = as_written;
  int gaps = 0;     // places where two Chinese characters meet, directly or across white space
  int spaced = 0;   // of those, the ones with white space
  int removed = 0;  // white space runs removed
};

// `text` without the spaces between Chinese characters (Han, CJK punctuation,
// full-width forms) in the stretches of it that are letter- or pair-spaced;
// spaces touching Latin words or digits are left to the format's spacing rule.
std::u32string without_letter_spacing(const std::u32string& text, SpacingVerdict* verdict = nullptr);

// Text input: repairs every such line and lists each in the review
// ("letter-spacing"), with its evidence.
void remove_letter_spacing(std::vector<Line>& lines, Review& review);

}  // namespace reissue::extract
