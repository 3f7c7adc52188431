#include "provenance.h"

#include <algorithm>

namespace reissue::extract {

namespace {

Box united(const Box& a, const Box& b) {
  return {std::min(a.left, b.left), std::min(a.top, b.top), std::max(a.right, b.right), std::max(a.bottom, b.bottom)};
}

// Boxes are kept one a page, in page order.
void add_box(std::vector<PageBox>& boxes, const PageBox& place) {
  auto at = std::lower_bound(boxes.begin(), boxes.end(), place.page,
                             [](const PageBox& box, int page) { return box.page < page; });
  if (at != boxes.end() && at->page == place.page) at->box = united(at->box, place.box);
  else boxes.insert(at, place);
}

}  // namespace

Provenance provenance_of(const LineSet& set, size_t first, size_t last) {
  const std::vector<Line>& lines = set.lines;
  Provenance provenance;
  provenance.first_line = lines[first].number;
  provenance.last_line = lines[last].number;
  provenance.page = lines[first].page + 1;
  if (!set.places.empty())
    for (size_t i = first; i <= last; ++i) add_box(provenance.boxes, set.places.at(lines[i].number));
  return provenance;
}

void extend(Provenance& into, const Provenance& more) {
  if (!more.known()) return;
  if (!into.known()) {
    into = more;
    return;
  }
  if (more.first_line < into.first_line) {
    into.first_line = more.first_line;
    into.page = more.page;
  }
  into.last_line = std::max(into.last_line, more.last_line);
  for (const PageBox& box : more.boxes) add_box(into.boxes, box);
}

void locate_review_items(const LineSet& set, std::vector<ReviewItem>& items) {
  const std::vector<Line>& lines = set.lines;
  auto by_number = [](const Line& line, int number) { return line.number < number; };
  for (ReviewItem& item : items) {
    if (item.first_line <= 0) continue;
    const int last_line = std::max(item.first_line, item.last_line);
    const auto first = std::lower_bound(lines.begin(), lines.end(), item.first_line, by_number);
    const auto end = std::lower_bound(first, lines.end(), last_line + 1, by_number);
    if (first != end) {
      Provenance provenance = provenance_of(set, static_cast<size_t>(first - lines.begin()),
                                            static_cast<size_t>(end - lines.begin()) - 1);
      item.page = provenance.page;
      item.boxes = std::move(provenance.boxes);
    } else if (static_cast<size_t>(item.first_line) < set.places.size()) {
      // A line no longer in the set (PDF): where it was printed is still known.
      item.page = set.places[static_cast<size_t>(item.first_line)].page;
      item.boxes = {set.places[static_cast<size_t>(item.first_line)]};
    }
  }
}

}  // namespace reissue::extract
