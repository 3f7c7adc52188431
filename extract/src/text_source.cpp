#include "text_source.h"

#include "chars.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

namespace reissue::extract {

namespace {

// 1-based line of a byte offset, for messages.
int line_of_offset(std::string_view bytes, size_t offset) {
  const std::string_view before = bytes.substr(0, std::min(offset, bytes.size()));
  return 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
}

std::string hex_byte(char byte) {
  char text[3];
  std::snprintf(text, sizeof text, "%02X", static_cast<unsigned char>(byte));
  return text;
}

std::string convert_with_icu(std::string_view bytes, const std::string& name,
                             const std::string& encoding) {
  using Converter = std::unique_ptr<UConverter, decltype(&ucnv_close)>;
  UErrorCode status = U_ZERO_ERROR;
  Converter from(ucnv_open(encoding.c_str(), &status), ucnv_close);
  if (U_FAILURE(status))
    throw UsageError("--encoding " + encoding, 0,
                     "is not an encoding ICU knows; use a name such as UTF-8, GB18030, GBK, Big5 or UTF-16LE");
  ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  Converter to(ucnv_open("UTF-8", &status), ucnv_close);
  if (U_FAILURE(status)) throw InternalError("ICU", "no UTF-8 converter");
  // Straight to UTF-8 through a small buffer: a UTF-16 copy of a large text
  // would take four times its size.
  std::string utf8;
  utf8.reserve(bytes.size() / 2 * 3);  // two bytes of a legacy encoding are at most three of UTF-8
  const char* source = bytes.data();
  const char* source_end = source + bytes.size();
  std::array<UChar, 4096> pivot;
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  std::array<char, 16384> buffer;
  bool first = true;
  for (;;) {
    char* target = buffer.data();
    ucnv_convertEx(to.get(), from.get(), &target, buffer.data() + buffer.size(), &source, source_end, pivot.data(),
                   &pivot_source, &pivot_target, pivot.data() + pivot.size(), first, true, &status);
    first = false;
    utf8.append(buffer.data(), static_cast<size_t>(target - buffer.data()));
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    status = U_ZERO_ERROR;
  }
  if (U_FAILURE(status)) {
    // The source stops just after the bytes that could not be converted.
    char invalid[32];
    int8_t invalid_length = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(from.get(), invalid, &invalid_length, &ignored);
    const size_t offset = static_cast<size_t>(source - bytes.data()) - static_cast<size_t>(std::max<int8_t>(0, invalid_length));
    throw ReadError(name, line_of_offset(bytes, offset),
                    "not valid " + encoding + " text: the bytes at byte offset " + std::to_string(offset) +
                        " are not " + encoding + "; name the right encoding with --encoding");
  }
  return utf8;
}

// A text that is UTF-8 but for a few damaged bytes is not a legacy encoding:
// its many valid multi-byte sequences would be a rare accident in GB18030.
struct Utf8Census {
  size_t valid_multibyte = 0, invalid = 0, first_invalid = std::string_view::npos;
};

Utf8Census utf8_census(std::string_view bytes) {
  Utf8Census census;
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < length;) {
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c >= 0) {
      ++census.valid_multibyte;
    } else {
      if (census.invalid++ == 0) census.first_invalid = static_cast<size_t>(start);
    }
  }
  return census;
}

void reject_binary(std::string_view bytes, const std::string& name) {
  const size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos)
    throw ReadError(name, 0, "binary data (NUL byte at offset " + std::to_string(nul) +
                                 "), not a text file");
}

DecodedText utf8_as_is(std::string_view bytes, std::string encoding) {
  DecodedText decoded;
  decoded.original = bytes;
  decoded.encoding = std::move(encoding);
  return decoded;
}

DecodedText converted(std::string utf8, std::string encoding) {
  DecodedText decoded;
  decoded.converted = std::move(utf8);
  decoded.was_converted = true;
  decoded.encoding = std::move(encoding);
  return decoded;
}

// One line's UTF-8 (valid) as exactly as many code points as it holds.
std::u32string decode_line(std::string_view bytes) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  size_t count = 0;
  for (int32_t i = 0; i < length; ++i) count += !U8_IS_TRAIL(data[i]);
  std::u32string out;
  out.reserve(count);
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(data, i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace

DecodedText decode_text(std::string_view bytes, const std::string& name,
                        const std::string& encoding) {
  if (!encoding.empty()) {
    if (encoding == "UTF-8" || encoding == "utf-8" || encoding == "utf8") {
      if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
      if (const size_t bad = utf8_census(bytes).first_invalid; bad != std::string_view::npos)
        throw ReadError(name, line_of_offset(bytes, bad),
                        "not valid UTF-8: byte 0x" + hex_byte(bytes[bad]) + " at byte offset " + std::to_string(bad));
      reject_binary(bytes, name);
      return utf8_as_is(bytes, "UTF-8");
    }
    DecodedText decoded = converted(convert_with_icu(bytes, name, encoding), encoding);
    if (decoded.converted.substr(0, 3) == "\xEF\xBB\xBF") decoded.converted.erase(0, 3);
    reject_binary(decoded.converted, name);
    return decoded;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (const size_t bad = utf8_census(bytes).first_invalid; bad != std::string_view::npos)
      throw ReadError(name, 0, "has a UTF-8 byte order mark but is not valid UTF-8 (bad byte at offset " +
                                   std::to_string(bad + 3) + ")");
    reject_binary(bytes, name);
    return utf8_as_is(bytes, "UTF-8 (BOM)");
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const std::string utf16 = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    DecodedText decoded = converted(convert_with_icu(bytes.substr(2), name, utf16), utf16 + " (BOM)");
    reject_binary(decoded.converted, name);
    return decoded;
  }
  reject_binary(bytes, name);
  const Utf8Census census = utf8_census(bytes);
  if (census.invalid == 0) return utf8_as_is(bytes, "UTF-8");
  if (census.valid_multibyte >= 16 && census.invalid * 100 <= census.valid_multibyte)
    throw ReadError(name, line_of_offset(bytes, census.first_invalid),
                    "is UTF-8 text with " + std::to_string(census.invalid) + " damaged byte(s), the first (0x" +
                        hex_byte(bytes[census.first_invalid]) + ") at byte offset " +
                        std::to_string(census.first_invalid) +
                        ": repair it, or name the encoding with --encoding if it is not UTF-8");
  // Legacy Chinese text: GB18030 is a superset of GBK and GB2312.
  return converted(convert_with_icu(bytes, name, "GB18030"), "GB18030");
}

namespace {

// Calls visit(bytes) for each line (CRLF, CR and LF all end a line).
template <typename Visit>
void for_each_line(std::string_view utf8, Visit&& visit) {
  size_t start = 0;
  for (size_t i = 0; i <= utf8.size(); ++i) {
    if (i < utf8.size() && utf8[i] != '\n' && utf8[i] != '\r') continue;
    visit(utf8.substr(start, i - start));
    if (i < utf8.size() && utf8[i] == '\r' && i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
    start = i + 1;
  }
}

// Nothing but white space (form feeds included): what decoding, NFC and
// trimming leave empty, since NFC maps white space to white space only.
bool is_blank(std::string_view bytes) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0 || !is_space(static_cast<char32_t>(c))) return false;
  }
  return true;
}

// Something other than white space and control characters, which the
// recognizer sets aside.
bool has_text(const std::u32string& text) {
  return std::any_of(text.begin(), text.end(), [](char32_t c) { return !is_space(c) && !is_control(c); });
}

// How the text's blank lines fall: before each printed line, whether a page
// starts there and whether the line is set apart by extra blank lines. A form
// feed is a page break. A run of blank lines longer than the usual separator
// (the most common run) is a page break where such runs are rare, and space
// between blocks (pdftotext keeps a paragraph's space before) where they are
// common: more than one in 25 lines. Known before any line is decoded, so that
// the lines are allocated once at their number: a large text is not held twice.
struct BlankLayout {
  std::vector<size_t> page_sizes;  // printed lines per page
  std::vector<bool> spaced;        // by printed line
};

BlankLayout blank_layout(std::string_view utf8) {
  struct Gap {
    int blanks = 0;
    bool form_feed = false;
  };
  std::vector<Gap> gaps;  // before each printed line
  Gap gap;
  for_each_line(utf8, [&](std::string_view bytes) {
    gap.form_feed = gap.form_feed || bytes.find('\f') != std::string_view::npos;
    if (is_blank(bytes)) {
      ++gap.blanks;
      return;
    }
    gaps.push_back(gap);
    gap = {};
  });
  std::map<int, int> runs;
  for (size_t i = 1; i < gaps.size(); ++i) ++runs[gaps[i].blanks];
  int usual = 0, best = -1;
  for (auto [run, count] : runs)
    if (count > best) best = count, usual = run;
  size_t longer = 0;
  for (size_t i = 1; i < gaps.size(); ++i) longer += !gaps[i].form_feed && gaps[i].blanks > usual;
  const bool block_spacing = longer * 25 > gaps.size();
  BlankLayout layout;
  layout.spaced.resize(gaps.size(), false);
  for (size_t i = 0; i < gaps.size(); ++i) {
    const bool longer_run = i > 0 && gaps[i].blanks > usual;
    if (i == 0 || gaps[i].form_feed || (longer_run && !block_spacing)) layout.page_sizes.push_back(0);
    ++layout.page_sizes.back();
    layout.spaced[i] = longer_run && block_spacing && !gaps[i].form_feed;
  }
  return layout;
}

}  // namespace

SourceDocument text_source(std::string_view utf8, const std::string& name) {
  SourceDocument document;
  document.kind = "text";
  const BlankLayout layout = blank_layout(utf8);
  const std::vector<size_t>& sizes = layout.page_sizes;
  document.pages.resize(sizes.size());
  size_t count = 0;
  for (size_t size : sizes) count += size;
  document.lines.reserve(count);
  // Lines are decoded one at a time: the whole text as UTF-32 would be four
  // times the input. NFC never joins characters across a line break, so
  // normalizing line by line gives the same text.
  size_t page = 0, on_page = 0;
  int number = 0;
  bool any_text = false;
  for_each_line(utf8, [&](std::string_view bytes) {
    ++number;
    if (is_blank(bytes)) return;
    std::u32string text;
    if (bytes.find('\f') != std::string_view::npos) {
      std::string without_feeds(bytes);
      std::erase(without_feeds, '\f');
      text = decode_line(without_feeds);
    } else {
      text = decode_line(bytes);
    }
    text = trim(to_nfc(std::move(text)));
    any_text = any_text || has_text(text);
    if (on_page == sizes[page]) ++page, on_page = 0;
    ++on_page;
    const bool spaced = layout.spaced[document.lines.size()];
    SourceLine& line = document.lines.emplace_back();
    line.text = std::move(text);
    line.line = number;
    line.page = static_cast<int>(page);
    line.spaced = spaced;
  });
  if (!any_text) throw ReadError(name, 0, "contains no text");
  return document;
}

}  // namespace reissue::extract
