#include "reissue/issue.h"

#include <algorithm>

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

const char* inline_element_name(Inline::Kind kind) {
  switch (kind) {
    case Inline::Kind::emphasis: return "em";
    case Inline::Kind::strong: return "strong";
    case Inline::Kind::link: return "a";
  }
  return "em";
}

void nest_inlines(std::vector<Inline>& inlines) {
  const auto order = [](const Inline& a, const Inline& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  };
  std::vector<Inline> pending = std::move(inlines);
  std::erase_if(pending, [](const Inline& span) { return span.begin >= span.end; });
  std::sort(pending.begin(), pending.end(), order);
  inlines.clear();
  std::vector<size_t> open;  // indexes into `inlines` of the spans still open
  for (size_t i = 0; i < pending.size(); ++i) {
    Inline span = pending[i];
    while (!open.empty() && inlines[open.back()].end <= span.begin) open.pop_back();
    if (!open.empty() && span.end > inlines[open.back()].end) {
      // It crosses the end of the open span: the rest waits its turn.
      Inline rest = span;
      rest.begin = inlines[open.back()].end;
      span.end = rest.begin;
      pending.insert(std::upper_bound(pending.begin() + static_cast<long>(i) + 1, pending.end(), rest, order), rest);
    }
    inlines.push_back(std::move(span));
    open.push_back(inlines.size() - 1);
  }
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
