#include "chars.h"

#include "reissue/text.h"

#include <array>

namespace reissue::extract {

bool is_closing_punctuation(char32_t c) {
  static constexpr std::u32string_view kClosing =
      U"、，。：；！？”’）］｝》〉」』】〕〗·…—,.:;!?)]}%";
  return kClosing.find(c) != std::u32string_view::npos;
}

bool is_opening_punctuation(char32_t c) {
  static constexpr std::u32string_view kOpening = U"“‘（［｛《〈「『【〔〖([{";
  return kOpening.find(c) != std::u32string_view::npos;
}

bool ends_sentence(std::u32string_view text) {
  // A note in brackets after a full stop ends the sentence too: …宝贵机会。（经济日报驻
  // 日内瓦记者 梁 桐） / 。(完). Notes may follow one another (…。（注）（完）), so this
  // walks back note by note; each step only looks at the characters of one note,
  // so the whole check is linear in the text.
  size_t end = text.size();
  for (;;) {
    // Skip closing quotes and brackets: 。” and 。） end a sentence too.
    size_t last = end;
    while (last > 0 && std::u32string_view(U"”’）)」』】》").find(text[last - 1]) != std::u32string_view::npos)
      --last;
    static constexpr std::u32string_view kFinal = U"。！？；：…—!?;";
    if (last > 0 && kFinal.find(text[last - 1]) != std::u32string_view::npos) return true;
    if (end == 0 || (text[end - 1] != U'）' && text[end - 1] != ')')) return false;
    const size_t open = text.find_last_of(U"（(", end - 1);
    if (open == std::u32string_view::npos) return false;
    if (text.substr(open + 1, end - open - 2) == U"完") return true;
    if (open == 0) return false;
    end = open;
  }
}

bool is_ascii_word_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_url_char(char32_t c) {
  if (is_ascii_word_char(c)) return true;
  return c < 0x80 && std::u32string_view(U"-._~:/?#[]@!$&'()*+,;=%").find(c) !=
                         std::u32string_view::npos;
}

bool is_chinese_text(char32_t c) { return is_cjk(c) || (!is_space(c) && is_east_asian_wide(c)); }

namespace {
// Times-like advance widths (1/1000 em) for printable ASCII 0x20..0x7E.
constexpr std::array<short, 95> kAsciiWidths = {
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  // sp..'/'
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500,                                // 0-9
    278, 278, 564, 564, 564, 444, 921,                                               // :..@
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556,  // A-P
    722, 667, 556, 611, 722, 722, 944, 722, 722, 611,                                // Q-Z
    333, 278, 333, 469, 500, 333,                                                    // [..`
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500,  // a-p
    500, 333, 389, 278, 500, 500, 722, 500, 500, 444,                                // q-z
    480, 200, 480, 541};                                                             // {..~
}  // namespace

double char_width_em(char32_t c) {
  if (c == ' ') return 0.25;
  if (c >= 0x21 && c < 0x7F) return kAsciiWidths[c - 0x20] / 1000.0;
  if (is_east_asian_wide(c)) return 1.0;
  // Quotes, dashes and the ellipsis are full width in Chinese fonts.
  if (std::u32string_view(U"“”‘’—…").find(c) != std::u32string_view::npos) return 1.0;
  // The interpunct (汉斯·克鲁格) is set full width by some word processors and
  // narrow by others: split the difference.
  if (c == U'·') return 0.75;
  return 0.5;
}

double text_width_em(const std::u32string& text, size_t from, size_t to) {
  double width = 0;
  to = std::min(to, text.size());
  for (size_t i = from; i < to; ++i) width += char_width_em(text[i]);
  return width;
}

std::u32string trim(const std::u32string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

bool starts_with(const std::u32string& text, const std::u32string& prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const std::u32string& text, const std::u32string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace reissue::extract
