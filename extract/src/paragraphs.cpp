#include "paragraphs.h"

#include "blocks.h"
#include "chars.h"
#include "joiner.h"
#include "reissue/text.h"

#include <cmath>
#include <cstdio>

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
// A line that stops mid-sentence this short of the margin still continues: the
// line-start rule pushed one or two characters down.
constexpr double kPushedDownSlack = 2.25;

// Width of the characters at the start of `line` that the line-start rule may
// have pushed down from the line above: up to two characters and the closing
// marks that follow them.
double pushed_down_width(const std::u32string& line) {
  size_t i = 0;
  while (i < line.size() && i < 2 && !is_closing_punctuation(line[i])) ++i;
  const size_t marks = i;
  while (i < line.size() && is_closing_punctuation(line[i])) ++i;
  return i > marks ? text_width_em(line, 0, i) : 0;
}

// How far an estimated width may be off: Latin letters, digits and the spaces
// around them have font-dependent widths; full-width characters are exact.
double width_error(const std::u32string& text) {
  // After calibration what is left is each character's own deviation, which
  // adds up like independent errors.
  int latin = 0, spaces = 0;
  for (char32_t c : text) {
    if (c == ' ') ++spaces;
    else if (c < 0x80) ++latin;
  }
  return 0.12 * std::sqrt(latin) + 0.1 * std::sqrt(spaces);
}

// `across_break`: a page or column ends between the lines, so the space
// between them (a margin, a running header or footer, a page foot left empty)
// says nothing about the paragraph.
// `indents`: the document indents its paragraphs' first lines.
Boundary decide_with_geometry(const Line& a, const Line& b, bool across_break, bool indents) {
  // Space between paragraphs (LaTeX's parskip, pandoc's default) is 0.4 line
  // or more; lines of one paragraph stand at the leading, give or take what a
  // taller inline glyph adds.
  if (!across_break && b.gap_before > 0.45) return {true, Strength::strong, "extra space above the line"};
  if (!across_break && b.gap_before > 0.25) {
    // Doubtful only inside a running sentence on a full line.
    const bool doubtful = a.slack <= kFullSlack && !ends_sentence(a.text) && !a.centered;
    return {true, doubtful ? Strength::weak : Strength::medium, "some extra space above the line"};
  }
  // OCR measures sizes and left edges from word boxes, a few percent and a
  // fraction of an em off; a 2 em indent still stands out.
  const bool ocr = a.ocr || b.ocr;
  const double size_step = ocr ? 0.12 : 0.06, indent_step = ocr ? 1.5 : 1.0;
  // (OCR's size of a line of a character or two, from one loose box, is noise.)
  const bool sizes_known = !ocr || (a.text.size() > 3 && b.text.size() > 3);
  if ((sizes_known && std::abs(a.size_ratio - b.size_ratio) > size_step) || a.bold != b.bold)
    return {true, Strength::strong, "the font changes"};
  const bool a_full = a.slack <= kFullSlack;
  if (b.centered) {
    // The last line of a centred paragraph (a caption) follows a full-width line.
    if (a_full && a.indent < 1.0 && !a.centered)
      return {false, Strength::strong, "the last line of a centred paragraph"};
    return {true, Strength::strong, "a centred line"};
  }
  if (a.centered) return {true, Strength::strong, "the alignment changes"};
  // A right-aligned block (a byline, an author note) wraps onto a line that
  // ends at the margin too, and is short: further in than a first line's
  // indent.
  if (b.indent >= 3.0 && a_full && a.indent < indent_step && b.slack <= kFullSlack && !ends_sentence(a.text))
    return {false, Strength::medium, "a right-aligned line continues the full line before it"};
  if (b.indent >= indent_step) return {true, Strength::strong, "the line is indented"};
  // A line stops short where a paragraph ends, or where the next Latin word
  // (a URL, a name) did not fit, or where justification ran out of stretch.
  if (!a_full && !ends_sentence(a.text) && leading_latin_width(b.text) > a.slack - 0.5)
    return {false, Strength::medium, "the next word did not fit on the line"};
  if (!a_full && !ends_sentence(a.text) && a.slack < 4)
    return {false, Strength::medium, "a line a little short, mid-sentence, continues"};
  if (!a_full) return {true, Strength::strong, "the line before stops short of the margin"};
  if (across_break && ends_sentence(a.text))
    return {false, indents ? Strength::medium : Strength::weak,
            "a full line ends a sentence at the foot of a page or column and the next one is not "
            "indented: same paragraph (a new one would have to be unindented)"};
  return {false, Strength::strong, "full line, next line not indented"};
}

// Whether a page or column ends between lines a and b (PDF): b is on another
// page, or higher up on the same page than a.
bool flow_breaks_between(const LineSet& set, const Line& a, const Line& b) {
  if (a.page != b.page) return true;
  const Box& above = set.places[static_cast<size_t>(a.number)].box;
  const Box& below = set.places[static_cast<size_t>(b.number)].box;
  return below.bottom <= above.top;
}

// `a_opens_paragraph`: line a is the first line of its paragraph, so it was
// indented 2 em and is full when it stops 2 em short.
// (Text path.) `a_opens_paragraph`: line a is the first line of its paragraph,
// so it was indented 2 em and is full when it stops 2 em short. `open_brackets`:
// brackets line a opens and does not close (（江红艳 … 导师；/ 刘恬系 … 博士生）).
// `b` is an indented first line whose closing mark hangs past the margin: it is
// then 1 em short instead of 2. A middle line ending in a mark is full, unless
// characters were pushed down to the line after it (`c`).
bool indented_with_hanging_mark(const Line& b, double b_slack, const Line* c) {
  if (b.text.empty() || !is_closing_punctuation(b.text.back())) return false;
  if (b_slack < 0.6 || b_slack > 1.6 + width_error(b.text)) return false;
  return c == nullptr || pushed_down_width(c->text) == 0;
}

// `measure_shift`: how much shorter than the page's measure the region is set
// (see local_measure_shift); slacks are taken relative to the region's own.
Boundary decide_without_geometry(const LineSet& set, const Line& a, const Line& b, const Line* c,
                                 double measure_shift, bool a_opens_paragraph, int open_brackets) {
  if (open_brackets > 0)
    return {false, Strength::strong, "a bracket opened on the line is not closed yet"};
  if (set.whole_paragraphs && !b.after_break) return {true, Strength::strong, "a new paragraph of the document"};
  if (!set.hard_wrapped) {
    // One paragraph per line; a long line that stops mid-sentence was cut.
    if (!ends_sentence(a.text) && !is_caption(a.text) && text_width_em(a.text) > 40 &&
        !is_closing_punctuation(b.text[0]))
      return {false, Strength::weak, "a long line without closing punctuation continues"};
    return {true, Strength::strong, "one paragraph per line"};
  }
  const double a_slack = a.slack - measure_shift, b_slack = b.slack - measure_shift;
  if (ends_with_photo_credit(a.text)) {
    // 新华社发 / （陈家乐 摄）: the photographer in brackets completes the credit.
    const bool bracketed_credit = b.text.size() <= 16 && (b.text.front() == U'（' || b.text.front() == U'(') &&
                                  ends_with_photo_credit(b.text);
    if (bracketed_credit) return {false, Strength::medium, "a photographer in brackets completes the credit"};
    return {true, Strength::strong, "a photo credit ends the caption"};
  }
  // Blank lines the text keeps between blocks (where it keeps them between
  // many blocks, see text_source.cpp), or where a page ended: a full line
  // whose sentence runs on continues across them.
  if (b.gap_before > 0) {
    const double full_slack = kFullSlack + width_error(a.text) + (a_opens_paragraph ? kIndent : 0);
    if (a.slack - measure_shift <= full_slack && !ends_sentence(a.text))
      return {false, Strength::medium, "blank lines stand between, but a full line's sentence runs on (a page break)"};
    return {true, Strength::strong, "blank lines stand between"};
  }
  const double slack = a_slack - (a_opens_paragraph ? kIndent : 0);
  const double a_error = width_error(a.text), b_error = width_error(b.text);
  if (slack > kFullSlack + a_error) {
    const double next_word = leading_latin_width(b.text);
    if (!ends_sentence(a.text) && next_word > 0 && next_word > slack - 0.25 - a_error)
      return {false, Strength::medium, "the next word did not fit on the line"};
    // The line-start rule pushes characters down with closing marks (手’。” may
    // not start a line alone, so 手 leaves with them).
    if (!ends_sentence(a.text) &&
        slack <= std::max(kPushedDownSlack, kFullSlack + pushed_down_width(b.text)) + a_error)
      return {false, Strength::medium, "nearly full line, the sentence continues"};
    return {true, Strength::strong, "short line"};
  }
  if (!ends_sentence(a.text)) return {false, Strength::strong, "full line, the sentence continues"};
  // A full line that ends a sentence: the paragraph may end here with its last
  // line full. Only the next line can tell.
  if (b_slack > kIndentedSlack + b_error) {
    // A whole caption, from 图为 to its credit, stands on the next line.
    if (starts_like_caption(b.text) && ends_with_photo_credit(b.text))
      return {true, Strength::strong, "a caption starts on the next line"};
    if (ends_with_photo_credit(b.text) && b_slack > a_slack + 4)
      return {false, Strength::medium, "a photo credit on the next line closes the caption"};
    if (!ends_sentence(b.text))
      return {true, Strength::medium, "the next line is short and unpunctuated (a heading or caption)"};
    // A paragraph's short last line is far more common after a full line that
    // happens to end a sentence than a one-line paragraph after a paragraph
    // whose last line happens to be full.
    return {false, Strength::weak,
            "a full line ends a sentence and the next line is short: taken as the paragraph's "
            "last line, though it may be a one-line paragraph"};
  }
  // Middle lines end within 1 em of the margin, indented first lines 2 em short:
  // the estimate decides, and is reported when its error could flip the verdict.
  const bool unsure = std::abs(b_slack - kFirstLineSlack) < b_error;
  // With more Latin text than that, the estimate cannot tell 1 em from 2.
  if (b_error > 0.5)
    return {false, Strength::weak,
            "a full line ends a sentence; the next line has too much Latin text to tell whether "
            "it is indented: same paragraph"};
  if (b_slack > kFirstLineSlack)
    return {true, unsure ? Strength::weak : Strength::medium,
            "a full line ends a sentence and the next line is 2 em short (indented)"};
  if (indented_with_hanging_mark(b, b_slack, c))
    return {true, Strength::weak,
            "a full line ends a sentence and the next line, ending in a hanging mark, is 1 em short "
            "(indented)"};
  if (unsure)
    return {false, Strength::weak,
            "a full line ends a sentence; the next line may be indented (its Latin text has no "
            "exact width)"};
  // Reported: a paragraph whose first line was not indented would start here
  // without any trace in the text.
  return {false, Strength::weak,
          "a full line ends a sentence and the next line is full: same paragraph (a new one "
          "would have to be unindented)"};
}

// Every boundary decision, for tuning the rules on a new archive.
void trace_boundary(const Line& a, double shift, const Boundary& boundary, const Review& review) {
  char text[64];
  std::snprintf(text, sizeof text, "%d slack=%.2f %s | ", a.number, a.slack - shift,
                boundary.is_break ? "BREAK" : "join");
  review.trace(text + std::string(boundary.why));
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
// the widest line of the region is taken as full. Returns how much shorter that
// is (0: the page's measure).
double local_measure_shift(const LineSet& set, size_t begin, size_t end) {
  if (!set.hard_wrapped || set.has_geometry || end - begin < 2) return 0;
  double least_slack = 1e9;
  for (size_t i = begin; i < end; ++i) least_slack = std::min(least_slack, set.lines[i].slack);
  return least_slack > 3 ? least_slack : 0;
}

}  // namespace

std::vector<LineRange> split_paragraphs(const LineSet& set, size_t begin, size_t end,
                                        Review& review) {
  std::vector<LineRange> paragraphs;
  if (begin >= end) return paragraphs;
  // Slacks are compared relative to the region's measure, without copying
  // the region's lines (a region can be most of a large text).
  const double shift = local_measure_shift(set, begin, end);
  LineRange current{begin, begin};
  for (size_t i = begin + 1; i < end; ++i) {
    const Line& a = set.lines[i - 1];
    const Line& b = set.lines[i];
    const Boundary boundary =
        a.is_figure() || b.is_figure() ? Boundary{true, Strength::strong, "a figure stands here"}
        : set.has_geometry ? decide_with_geometry(a, b, flow_breaks_between(set, a, b), set.indents_first_lines)
                         : decide_without_geometry(set, a, b, i + 1 < end ? &set.lines[i + 1] : nullptr, shift,
                                                   current.first == i - 1, bracket_balance(a.text));
    if (review.tracing()) trace_boundary(a, shift, boundary, review);
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
