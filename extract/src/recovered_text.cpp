// What recovered characters stand for (font_recovery.h): plain functions,
// in the extract library (for its tests) and in the PDF module.
#include "font_recovery.h"

namespace reissue::extract {

int code_point_rank(char32_t c) {
  if ((c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F)) return 2;
  if (c >= 0x2E80 && c <= 0x2FDF) return 2;
  if (c >= 0xE000 && c <= 0xF8FF) return 3;  // private use: only when nothing else
  return 0;
}

std::u32string_view typed_text(char32_t recovered) {
  switch (recovered) {
    case U'\uFB00': return U"ff";
    case U'\uFB01': return U"fi";
    case U'\uFB02': return U"fl";
    case U'\uFB03': return U"ffi";
    case U'\uFB04': return U"ffl";
    case U'\uFB06': return U"st";
    case U'\u2E3A': return U"\u2014\u2014";
    case U'\u2E3B': return U"\u2014\u2014\u2014";
    default: return {};
  }
}

bool preferred_code_point(char32_t candidate, char32_t current) {
  const int a = code_point_rank(candidate), b = code_point_rank(current);
  return a != b ? a < b : candidate < current;
}

}  // namespace reissue::extract
