#include "line_assembly.h"

#include "reissue/text.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace reissue::extract {

namespace {

using Runs = std::vector<const SourceRun*>;

// How many lines of `a` stand level with a line of `b` (their vertical extents
// overlap by more than half the smaller one), and how many lines each has.
struct Levels {
  size_t level = 0, lines_a = 0, lines_b = 0;
};

std::vector<std::pair<double, double>> line_extents(const Runs& runs) {
  std::vector<std::pair<double, double>> extents;
  for (const SourceRun* run : runs) extents.emplace_back(run->box.top, run->box.bottom);
  std::sort(extents.begin(), extents.end());
  // Runs of one printed line overlap each other: one extent per line.
  std::vector<std::pair<double, double>> lines;
  for (const auto& extent : extents) {
    if (!lines.empty() && extent.first < lines.back().second - 0.5 * (extent.second - extent.first))
      lines.back().second = std::max(lines.back().second, extent.second);
    else
      lines.push_back(extent);
  }
  return lines;
}

Levels levels_of(const Runs& a, const Runs& b) {
  const auto ea = line_extents(a), eb = line_extents(b);
  Levels levels{0, ea.size(), eb.size()};
  size_t i = 0, j = 0;
  while (i < ea.size() && j < eb.size()) {
    const double overlap = std::min(ea[i].second, eb[j].second) - std::max(ea[i].first, eb[j].first);
    const double smaller = std::min(ea[i].second - ea[i].first, eb[j].second - eb[j].first);
    if (overlap > 0.5 * smaller) ++levels.level;
    if (ea[i].second < eb[j].second) ++i;
    else ++j;
  }
  return levels;
}

// Real columns run side by side for several lines: most lines of the shorter
// one stand level with a line of the other. A date at the right margin of a
// masthead line, a page number beside a footer, a label beside a value are
// parts of one line in one column, whatever order the source drew them in.
bool are_columns(const Runs& a, const Runs& b) {
  const Levels levels = levels_of(a, b);
  const size_t shorter = std::min(levels.lines_a, levels.lines_b);
  return levels.level >= 3 && 2 * levels.level >= shorter;
}

// The source's flows, in its order (consecutive runs of one flow).
std::vector<Runs> flows_of(const std::vector<SourceRun>& runs) {
  std::vector<Runs> flows;
  for (size_t i = 0; i < runs.size(); ++i) {
    if (i == 0 || runs[i].flow != runs[i - 1].flow) flows.emplace_back();
    flows.back().push_back(&runs[i]);
  }
  return flows;
}

// A source may split a page into flows where a line has wide gaps (justified
// around a long Latin word). Flows that share horizontal extent are one
// column: their runs are regrouped together, columns stay apart, in the
// source's order.
std::vector<Runs> columns_of(const std::vector<SourceRun>& runs) {
  struct Column {
    double left, right;
    Runs runs;
  };
  std::vector<Column> columns;
  for (Runs& flow : flows_of(runs)) {
    double left = flow.front()->box.left, right = flow.front()->box.right;
    for (const SourceRun* run : flow) left = std::min(left, run->box.left), right = std::max(right, run->box.right);
    Column* home = nullptr;
    for (Column& column : columns) {
      const double overlap = std::min(right, column.right) - std::max(left, column.left);
      // Any horizontal overlap: the same column.
      if (overlap > 0) {
        home = &column;
        break;
      }
    }
    if (!home) {
      columns.push_back({left, right, {}});
      home = &columns.back();
    }
    home->left = std::min(home->left, left);
    home->right = std::max(home->right, right);
    home->runs.insert(home->runs.end(), flow.begin(), flow.end());
  }
  // Columns that do not run side by side are one column that the source
  // split, e.g. a short label at the left margin under a centred masthead, or
  // a right-aligned date: their lines are ordered by height together.
  for (size_t i = 0; i < columns.size(); ++i)
    for (size_t j = i + 1; j < columns.size();) {
      if (are_columns(columns[i].runs, columns[j].runs)) {
        ++j;
        continue;
      }
      columns[i].runs.insert(columns[i].runs.end(), columns[j].runs.begin(), columns[j].runs.end());
      columns.erase(columns.begin() + static_cast<long>(j));
    }
  // Reading order from geometry, not from the order the source drew them in:
  // columns left to right.
  std::stable_sort(columns.begin(), columns.end(),
                   [](const Column& a, const Column& b) { return a.left < b.left; });
  std::vector<Runs> out;
  for (Column& column : columns) out.push_back(std::move(column.runs));
  return out;
}

bool chinese_mark(char32_t c) { return is_east_asian_wide(c) || is_cjk_punctuation(c); }

bool chinese_pair(const SourceRun& before, const SourceRun& run) {
  return !before.text.empty() && !run.text.empty() && chinese_mark(before.text.back()) &&
         chinese_mark(run.text.front());
}

// A gap the size of a space separates Latin words even when no space glyph
// exists. Between Chinese characters a space is a space character in the
// content stream (the source skipped it, leaving a hole in the character
// positions) or, for producers that draw none (XeTeX, Typst), a gap of an
// interword space (a TeX space shrinks to about 0.22 em), unless the line
// spreads its Chinese characters alike (`letter_spaced`: justification
// around a long URL, where every gap is wide and none is a space).
constexpr double kChineseSpace = 0.2;

// XeTeX (xeCJK) sets an interword glue between a Chinese character and any
// Latin one, whether the writer typed a space there or not, so that gap is no
// evidence. A symbol that joins words (人工智能+医疗, 数据/平台) is then taken
// as written without spaces; a separator (科学与健康 | 医学) and words keep
// the gap as a space (and the format drops it before Latin words anyway).
bool joining_symbol_beside_chinese(const SourceRun& before, const SourceRun& run) {
  if (before.text.empty() || run.text.empty()) return false;
  const char32_t left = before.text.back(), right = run.text.front();
  const auto joining = [](char32_t c) { return c < 0x80 && std::u32string_view(U"+-/&_@#%=~*^").find(c) != std::u32string_view::npos; };
  return (chinese_mark(left) && joining(right)) || (joining(left) && chinese_mark(right));
}

// A space character drawn beside a full-width mark that gave it its blank
// half (reissue sets 突破 “AI so: the blank stays half an em): the boxes
// touch, yet the space is the writer's.
bool space_in_blank_half(const SourceRun& before, const SourceRun& run, bool skipped, double gap, double size) {
  if (!skipped || before.text.empty() || run.text.empty() || gap < -0.1 * size) return false;
  const auto full_width_mark = [](char32_t c, std::u32string_view marks) {
    return marks.find(c) != std::u32string_view::npos;
  };
  return full_width_mark(before.text.back(), U"、，。：；！？）］｝》〉」』】〕〗”’") ||
         full_width_mark(run.text.front(), U"（［｛《〈「『【〔〖“‘");
}

bool space_between(const SourceRun& before, const SourceRun& run, bool letter_spaced) {
  const double gap = run.box.left - before.box.right;
  const double size = std::min(run.font_size, before.font_size);
  const bool skipped = run.content_begin > before.content_end;
  if (space_in_blank_half(before, run, skipped, gap, size)) return true;
  if (joining_symbol_beside_chinese(before, run)) return (skipped && gap > 0.05 * size) || gap > 0.6 * size;
  if (!chinese_pair(before, run)) return before.space_after || gap > 0.2 * size;
  return (skipped && gap > 0.05 * size) || (gap > kChineseSpace * size && !letter_spaced);
}

// Whether justification spread the Chinese characters of a line (ordered left
// to right): most adjacent Chinese characters stand apart by wide gaps, and
// the gaps are alike (within 0.15 em). A writer's spaces are a few.
bool letter_spaced(const std::vector<const SourceRun*>& group) {
  std::vector<double> wide;
  size_t pairs = 0;
  for (size_t i = 0; i < group.size(); ++i) {
    const SourceRun& run = *group[i];
    for (size_t k = 1; k < run.text.size(); ++k)
      if (chinese_mark(run.text[k - 1]) && chinese_mark(run.text[k])) ++pairs;
    if (i == 0) continue;
    const SourceRun& before = *group[i - 1];
    if (!chinese_pair(before, run)) continue;
    ++pairs;
    const double size = std::min(run.font_size, before.font_size);
    const double gap = run.box.left - before.box.right;
    if (run.content_begin <= before.content_end && gap > kChineseSpace * size) wide.push_back(gap / size);
  }
  if (wide.size() < 2 || 2 * wide.size() < pairs) return false;
  const auto [least, most] = std::minmax_element(wide.begin(), wide.end());
  return *most - *least < 0.15;
}

// A run's part in the line's marks: a bold run starts or continues a strong
// mark, a linked run a link mark (the space between two such runs included).
void mark_run(std::vector<SourceMark>& marks, const SourceRun* before, const SourceRun& run, bool spaced,
              size_t at) {
  const auto extend = [&](Inline::Kind kind, bool continues, const std::string& href) {
    if (continues) {
      for (auto it = marks.rbegin(); it != marks.rend(); ++it)
        if (it->kind == kind) {
          if (spaced) it->text.push_back(U' ');
          it->text += run.text;
          return;
        }
    }
    marks.push_back({kind, run.text, href, at});
  };
  if (run.bold) extend(Inline::Kind::strong, before && before->bold, "");
  if (!run.link.empty()) extend(Inline::Kind::link, before && before->link == run.link, run.link);
}

// One printed line from runs sharing a baseline, ordered left to right.
PrintedLine line_of(Runs group) {
  std::stable_sort(group.begin(), group.end(),
                   [](const SourceRun* a, const SourceRun* b) { return a->box.left < b->box.left; });
  PrintedLine line;
  line.box = group.front()->box;
  std::map<double, double> sizes;
  size_t bold = 0, colored = 0, total = 0;
  const bool spread = letter_spaced(group);
  for (size_t i = 0; i < group.size(); ++i) {
    const SourceRun& run = *group[i];
    const bool spaced = i > 0 && space_between(*group[i - 1], run, spread);
    if (spaced) line.text.push_back(U' ');
    line.text += run.text;
    mark_run(line.marks, i > 0 ? group[i - 1] : nullptr, run, spaced, line.text.size() - run.text.size());
    line.box.left = std::min(line.box.left, run.box.left);
    line.box.right = std::max(line.box.right, run.box.right);
    line.box.top = std::min(line.box.top, run.box.top);
    line.box.bottom = std::max(line.box.bottom, run.box.bottom);
    const size_t n = run.text.size();
    // By width, not characters: a line of Chinese with a long Latin name in a
    // font of another declared size is set in the Chinese size.
    sizes[std::round(run.font_size * 4) / 4] += std::max(0.0, run.box.right - run.box.left);
    bold += run.bold ? n : 0;
    colored += run.colored ? n : 0;
    total += n;
    line.baseline = run.baseline;
    if (run.order >= 0 && (line.order < 0 || run.order < line.order)) line.order = run.order;
  }
  double widest = -1;
  for (auto [size, width] : sizes)
    if (width > widest) widest = width, line.font_size = size;
  line.bold = bold * 2 > total;
  line.colored = colored * 2 > total;
  return line;
}

// A source's own lines may split where compressed glyphs overlap; printed
// lines are rebuilt from runs sharing a baseline.
std::vector<PrintedLine> lines_of_column(Runs runs) {
  std::stable_sort(runs.begin(), runs.end(),
                   [](const SourceRun* a, const SourceRun* b) { return a->baseline < b->baseline; });
  std::vector<Runs> groups;
  for (const SourceRun* run : runs) {
    const double tolerance = std::max(1.0, 0.25 * run->font_size);
    if (!groups.empty() && std::abs(groups.back().back()->baseline - run->baseline) <= tolerance)
      groups.back().push_back(run);
    else
      groups.push_back({run});
  }
  std::vector<PrintedLine> lines;
  for (Runs& group : groups) lines.push_back(line_of(std::move(group)));
  return lines;
}

// A few characters standing alone at the height of a line in another column
// (a contents page number at the right margin) belong to that line.
void merge_stray_fragments(std::vector<PrintedLine>& lines) {
  auto is_fragment = [](const PrintedLine& line) {
    if (line.text.size() > 4) return false;
    for (char32_t c : line.text)
      if (!(c >= U'0' && c <= U'9') && c != U' ' && c != U'.' && c != U'-') return false;
    return true;
  };
  // Each fragment looks at every line: a page of thousands of them is not a
  // contents page, and merging there would take quadratic time.
  constexpr size_t kMaxFragments = 200;
  if (std::count_if(lines.begin(), lines.end(), is_fragment) > static_cast<long>(kMaxFragments)) return;
  for (size_t i = 0; i < lines.size(); ++i) {
    PrintedLine& fragment = lines[i];
    if (!is_fragment(fragment)) continue;
    for (size_t k = 0; k < lines.size(); ++k) {
      PrintedLine& line = lines[k];
      if (k == i || is_fragment(line)) continue;
      const double tolerance = 0.25 * std::max(line.font_size, fragment.font_size);
      if (std::abs(line.baseline - fragment.baseline) > tolerance) continue;
      if (fragment.box.left < line.box.right && line.box.left < fragment.box.right) continue;  // overlapping
      const bool after = fragment.box.left >= line.box.right;
      line.text = after ? line.text + U" " + fragment.text : fragment.text + U" " + line.text;
      line.box.left = std::min(line.box.left, fragment.box.left);
      line.box.right = std::max(line.box.right, fragment.box.right);
      lines.erase(lines.begin() + static_cast<long>(i));
      --i;
      break;
    }
  }
}

}  // namespace

std::vector<PrintedLine> assemble_lines(const std::vector<SourceRun>& runs) {
  std::vector<PrintedLine> lines;
  for (Runs& column : columns_of(runs))
    for (PrintedLine& line : lines_of_column(std::move(column))) lines.push_back(std::move(line));
  merge_stray_fragments(lines);
  return lines;
}

}  // namespace reissue::extract
