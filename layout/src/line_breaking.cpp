#include "line_breaking.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reissue::layout {

namespace {

constexpr double kEpsilon = 1e-9;  // em: rounding in sums of widths, not room

// A line stretched past this ratio spreads its Chinese gaps more than 0.06 em
// each (0.08 em at ratio 1, paragraph.cpp), which shows as letter-spacing:
// such a line costs as much as a bad break, so that the paragraph is broken
// another way whenever one keeps every line within it.
constexpr double kLooseRatio = 0.75;
constexpr double kLooseDemerits = 1e6;
// A line squeezed (its Han gaps a little narrower, at most Element::squeeze
// each) costs about half as much: less visible than a letter-spaced line.
// That is as much as some 40 lines set at full shrink, so in practice it is
// taken only when no break keeps every line within its glue.
constexpr double kSqueezeDemerits = 5e5;

bool is_forced_break(const Element& e) { return e.type == Element::penalty && e.cost <= -kInfinitePenalty; }

double demerits_of(double ratio, const Element& at) {
  const double badness = 100 * std::pow(std::abs(ratio), 3);
  double demerits = std::pow(10 + badness, 2) + (ratio > kLooseRatio ? kLooseDemerits : 0);
  if (at.type == Element::penalty && at.cost > 0) demerits += double(at.cost) * at.cost;
  else if (at.type == Element::penalty && at.cost > -kInfinitePenalty) demerits -= double(at.cost) * at.cost;
  return demerits;
}

}  // namespace

LineItems::LineItems(std::vector<Element> elements) : elements_(std::move(elements)) {
  const std::size_t n = elements_.size();
  width_before_.assign(n + 1, 0);
  stretch_before_.assign(n + 1, 0);
  shrink_before_.assign(n + 1, 0);
  squeeze_before_.assign(n + 1, 0);
  double width = 0, stretch = 0, shrink = 0, squeeze = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Element& e = elements_[i];
    if (e.type == Element::box) width += e.width;
    else if (e.type == Element::glue) width += e.width, stretch += e.stretch, shrink += e.shrink, squeeze += e.squeeze;
    width_before_[i + 1] = width;
    stretch_before_[i + 1] = stretch;
    shrink_before_[i + 1] = shrink;
    squeeze_before_[i + 1] = squeeze;
  }
}

bool LineItems::is_breakpoint(std::size_t i) const {
  const Element& e = elements_[i];
  if (e.type == Element::penalty) return e.cost < kInfinitePenalty;
  return e.type == Element::glue && i > 0 && elements_[i - 1].type == Element::box;
}

std::size_t LineItems::line_start(std::size_t after) const {
  std::size_t start = after;
  while (start + 1 < elements_.size() && elements_[start].type != Element::box && !is_forced_break(elements_[start]))
    ++start;
  return start;
}

LineItems::Widths LineItems::line_widths(std::size_t start, std::size_t end) const {
  Widths widths;
  widths.natural = width_before_[end] - width_before_[start] + elements_[start].lead;
  if (elements_[end].type == Element::penalty) widths.natural += elements_[end].width;
  widths.stretch = stretch_before_[end] - stretch_before_[start];
  widths.shrink = shrink_before_[end] - shrink_before_[start];
  widths.squeeze = squeeze_before_[end] - squeeze_before_[start];
  return widths;
}

double adjustment_ratio(const LineItems::Widths& widths, double measure) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  if (widths.natural < measure) return widths.stretch > 0 ? (measure - widths.natural) / widths.stretch : kInfinity;
  if (widths.shrink > 0) return (measure - widths.natural) / widths.shrink;
  return widths.natural > measure + kEpsilon ? -kInfinity : 0;
}

double squeeze_share(const LineItems::Widths& widths, double measure) {
  const double over = widths.natural - widths.shrink - measure;
  if (over <= kEpsilon) return 0;
  return widths.squeeze > 0 ? over / widths.squeeze : std::numeric_limits<double>::infinity();
}

std::vector<std::size_t> total_fit(const LineItems& items, double measure, double tolerance,
                                   double last_line_reserve) {
  struct Node {
    std::size_t position;  // the break
    std::size_t start;     // where the line after it starts
    double demerits;
    int previous;
  };
  std::vector<Node> nodes = {{0, items.line_start(0), 0, -1}};
  std::vector<int> active = {0};
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items.is_breakpoint(i)) continue;
    const Element& e = items[i];
    const double line_measure = is_forced_break(e) ? measure - last_line_reserve : measure;
    int best = -1;
    double best_demerits = std::numeric_limits<double>::infinity();
    std::vector<int> still_active;
    for (int a : active) {
      const Node& node = nodes[static_cast<std::size_t>(a)];
      const LineItems::Widths widths = items.line_widths(std::min(node.start, i), i);
      double ratio = adjustment_ratio(widths, line_measure);
      double squeezed = 0;
      if (ratio < -1 && squeeze_share(widths, line_measure) <= 1) ratio = -1, squeezed = kSqueezeDemerits;
      if (ratio >= -1) still_active.push_back(a);  // a node dies once its lines overflow
      if (ratio < -1 || ratio > tolerance) continue;
      const double demerits = node.demerits + demerits_of(ratio, e) + squeezed;
      if (demerits < best_demerits) best_demerits = demerits, best = a;
    }
    if (is_forced_break(e)) still_active.clear();
    active = std::move(still_active);
    if (best >= 0) {
      nodes.push_back({i, items.line_start(i + 1), best_demerits, best});
      active.push_back(static_cast<int>(nodes.size()) - 1);
    }
    if (active.empty() && !is_forced_break(e)) return {};
  }
  // The last node at the final forced break.
  int end = -1;
  for (std::size_t n = 0; n < nodes.size(); ++n)
    if (nodes[n].position == items.size() - 1 &&
        (end < 0 || nodes[n].demerits < nodes[static_cast<std::size_t>(end)].demerits))
      end = static_cast<int>(n);
  std::vector<std::size_t> breaks;
  for (int n = end; n > 0; n = nodes[static_cast<std::size_t>(n)].previous)
    breaks.push_back(nodes[static_cast<std::size_t>(n)].position);
  std::reverse(breaks.begin(), breaks.end());
  return breaks;
}

// Text past the margin would be lost off the page: a run with no break
// opportunity that is wider than the measure (a long word, a row of marks
// that may not start a line) is broken where it fills the line.
std::vector<std::size_t> first_fit(const LineItems& items, double measure) {
  const std::vector<Element>& elements = items.elements();
  std::vector<std::size_t> breaks;
  std::size_t i = 0;
  while (i < elements.size()) {
    while (i < elements.size() && elements[i].type != Element::box) ++i;  // discardable
    // The same widths as LineItems::line_widths, summed as the line grows.
    double line = i < elements.size() ? elements[i].lead : 0;
    std::size_t candidate = elements.size();
    std::size_t forced = elements.size();  // the last place a break the rules forbid would fill the line
    bool has_text = false;
    std::size_t k = i;
    for (; k < elements.size(); ++k) {
      const Element& e = elements[k];
      if (items.is_breakpoint(k) && k > i) {
        if (is_forced_break(e)) break;  // the paragraph's end
        if (line + (e.type == Element::penalty ? e.width : 0) <= measure + kEpsilon) candidate = k;
      } else if (e.type == Element::penalty && has_text && line <= measure + kEpsilon &&
                 !(k + 1 < elements.size() && elements[k + 1].type == Element::glue && elements[k + 1].atom >= 0)) {
        forced = k;  // not before a space, which a line start would drop
      }
      if (e.type == Element::box) {
        if (line + e.width > measure + kEpsilon && candidate == elements.size() && forced < elements.size()) {
          candidate = forced;
          break;
        }
        if (line + e.width > measure + kEpsilon && candidate < elements.size()) break;
        if (e.atom >= 0) has_text = true;
        line += e.width;
      } else if (e.type == Element::glue && e.stretch < kFill) {
        line += e.width;
      }
    }
    if (k >= elements.size() || is_forced_break(elements[k])) {
      breaks.push_back(elements.size() - 1);
      break;
    }
    breaks.push_back(candidate);
    i = candidate + 1;
  }
  if (breaks.empty() || breaks.back() != elements.size() - 1) breaks.push_back(elements.size() - 1);
  return breaks;
}

}  // namespace reissue::layout
