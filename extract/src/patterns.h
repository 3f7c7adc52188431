// Small matchers for the newsletter's printed conventions. Hand-written rather
// than std::regex: they run on every line of large batches.
#pragma once

#include <optional>
#include <string>

namespace reissue {
struct Date;
}

namespace reissue::extract {

enum class Section { none, intro, contents, body };

// 本期导语： / 一、信息目录 / 二、具体内容 (spaces ignored). For the intro, `rest` gets
// any text after the colon.
Section section_marker(const std::u32string& text, std::u32string* rest = nullptr);

// "N." "N．" "N、" "N " at the start: the number and the text after it.
struct Numbered {
  int n = 0;
  std::u32string prefix;  // "1." as printed, set aside
  std::u32string rest;
};
std::optional<Numbered> numbered_line(const std::u32string& text);

// A line that is only a bracketed source: （光明网） / (新华网).
std::optional<std::u32string> bracketed(const std::u32string& text);

// "label：rest" (full- or half-width colon, optional spaces around).
std::optional<std::u32string> after_label(const std::u32string& text, std::u32string_view label,
                                          std::u32string* printed_label = nullptr);

// "2025-06-07 来源：云南网" -> date, outlet. Also 2025年6月7日 / 2025.06.07 / 2025/6/7.
struct DatelineMatch {
  std::u32string date_text;
  int year = 0, month = 0, day = 0;
  std::u32string source;
  std::u32string label;  // " 来源：" as printed
};
// A dateline: a date (and time) alone, or with 来源：X after it, or after
// 来源：X. The label as printed and the date text are kept for the review.
std::optional<DatelineMatch> dateline(const std::u32string& text);

// A date written 2025年11月14日 / 2025 年 5 月 23 日 anywhere in `text`:
// [begin, end) of the match and its value.
struct DateMatch {
  size_t begin = 0, end = 0;
  int year = 0, month = 0, day = 0;
};
std::optional<DateMatch> find_chinese_date(const std::u32string& text, size_t from = 0);

}  // namespace reissue::extract
