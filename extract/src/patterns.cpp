#include "patterns.h"

#include "chars.h"

namespace reissue::extract {

namespace {

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_fullwidth_digit(char32_t c) { return c >= U'０' && c <= U'９'; }
bool is_colon(char32_t c) { return c == U'：' || c == ':'; }

std::u32string without_spaces(const std::u32string& text) {
  std::u32string out;
  for (char32_t c : text)
    if (c != ' ' && c != U'\u3000') out.push_back(c);
  return out;
}

// Reads up to `max_digits` ASCII or full-width digits at i.
std::optional<int> read_number(const std::u32string& text, size_t& i, size_t max_digits) {
  size_t start = i;
  int value = 0;
  while (i < text.size() && i - start < max_digits &&
         (is_digit(text[i]) || is_fullwidth_digit(text[i]))) {
    value = value * 10 + static_cast<int>(is_digit(text[i]) ? text[i] - '0' : text[i] - U'０');
    ++i;
  }
  if (i == start) return std::nullopt;
  return value;
}

void skip_spaces(const std::u32string& text, size_t& i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == U'\u3000')) ++i;
}

bool is_chinese_ordinal(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}

}  // namespace

Section section_marker(const std::u32string& text, std::u32string* rest) {
  const std::u32string compact = without_spaces(text);
  if (starts_with(compact, U"本期导语")) {
    // After the label's fourth character: it may be spaced out (本 期 导 语：).
    size_t i = 0;
    for (int printed = 0; printed < 4; ++i)
      if (text[i] != ' ' && text[i] != U'\u3000') ++printed;
    skip_spaces(text, i);
    if (i < text.size() && is_colon(text[i])) ++i;
    if (rest) *rest = trim(text.substr(i));
    return Section::intro;
  }
  // Optional Chinese ordinal and 、 before the section name; nothing after it.
  size_t i = 0;
  while (i < compact.size() && is_chinese_ordinal(compact[i])) ++i;
  if (i > 0 && i < compact.size() && (compact[i] == U'、' || compact[i] == U'.')) ++i;
  std::u32string name = compact.substr(i);
  if (!name.empty() && is_colon(name.back())) name.pop_back();
  if (name == U"信息目录" || name == U"目录") return Section::contents;
  if (name == U"具体内容" || name == U"正文") return Section::body;
  return Section::none;
}

std::optional<Numbered> numbered_line(const std::u32string& text) {
  size_t i = 0;
  const auto n = read_number(text, i, 3);
  if (!n || *n == 0 || i >= text.size()) return std::nullopt;
  const char32_t mark = text[i];
  if (mark != '.' && mark != U'．' && mark != U'、') return std::nullopt;
  ++i;
  // "1.36 倍": a decimal number, not an item.
  if (i < text.size() && (is_digit(text[i]) || is_fullwidth_digit(text[i]))) return std::nullopt;
  const size_t prefix_end = i;
  skip_spaces(text, i);
  if (i >= text.size()) return std::nullopt;
  return Numbered{*n, text.substr(0, prefix_end), text.substr(i)};
}

std::optional<std::u32string> bracketed(const std::u32string& text) {
  if (text.size() < 3) return std::nullopt;
  const char32_t open = text.front(), close = text.back();
  const bool full = open == U'（' && close == U'）';
  const bool half = open == '(' && close == ')';
  const bool mixed = (open == U'（' && close == ')') || (open == '(' && close == U'）');
  if (!full && !half && !mixed) return std::nullopt;
  const std::u32string inner = trim(text.substr(1, text.size() - 2));
  if (inner.empty() || inner.find_first_of(U"（）()") != std::u32string::npos) return std::nullopt;
  return inner;
}

std::optional<std::u32string> after_label(const std::u32string& text, std::u32string_view label,
                                          std::u32string* printed_label) {
  if (text.compare(0, label.size(), label) != 0) return std::nullopt;
  size_t i = label.size();
  skip_spaces(text, i);
  if (i >= text.size() || !is_colon(text[i])) return std::nullopt;
  ++i;
  if (printed_label) *printed_label = text.substr(0, i);
  return trim(text.substr(i));
}

std::optional<DateMatch> find_chinese_date(const std::u32string& text, size_t from) {
  for (size_t start = from; start < text.size(); ++start) {
    if (!is_digit(text[start]) && !is_fullwidth_digit(text[start])) continue;
    if (start > 0 && (is_digit(text[start - 1]) || is_fullwidth_digit(text[start - 1]))) continue;
    size_t i = start;
    const auto year = read_number(text, i, 4);
    if (!year || i - start != 4) continue;
    skip_spaces(text, i);
    if (i >= text.size() || text[i] != U'年') continue;
    ++i;
    skip_spaces(text, i);
    const auto month = read_number(text, i, 2);
    skip_spaces(text, i);
    if (!month || i >= text.size() || text[i] != U'月') continue;
    ++i;
    skip_spaces(text, i);
    const auto day = read_number(text, i, 2);
    skip_spaces(text, i);
    if (!day || i >= text.size() || text[i] != U'日') continue;
    return DateMatch{start, i + 1, *year, *month, *day};
  }
  return std::nullopt;
}

namespace {

// A date at `i` (2025年11月11日, 2025-11-11, 2025.11.11, 2025/11/11) and an
// optional time after it (10:23, 10:23:05); `i` moves past them.
std::optional<DatelineMatch> date_and_time_at(const std::u32string& text, size_t& i) {
  DatelineMatch match;
  const size_t start = i;
  if (const auto chinese = find_chinese_date(text, i); chinese && chinese->begin == i) {
    match.year = chinese->year, match.month = chinese->month, match.day = chinese->day;
    i = chinese->end;
  } else {
    const auto year = read_number(text, i, 4);
    if (!year || i - start != 4 || i >= text.size()) return std::nullopt;
    const char32_t separator = text[i];
    if (std::u32string_view(U"-./–—").find(separator) == std::u32string_view::npos) return std::nullopt;
    ++i;
    const auto month = read_number(text, i, 2);
    if (!month || i >= text.size() || text[i] != separator) return std::nullopt;
    ++i;
    const auto day = read_number(text, i, 2);
    if (!day) return std::nullopt;
    match.year = *year, match.month = *month, match.day = *day;
  }
  // A time of day belongs to the date (set aside with it).
  size_t after = i;
  skip_spaces(text, after);
  if (read_number(text, after, 2) && after < text.size() && (text[after] == ':' || text[after] == U'：')) {
    ++after;
    const size_t minutes = after;
    if (read_number(text, after, 2) && after - minutes == 2) {
      if (after + 2 < text.size() && text[after] == ':' && is_digit(text[after + 1])) {
        ++after;
        read_number(text, after, 2);
      }
      i = after;
    }
  }
  match.date_text = text.substr(start, i - start);
  return match;
}

}  // namespace

std::optional<DatelineMatch> dateline(const std::u32string& text) {
  size_t i = 0;
  // 2025-11-11 [10:23] 来源：新华社, or a date alone.
  if (auto match = date_and_time_at(text, i)) {
    const size_t label_start = i;
    skip_spaces(text, i);
    if (i == text.size()) return match;
    std::u32string label;
    const auto source = after_label(text.substr(i), U"来源", &label);
    if (!source) return std::nullopt;
    match->label = text.substr(label_start, i - label_start) + label;
    match->source = *source;
    return match;
  }
  // 来源：新华社 2025-11-11: the source first, the date closing the line.
  std::u32string label;
  const auto rest = after_label(text, U"来源", &label);
  if (!rest) return std::nullopt;
  const size_t space = rest->rfind(U' ');
  if (space == std::u32string::npos) return std::nullopt;
  size_t at = space + 1;
  auto match = date_and_time_at(*rest, at);
  if (!match || at != rest->size()) return std::nullopt;
  match->source = trim(rest->substr(0, space));
  if (match->source.empty()) return std::nullopt;
  match->label = label;
  return match;
}

}  // namespace reissue::extract
