// Chinese numerals as printed in issue numbers and dates.
#pragma once

#include <optional>
#include <string_view>

namespace reissue {

// "六四九" (digit by digit) and "六百四十九" (positional) -> 649; "〇" and "零"
// are zero; ASCII and full-width digits are accepted too. nullopt if `text`
// is not a number.
std::optional<long> parse_chinese_number(std::string_view text);

}  // namespace reissue
