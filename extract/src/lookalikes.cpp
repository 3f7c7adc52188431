#include "lookalikes.h"

#include <cstdio>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "chars.h"
#include "reissue/text.h"

namespace reissue::extract {

namespace {

constexpr char32_t kNameDot = U'\u00B7';   // ·, as the newsletter prints 马丁·泰勒, 齐鲁网·闪电新闻
constexpr char32_t kEllipsis = U'\u2026';  // …, printed in pairs: ……
constexpr char32_t kDash = U'\u2014';      // —, printed in pairs: ——; alone in ranges (2020—2025)
constexpr char32_t kTilde = U'\uFF5E';     // ～, the range mark of GB/T 15834 and GB 18030 (A1AB)

bool ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool ascii_alnum(char32_t c) { return ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool fullwidth_form(char32_t c) { return c >= 0xFF01 && c <= 0xFF5E; }  // of ASCII 0x21..0x7E
char32_t ascii_of(char32_t c) { return fullwidth_form(c) ? c - 0xFF01 + 0x21 : c; }
bool alnum_like(char32_t c) { return ascii_alnum(ascii_of(c)); }
bool digit_like(char32_t c) { return ascii_digit(ascii_of(c)); }

bool at(const std::u32string& text, size_t i, bool (*test)(char32_t)) { return i < text.size() && test(text[i]); }
bool before(const std::u32string& text, size_t i, bool (*test)(char32_t)) { return i > 0 && test(text[i - 1]); }

// Characters that stand for the name dot · (U+00B7) between two Han characters:
// Japanese fonts' and XeLaTeX's katakana middle dot, its half-width form, the
// hyphenation point of Taiwanese producers, and the bullet and operator dots
// of web pages and Word. Between two Han characters none can be anything else.
bool name_dot_lookalike(char32_t c) {
  return c == U'\u30FB' || c == U'\uFF65' || c == U'\u2027' || c == U'\u2022' || c == U'\u2219' || c == U'\u22C5';
}

// Full-width punctuation that belongs to a number between its digits:
// 1．5, 2025－06－07, 2025／6／7, 12：30.
bool number_punctuation(char32_t c) { return c == U'．' || c == U'－' || c == U'／' || c == U'：'; }

// A digit next to a mark of its number: １．５, ５％.
bool beside_number_mark(const std::u32string& text, size_t i) {
  return (i + 2 < text.size() && number_punctuation(text[i + 1]) && digit_like(text[i + 2])) ||
         (i >= 2 && number_punctuation(text[i - 1]) && digit_like(text[i - 2])) ||
         (i + 1 < text.size() && text[i + 1] == U'％');
}

// Full-width marks that are Chinese punctuation even after a URL.
bool chinese_mark_after_url(char32_t c) {
  return c == U'，' || c == U'（' || c == U'）' || c == U'！' || c == U'；' || c == U'＂' || c == U'＇';
}

bool url_part(char32_t c) {
  const char32_t a = ascii_of(c);
  if (fullwidth_form(c) && chinese_mark_after_url(c)) return false;
  return a < 0x80 && a > 0x20 &&
         (ascii_alnum(a) || std::u32string_view(U"-._~:/?#[]@!$&'()*+,;=%").find(a) != std::u32string_view::npos);
}

// [i, end) is a URL some of whose characters are full-width (ｗｗｗ．ｇｏｖ．ｃｎ).
size_t fullwidth_url_end(const std::u32string& text, size_t i) {
  if (before(text, i, url_part)) return i;
  std::u32string folded;
  size_t end = i;
  bool any_fullwidth = false;
  while (end < text.size() && url_part(text[end])) {
    any_fullwidth = any_fullwidth || fullwidth_form(text[end]);
    folded.push_back(ascii_of(text[end++]));
  }
  const bool url =
      folded.rfind(U"http://", 0) == 0 || folded.rfind(U"https://", 0) == 0 || folded.rfind(U"www.", 0) == 0;
  return url && any_fullwidth ? end : i;
}

// Kangxi radicals (U+2F00-U+2FD5) and the radicals supplement that have a
// compatibility mapping: some fonts' cmaps (and PDFs rewritten from them,
// Ghostscript's among them) give the radical for the ideograph it looks like
// (卫⽣ for 卫生). A newsletter never prints a radical as such.
char32_t ideograph_for_radical(char32_t c) {
  if (!((c >= 0x2F00 && c <= 0x2FD5) || (c >= 0x2E80 && c <= 0x2EF3))) return 0;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return 0;
  icu::UnicodeString mapped;
  if (!nfkc->getDecomposition(static_cast<UChar32>(c), mapped) || mapped.countChar32() != 1) return 0;
  return static_cast<char32_t>(mapped.char32At(0));
}

bool run_mark(char32_t c) {
  return c == U'\u22EF' || c == U'\u2015' || c == U'\u2E3A' || c == U'\u2500' || c == U'\u301C';
}

struct Replacement {
  std::u32string_view to;
  const char* why = nullptr;  // null: not a look-alike here
};

// What the run text[i, end) of one mark stands for.
Replacement run_replacement(const std::u32string& text, size_t i, size_t end) {
  const char32_t c = text[i];
  const size_t run = end - i;
  const bool beside_chinese = before(text, i, is_chinese_text) || at(text, end, is_chinese_text);
  const bool after_digit = before(text, i, digit_like);
  const bool between_digits = after_digit && at(text, end, digit_like);
  if (c == U'\u22EF' && beside_chinese)
    return {std::u32string_view(&kEllipsis, 1), "a math ellipsis for the Chinese ellipsis"};
  if (c == U'\u2015' && (beside_chinese || between_digits))
    return {std::u32string_view(&kDash, 1), "a horizontal bar for the dash"};
  if (c == U'\u2E3A' && beside_chinese) return {U"——", "a two-em dash for the Chinese dash"};
  if (c == U'\u2500' && run == 2 && beside_chinese)
    return {std::u32string_view(&kDash, 1), "a box-drawing line for the dash"};
  if (c == U'\u301C' && run == 1 && (beside_chinese || after_digit))
    return {std::u32string_view(&kTilde, 1), "a wave dash for the full-width tilde"};
  return {};
}

class Substitutions {
 public:
  explicit Substitutions(std::vector<Substitution>* done) : done_(done) {}
  void add(char32_t from, std::u32string_view to, const char* why) {
    if (!done_) return;
    for (Substitution& s : *done_)
      if (s.from.front() == from && s.to == to && s.why == why) {
        s.from.push_back(from);
        s.to += to;
        ++s.count;
        return;
      }
    done_->push_back({std::u32string(1, from), std::u32string(to), why, 1});
  }

 private:
  std::vector<Substitution>* done_;
};

std::string code_point(char32_t c) {
  char text[16];
  std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(c));
  return text;
}

}  // namespace

std::u32string without_lookalikes(const std::u32string& text, std::vector<Substitution>* done) {
  Substitutions substitutions(done);
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const char32_t c = text[i];
    // 杰里米 ·法勒: a text's space beside a name dot between Chinese names
    // (the dot was set in a Western font, and pdftotext saw a gap).
    if (c == U' ' && i > 0 && is_han(text[i - 1]) && i + 1 < text.size() &&
        (text[i + 1] == kNameDot || name_dot_lookalike(text[i + 1])) &&
        (i + 2 == text.size() || is_han(text[i + 2]))) {  // the name may go on on the next line
      substitutions.add(c, U"", "a space beside a name dot");
      ++i;
      continue;
    }
    if (c == U' ' && i >= 2 && (text[i - 1] == kNameDot || name_dot_lookalike(text[i - 1])) &&
        is_han(text[i - 2]) && i + 1 < text.size() && is_han(text[i + 1])) {
      substitutions.add(c, U"", "a space beside a name dot");
      ++i;
      continue;
    }
    if (c < 0x2000) {  // nothing below is a look-alike: the common case
      out.push_back(c);
      ++i;
      continue;
    }
    if (const char32_t ideograph = ideograph_for_radical(c)) {
      out.push_back(ideograph);
      substitutions.add(c, std::u32string(1, ideograph), "a radical for the ideograph it looks like");
      ++i;
      continue;
    }
    if (name_dot_lookalike(c) && before(text, i, is_han) && at(text, i + 1, is_han)) {
      out.push_back(kNameDot);
      substitutions.add(c, std::u32string(1, kNameDot), "a dot between Chinese names");
      ++i;
      continue;
    }
    if (run_mark(c)) {
      // A run of the same mark (⋯⋯, ――, ──) is decided as one: its neighbours
      // tell the context. Copied whole either way, so a long run costs its length.
      size_t end = i;
      while (end < text.size() && text[end] == c) ++end;
      const auto [to, why] = run_replacement(text, i, end);
      for (size_t k = i; k < end; ++k) {
        if (why) {
          out += to;
          substitutions.add(c, to, why);
        } else {
          out.push_back(c);
        }
      }
      i = end;
      continue;
    }
    if (fullwidth_form(c)) {
      if (const size_t url_end = fullwidth_url_end(text, i); url_end > i) {
        for (; i < url_end; ++i) {
          out.push_back(ascii_of(text[i]));
          if (fullwidth_form(text[i]))
            substitutions.add(text[i], std::u32string(1, ascii_of(text[i])), "full-width characters in a URL");
        }
        continue;
      }
      // A full-width letter or digit beside another letter or digit is part
      // of a Latin word or a number (ＡＩ, ２０２５, ５Ｇ); alone (Ａ股) it is
      // a Chinese way of writing one letter and stays.
      const bool in_run = alnum_like(c) && (before(text, i, alnum_like) || at(text, i + 1, alnum_like) ||
                                            (digit_like(c) && beside_number_mark(text, i)));
      const bool in_number = (number_punctuation(c) && before(text, i, digit_like) && at(text, i + 1, digit_like)) ||
                             (c == U'％' && before(text, i, digit_like));
      if (in_run || in_number) {
        out.push_back(ascii_of(c));
        substitutions.add(
            c, std::u32string(1, ascii_of(c)),
            in_run ? "full-width letters or digits in a Latin word or number" : "full-width punctuation in a number");
        ++i;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

void substitute_in_lines(
    std::vector<Line>& lines, Review& review, const char* kind, const std::string& heading,
    const std::function<bool(const Line&)>& wanted,
    const std::function<std::u32string(const std::u32string&, std::vector<Substitution>*)>& rewrite,
    const std::function<std::string(const Substitution&)>& describe) {
  std::vector<Substitution> done;
  for (Line& line : lines) {
    if (!wanted(line)) continue;
    done.clear();
    std::u32string replaced = rewrite(line.text, &done);
    if (done.empty()) continue;
    line.text = std::move(replaced);
    std::string message = heading;
    for (const Substitution& s : done) {
      review.replaced(kind, line.number, s.from, s.to);
      message += " " + describe(s) + ";";
    }
    message.pop_back();
    review.uncertain(kind, line.number, line.number, message);
  }
}

void normalize_lookalikes(std::vector<Line>& lines, Review& review) {
  substitute_in_lines(
      lines, review, "look-alike", "look-alike characters replaced:", [](const Line&) { return true; },
      [](const std::u32string& text, std::vector<Substitution>* done) { return without_lookalikes(text, done); },
      [](const Substitution& s) {
        return std::to_string(s.count) + " x " + u32_to_utf8(s.from.substr(0, 1)) + " " + code_point(s.from.front()) +
               " -> " + u32_to_utf8(s.to.substr(0, s.to.size() / s.count)) + " (" + s.why + ")";
      });
}

}  // namespace reissue::extract
