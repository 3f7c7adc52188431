#include "reissue/numerals.h"

#include "reissue/text.h"

namespace reissue {

namespace {
int digit_value(char32_t c) {
  switch (c) {
    case U'〇': case U'零': case U'0': case U'０': return 0;
    case U'一': case U'1': case U'１': return 1;
    case U'二': case U'两': case U'2': case U'２': return 2;
    case U'三': case U'3': case U'３': return 3;
    case U'四': case U'4': case U'４': return 4;
    case U'五': case U'5': case U'５': return 5;
    case U'六': case U'6': case U'６': return 6;
    case U'七': case U'7': case U'７': return 7;
    case U'八': case U'8': case U'８': return 8;
    case U'九': case U'9': case U'９': return 9;
    default: return -1;
  }
}

long unit_value(char32_t c) {
  switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    default: return 0;
  }
}
}  // namespace

std::optional<long> parse_chinese_number(std::string_view text) {
  const std::u32string chars = utf8_to_u32(text);
  if (chars.empty() || chars.size() > 12) return std::nullopt;
  bool positional = false;
  for (char32_t c : chars) {
    if (unit_value(c) > 0 || c == U'万') positional = true;
    else if (digit_value(c) < 0) return std::nullopt;
  }
  if (!positional) {  // 六四九, 2025
    long value = 0;
    for (char32_t c : chars) value = value * 10 + digit_value(c);
    return value;
  }
  // 六百四十九, 十二, 一万零五
  long total = 0, section = 0, digit = -1;
  for (char32_t c : chars) {
    if (const int d = digit_value(c); d >= 0) {
      if (digit > 0) return std::nullopt;  // two digits without a unit between
      digit = d;
    } else if (c == U'万') {
      section += digit > 0 ? digit : 0;
      if (section == 0) return std::nullopt;
      total += section * 10000;
      section = 0;
      digit = -1;
    } else {
      const long unit = unit_value(c);
      section += (digit < 0 ? 1 : digit) * unit;  // 十二: a bare unit means one
      digit = -1;
    }
  }
  if (digit > 0) section += digit;
  return total + section;
}

}  // namespace reissue
