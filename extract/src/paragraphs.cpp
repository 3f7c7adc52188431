#include "paragraphs.h"

#include "blocks.h"
#include "chars.h"
#include "joiner.h"
#include "reissue/text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace reissue::extract {

namespace {

enum class Strength { strong, medium, weak };

struct Boundary {
  bool is_break;
  Strength strength;
  const char* why;
};

// Slack above which a line is not full. Middle lines of justified Chinese text
// end within 1 em of the margin (a character pushed down by the line-start rule
// leaves 1 em); estimated widths of Latin text add some tolerance.
constexpr double kFullSlack = 1.25;
// An indented first line is 2 em short; a line this short is something else.
constexpr double kIndentedSlack = 2.75;
constexpr double kIndent = 2.0;
// A line more than this short after a full line ending a sentence is an indented
// first line (2 em short) rather than a full one (within 1 em).
constexpr double kFirstLineSlack = 1.2;
// A line that stops mid-sentence within this much of the margin still continues
// (estimated Latin widths, a long word pushed to the next line).
constexpr double kNearlyFullSlack = 4.0;

Boundary decide_with_geometry(const Line& a, const Line& b) {
  if (b.gap_before > 0.45) return {true, Strength::strong, "extra space above the line"};
  if (std::abs(a.size_ratio - b.size_ratio) > 0.06 || a.bold != b.bold)
    return {true, Strength::strong, "the font changes"};
  if (a.centered != b.centered) return {true, Strength::strong, "the alignment changes"};
  if (b.indent && *b.indent >= 1.0) return {true, Strength::strong, "the line is indented"};
  if (a.slack > kFullSlack && !(a.slack <= 2.5 && leading_latin_width(b.text) > a.slack - 0.25))
    return {true, Strength::strong, "the line before stops short of the margin"};
  return {false, Strength::strong, "full line, next line not indented"};
}

// `a_opens_paragraph`: line a is the first line of its paragraph, so it was
// indented 2 em and is full when it stops 2 em short.
// A question or exclamation ends the sentence (。 is taken as a full stop inside
// a paragraph more often than at its end; 。â too).
bool ends_with_question(const std::u32string& text) {
  size_t end = text.size();
  while (end > 0 && std::u32string_view(U"”’）)").find(text[end - 1]) != std::u32string_view::npos) --end;
  return end > 0 && (text[end - 1] == U'？' || text[end - 1] == U'！');
}

// (Text path.) `a_opens_paragraph`: line a is the first line of its paragraph,
// so it was indented 2 em and is full when it stops 2 em short. `open_brackets`:
// brackets line a opens and does not close (（江红艳 … 导师；/ 刘恬系 … 博士生）).
Boundary decide_without_geometry(const LineSet& set, const Line& a, const Line& b,
                                 bool a_opens_paragraph, int open_brackets) {
  if (open_brackets > 0)
    return {false, Strength::strong, "a bracket opened on the line is not closed yet"};
  if (!set.hard_wrapped) {
    // One paragraph per line; a long line that stops mid-sentence was cut.
    if (!ends_sentence(a.text) && !is_caption(a.text) && text_width_em(a.text) > 40 &&
        !is_closing_punctuation(b.text[0]))
      return {false, Strength::weak, "a long line without closing punctuation continues"};
    return {true, Strength::strong, "one paragraph per line"};
  }
  if (ends_with_photo_credit(a.text)) return {true, Strength::strong, "a photo credit ends the caption"};
  const double slack = a.slack - (a_opens_paragraph ? kIndent : 0);
  if (slack > kFullSlack) {
    const double next_word = leading_latin_width(b.text);
    if (!ends_sentence(a.text) && next_word > 0 && next_word > slack - 0.25)
      return {false, Strength::medium, "the next word did not fit on the line"};
    if (!ends_sentence(a.text) && slack <= kNearlyFullSlack)
      return {false, Strength::medium, "nearly full line, the sentence continues"};
    return {true, Strength::strong, "short line"};
  }
  if (!ends_sentence(a.text)) return {false, Strength::strong, "full line, the sentence continues"};
  // A full line that ends a sentence: the paragraph may end here with its last
  // line full. Only the next line can tell.
  if (b.slack > kIndentedSlack) {
    if (!ends_sentence(b.text))
      return {true, Strength::medium, "the next line is short and unpunctuated (a heading or caption)"};
    return {true, Strength::weak,
            "a full line ends a sentence and the next line is short: taken as a one-line "
            "paragraph, though it may be the paragraph's last line"};
  }
  if (b.slack > kFirstLineSlack)
    return {true, Strength::medium, "a full line ends a sentence and the next line is 2 em short (indented)"};
  if (ends_with_question(a.text))
    return {true, Strength::weak,
            "a full line ends with a question or exclamation; the next line is not indented"};
  return {false, Strength::medium, "the next line is full too"};
}

// REISSUE_DEBUG_BREAKS=1 prints every boundary decision (for tuning on new archives).
bool debug_breaks() {
  static const bool enabled = std::getenv("REISSUE_DEBUG_BREAKS") != nullptr;
  return enabled;
}

int bracket_balance(const std::u32string& text) {
  int balance = 0;
  for (char32_t c : text) {
    if (c == U'（' || c == '(') ++balance;
    else if ((c == U'）' || c == ')') && balance > 0) --balance;
  }
  return balance;
}

// A region set in another size or measure (an intro in a box, a larger font)
// has its own full width: if no line comes within 3 em of the page's measure,
// the widest line of the region is taken as full.
LineSet with_local_measure(const LineSet& set, size_t begin, size_t end) {
  LineSet local;
  local.full_width = set.full_width;
  local.hard_wrapped = set.hard_wrapped;
  local.has_geometry = set.has_geometry;
  double least_slack = 1e9;
  for (size_t i = begin; i < end; ++i) least_slack = std::min(least_slack, set.lines[i].slack);
  local.lines.assign(set.lines.begin() + static_cast<long>(begin), set.lines.begin() + static_cast<long>(end));
  if (set.hard_wrapped && !set.has_geometry && end - begin >= 2 && least_slack > 3)
    for (Line& line : local.lines) line.slack -= least_slack;
  return local;
}

}  // namespace

std::vector<LineRange> split_paragraphs(const LineSet& set, size_t begin, size_t end,
                                        Review& review) {
  std::vector<LineRange> paragraphs;
  if (begin >= end) return paragraphs;
  const LineSet local = with_local_measure(set, begin, end);
  LineRange current{begin, begin};
  for (size_t i = begin + 1; i < end; ++i) {
    const Line& a = local.lines[i - 1 - begin];
    const Line& b = local.lines[i - begin];
    const Boundary boundary =
        set.has_geometry ? decide_with_geometry(a, b)
                         : decide_without_geometry(local, a, b, current.first == i - 1,
                                                   bracket_balance(a.text));
    if (debug_breaks())
      std::fprintf(stderr, "%d slack=%.2f %s | %s\n", a.number, a.slack, boundary.is_break ? "BREAK" : "join",
                   boundary.why);
    if (boundary.strength == Strength::weak)
      review.uncertain("paragraph-boundary", a.number, b.number,
                       std::string(boundary.is_break ? "new paragraph: " : "same paragraph: ") +
                           boundary.why);
    if (boundary.is_break) {
      paragraphs.push_back(current);
      current = {i, i};
    } else {
      current.last = i;
    }
  }
  paragraphs.push_back(current);
  return paragraphs;
}

}  // namespace reissue::extract
