#include "letter_spacing.h"

#include <algorithm>

#include "chars.h"
#include "reissue/text.h"

namespace reissue::extract {

namespace {

// The evidence, in numbers (docs/extract.md, "Letter-spaced lines"):
// - letter-spaced: at least kLetterMinSpaced gaps with white space, and at
//   least 90% of the stretch's gaps (a layout that spreads a line spreads every
//   gap; pdftotext may miss one beside a compressed mark such as 。“);
// - spaced in pairs: at least kPairMinSpaced spaced gaps, the characters
//   between spaces never more than 3 (only the stretch's first and last may
//   be cut by a line end or a Latin word) and 2.5 on average; and the line is
//   full-length (kPairMinWidth em of text), since only a full line is spread.
//   A line of short names (记者 王伟 李明 张华) has the same pattern but not the
//   length.
// A writer's spaces (新华社记者 邓华 摄, 作者 马春晓 周燕玲, 记者 王 伟 摄) stay
// below both.
constexpr int kLetterMinSpaced = 4;
constexpr int kPairMinSpaced = 3;
constexpr size_t kPairMaxRun = 3;
constexpr double kPairMaxMeanRun = 2.5;
constexpr double kPairMinWidth = 12;

struct Run {
  size_t begin, end;  // [begin, end): Chinese characters without white space
};

// Runs of Chinese characters separated by nothing but white space.
struct Stretch {
  std::vector<Run> runs;
  int gaps() const {
    int n = static_cast<int>(runs.size()) - 1;
    for (const Run& run : runs) n += static_cast<int>(run.end - run.begin) - 1;
    return n;
  }
  int spaced() const { return static_cast<int>(runs.size()) - 1; }
  bool letter_spaced() const { return spaced() >= kLetterMinSpaced && spaced() * 10 >= gaps() * 9; }
  // Short runs throughout: what pair spacing leaves, and what a short
  // stretch of a spread line looks like (技术 节省 约 before a Latin word).
  bool regular() const {
    if (spaced() < 1) return false;
    size_t total = 0;
    for (size_t k = 0; k < runs.size(); ++k) {
      const size_t length = runs[k].end - runs[k].begin;
      total += length;
      if (k > 0 && k + 1 < runs.size() && length > kPairMaxRun) return false;
    }
    return static_cast<double>(total) <= kPairMaxMeanRun * static_cast<double>(runs.size());
  }
};

std::vector<Stretch> stretches_of(const std::u32string& text) {
  std::vector<Stretch> stretches;
  bool open = false;  // the last stretch may continue: only white space since its last run
  size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    if (!is_chinese_text(text[i])) {
      open = false;
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && is_chinese_text(text[i])) ++i;
    if (!open) stretches.emplace_back();
    stretches.back().runs.push_back({begin, i});
    open = true;
  }
  return stretches;
}

double width_without_spaces(const std::u32string& text) {
  double width = 0;
  for (char32_t c : text)
    if (!is_space(c)) width += char_width_em(c);
  return width;
}

// A letter-spaced line spaces Latin letters and digits too when the layout
// spread every character (2 0 2 5 - 0 7 - 0 3, A I): a run of tokens of one
// character each is one word. Latin words of several letters keep their spaces.
void join_spaced_letters(const std::u32string& text, std::vector<bool>& drop, int& removed) {
  size_t i = 0;
  size_t previous_single_end = std::u32string::npos;  // end of the last one-character token, if the last token
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    const bool single = i - begin == 1 && !is_chinese_text(text[begin]);
    if (single && previous_single_end != std::u32string::npos) {
      for (size_t j = previous_single_end; j < begin; ++j) drop[j] = true;
      ++removed;
    }
    previous_single_end = single ? i : std::u32string::npos;
  }
}

}  // namespace

std::u32string without_letter_spacing(const std::u32string& text, SpacingVerdict* verdict) {
  SpacingVerdict result;
  const std::vector<Stretch> stretches = stretches_of(text);
  bool letter = false, pair = false;
  for (const Stretch& stretch : stretches) {
    result.gaps += stretch.gaps();
    result.spaced += stretch.spaced();
    letter = letter || stretch.letter_spaced();
    pair = pair || (stretch.spaced() >= kPairMinSpaced && stretch.regular());
  }
  pair = pair && !letter && width_without_spaces(text) >= kPairMinWidth;
  if (!letter && !pair) {
    if (verdict) *verdict = result;
    return text;
  }
  result.kind = letter ? SpacingVerdict::letter_spaced : SpacingVerdict::pair_spaced;
  // The line's own evidence decides; a stretch too short to decide alone
  // (cut short by Latin words) follows it when its runs are as short.
  std::vector<bool> drop(text.size(), false);
  for (const Stretch& stretch : stretches) {
    if (!stretch.letter_spaced() && !stretch.regular()) continue;
    for (size_t k = 1; k < stretch.runs.size(); ++k) {
      for (size_t j = stretch.runs[k - 1].end; j < stretch.runs[k].begin; ++j) drop[j] = true;
      ++result.removed;
    }
  }
  if (letter) join_spaced_letters(text, drop, result.removed);
  std::u32string out;
  out.reserve(text.size());
  for (size_t j = 0; j < text.size(); ++j)
    if (!drop[j]) out.push_back(text[j]);
  if (verdict) *verdict = result;
  return out;
}

void remove_letter_spacing(std::vector<Line>& lines, Review& review) {
  for (Line& line : lines) {
    // Most lines have no white space at all.
    if (std::none_of(line.text.begin(), line.text.end(), is_space)) continue;
    SpacingVerdict verdict;
    std::u32string repaired = without_letter_spacing(line.text, &verdict);
    if (verdict.removed == 0) continue;
    line.text = std::move(repaired);
    review.uncertain("letter-spacing", line.number, line.number,
                     std::to_string(verdict.removed) + " space(s) between Chinese characters removed: the line is " +
                         (verdict.kind == SpacingVerdict::letter_spaced ? "letter-spaced" : "spaced in pairs") + " (" +
                         std::to_string(verdict.spaced) + " of its " + std::to_string(verdict.gaps) +
                         " gaps between Chinese characters are spaces)");
  }
}

}  // namespace reissue::extract
