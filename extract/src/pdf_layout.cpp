#include "pdf_layout.h"

#include "chars.h"
#include "reissue/text.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace reissue::extract {

namespace {

// Most common value, after rounding to `step`; weights count.
double weighted_mode(const std::vector<std::pair<double, double>>& values, double step) {
  std::map<long, double> histogram;
  for (auto [value, weight] : values) histogram[std::lround(value / step)] += weight;
  long best = 0;
  double most = -1;
  for (auto [bucket, weight] : histogram)
    if (weight > most) most = weight, best = bucket;
  return static_cast<double>(best) * step;
}

PdfLayoutStats measure(const PdfContent& content) {
  PdfLayoutStats stats;
  std::vector<std::pair<double, double>> sizes;
  for (const PdfPage& page : content.pages)
    for (const PdfLine& line : page.lines) sizes.push_back({line.font_size, static_cast<double>(line.text.size())});
  stats.body_size = sizes.empty() ? 12 : weighted_mode(sizes, 0.25);
  if (stats.body_size <= 0) stats.body_size = 12;

  std::vector<std::pair<double, double>> lefts, rights, leadings;
  for (const PdfPage& page : content.pages) {
    const PdfLine* previous = nullptr;
    for (const PdfLine& line : page.lines) {
      const bool body = std::abs(line.font_size - stats.body_size) < 0.3;
      if (body) {
        lefts.push_back({line.box.left, 1});
        rights.push_back({line.box.right, 1});
        if (previous && std::abs(previous->font_size - stats.body_size) < 0.3) {
          const double step = line.baseline - previous->baseline;
          if (step > 0.5 * stats.body_size && step < 3 * stats.body_size) leadings.push_back({step, 1});
        }
      }
      previous = &line;
    }
  }
  stats.left_margin = lefts.empty() ? 0 : weighted_mode(lefts, 1.0);
  stats.right_margin = rights.empty() ? 0 : weighted_mode(rights, 1.0);
  stats.leading = leadings.empty() ? stats.body_size * 1.3 : weighted_mode(leadings, 0.25);
  return stats;
}

}  // namespace

LineSet lines_from_pdf(const PdfContent& content, std::vector<const PdfImage*>& images,
                       PdfLayoutStats* stats_out) {
  const PdfLayoutStats stats = measure(content);
  if (stats_out) *stats_out = stats;
  const double em = stats.body_size;
  LineSet set;
  set.has_geometry = true;
  set.hard_wrapped = true;
  set.full_width = (stats.right_margin - stats.left_margin) / em;
  int number = 0;
  for (size_t p = 0; p < content.pages.size(); ++p) {
    const PdfPage& page = content.pages[p];
    // Text lines in Poppler's reading order; each figure before the first line
    // that starts below its top.
    struct Item {
      const PdfLine* line;
      const PdfImage* image;
    };
    std::vector<Item> items;
    for (const PdfLine& line : page.lines) items.push_back({&line, nullptr});
    std::vector<const PdfImage*> figures;
    for (const PdfImage& image : page.images) figures.push_back(&image);
    std::stable_sort(figures.begin(), figures.end(),
                     [](const PdfImage* a, const PdfImage* b) { return a->box.top < b->box.top; });
    for (const PdfImage* image : figures) {
      auto at = std::find_if(items.begin(), items.end(), [&](const Item& item) {
        return item.line && item.line->box.top >= image->box.top;
      });
      items.insert(at, {nullptr, image});
    }
    const PdfLine* previous = nullptr;
    bool first_on_page = true;
    for (const Item& item : items) {
      Line line;
      line.number = ++number;
      line.page = static_cast<int>(p);
      line.page_start = first_on_page;
      first_on_page = false;
      if (item.image) {
        line.text = std::u32string(1, kImageMark);
        line.image = static_cast<int>(images.size());
        images.push_back(item.image);
        line.gap_before = 1;
        previous = nullptr;
        set.lines.push_back(std::move(line));
        continue;
      }
      const PdfLine& source = *item.line;
      line.text = trim(to_nfc(source.text));
      if (line.text.empty()) continue;
      line.indent = (source.box.left - stats.left_margin) / em;
      line.slack = (stats.right_margin - source.box.right) / em;
      line.size_ratio = source.font_size / em;
      line.bold = source.bold;
      const double left_room = source.box.left - stats.left_margin;
      const double right_room = stats.right_margin - source.box.right;
      // Centred: equal room on both sides, more than a paragraph indent leaves.
      line.centered = left_room > 2.5 * em && std::abs(left_room - right_room) < 0.6 * em;
      if (previous) {
        // Leading beyond the usual, in lines; a larger font needs more.
        const double expected = stats.leading * std::max(1.0, source.font_size / em);
        line.gap_before = (source.baseline - previous->baseline - expected) / stats.leading;
      }
      for (const PdfLink& link : page.links)
        if (link.box.overlaps(source.box)) set.link_targets[line.number].push_back(link.uri);
      previous = &source;
      set.lines.push_back(std::move(line));
    }
  }
  return set;
}

}  // namespace reissue::extract
