#include "paragraph.h"

#include "reissue/text.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <limits>

namespace reissue::layout {

namespace {

constexpr int kInfinitePenalty = 10000;
constexpr double kFill = 1e6;

// Spacing, in em (clreq): Chinese characters may spread a little, never so
// far that text extraction sees a word space; the gap between Chinese and
// Latin text is 1/4 em, shrinking to 1/8.
// Gaps between Chinese characters stretch 0.08 em at ratio 1: below Poppler's
// 0.1 em word-break threshold, so lines set within tolerance copy and extract
// without spurious spaces. Harder lines stretch further (up to kMaxChineseGap)
// rather than stay short; word spaces and Han-Latin gaps take the rest.
constexpr double kChineseStretch = 0.08;
constexpr double kMaxChineseGap = 0.25;
constexpr double kInterscriptGap = 0.25, kInterscriptStretch = 0.06, kInterscriptShrink = 0.125;

struct Element {
  enum Type { box, glue, penalty } type;
  double width = 0, stretch = 0, shrink = 0;
  int cost = 0;  // of breaking here (penalties)
  int atom = -1;  // box: the atom it draws; -1 for an indent. Glue: the atom after a space
  bool chinese_gap = false;  // glue between Chinese characters
};

// The 1/4 em gap goes between a Han character and a Latin letter or digit,
// not next to punctuation or symbols (clreq).
bool is_interscript(const Atom& a, const Atom& b) {
  auto han = [](const Atom& atom) { return atom.chinese && atom.punctuation == Punctuation::none; };
  return (han(a) && !b.text.empty() && is_latin_or_digit(b.text.front())) ||
         (!a.text.empty() && is_latin_or_digit(a.text.back()) && han(b));
}

std::vector<Element> elements_of(const std::vector<Atom>& atoms, double indent, double space_width) {
  std::vector<Element> out;
  if (indent > 0) out.push_back({Element::box, indent, 0, 0, 0, -1});
  for (size_t k = 0; k < atoms.size(); ++k) {
    const Atom& atom = atoms[k];
    if (k > 0) {
      const Atom& before = atoms[k - 1];
      const bool breakable = atom.break_before;
      // A closing mark ending a line is set half-width.
      if (breakable && before.punctuation == Punctuation::closing && before.width >= 0.9)
        out.push_back({Element::penalty, -0.5, 0, 0, atom.break_penalty, -1});
      else if (!breakable) out.push_back({Element::penalty, 0, 0, 0, kInfinitePenalty, -1});
      else if (!atom.space_before && !(before.chinese || atom.chinese))
        out.push_back({Element::penalty, 0, 0, 0, atom.break_penalty, -1});  // inside a URL
      if (atom.space_before)
        out.push_back({Element::glue, space_width, space_width * 0.5, space_width * 0.33, 0, static_cast<int>(k)});
      else if (is_interscript(before, atom))
        out.push_back({Element::glue, kInterscriptGap, kInterscriptStretch, kInterscriptShrink, 0, -1});
      else if (before.chinese && atom.chinese)
        out.push_back({Element::glue, 0, kChineseStretch, 0, 0, -1, true});
      else if (before.chinese || atom.chinese)  // a mark beside Latin text: a break, no gap
        out.push_back({Element::glue, 0, 0, 0, 0, -1});
    }
    out.push_back({Element::box, atom.width, 0, 0, 0, static_cast<int>(k)});
  }
  // A last line holding a single character (实。) is avoided: no break before
  // the paragraph's last character and the marks after it.
  size_t last_char = atoms.size();
  while (last_char > 0 && atoms[last_char - 1].punctuation != Punctuation::none) --last_char;
  if (last_char >= 3) {
    const int atom = static_cast<int>(last_char - 1);
    for (size_t k = out.size(); k-- > 0;) {
      if (out[k].type == Element::box && out[k].atom == atom) {
        for (size_t j = k; j-- > 0 && out[j].type != Element::box;) {
          if (out[j].type == Element::glue) out.insert(out.begin() + static_cast<long>(j), {Element::penalty, 0, 0, 0, kInfinitePenalty, -1});
          else out[j].cost = kInfinitePenalty;
          break;
        }
        break;
      }
    }
  }
  out.push_back({Element::penalty, 0, 0, 0, kInfinitePenalty, -1});
  out.push_back({Element::glue, 0, kFill, 0, 0, -1});
  out.push_back({Element::penalty, 0, 0, 0, -kInfinitePenalty, -1});
  return out;
}

bool is_breakpoint(const std::vector<Element>& elements, size_t i) {
  const Element& e = elements[i];
  if (e.type == Element::penalty) return e.cost < kInfinitePenalty;
  return e.type == Element::glue && i > 0 && elements[i - 1].type == Element::box;
}

// Knuth-Plass: the breakpoints (element indices) minimising total demerits.
// Returns empty when no set of breaks keeps every line within `tolerance`.
std::vector<size_t> total_fit(const std::vector<Element>& elements, double width, double tolerance) {
  struct Node {
    size_t position;
    double width_sum, stretch_sum, shrink_sum;  // totals after the break
    double demerits;
    int previous;
  };
  std::vector<Node> nodes = {{0, 0, 0, 0, 0, -1}};
  std::vector<int> active = {0};
  double width_sum = 0, stretch_sum = 0, shrink_sum = 0;
  for (size_t i = 0; i < elements.size(); ++i) {
    const Element& e = elements[i];
    if (is_breakpoint(elements, i)) {
      int best = -1;
      double best_demerits = std::numeric_limits<double>::infinity();
      std::vector<int> still_active;
      for (int a : active) {
        const Node& node = nodes[static_cast<size_t>(a)];
        const double natural = width_sum - node.width_sum + (e.type == Element::penalty ? e.width : 0);
        double ratio;
        if (natural < width) {
          const double stretch = stretch_sum - node.stretch_sum;
          ratio = stretch > 0 ? (width - natural) / stretch : std::numeric_limits<double>::infinity();
        } else {
          const double shrink = shrink_sum - node.shrink_sum;
          ratio = shrink > 0 ? (width - natural) / shrink : (natural > width + 1e-9 ? -2 : 0);
        }
        if (ratio >= -1) still_active.push_back(a);  // a node dies once its lines overflow
        if (ratio < -1 || ratio > tolerance) continue;
        const double badness = 100 * std::pow(std::abs(ratio), 3);
        double demerits = std::pow(10 + badness, 2);
        if (e.type == Element::penalty && e.cost > 0) demerits += double(e.cost) * e.cost;
        else if (e.type == Element::penalty && e.cost > -kInfinitePenalty) demerits -= double(e.cost) * e.cost;
        demerits += node.demerits;
        if (demerits < best_demerits) best_demerits = demerits, best = a;
      }
      if (e.type == Element::penalty && e.cost <= -kInfinitePenalty) still_active.clear();  // forced break
      active = std::move(still_active);
      if (best >= 0) {
        // Totals after the break skip the glue and penalties that follow it.
        double w = width_sum, st = stretch_sum, sh = shrink_sum;
        for (size_t k = i; k < elements.size(); ++k) {
          const Element& next = elements[k];
          if (next.type == Element::box) break;
          if (k > i && next.type == Element::penalty && next.cost <= -kInfinitePenalty) break;
          if (next.type == Element::glue) w += next.width, st += next.stretch, sh += next.shrink;
        }
        nodes.push_back({i, w, st, sh, best_demerits, best});
        active.push_back(static_cast<int>(nodes.size()) - 1);
      }
      if (active.empty() && !(e.type == Element::penalty && e.cost <= -kInfinitePenalty)) return {};
    }
    if (e.type == Element::box) width_sum += e.width;
    else if (e.type == Element::glue) width_sum += e.width, stretch_sum += e.stretch, shrink_sum += e.shrink;
  }
  // The last node at the final forced break.
  int end = -1;
  for (size_t n = 0; n < nodes.size(); ++n)
    if (nodes[n].position == elements.size() - 1 && (end < 0 || nodes[n].demerits < nodes[static_cast<size_t>(end)].demerits))
      end = static_cast<int>(n);
  std::vector<size_t> breaks;
  for (int n = end; n > 0; n = nodes[static_cast<size_t>(n)].previous) breaks.push_back(nodes[static_cast<size_t>(n)].position);
  std::reverse(breaks.begin(), breaks.end());
  return breaks;
}

// First fit, for lines set ragged (left, centred, right): each line takes as
// much as fits, breaking at the last opportunity before the measure. A run
// with no opportunity that is wider than the measure (a long word, a row of
// marks that may not start a line) is broken where it fills the line: text
// past the margin would be lost off the page.
std::vector<size_t> first_fit(const std::vector<Element>& elements, double width) {
  std::vector<size_t> breaks;
  size_t i = 0;
  while (i < elements.size()) {
    while (i < elements.size() && elements[i].type != Element::box) ++i;  // discardable
    double line = 0;
    size_t candidate = elements.size();
    size_t forced = elements.size();  // the last place a break the rules forbid would fill the line
    bool has_text = false;
    size_t k = i;
    for (; k < elements.size(); ++k) {
      const Element& e = elements[k];
      if (is_breakpoint(elements, k) && k > i) {
        if (e.type == Element::penalty && e.cost <= -kInfinitePenalty) break;  // the paragraph's end
        if (line + (e.type == Element::penalty ? e.width : 0) <= width + 1e-9) candidate = k;
      } else if (e.type == Element::penalty && has_text && line <= width + 1e-9 &&
                 !(k + 1 < elements.size() && elements[k + 1].type == Element::glue && elements[k + 1].atom >= 0)) {
        forced = k;  // not before a space, which a line start would drop
      }
      if (e.type == Element::box) {
        if (line + e.width > width + 1e-9 && candidate == elements.size() && forced < elements.size()) {
          candidate = forced;
          break;
        }
        if (line + e.width > width + 1e-9 && candidate < elements.size()) break;
        if (e.atom >= 0) has_text = true;
        line += e.width;
      } else if (e.type == Element::glue && e.stretch < kFill) {
        line += e.width;
      }
    }
    if (k >= elements.size() || (elements[k].type == Element::penalty && elements[k].cost <= -kInfinitePenalty)) {
      breaks.push_back(elements.size() - 1);
      break;
    }
    breaks.push_back(candidate);
    i = candidate + 1;
  }
  if (breaks.empty() || breaks.back() != elements.size() - 1) breaks.push_back(elements.size() - 1);
  return breaks;
}

}  // namespace

ParagraphLayout layout_paragraph(const std::string& utf8, const RoleStyle& role, const RoleFonts& fonts,
                                 FontLibrary& library, double width, ShapeReport& report, double reserve_right) {
  ParagraphLayout result;
  result.size = role.size;
  result.line_height = role.size * role.leading;
  result.ascent = role.size * fonts.chinese->ascender();
  const std::u32string text = utf8_to_u32(utf8);
  if (text.empty()) return result;
  std::vector<Atom> atoms = shape_paragraph(text, fonts, library, report);
  const double em = role.size;
  const double measure = width / em;  // everything below is in em
  const unsigned space_glyph = fonts.latin->glyph(U' ');
  const double space = fonts.latin->advance(space_glyph);
  const std::vector<Element> elements = elements_of(atoms, role.indent_em, space);

  std::vector<size_t> breaks;
  if (role.align == Align::justify) {
    for (double tolerance : {1.0, 3.0, 1e9}) {
      breaks = total_fit(elements, measure, tolerance);
      if (!breaks.empty()) break;
    }
  }
  if (breaks.empty()) breaks = first_fit(elements, measure - reserve_right / em);

  size_t start = 0;
  for (size_t b = 0; b < breaks.size(); ++b) {
    const size_t end = breaks[b];
    const bool last = b + 1 == breaks.size();
    // Discardable items at the start of a line go.
    while (start < end && elements[start].type != Element::box) ++start;
    double natural = 0, stretch = 0, shrink = 0;
    for (size_t k = start; k < end; ++k) {
      const Element& e = elements[k];
      if (e.type == Element::box) natural += e.width;
      else if (e.type == Element::glue && e.stretch < kFill) natural += e.width, stretch += e.stretch, shrink += e.shrink;
    }
    if (elements[end].type == Element::penalty && !last) natural += elements[end].width;
    // An opening bracket starting a line loses its blank left half.
    double lead = 0;
    if (elements[start].atom >= 0) {
      const Atom& first = atoms[static_cast<size_t>(elements[start].atom)];
      if (first.punctuation == Punctuation::opening && first.width >= 0.9 && first.shift == 0) lead = -0.5;
    }
    natural += lead;
    const bool justify = role.align == Align::justify && !last;
    double ratio = 0, other_ratio = 0;  // Chinese gaps, other glue
    if (justify && natural < measure && stretch > 0) {
      double chinese_stretch = 0;
      for (size_t k = start; k < end; ++k)
        if (elements[k].type == Element::glue && elements[k].chinese_gap) chinese_stretch += elements[k].stretch;
      const double other_stretch = stretch - chinese_stretch;
      ratio = other_ratio = (measure - natural) / stretch;
      if (ratio * kChineseStretch > kMaxChineseGap) {
        ratio = kMaxChineseGap / kChineseStretch;
        const double left = measure - natural - chinese_stretch * ratio;
        // Word spaces and Han-Latin gaps take the rest, up to six times their
        // stretch; beyond that the line is left short rather than full of holes.
        other_ratio = other_stretch > 0 ? std::min(6.0, left / other_stretch) : 0;
      }
    } else if (natural > measure && shrink > 0) {
      ratio = other_ratio = std::max(-1.0, (measure - natural) / shrink);
    }
    PlacedLine line;
    double x = lead;
    for (size_t k = start; k < end; ++k) {
      const Element& e = elements[k];
      if (e.type == Element::glue) {
        const double r = e.chinese_gap ? ratio : other_ratio;
        if (e.atom >= 0) {
          // A space is drawn (as a blank glyph), so that copied or extracted
          // text has it.
          line.glyphs.push_back({fonts.latin, space_glyph, x * em, 0, U" "});
          line.text.push_back(U' ');
        }
        x += e.width + (r > 0 ? r * e.stretch : r * e.shrink);
        continue;
      }
      if (e.type != Element::box) continue;
      if (e.atom < 0) {
        x += e.width;
        continue;
      }
      const Atom& atom = atoms[static_cast<size_t>(e.atom)];
      double gx = x + atom.shift;
      for (size_t g = 0; g < atom.glyphs.size(); ++g) {
        const GlyphRef& glyph = atom.glyphs[g];
        line.glyphs.push_back({glyph.font, glyph.id, (gx + glyph.x_offset) * em, glyph.y_offset * em,
                               g == 0 ? atom.text : std::u32string()});
        gx += glyph.advance;
      }
      line.text += atom.text;
      x += atom.width;
    }
    if (elements[end].type == Element::penalty && !last) x += elements[end].width;
    line.width = x * em;
    line.justified = justify;
    if (std::getenv("REISSUE_DEBUG_LAYOUT"))
      std::fprintf(stderr, "measure %.2f natural %.2f stretch %.2f ratio %.2f/%.2f set %.2f %s %s\n", measure, natural,
                   stretch, ratio, other_ratio, x, justify ? "J" : "-", u32_to_utf8(line.text).c_str());
    switch (role.align) {
      case Align::center: line.x = std::max(0.0, (width - line.width) / 2); break;
      case Align::right: line.x = std::max(0.0, width - line.width); break;
      default: line.x = 0; break;
    }
    result.lines.push_back(std::move(line));
    start = end + 1;
  }
  return result;
}

}  // namespace reissue::layout
