#include "provenance.h"

#include "reissue/issue_parts.h"
#include "reissue/text.h"

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
    } else {
      item.page = page_of_line(set, item.first_line);
    }
  }
}

int page_of_line(const LineSet& set, int number) {
  if (number <= 0) return 0;
  if (!set.places.empty())
    return static_cast<size_t>(number) < set.places.size() ? set.places[static_cast<size_t>(number)].page : 0;
  const auto after = std::upper_bound(set.page_first_lines.begin(), set.page_first_lines.end(), number);
  return static_cast<int>(after - set.page_first_lines.begin());
}

namespace {

// An excerpt short enough for one report line: its start and its end.
std::string shortened(const std::u32string& text) {
  constexpr size_t kHead = 36, kTail = 16;
  if (text.size() <= kHead + kTail + 1) return u32_to_utf8(text);
  return u32_to_utf8(text.substr(0, kHead)) + "…" + u32_to_utf8(text.substr(text.size() - kTail));
}

// The texts of input lines first..last that are still in the set.
std::vector<const std::u32string*> texts_of_lines(const LineSet& set, int first, int last) {
  auto by_number = [](const Line& line, int number) { return line.number < number; };
  std::vector<const std::u32string*> texts;
  for (auto it = std::lower_bound(set.lines.begin(), set.lines.end(), first, by_number);
       it != set.lines.end() && it->number <= last; ++it)
    if (!it->is_figure() && !it->text.empty()) texts.push_back(&it->text);
  return texts;
}

// A decision between two lines (a join, a paragraph boundary) is about where
// they meet: the end of the one and the start of the other, ⏎ between them.
std::string excerpt_of(const std::vector<const std::u32string*>& texts) {
  constexpr size_t kSide = 18;
  if (texts.size() == 2) {
    const std::u32string& above = *texts[0];
    const std::u32string& below = *texts[1];
    const std::u32string tail = above.size() > kSide ? U"…" + above.substr(above.size() - kSide) : above;
    const std::u32string head = below.size() > kSide ? below.substr(0, kSide) + U"…" : below;
    return u32_to_utf8(tail + U"⏎" + head);
  }
  std::u32string text;
  for (const std::u32string* line : texts) text += *line;
  return shortened(text);
}

}  // namespace

std::string line_excerpt(const LineSet& set, int first, int last) { return excerpt_of(texts_of_lines(set, first, last)); }

void describe_review(const LineSet& set, const Issue& issue, ExtractReport& report) {
  const std::vector<IssuePart> parts = issue_parts(issue);
  for (ReviewItem& item : report.review) {
    if (item.first_line <= 0) continue;
    const int last = std::max(item.first_line, item.last_line);
    const IssuePart* part = part_at_line(parts, item.first_line);
    if (!part) part = part_at_line(parts, last);
    if (part) item.element = part->path;
    if (item.excerpt.empty()) {
      item.excerpt = line_excerpt(set, item.first_line, last);
      if (item.excerpt.empty() && part) item.excerpt = shortened(utf8_to_u32(part->text));
    }
  }
  for (SetAside& item : report.set_aside) {
    item.page = page_of_line(set, item.line);
    if (item.line > 0 && static_cast<size_t>(item.line) < set.places.size())
      item.boxes = {set.places[static_cast<size_t>(item.line)]};
  }
}

}  // namespace reissue::extract
