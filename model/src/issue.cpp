#include "reissue/issue.h"

#include <charconv>
#include <cstdio>

namespace reissue {

bool Date::valid() const {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days_in_month = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days_in_month;
}

std::string Date::iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::optional<Date> Date::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t pos, size_t len) -> std::optional<int> {
    int value = 0;
    const char* first = text.data() + pos;
    auto [end, error] = std::from_chars(first, first + len, value);
    if (error != std::errc() || end != first + len) return std::nullopt;
    return value;
  };
  auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (!year || !month || !day) return std::nullopt;
  Date date{*year, *month, *day};
  if (!date.valid()) return std::nullopt;
  return date;
}

const char* block_kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::paragraph: return "p";
    case BlockKind::heading: return "heading";
    case BlockKind::figure: return "figure";
    case BlockKind::byline: return "byline";
  }
  return "p";
}

std::string article_id(int n) { return "a" + std::to_string(n); }

}  // namespace reissue
