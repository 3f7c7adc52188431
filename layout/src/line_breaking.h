// Choosing line breaks in a paragraph of boxes, glue and penalties (Knuth and
// Plass), with the one rule for how full a line is that both the breaker and
// the line setter (paragraph.cpp) use: they never disagree about a line.
#pragma once

#include <cstddef>
#include <vector>

namespace reissue::layout {

inline constexpr int kInfinitePenalty = 10000;
inline constexpr double kFill = 1e6;  // the stretch of the glue that ends a paragraph

// Widths in em of the paragraph's size.
struct Element {
  enum Type { box, glue, penalty } type;
  double width = 0, stretch = 0, shrink = 0;
  int cost = 0;              // of breaking here (penalties)
  int atom = -1;             // box: the atom it draws; -1 for an indent. Glue: the atom after a space
  bool chinese_gap = false;  // glue between Chinese characters
  double lead = 0;           // box: added to a line that starts with it (an opening mark loses its blank half)
  // Glue between two Han characters: how much narrower it may get when a
  // line overflows even at full shrink (a last resort, line_breaking.cpp).
  double squeeze = 0;
};

// The elements with running totals, so that any line's widths are a difference.
class LineItems {
 public:
  LineItems() = default;
  explicit LineItems(std::vector<Element> elements);

  const std::vector<Element>& elements() const { return elements_; }
  std::size_t size() const { return elements_.size(); }
  const Element& operator[](std::size_t i) const { return elements_[i]; }

  // Whether a line may end at element `i`.
  bool is_breakpoint(std::size_t i) const;
  // Where a line after a break at `after - 1` starts: the discardable glue and
  // penalties after a break are dropped (the paragraph's end stays).
  std::size_t line_start(std::size_t after) const;

  struct Widths {
    double natural = 0, stretch = 0, shrink = 0, squeeze = 0;
  };
  // The line from `start` (a line_start) to the break at `end`: its boxes and
  // glue, the width of a penalty it ends at, its first box's lead.
  Widths line_widths(std::size_t start, std::size_t end) const;

 private:
  std::vector<Element> elements_;
  // Totals of the elements before each index (penalties count only where a line ends).
  std::vector<double> width_before_, stretch_before_, shrink_before_, squeeze_before_;
};

// How far a line of these widths must stretch (> 0) or shrink (< 0) to fill
// `measure`, as a multiple of its stretch or shrink. Below -1 the line
// overflows even at full shrink; infinite when it is short with nothing to stretch.
double adjustment_ratio(const LineItems::Widths& widths, double measure);

// A line that overflows at full shrink may still be set by squeezing the
// gaps between Han characters: the share of their squeeze it needs, 0 when
// it fits without, above 1 when even that does not make it fit.
double squeeze_share(const LineItems::Widths& widths, double measure);

// Knuth-Plass total fit: the breakpoints (element indices, the last one the
// paragraph's end) minimising total demerits. The last line keeps
// `last_line_reserve` free at its right (a contents page number stands
// there). Empty when no set of breaks keeps every line's ratio within
// [-1, tolerance].
std::vector<std::size_t> total_fit(const LineItems& items, double measure, double tolerance,
                                   double last_line_reserve = 0);

// First fit, for lines set ragged: each line takes as much as fits. A run
// with no opportunity that is wider than the measure is broken where it
// fills the line.
std::vector<std::size_t> first_fit(const LineItems& items, double measure);

}  // namespace reissue::layout
