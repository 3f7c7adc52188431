#include "reissue/text.h"

#include "reissue/error.h"

#include <cstdio>

#include <unicode/normalizer2.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>


namespace reissue {

std::u32string utf8_to_u32(std::string_view text) {
  std::u32string out(text.size(), U'\0');
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  size_t count = 0;
  int32_t i = 0;
  while (i < length) {
    if (bytes[i] < 0x80) {  // ASCII needs no decoding
      out[count++] = bytes[i++];
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    out[count++] = c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
  }
  out.resize(count);
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;  // lone surrogate
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    append_utf8(out, 0xFFFD);
  }
}

std::string u32_to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) append_utf8(out, c);
  return out;
}

namespace {
const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw InternalError("ICU", "the NFC normalizer is unavailable");
  return *normalizer;
}

bool is_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}
}  // namespace

std::string to_nfc(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (nfc().isNormalized(source, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc().normalize(source, status);
  if (U_FAILURE(status)) throw InternalError("ICU", "NFC normalization failed");
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

bool is_nfc(std::string_view text) {
  if (is_ascii(text)) return true;
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  return nfc().isNormalized(source, status) && U_SUCCESS(status);
}

bool is_han(char32_t c) {
  if (c < 0x2E80) return false;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) return true;  // the common case
  if (c >= 0xA000 && c < 0xF900) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}

bool is_cjk_punctuation(char32_t c) {
  if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0xFE30 && c <= 0xFE4F)) return true;
  // Quotes, dashes, the ellipsis and the interpunct are full-width marks in
  // Chinese text, though Unicode files them with general punctuation.
  return c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == U'—' || c == U'…' || c == U'·';
}

bool is_cjk(char32_t c) { return is_han(c) || is_cjk_punctuation(c); }

bool is_latin_or_digit(char32_t c) {
  if (c < 0x80)
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%';
  // Unit signs written after numbers belong to the number's side.
  if (c == U'‰' || c == U'℃' || c == U'°') return true;
  if (is_cjk(c) || is_east_asian_wide(c)) return false;
  return u_isalpha(static_cast<UChar32>(c));
}

bool is_east_asian_wide(char32_t c) {
  if (c < 0x1100) return false;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303E) || (c >= 0xFF01 && c <= 0xFF60))
    return true;  // the common case, without a property lookup
  const int width = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE);
}

namespace {
bool is_ascii_punctuation(char32_t c) { return c > 0x20 && c < 0x7F && !is_latin_or_digit(c); }

// A Latin word, for the spacing rule, is a run of ASCII characters containing a
// letter or digit: "AI", "5G", "-AI", "15.4%", "(WHO)"; so is a run of ASCII
// symbols between Chinese characters, as in 人工智能+医疗 (word processors set
// a gap there that text extraction reads as a space).
bool starts_latin_word(const std::u32string& text, size_t i) {
  const size_t start = i;
  while (i < text.size() && is_ascii_punctuation(text[i])) ++i;
  return i < text.size() && (is_latin_or_digit(text[i]) || (i > start && is_cjk(text[i])));
}

bool ends_latin_word(const std::u32string& text) {
  size_t i = text.size();
  while (i > 0 && is_ascii_punctuation(text[i - 1])) --i;
  return i > 0 && (is_latin_or_digit(text[i - 1]) || (i < text.size() && is_cjk(text[i - 1])));
}
}  // namespace

bool is_xml_char(char32_t c) {
  if (c < 0x20) return c == 0x9 || c == 0xA || c == 0xD;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

bool is_control(char32_t c) {
  if (c < 0x20) return c != 0x9 && c != 0xA && c != 0xD && c != 0xC;
  return (c >= 0x7F && c <= 0x9F) || !is_xml_char(c);
}

namespace {
// True when every character passes the NFC quick check, so `text` is NFC
// without running the normalizer (almost always, for Chinese text).
bool surely_nfc(const std::u32string& text) {
  for (char32_t c : text) {
    if (c < 0x300 || (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF)) continue;
    if (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFC_QUICK_CHECK) != UNORM_YES) return false;
  }
  return true;
}
}  // namespace

std::u32string to_nfc(std::u32string text) {
  if (surely_nfc(text)) return text;
  return utf8_to_u32(to_nfc(u32_to_utf8(text)));
}

std::string normalize_inline_text(std::string_view text) {
  return normalize_inline_text(std::u32string_view(utf8_to_u32(text)));
}

namespace {

// The storage rule over NFC text; `out_at` (when given) receives, for each
// index of `in` and its end, the length of the output when that index is
// reached (inside white space: before the space it may become).
std::u32string normalize_nfc_text(const std::u32string& in, std::vector<size_t>* out_at) {
  std::u32string out;
  out.reserve(in.size());
  if (out_at) out_at->assign(in.size() + 1, 0);
  size_t i = 0;
  while (i < in.size()) {
    if (!is_space(in[i])) {
      if (out_at) (*out_at)[i] = out.size();
      out.push_back(is_xml_char(in[i]) ? in[i] : U'\uFFFD');
      ++i;
      continue;
    }
    bool has_break = false;
    while (i < in.size() && is_space(in[i])) {
      if (out_at) (*out_at)[i] = out.size();
      if (in[i] == '\n' || in[i] == '\r') has_break = true;
      ++i;
    }
    if (out.empty() || i == in.size()) continue;  // leading / trailing
    const char32_t before = out.back();
    const char32_t after = in[i];
    if (has_break && is_east_asian_wide(before) && is_east_asian_wide(after)) continue;
    if ((is_cjk(before) && starts_latin_word(in, i)) || (ends_latin_word(out) && is_cjk(after)))
      continue;
    out.push_back(U' ');
  }
  if (out_at) (*out_at)[in.size()] = out.size();
  return out;
}

}  // namespace

std::string normalize_inline_text(std::u32string_view text) {
  return u32_to_utf8(normalize_nfc_text(to_nfc(std::u32string(text)), nullptr));
}

std::string normalize_inline_segments(const std::vector<std::u32string>& segments, std::vector<size_t>& boundaries) {
  std::u32string joined;
  std::vector<size_t> starts;  // of each segment but the first, in `joined`
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) starts.push_back(joined.size());
    joined += to_nfc(segments[i]);
  }
  std::vector<size_t> out_at;
  const std::u32string out = normalize_nfc_text(joined, &out_at);
  // Code point offsets -> byte offsets of the UTF-8 result.
  std::vector<size_t> bytes_before(out.size() + 1, 0);
  std::string utf8;
  for (size_t i = 0; i < out.size(); ++i) {
    bytes_before[i] = utf8.size();
    append_utf8(utf8, out[i]);
  }
  bytes_before[out.size()] = utf8.size();
  boundaries.clear();
  for (size_t start : starts) boundaries.push_back(bytes_before[out_at[start]]);
  return utf8;
}

std::string format_decimal(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text == "-0" ? "0" : text;
}

}  // namespace reissue
