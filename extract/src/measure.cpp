#include "measure.h"

#include "chars.h"
#include "reissue/text.h"

#include <cmath>
#include <map>

namespace reissue::extract {

namespace {
bool all_full_width(const std::u32string& text) {
  for (char32_t c : text)
    if (char_width_em(c) != 1.0) return false;
  return true;
}
}  // namespace

void measure_text_lines(LineSet& set) {
  // Lines made only of full-width characters have exact widths; in hard-wrapped
  // justified text most of them are full lines, so their most common width is
  // the measure. Lines with Latin text only have estimated widths.
  std::map<int, int> exact;
  std::map<int, int> estimated;
  int long_lines = 0, exact_lines = 0;
  for (const Line& line : set.lines) {
    const double width = text_width_em(line.text);
    if (width < 10) continue;
    ++long_lines;
    ++estimated[static_cast<int>(std::lround(width))];
    if (all_full_width(line.text)) ++exact[static_cast<int>(width)], ++exact_lines;
  }
  const auto& histogram = exact_lines >= 5 ? exact : estimated;
  int mode = 0, best = 0;
  for (auto [width, count] : histogram)
    if (count > best || (count == best && width > mode)) best = count, mode = width;
  set.full_width = mode;

  // Hard-wrapped text has a sharp peak at the measure and nothing much wider;
  // text with one paragraph per line has long lines of every width.
  int near_measure = 0, much_wider = 0;
  for (auto [width, count] : estimated) {
    if (width >= mode - 2 && width <= mode + 1) near_measure += count;
    if (width > mode + 3) much_wider += count;
  }
  set.hard_wrapped = long_lines > 0 && mode > 0 && near_measure * 10 >= long_lines * 3 &&
                     much_wider * 10 <= long_lines;
  for (Line& line : set.lines)
    line.slack = set.hard_wrapped ? set.full_width - text_width_em(line.text) : 0;
}

}  // namespace reissue::extract
