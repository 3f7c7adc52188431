#include "lines_from_source.h"

#include "chars.h"
#include "line_assembly.h"
#include "reissue/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <utility>

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

double percentile(std::vector<std::pair<double, double>> values, double fraction) {
  const size_t at = std::min(values.size() - 1, static_cast<size_t>(fraction * static_cast<double>(values.size())));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(at), values.end());
  return values[at].first;
}

struct LayoutStats {
  double body_size = 0;
  double left_margin = 0, right_margin = 0;
  double leading = 0;
};

using PrintedPages = std::vector<std::vector<PrintedLine>>;

// The em the text is printed in, from how far its characters advance: the
// most common width per estimated em of long lines. Some producers declare a
// size that is not the printed one (Chromium's Type 3 fonts carry a font
// matrix that doubles it); the advance cannot lie.
std::optional<double> printed_em(const PrintedPages& pages) {
  std::vector<std::pair<double, double>> ems;
  for (const auto& page : pages)
    for (const PrintedLine& line : page) {
      if (line.text.size() < 12) continue;
      const double width_em = text_width_em(line.text);
      if (width_em > 0) ems.push_back({(line.box.right - line.box.left) / width_em, 1});
    }
  if (ems.size() < 5) return std::nullopt;
  return weighted_mode(ems, 0.25);
}

// Declared sizes that disagree with the printed em by more than a justified
// line can stretch are rescaled to it.
void correct_declared_sizes(PrintedPages& pages, double body_size) {
  const std::optional<double> em = printed_em(pages);
  if (!em || body_size <= 0) return;
  const double factor = *em / body_size;
  if (factor > 0.8 && factor < 1.25) return;
  for (auto& page : pages)
    for (PrintedLine& line : page) line.font_size *= factor;
}

double body_font_size(const PrintedPages& pages) {
  std::vector<std::pair<double, double>> sizes;
  for (const auto& page : pages)
    for (const PrintedLine& line : page) sizes.push_back({line.font_size, static_cast<double>(line.text.size())});
  const double size = sizes.empty() ? 12 : weighted_mode(sizes, 0.25);
  return size > 0 ? size : 12;
}

LayoutStats measure(PrintedPages& pages) {
  correct_declared_sizes(pages, body_font_size(pages));
  LayoutStats stats;
  stats.body_size = body_font_size(pages);

  std::vector<std::pair<double, double>> lefts, rights, leadings;
  for (const auto& page : pages) {
    const PrintedLine* previous = nullptr;
    for (const PrintedLine& line : page) {
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
  // Justified text: most lines end at the margin (the mode). Ragged text
  // (left-aligned): the longest lines come within a character of it, so the
  // 90th percentile of the right edges, when that is further right.
  stats.right_margin = rights.empty() ? 0 : std::max(weighted_mode(rights, 1.0), percentile(rights, 0.9));
  stats.leading = leadings.empty() ? stats.body_size * 1.3 : weighted_mode(leadings, 0.25);
  return stats;
}

// A page's printed lines in reading order, each figure before the first line
// that starts below its top.
struct PageItem {
  const PrintedLine* line = nullptr;
  SourceImage* image = nullptr;
};

std::vector<PageItem> page_items(const std::vector<PrintedLine>& lines, std::vector<SourceImage>& images) {
  std::vector<PageItem> items;
  for (const PrintedLine& line : lines) items.push_back({&line, nullptr});
  std::vector<SourceImage*> figures;
  for (SourceImage& image : images) figures.push_back(&image);
  std::stable_sort(figures.begin(), figures.end(),
                   [](const SourceImage* a, const SourceImage* b) { return a->box.top < b->box.top; });
  for (SourceImage* image : figures) {
    auto at = std::find_if(items.begin(), items.end(),
                           [&](const PageItem& item) { return item.line && item.line->box.top >= image->box.top; });
    items.insert(at, {nullptr, image});
  }
  return items;
}

bool overlaps(const Box& a, const Box& b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

// The words OCR read on a page: runs with Tesseract's confidence, or every run
// of a page the source says OCR read (an OCR'd scan's text layer, whose
// confidences are lost).
std::vector<OcrWord> ocr_words_of(const SourcePage& page) {
  std::vector<OcrWord> words;
  for (const SourceRun& run : page.runs)
    if (run.confidence >= 0 || !page.ocr_reason.empty()) words.push_back({run.text, run.box, run.confidence});
  return words;
}

// The OCR words printed on `line` (their centres inside its box), taken out of
// `words` so that each is given to one line. The line counts as read by OCR
// when they make at least half of its characters.
void take_ocr_words(Line& line, const Box& box, std::vector<OcrWord>& words, LineSet& set) {
  const auto elsewhere = [&](const OcrWord& word) {
    const double x = (word.box.left + word.box.right) / 2, y = (word.box.top + word.box.bottom) / 2;
    return x < box.left || x > box.right || y < box.top || y > box.bottom;
  };
  const auto split = std::stable_partition(words.begin(), words.end(), elsewhere);
  std::vector<OcrWord> mine(std::make_move_iterator(split), std::make_move_iterator(words.end()));
  words.erase(split, words.end());
  size_t characters = 0;
  for (const OcrWord& word : mine) characters += word.text.size();
  size_t printed = 0;
  for (char32_t c : line.text) printed += !is_space(c);
  if (mine.empty() || 2 * characters < printed) return;
  line.ocr = true;
  std::stable_sort(mine.begin(), mine.end(), [](const OcrWord& a, const OcrWord& b) { return a.box.left < b.box.left; });
  set.ocr_words[line.number] = std::move(mine);
}

// A text line's evidence, measured against the document's body text.
Line evidence_of(const PrintedLine& source, const PrintedLine* previous, const LayoutStats& stats) {
  const double em = stats.body_size;
  Line line;
  line.text = trim(to_nfc(source.text));
  line.indent = (source.box.left - stats.left_margin) / em;
  line.slack = (stats.right_margin - source.box.right) / em;
  line.size_ratio = source.font_size / em;
  line.bold = source.bold;
  const double left_room = source.box.left - stats.left_margin;
  const double right_room = stats.right_margin - source.box.right;
  // Centred: equal room on both sides, more than a paragraph indent leaves.
  line.centered = left_room > 2.5 * em && std::abs(left_room - right_room) < 1.0 * em;
  if (previous) {
    // Leading beyond the usual, in lines; a larger font needs more.
    const double expected = stats.leading * std::max(1.0, source.font_size / em);
    line.gap_before = (source.baseline - previous->baseline - expected) / stats.leading;
  }
  return line;
}

void trace_stats(const LayoutStats& stats, double full_width, Review& review) {
  if (!review.tracing()) return;
  char text[160];
  std::snprintf(text, sizeof text, "body %.2fpt margins %.1f..%.1f leading %.2f measure %.1fem", stats.body_size,
                stats.left_margin, stats.right_margin, stats.leading, full_width);
  review.trace(text);
}

// One page's lines and figures in reading order. Every item gets the next
// running number, also a line left empty, as the places are kept by number.
void add_page(LineSet& set, size_t page_index, const std::vector<PrintedLine>& printed, SourcePage& page,
              std::vector<OcrWord>& ocr_words, const LayoutStats& stats) {
  const PrintedLine* previous = nullptr;
  bool first_on_page = true;
  for (const PageItem& item : page_items(printed, page.images)) {
    Line line;
    if (item.image) {
      line.figure = static_cast<int>(set.figures.size());
      line.gap_before = 1;
    } else {
      line = evidence_of(*item.line, previous, stats);
    }
    line.number = static_cast<int>(set.places.size());
    line.page = static_cast<int>(page_index);
    line.order = item.image ? item.image->order : item.line->order;
    line.page_start = std::exchange(first_on_page, false);
    set.places.push_back({line.page + 1, item.image ? item.image->box : item.line->box});
    if (item.image) {
      set.figures.push_back(std::move(*item.image));
      previous = nullptr;
    } else {
      if (line.text.empty()) continue;
      if (!item.line->marks.empty()) set.marks[line.number] = item.line->marks;
      if (!ocr_words.empty()) take_ocr_words(line, item.line->box, ocr_words, set);
      for (const SourceLink& link : page.links)
        if (overlaps(link.box, item.line->box)) set.link_targets[line.number].push_back(link.uri);
      previous = item.line;
    }
    set.lines.push_back(std::move(line));
  }
}

LineSet lines_with_geometry(SourceDocument& document, Review& review) {
  PrintedPages printed;
  std::vector<std::vector<OcrWord>> ocr_words;
  for (SourcePage& page : document.pages) {
    printed.push_back(assemble_lines(page.runs));
    ocr_words.push_back(ocr_words_of(page));
    std::vector<SourceRun>().swap(page.runs);
  }
  const LayoutStats stats = measure(printed);
  LineSet set;
  set.has_geometry = true;
  set.hard_wrapped = true;
  set.full_width = (stats.right_margin - stats.left_margin) / stats.body_size;
  trace_stats(stats, set.full_width, review);
  set.places.emplace_back();  // line numbers start at 1
  for (size_t p = 0; p < document.pages.size(); ++p) add_page(set, p, printed[p], document.pages[p], ocr_words[p], stats);
  const auto indented = std::count_if(set.lines.begin(), set.lines.end(), [](const Line& line) {
    return !line.is_figure() && !line.centered && line.indent >= 1.5 && line.indent <= 3;
  });
  set.indents_first_lines = indented >= 3 && indented * 50 >= static_cast<long>(set.lines.size());
  return set;
}

// What a word processor's document says about a line (DOCX): its formatting
// as evidence, its links, the figure it stands for.
void take_document_evidence(Line& line, SourceLine& source, SourceDocument& document, LineSet& set) {
  line.bold = source.bold;
  line.centered = source.centered;
  line.size_ratio = source.size_ratio;
  line.indent = source.indent;
  line.after_break = source.after_break;
  if (!source.links.empty()) set.link_targets[line.number] = std::move(source.links);
  if (source.figure < 0) return;
  std::vector<SourceImage>& images = document.pages.at(static_cast<size_t>(source.page)).images;
  line.figure = static_cast<int>(set.figures.size());
  set.figures.push_back(std::move(images.at(static_cast<size_t>(source.figure))));
}

LineSet lines_without_geometry(SourceDocument& document) {
  LineSet set;
  set.whole_paragraphs = document.whole_paragraphs;
  set.lines.reserve(document.lines.size());
  for (SourceLine& source : document.lines) {
    Line line;
    line.text = std::move(source.text);
    line.number = source.line;
    line.page = source.page;
    line.page_start = set.lines.empty() || set.lines.back().page != source.page;
    while (static_cast<int>(set.page_first_lines.size()) <= source.page) set.page_first_lines.push_back(source.line);
    line.gap_before = source.spaced ? 1 : 0;
    take_document_evidence(line, source, document, set);
    if (!source.marks.empty()) set.marks[line.number] = std::move(source.marks);
    set.lines.push_back(std::move(line));
  }
  // A large text is not held twice.
  std::vector<SourceLine>().swap(document.lines);
  return set;
}

}  // namespace

void restore_figure_order(LineSet& set) {
  std::vector<Line>& lines = set.lines;
  for (size_t f = 1; f < lines.size(); ++f) {
    const int figure = lines[f].order;
    // Only a figure that opens its page (a float goes to the top of the
    // next page), moved back only across tagged lines of the page before.
    if (!lines[f].is_figure() || figure < 0 || lines[f - 1].page != lines[f].page - 1) continue;
    size_t target = f;
    for (size_t b = f; b-- > 0;) {
      if (lines[b].page != lines[f].page - 1 || lines[b].order < figure) break;
      target = b;
    }
    if (target == f) continue;
    int moved_first = lines[target].order;
    for (size_t b = target; b < f; ++b) moved_first = std::min(moved_first, lines[b].order);
    // Its caption: the lines after it that the structure puts before the text it passed.
    size_t end = f + 1;
    while (end < lines.size() && !lines[end].is_figure() && lines[end].order > figure && lines[end].order < moved_first)
      ++end;
    std::rotate(lines.begin() + static_cast<std::ptrdiff_t>(target), lines.begin() + static_cast<std::ptrdiff_t>(f),
                lines.begin() + static_cast<std::ptrdiff_t>(end));
    f = end - 1;
  }
}

LineSet lines_from_source(SourceDocument& document, Review& review) {
  return document.positioned() ? lines_with_geometry(document, review) : lines_without_geometry(document);
}

}  // namespace reissue::extract
