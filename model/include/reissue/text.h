// Unicode text rules shared by the XML reader, the extractors and the layout
// engine, so that "what a space means" is decided in exactly one place.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace reissue {

std::u32string utf8_to_u32(std::string_view text);  // invalid bytes become U+FFFD
std::string u32_to_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t c);

std::string to_nfc(std::string_view text);
std::u32string to_nfc(std::u32string text);  // fast when already NFC (the usual case)
bool is_nfc(std::string_view text);

bool is_han(char32_t c);            // CJK ideographs (Unicode script Han)
bool is_cjk_punctuation(char32_t c);  // CJK symbols and punctuation, full-width forms, “”‘’—…·
bool is_cjk(char32_t c);            // is_han || is_cjk_punctuation
bool is_latin_or_digit(char32_t c);   // letters of alphabetic scripts, ASCII digits, % ‰ ℃ °
bool is_east_asian_wide(char32_t c);  // East_Asian_Width W or F
bool is_space(char32_t c);          // Unicode White_Space (incl. U+3000)
bool is_xml_char(char32_t c);       // allowed in XML 1.0 text
bool is_control(char32_t c);        // C0/C1 controls other than white space, and non-characters

// The storage rule for inline text (see docs/format.md, "Spaces"):
//  - leading/trailing white space removed, runs collapsed to one U+0020;
//  - a run that contains a line break between two East Asian wide characters
//    is removed (a hard wrap inside Chinese text is not a space);
//  - no space is kept between a CJK character and a Latin word (a run of
//    ASCII characters with a letter or digit, and unit signs after numbers):
//    `6月 7日` -> `6月7日`, `AI 医疗` -> `AI医疗`, `潍智码 -AI` -> `潍智码-AI`. The
//    typesetter adds the 1/4 em inter-script gap itself.
// Characters XML cannot hold become U+FFFD. The result is NFC.
std::string normalize_inline_text(std::string_view text);
std::string normalize_inline_text(std::u32string_view text);
// The same rule over text that markup cuts into `segments` (the text between
// one tag and the next): each segment is made NFC on its own, and the rule
// runs over them all as one text. Returns the text; `boundaries` receives the
// byte offset in it where each segment but the first begins (a boundary
// inside white space that is removed lands where it was removed).
std::string normalize_inline_segments(const std::vector<std::u32string>& segments,
                                      std::vector<std::size_t>& boundaries);

// A number with at most `decimals` decimal places and no trailing zeros
// ("12.5", "3", never "-0"): PDF operators, report figures.
std::string format_decimal(double value, int decimals);

}  // namespace reissue
