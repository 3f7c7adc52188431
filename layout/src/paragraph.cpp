#include "paragraph.h"

#include "reissue/text.h"

#include <algorithm>
#include <cmath>

namespace reissue::layout {

namespace {

// Spacing, in em (clreq): Chinese characters may spread a little, never so
// far that text extraction sees a word space; the gap between Chinese and
// Latin text is 1/4 em, shrinking to 1/8.
// Gaps between Chinese characters stretch 0.08 em at ratio 1: below Poppler's
// 0.1 em word-break threshold, so lines set within tolerance copy and extract
// without spurious spaces. Harder lines stretch further (up to kMaxChineseGap)
// rather than stay short; word spaces take the rest. The Han-Latin gap is
// 1/4 em and may shrink to 1/8 em, never grow (clreq).
constexpr double kChineseStretch = 0.08;
constexpr double kMaxChineseGap = 0.25;
// A line that does not fit even with its punctuation compressed may take up
// to this much from each gap between two Han characters (never beside a
// mark: adjacent marks stay 1.5 em), rather than be broken into a
// letter-spaced line, a lone last character or a line that starts with 。
// (the breaker takes it last: line_breaking.cpp).
constexpr double kChineseSqueeze = 0.02;
constexpr double kInterscriptGap = 0.25, kInterscriptStretch = 0, kInterscriptShrink = 0.125;
// Word spaces and Han-Latin gaps stretch at most this many times their
// stretch; beyond that a line is left short rather than full of holes.
constexpr double kMaxOtherRatio = 6;

// The 1/4 em gap goes between a Han character and a Latin letter or digit,
// not next to punctuation or symbols (clreq).
bool is_interscript(const Atom& a, const Atom& b) {
  auto han = [](const Atom& atom) { return atom.chinese && atom.punctuation == Punctuation::none; };
  return (han(a) && !b.text.empty() && is_latin_or_digit(b.text.front())) ||
         (!a.text.empty() && is_latin_or_digit(a.text.back()) && han(b));
}

// An opening bracket starting a line loses its blank left half.
double lead_of(const Atom& atom) {
  return atom.punctuation == Punctuation::opening && atom.width >= 0.9 && atom.shift == 0 ? -0.5 : 0;
}

// Mid-line punctuation gives up its blank half before the gaps between
// characters grow (clreq): the glue after a full-width closing mark, or
// before a full-width opening mark, shrinks by up to half an em. Not beside
// another mark: adjacent marks are already set 1.5 em wide.
double punctuation_shrink(const Atom& before, const Atom& atom) {
  if (before.punctuation != Punctuation::none && atom.punctuation != Punctuation::none) return 0;
  if (before.punctuation == Punctuation::closing && before.width >= 0.9) return 0.5;
  if (atom.punctuation == Punctuation::opening && atom.width >= 0.9 && atom.shift == 0) return 0.5;
  return 0;
}

// What may separate atom k from the atom before it: a penalty (a break the
// rules forbid, or one with a cost) and glue (a space, the Han-Latin gap, the
// stretchable gap between Chinese characters).
void push_separation(std::vector<Element>& out, const std::vector<Atom>& atoms, size_t k, double space_width) {
  const Atom& atom = atoms[k];
  const Atom& before = atoms[k - 1];
  const bool breakable = atom.break_before;
  // A closing mark ending a line is set half-width.
  if (breakable && before.punctuation == Punctuation::closing && before.width >= 0.9)
    out.push_back({Element::penalty, -0.5, 0, 0, atom.break_penalty, -1});
  else if (!breakable) out.push_back({Element::penalty, 0, 0, 0, kInfinitePenalty, -1});
  else if (!atom.space_before && !(before.chinese || atom.chinese))
    out.push_back({Element::penalty, 0, 0, 0, atom.break_penalty, -1});  // inside a URL
  const double shrink = punctuation_shrink(before, atom);
  if (atom.space_is_blank)
    out.push_back({Element::glue, 0.5, 0, 0, 0, static_cast<int>(k)});
  else if (atom.space_before)
    out.push_back({Element::glue, space_width, space_width * 0.5, space_width * 0.33 + shrink, 0, static_cast<int>(k)});
  else if (is_interscript(before, atom))
    out.push_back({Element::glue, kInterscriptGap, kInterscriptStretch, kInterscriptShrink, 0, -1});
  else if (before.chinese && atom.chinese)
    out.push_back({Element::glue, 0, kChineseStretch, shrink, 0, -1, true, 0,
                   before.punctuation == Punctuation::none && atom.punctuation == Punctuation::none ? kChineseSqueeze : 0});
  else if (before.chinese || atom.chinese)  // a mark beside Latin text: a break, no gap
    out.push_back({Element::glue, 0, 0, shrink, 0, -1});
}

// A last line holding a single character (实。) is avoided: no break before
// the paragraph's last character and the marks after it.
void keep_last_character_company(std::vector<Element>& out, const std::vector<Atom>& atoms) {
  size_t last_char = atoms.size();
  while (last_char > 0 && atoms[last_char - 1].punctuation != Punctuation::none) --last_char;
  if (last_char < 3) return;
  const int atom = static_cast<int>(last_char - 1);
  for (size_t k = out.size(); k-- > 0;) {
    if (out[k].type != Element::box || out[k].atom != atom) continue;
    for (size_t j = k; j-- > 0 && out[j].type != Element::box;) {
      if (out[j].type == Element::glue)
        out.insert(out.begin() + static_cast<long>(j), {Element::penalty, 0, 0, 0, kInfinitePenalty, -1});
      else out[j].cost = kInfinitePenalty;
      break;
    }
    return;
  }
}

std::vector<Element> elements_of(const std::vector<Atom>& atoms, double indent, double space_width) {
  std::vector<Element> out;
  // A paragraph opening with a full-width opening mark sets it without its
  // blank half: its ink starts at the indent, like the other first lines.
  if (indent > 0) out.push_back({Element::box, indent + (atoms.empty() ? 0 : lead_of(atoms[0])), 0, 0, 0, -1});
  for (size_t k = 0; k < atoms.size(); ++k) {
    if (k > 0) push_separation(out, atoms, k, space_width);
    Element box{Element::box, atoms[k].width, 0, 0, 0, static_cast<int>(k)};
    box.lead = lead_of(atoms[k]);
    out.push_back(box);
  }
  keep_last_character_company(out, atoms);
  out.push_back({Element::penalty, 0, 0, 0, kInfinitePenalty, -1});
  out.push_back({Element::glue, 0, kFill, 0, 0, -1});
  // A closing mark that ends the paragraph is set half width too, as at any
  // line end: 安全与……生命线。 fits a line whose measure is 0.5 em short of it.
  const bool ends_with_mark = !atoms.empty() && atoms.back().punctuation == Punctuation::closing &&
                              atoms.back().width >= 0.9;
  out.push_back({Element::penalty, ends_with_mark ? -0.5 : 0, 0, 0, -kInfinitePenalty, -1});
  return out;
}

// How far each kind of glue on a line moves: the gaps between Chinese
// characters, and the rest (word spaces, Han-Latin gaps).
struct GlueRatios {
  double chinese = 0, other = 0;
  double squeeze = 0;  // the share of each Han gap's squeeze taken
};

// The line's one adjustment ratio (the breaker's), spread over its glue:
// Chinese gaps stretch up to kMaxChineseGap, the other glue takes the rest.
GlueRatios glue_ratios(const LineItems& items, size_t start, size_t end, const LineItems::Widths& widths,
                       double measure, bool justify) {
  const double ratio = adjustment_ratio(widths, measure);
  if (ratio < -1) return {-1, -1, std::min(1.0, squeeze_share(widths, measure))};
  if (ratio < 0 && widths.shrink > 0) return {ratio, ratio};
  if (!justify || ratio <= 0 || !std::isfinite(ratio)) return {};
  if (ratio * kChineseStretch <= kMaxChineseGap) return {ratio, ratio};
  double chinese_stretch = 0;
  for (size_t k = start; k < end; ++k)
    if (items[k].type == Element::glue && items[k].chinese_gap) chinese_stretch += items[k].stretch;
  const double other_stretch = widths.stretch - chinese_stretch;
  const double chinese = kMaxChineseGap / kChineseStretch;
  const double left = measure - widths.natural - chinese_stretch * chinese;
  return {chinese, other_stretch > 0 ? std::min(kMaxOtherRatio, left / other_stretch) : 0};
}

// The glyphs of the elements [start, end) from `x` (em), glue moved by `ratios`.
double place_elements(const PreparedParagraph& paragraph, size_t start, size_t end, double x, GlueRatios ratios,
                      double em, PlacedLine& line) {
  const LineItems& items = paragraph.items;
  for (size_t k = start; k < end; ++k) {
    const Element& e = items[k];
    if (e.type == Element::glue) {
      const double r = e.chinese_gap ? ratios.chinese : ratios.other;
      if (e.atom >= 0) {
        // A space is drawn (as a blank glyph), so that copied or extracted
        // text has it.
        line.glyphs.push_back({paragraph.space_font, paragraph.space_glyph, x * em, 0, U" "});
        line.text.push_back(U' ');
      }
      x += e.width + (r > 0 ? r * e.stretch : r * e.shrink) - ratios.squeeze * e.squeeze;
      continue;
    }
    if (e.type != Element::box) continue;
    if (e.atom < 0) {
      x += e.width;
      continue;
    }
    const Atom& atom = paragraph.atoms[static_cast<size_t>(e.atom)];
    double gx = x + atom.shift;
    for (size_t g = 0; g < atom.glyphs.size(); ++g) {
      const GlyphRef& glyph = atom.glyphs[g];
      PlacedGlyph placed{glyph.font, glyph.id, (gx + glyph.x_offset) * em, glyph.y_offset * em,
                         g == 0 ? atom.text : std::u32string()};
      if (g == 0) {
        placed.advance = atom.width * em;
        placed.emphasis = atom.emphasis;
      }
      placed.link = atom.link;
      line.glyphs.push_back(std::move(placed));
      gx += glyph.advance;
    }
    line.text += atom.text;
    x += atom.width;
  }
  return x;
}

}  // namespace

PreparedParagraph prepare_paragraph(const std::u32string& text, const RoleStyle& role, const RoleFonts& fonts,
                                    FontLibrary& library, ShapeReport& report, const std::vector<CharStyle>& styles) {
  std::vector<Atom> atoms = shape_paragraph(text, fonts, library, report, styles);
  const unsigned space_glyph = fonts.latin->glyph(U' ');
  std::vector<Element> elements = elements_of(atoms, role.indent_em, fonts.latin->advance(space_glyph));
  return {std::move(atoms), LineItems(std::move(elements)), fonts.latin, space_glyph};
}

std::vector<size_t> break_paragraph(const LineItems& items, Align align, double measure, double reserve_right) {
  if (align == Align::justify) {
    for (double tolerance : {1.0, 3.0, 1e9}) {
      std::vector<size_t> breaks = total_fit(items, measure, tolerance, reserve_right);
      if (!breaks.empty()) return breaks;
    }
  }
  return first_fit(items, measure - reserve_right);
}

ParagraphLayout set_paragraph(const PreparedParagraph& paragraph, const std::vector<size_t>& breaks,
                              const RoleStyle& role, const RoleFonts& fonts, double width,
                              const LineObserver& observer, double reserve_right) {
  ParagraphLayout result;
  result.size = role.size;
  result.line_height = role.size * role.leading;
  result.ascent = role.size * fonts.chinese->ideographic_top();
  const double em = role.size;
  const double measure = width / em;
  const LineItems& items = paragraph.items;
  size_t after = 0;  // the element after the previous break
  for (size_t b = 0; b < breaks.size(); ++b) {
    const size_t end = breaks[b];
    const size_t start = std::min(items.line_start(after), end);
    const bool last = b + 1 == breaks.size();
    const bool justify = role.align == Align::justify && !last;
    const LineItems::Widths widths = items.line_widths(start, end);
    // The breaker measured the last line without the reserve (a contents
    // entry's page number stands there): shrunk or squeezed to fit that.
    const double line_measure = last ? measure - reserve_right / em : measure;
    const GlueRatios ratios = glue_ratios(items, start, end, widths, line_measure, justify);
    PlacedLine line;
    double x = place_elements(paragraph, start, end, items[start].lead, ratios, em, line);
    if (items[end].type == Element::penalty) x += items[end].width;
    line.width = x * em;
    line.justified = justify;
    if (observer) {
      const double stretch = last ? widths.stretch - kFill : widths.stretch;  // what the line could spread
      observer({measure, widths.natural, stretch, ratios.chinese, ratios.other, ratios.squeeze * kChineseSqueeze, x, justify,
                u32_to_utf8(line.text)});
    }
    switch (role.align) {
      case Align::center: line.x = std::max(0.0, (width - line.width) / 2); break;
      case Align::right: line.x = std::max(0.0, width - line.width); break;
      default: line.x = 0; break;
    }
    result.lines.push_back(std::move(line));
    after = end + 1;
  }
  return result;
}

ParagraphLayout layout_paragraph(const std::string& utf8, const RoleStyle& role, const RoleFonts& fonts,
                                 FontLibrary& library, double width, ShapeReport& report, double reserve_right,
                                 const LineObserver& observer, const std::vector<Inline>& inlines) {
  const std::u32string text = utf8_to_u32(utf8);
  if (text.empty()) return set_paragraph({}, {}, role, fonts, width, observer);
  std::vector<CharStyle> styles = char_styles(utf8, inlines);
  if (styles.size() != text.size()) styles.clear();  // invalid UTF-8 read as U+FFFD: markup cannot be placed
  const PreparedParagraph paragraph = prepare_paragraph(text, role, fonts, library, report, styles);
  const double em = role.size;
  const std::vector<size_t> breaks = break_paragraph(paragraph.items, role.align, width / em, reserve_right / em);
  return set_paragraph(paragraph, breaks, role, fonts, width, observer, reserve_right);
}

}  // namespace reissue::layout
