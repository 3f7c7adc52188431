#include "measure.h"

#include "chars.h"
#include "reissue/text.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace reissue::extract {

namespace {

// Curly quotes are full width in a Chinese font, but a word processor may set
// them in the Western font (half width or less): their width is measured per
// document like Latin text's.
bool curly_quote(char32_t c) { return c == U'“' || c == U'”' || c == U'‘' || c == U'’'; }

bool all_full_width(const std::u32string& text) {
  for (char32_t c : text)
    if (char_width_em(c) != 1.0 || curly_quote(c)) return false;
  return true;
}
struct Widths {
  double full_width = 0;    // Han and full-width marks: exact
  double proportional = 0;  // Latin letters, digits, spaces: font-dependent
  int quotes = 0;           // curly quotes: full width or the Western font's
};

Widths split_widths(const std::u32string& text) {
  Widths widths;
  for (char32_t c : text) {
    if (curly_quote(c)) {
      ++widths.quotes;
      continue;
    }
    const double width = char_width_em(c);
    (width == 1.0 ? widths.full_width : widths.proportional) += width;
  }
  return widths;
}

// Lines in the middle of a paragraph: full, so the document's own such lines
// tell how wide its Latin text and its quotes really are.
template <typename Visit>
void for_each_middle_line(const LineSet& set, Visit&& visit) {
  const auto& lines = set.lines;
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    const Line &before = lines[i - 1], &line = lines[i], &after = lines[i + 1];
    if (before.page != line.page || after.page != line.page) continue;
    const Widths previous = split_widths(before.text), widths = split_widths(line.text);
    const double previous_slack = set.full_width - previous.full_width - previous.proportional - previous.quotes;
    if (previous_slack > 1.25 || ends_sentence(before.text) || ends_sentence(line.text)) continue;
    visit(widths);
  }
}

// Full width (1 em) or the Western font's (about 0.45 em): whichever makes
// the middle lines with quotes end nearer their margin.
double calibrate_quote_width(const LineSet& set) {
  double error_full = 0, error_narrow = 0;
  int samples = 0;
  for_each_middle_line(set, [&](const Widths& widths) {
    if (widths.quotes == 0 || widths.proportional > 3) return;
    const double rest = set.full_width - 0.3 - widths.full_width - widths.proportional;
    error_full += std::pow(rest - widths.quotes, 2);
    error_narrow += std::pow(rest - 0.45 * widths.quotes, 2);
    ++samples;
  });
  return samples >= 3 && error_narrow < error_full ? 0.45 : 1.0;
}

// Latin text is set in whatever Western font the producer used, so its widths
// are only estimated: the scale that makes middle lines full, by least squares.
double calibrate_latin_widths(const LineSet& set) {
  double numerator = 0, denominator = 0;
  int samples = 0;
  for_each_middle_line(set, [&](const Widths& widths) {
    const double fixed = widths.full_width + set.quote_width * widths.quotes;
    const double slack = set.full_width - fixed - widths.proportional;
    if (widths.proportional < 1.0 || slack > 3 || slack < -3) return;
    const double target = set.full_width - 0.3;  // middle lines end within 1 em
    numerator += widths.proportional * (target - fixed);
    denominator += widths.proportional * widths.proportional;
    ++samples;
  });
  if (samples < 3 || denominator <= 0) return 1.0;
  return std::clamp(numerator / denominator, 0.8, 1.5);
}

}  // namespace

void measure_text_lines(LineSet& set) {
  // A word processor's paragraphs are not wrapped by hand: nothing to measure.
  if (set.whole_paragraphs) {
    set.hard_wrapped = false;
    return;
  }
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
  // Exact widths decide when there are enough of them (a fifth of the long
  // lines): a few all-Chinese lines are as likely short as full.
  const auto& histogram = exact_lines >= 5 && exact_lines * 5 >= long_lines ? exact : estimated;
  // The measure is the most common width, unless that is the width of indented
  // first lines (2 em short): in an issue of short paragraphs they can outnumber
  // full lines. A width 1 em over the measure is a line with squeezed
  // punctuation at its end, never the measure.
  int mode = 0, most = 0;
  for (auto [width, count] : histogram)
    if (count > most) most = count, mode = width;
  // (Estimated widths of indented first lines spread over 2 and 3 em short.)
  int wider = 0, wider_width = 0;
  for (int step : {2, 3})
    if (const auto found = histogram.find(mode + step); found != histogram.end() && found->second > wider)
      wider = found->second, wider_width = mode + step;
  if (wider >= 3 && wider * 4 >= most) mode = wider_width;
  set.full_width = mode;

  // Hard-wrapped text has a sharp peak at the measure and nothing much wider;
  // text with one paragraph per line has long lines of every width.
  int near_measure = 0, much_wider = 0;
  for (auto [width, count] : estimated) {
    if (width >= mode - 3 && width <= mode + 1) near_measure += count;  // full lines and indented first lines
    if (width > mode + 3) much_wider += count;
  }
  set.hard_wrapped = long_lines > 0 && mode > 0 && near_measure * 10 >= long_lines * 3 &&
                     much_wider * 10 <= long_lines;
  if (!set.hard_wrapped) {
    for (Line& line : set.lines) line.slack = 0;
    return;
  }
  set.quote_width = calibrate_quote_width(set);
  set.latin_scale = calibrate_latin_widths(set);
  for (Line& line : set.lines) {
    const Widths widths = split_widths(line.text);
    line.slack = set.full_width - widths.full_width - set.latin_scale * widths.proportional -
                 set.quote_width * widths.quotes;
  }
}

}  // namespace reissue::extract
