// Joining the printed lines of one paragraph back into running text.
// Chinese joins with nothing; a Latin word or number cut at a line end joins
// with nothing; Latin words broken at a space join with a space. The choice is
// made from evidence (URL shape, letter case, the document's own vocabulary, the
// room left on the line, a space glyph in the PDF), never from a word list.
#pragma once

#include "line.h"
#include "review.h"

#include <set>
#include <string>

namespace reissue::extract {

// Latin tokens (letters/digits) seen inside lines of the document, i.e. not
// touching a line end, as evidence of how words are spelled whole.
class Vocabulary {
 public:
  explicit Vocabulary(const std::vector<Line>& lines);
  bool contains(const std::u32string& token) const { return tokens_.count(token) > 0; }
  // The layout breaks Latin words anywhere: somewhere in the document a number
  // or a word known whole is split across two lines (URLs do not count).
  bool layout_cuts_words() const { return cuts_words_; }

 private:
  std::set<std::u32string> tokens_;
  bool cuts_words_ = false;
};

// Text of lines[first..last] joined into one paragraph (not yet normalized).
// `first_indent`: how much of the first line's slack is its indent (text input).
std::u32string join_lines(const std::vector<Line>& lines, size_t first, size_t last,
                          const Vocabulary& vocabulary, Review& review, double first_indent = 0);

// The separator ("" or " ") to put between line a and line b; reports Latin
// fragment joins as review items. `a_slack`: room left on line a, indent excluded.
std::u32string line_separator(const Line& a, const Line& b, double a_slack,
                              const Vocabulary& vocabulary, Review& review);

// Width in em of the run of Latin/URL characters that starts `text`.
double leading_latin_width(const std::u32string& text);

}  // namespace reissue::extract
