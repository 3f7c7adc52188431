#include "joiner.h"

#include "chars.h"
#include "reissue/text.h"

namespace reissue::extract {

namespace {

bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(char32_t c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char32_t c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// The maximal run of ASCII letters/digits ending at the end of `text`.
std::u32string trailing_word(const std::u32string& text) {
  size_t start = text.size();
  while (start > 0 && is_ascii_word_char(text[start - 1])) --start;
  return text.substr(start);
}

std::u32string leading_word(const std::u32string& text) {
  size_t end = 0;
  while (end < text.size() && is_ascii_word_char(text[end])) ++end;
  return text.substr(0, end);
}

// The run of URL characters ending the line, e.g. "https://a.cn/x/t2025_39".
std::u32string trailing_url_run(const std::u32string& text) {
  size_t start = text.size();
  while (start > 0 && is_url_char(text[start - 1])) --start;
  return text.substr(start);
}

bool looks_like_url(const std::u32string& run) {
  return run.find(U"://") != std::u32string::npos || starts_with(run, U"www.");
}

struct LatinJoin {
  bool space;
  bool certain;
  std::string why;
};

LatinJoin decide_latin_join(const Line& a, const Line& b, double a_slack,
                            const Vocabulary& vocabulary) {
  const std::u32string left = trailing_word(a.text);
  const std::u32string right = leading_word(b.text);
  if (looks_like_url(trailing_url_run(a.text))) return {false, true, "a URL continues"};
  if (a.ends_with_space) return {true, true, "the PDF has a space at the line end"};
  if (left.empty() || right.empty()) return {false, true, "punctuation joins"};
  if (is_digit(left.back()) && is_digit(right.front()))
    return {false, true, "a number cut at the line end"};
  const std::u32string whole = left + right;
  if (vocabulary.contains(whole))
    return {false, true, "\"" + u32_to_utf8(whole) + "\" occurs whole elsewhere in the issue"};
  if (vocabulary.contains(left) && vocabulary.contains(right))
    return {true, true, "both \"" + u32_to_utf8(left) + "\" and \"" + u32_to_utf8(right) +
                            "\" occur as words elsewhere in the issue"};
  if (is_lower(left.back()) && is_upper(right.front())) {
    if (vocabulary.layout_cuts_words() && a_slack <= 1.0)
      return {false, false,
              "the line is full and this layout cuts words elsewhere, so a capital inside a word "
              "(DeepSeek) is likelier than a new word"};
    return {true, false, "a lower-case letter followed by a capital starts a new word"};
  }
  if (is_letter(left.back()) && is_letter(right.front()) && a_slack >= 1.5 &&
      leading_latin_width(b.text) > a_slack)
    return {true, false, "the line has room left, so the layout did not cut the next word"};
  return {false, false, "the line is full, so the layout cut a word"};
}

}  // namespace

Vocabulary::Vocabulary(const std::vector<Line>& lines) {
  for (const Line& line : lines) {
    const std::u32string& text = line.text;
    size_t i = 0;
    while (i < text.size()) {
      if (!is_ascii_word_char(text[i])) {
        ++i;
        continue;
      }
      const size_t start = i;
      while (i < text.size() && is_ascii_word_char(text[i])) ++i;
      if (start > 0 && i < text.size()) tokens_.insert(text.substr(start, i - start));
    }
  }
  for (size_t i = 1; i < lines.size() && !cuts_words_; ++i) {
    const std::u32string left = trailing_word(lines[i - 1].text), right = leading_word(lines[i].text);
    if (left.empty() || right.empty() || looks_like_url(trailing_url_run(lines[i - 1].text))) continue;
    cuts_words_ = (is_digit(left.back()) && is_digit(right.front())) || contains(left + right);
  }
}

double leading_latin_width(const std::u32string& text) {
  size_t end = 0;
  while (end < text.size() && is_url_char(text[end])) ++end;
  return text_width_em(text, 0, end);
}

std::u32string line_separator(const Line& a, const Line& b, double a_slack,
                              const Vocabulary& vocabulary, Review& review) {
  if (a.text.empty() || b.text.empty()) return U"";
  const char32_t last = a.text.back(), first = b.text.front();
  if (is_ascii_word_char(first) && (is_ascii_word_char(last) || last == '-' || last == '/' ||
                                    last == '.' || last == '_' || last == '=')) {
    const LatinJoin join = decide_latin_join(a, b, a_slack, vocabulary);
    if (!join.certain || !looks_like_url(trailing_url_run(a.text)))
      review.uncertain("latin-join", a.number, b.number,
                       std::string(join.space ? "joined with a space: " : "joined without a space: ") +
                           "\"" + u32_to_utf8(trailing_url_run(a.text)) + "\" + \"" +
                           u32_to_utf8(leading_word(b.text)) + "\" (" + join.why + ")");
    return join.space ? U" " : U"";
  }
  // English punctuation followed by an English word: the line broke at a space.
  if (is_letter(first) && (last == ',' || last == ';' || last == ':' || last == '!' || last == '?'))
    return U" ";
  return U"";
}

std::u32string join_lines(const std::vector<Line>& lines, size_t first, size_t last,
                          const Vocabulary& vocabulary, Review& review, double first_indent) {
  std::u32string text = lines[first].text;
  for (size_t i = first + 1; i <= last; ++i) {
    const Line& a = lines[i - 1];
    if (a.soft_hyphen && !text.empty() && text.back() == U'-') {
      // The typesetter's hyphen, not the text's (hyphenation.h decided it).
      text.pop_back();
      review.set_aside("hyphen", a.number, U"-");
      const std::u32string word = trailing_word(text) + leading_word(lines[i].text);
      review.uncertain("hyphenation", a.number, lines[i].number,
                       "line-end hyphen removed: \"" + u32_to_utf8(trailing_word(text)) + "-\" + \"" +
                           u32_to_utf8(leading_word(lines[i].text)) + "\" is the word \"" + u32_to_utf8(word) +
                           (vocabulary.contains(word) ? "\", which the issue spells whole elsewhere"
                                                      : "\" of the spelling dictionary") +
                           ", hyphenated by the layout");
      text += lines[i].text;
      continue;
    }
    const double slack = a.slack - (i - 1 == first ? first_indent : 0);
    text += line_separator(a, lines[i], slack, vocabulary, review);
    text += lines[i].text;
  }
  return text;
}

}  // namespace reissue::extract
