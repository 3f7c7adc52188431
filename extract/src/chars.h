// Character classes for Chinese text repair (GB/T 15834, W3C clreq).
#pragma once

#include <string>

namespace reissue::extract {

// Marks that can end a paragraph: 。！？；：…… —— and closing quotes/brackets
// after them (a paragraph may end in ”）」 after a full stop).
bool ends_sentence(std::u32string_view text);
bool is_closing_punctuation(char32_t c);  // never at line start (，。、）》 ...)
bool is_opening_punctuation(char32_t c);  // never at line end (（《“ ...)
bool is_ascii_word_char(char32_t c);      // A-Z a-z 0-9
bool is_url_char(char32_t c);             // characters that may appear in a URL
// A character of Chinese text: Han, CJK punctuation, full-width forms, and the
// other wide characters producers put among them (kana, the katakana middle dot ・).
bool is_chinese_text(char32_t c);

// Approximate advance width in em, as a CJK newsletter sets it: Han and
// full-width marks 1 em, Latin letters and digits proportional (serif metrics),
// a space 1/4 em (the inter-script gap text extraction turns into a space).
double char_width_em(char32_t c);
double text_width_em(const std::u32string& text, size_t from = 0, size_t to = std::u32string::npos);

std::u32string trim(const std::u32string& text);
bool starts_with(const std::u32string& text, const std::u32string& prefix);
bool ends_with(const std::u32string& text, const std::u32string& suffix);

}  // namespace reissue::extract
