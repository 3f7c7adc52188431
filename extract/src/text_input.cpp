#include "text_input.h"

#include "chars.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <memory>

namespace reissue::extract {

namespace {

// Offset of the first byte that is not valid UTF-8, or npos.
size_t first_invalid_utf8(std::string_view bytes) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

std::string convert_with_icu(std::string_view bytes, const std::string& name,
                             const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(
      ucnv_open(encoding.c_str(), &status), ucnv_close);
  if (U_FAILURE(status))
    throw ReadError(name, 0, "unknown encoding \"" + encoding + "\"");
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                      &status);
  icu::UnicodeString text;
  const char* source = bytes.data();
  const char* source_end = source + bytes.size();
  std::vector<UChar> buffer(std::max<size_t>(1024, bytes.size() * 2 + 16));
  UChar* target = buffer.data();
  ucnv_toUnicode(converter.get(), &target, target + buffer.size(), &source, source_end, nullptr,
                 true, &status);
  if (U_FAILURE(status)) {
    const size_t offset = static_cast<size_t>(source - bytes.data());
    throw ReadError(name, 0,
                    "not valid " + encoding + " text (bad bytes near byte offset " +
                        std::to_string(offset) + "); use --encoding to name the right encoding");
  }
  text.setTo(buffer.data(), static_cast<int32_t>(target - buffer.data()));
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

void reject_binary(std::string_view bytes, const std::string& name) {
  const size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos)
    throw ReadError(name, 0, "binary data (NUL byte at offset " + std::to_string(nul) +
                                 "), not a text file");
}

}  // namespace

DecodedText decode_text(std::string_view bytes, const std::string& name,
                        const std::string& encoding) {
  if (!encoding.empty()) {
    if (encoding == "UTF-8" || encoding == "utf-8" || encoding == "utf8") {
      if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
      if (const size_t bad = first_invalid_utf8(bytes); bad != std::string_view::npos)
        throw ReadError(name, 0, "not valid UTF-8 (bad byte at offset " + std::to_string(bad) + ")");
      reject_binary(bytes, name);
      return {std::string(bytes), "UTF-8"};
    }
    DecodedText decoded{convert_with_icu(bytes, name, encoding), encoding};
    if (decoded.utf8.substr(0, 3) == "\xEF\xBB\xBF") decoded.utf8.erase(0, 3);
    reject_binary(decoded.utf8, name);
    return decoded;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (const size_t bad = first_invalid_utf8(bytes); bad != std::string_view::npos)
      throw ReadError(name, 0, "has a UTF-8 byte order mark but is not valid UTF-8 (bad byte at offset " +
                                   std::to_string(bad + 3) + ")");
    reject_binary(bytes, name);
    return {std::string(bytes), "UTF-8 (BOM)"};
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const std::string utf16 = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    DecodedText decoded{convert_with_icu(bytes.substr(2), name, utf16), utf16 + " (BOM)"};
    reject_binary(decoded.utf8, name);
    return decoded;
  }
  reject_binary(bytes, name);
  if (first_invalid_utf8(bytes) == std::string_view::npos) return {std::string(bytes), "UTF-8"};
  // Legacy Chinese text: GB18030 is a superset of GBK and GB2312.
  return {convert_with_icu(bytes, name, "GB18030"), "GB18030"};
}

std::vector<Line> split_lines(const std::string& utf8) {
  struct RawLine {
    std::u32string text;
    int number;
    int blanks_before;
    bool form_feed_before;
  };
  std::vector<RawLine> raw;
  const std::u32string all = to_nfc(utf8_to_u32(utf8));
  int number = 1, blanks = 0;
  bool form_feed = false;
  size_t start = 0;
  for (size_t i = 0; i <= all.size(); ++i) {
    const bool end_of_line = i == all.size() || all[i] == '\n' || all[i] == '\r';
    if (!end_of_line) continue;
    std::u32string text = all.substr(start, i - start);
    if (text.find(U'\f') != std::u32string::npos) {
      form_feed = true;
      std::erase(text, U'\f');
    }
    text = trim(text);
    if (text.empty()) {
      ++blanks;
    } else {
      raw.push_back({std::move(text), number, blanks, form_feed});
      blanks = 0;
      form_feed = false;
    }
    if (i < all.size() && all[i] == '\r' && i + 1 < all.size() && all[i + 1] == '\n') ++i;
    start = i + 1;
    ++number;
  }
  // The usual separator between printed lines is the most common blank run.
  std::map<int, int> runs;
  for (size_t i = 1; i < raw.size(); ++i) ++runs[raw[i].blanks_before];
  int usual = 0, best = -1;
  for (auto [run, count] : runs)
    if (count > best) best = count, usual = run;

  std::vector<Line> lines;
  lines.reserve(raw.size());
  int page = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    Line line;
    const bool page_break =
        i > 0 && (raw[i].form_feed_before || raw[i].blanks_before > usual);
    if (page_break) ++page;
    line.text = std::move(raw[i].text);
    line.number = raw[i].number;
    line.page = page;
    line.page_start = i == 0 || page_break;
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace reissue::extract
