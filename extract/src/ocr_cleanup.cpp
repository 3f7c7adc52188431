#include "ocr_cleanup.h"

#include "chars.h"
#include "reissue/text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace reissue::extract {

namespace {

constexpr char32_t kDash = U'\u2014';      // —, printed in pairs: ——
constexpr char32_t kEllipsis = U'\u2026';  // …, printed in pairs: ……

bool chinese(char32_t c) { return c != 0 && is_chinese_text(c); }
bool ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Where URLs stand in `text`: true for their characters, which no rule
// touches (Tesseract reads them well, and a URL's punctuation is its own).
std::vector<bool> url_characters(const std::u32string& text) {
  std::vector<bool> in_url(text.size(), false);
  for (size_t i = 0; i < text.size(); ++i) {
    const std::u32string_view rest = std::u32string_view(text).substr(i);
    std::u32string lower;
    for (size_t k = 0; k < rest.size() && k < 8; ++k) lower.push_back(rest[k] < 0x80 ? std::tolower(static_cast<int>(rest[k])) : rest[k]);
    const bool starts = lower.rfind(U"http://", 0) == 0 || lower.rfind(U"https://", 0) == 0 || lower.rfind(U"www.", 0) == 0;
    if (!starts || (i > 0 && is_url_char(text[i - 1]))) continue;
    size_t end = i;
    while (end < text.size() && is_url_char(text[end])) in_url[end++] = true;
    i = end;
  }
  return in_url;
}

// The nearest character before (after) position i that is not a space; 0 at
// the line's edge. Tesseract's spaces are no evidence of context.
char32_t left_of(const std::u32string& text, size_t i) {
  while (i > 0 && text[i - 1] == U' ') --i;
  return i > 0 ? text[i - 1] : 0;
}
char32_t right_of(const std::u32string& text, size_t i) {
  size_t k = i + 1;
  while (k < text.size() && text[k] == U' ') ++k;
  return k < text.size() ? text[k] : 0;
}

class Counter {
 public:
  explicit Counter(std::vector<Substitution>* done) : done_(done) {}
  void add(std::u32string_view from, std::u32string_view to, const char* why) {
    if (!done_) return;
    for (Substitution& s : *done_)
      if (s.why == why) {
        s.from += from;
        s.to += to;
        ++s.count;
        return;
      }
    done_->push_back({std::u32string(from), std::u32string(to), why, 1});
  }

 private:
  std::vector<Substitution>* done_;
};

// ---- the dash and the ellipsis ------------------------------------------------
// Tesseract reads the two-em dash —— as 一一, 一-, -一, -- or —— and one of its
// halves alone (一, -, —) and the ellipsis …… as …, ..., 。。。 (docs/extract.md,
// "OCR clean-up"). 一一 is also a word (一一对应, one by one), so a reading is
// taken for the dash only where a word cannot stand: beside punctuation or a
// quote, or at the line's edge, or with a hyphen in it.
bool dash_part(char32_t c) { return c == U'一' || c == U'-' || c == kDash || c == U'\u2015' || c == U'\u2500'; }

bool punctuation_or_edge(char32_t c) { return c == 0 || (chinese(c) && !is_han(c)); }

// [i, end) reads as the dash: two or three dash parts, at least one of them
// not 一, or 一一 where no word can stand (after punctuation or a quote, or
// at an edge of the line, with no Han on that side).
bool reads_as_dash(const std::u32string& text, size_t i, size_t end) {
  const size_t run = end - i;
  if (run < 2 || run > 3) return false;
  const size_t han = static_cast<size_t>(std::count(text.begin() + static_cast<long>(i), text.begin() + static_cast<long>(end), U'一'));
  const char32_t before = left_of(text, i), after = right_of(text, end - 1);
  const bool beside_chinese = chinese(before) || chinese(after);
  if (han < run) return beside_chinese && !(ascii_digit(before) || ascii_digit(after));
  return run == 2 && (punctuation_or_edge(before) || punctuation_or_edge(after));
}

// The ellipsis: ... or 。。。 (three or more), or a lone … or …… run, beside Chinese.
size_t ellipsis_end(const std::u32string& text, size_t i) {
  const char32_t c = text[i];
  if (c != U'.' && c != U'。' && c != kEllipsis) return i;
  size_t end = i;
  while (end < text.size() && text[end] == c) ++end;
  const size_t run = end - i;
  const char32_t before = left_of(text, i), after = right_of(text, end - 1);
  if (!(chinese(before) || chinese(after)) || ascii_digit(before)) return i;
  if (c == kEllipsis) return run == 1 ? end : i;  // …… is right already
  return run >= 3 ? end : i;
}

std::u32string rebuilt_marks(const std::u32string& text, const std::vector<bool>& in_url, Counter& counter) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (in_url[i]) {
      out.push_back(text[i++]);
      continue;
    }
    if (dash_part(text[i])) {
      size_t end = i;
      while (end < text.size() && end < i + 3 && dash_part(text[end]) && !in_url[end]) ++end;
      if (reads_as_dash(text, i, end) && text.compare(i, end - i, U"——") != 0) {
        out += U"——";
        counter.add(std::u32string_view(text).substr(i, end - i), U"——", "the dash");
        i = end;
        continue;
      }
    }
    if (text[i] == U'.' || text[i] == U'。' || text[i] == kEllipsis) {
      // A run of one mark is decided whole (…… stays, and is not read as two …).
      size_t end = i;
      while (end < text.size() && text[end] == text[i] && !in_url[end]) ++end;
      if (ellipsis_end(text, i) == end) {
        out += U"……";
        counter.add(std::u32string_view(text).substr(i, end - i), U"……", "the ellipsis");
      } else {
        out.append(text, i, end - i);
      }
      i = end;
      continue;
    }
    out.push_back(text[i++]);
  }
  return out;
}

// ---- punctuation ---------------------------------------------------------------
// The marks Tesseract reads as ASCII, as their full-width forms (U+FF01-U+FF5E
// are ASCII 0x21-0x7E shifted).
char32_t full_width(char32_t c) {
  return std::u32string_view(U":;,?!()").find(c) != std::u32string_view::npos ? c - 0x21 + 0xFF01 : 0;
}

// A mark after Chinese is Chinese punctuation (来源: -> 来源：); so is one
// before Chinese unless a number or a Latin word precedes it and goes on
// (12:30, 1,000 stay, and so does a mark between Latin words).
bool chinese_mark_context(const std::u32string& text, size_t i) {
  const char32_t before = left_of(text, i), after = right_of(text, i);
  if (chinese(before)) return true;
  return chinese(after) && !(is_ascii_word_char(before) && is_ascii_word_char(after));
}

// Brackets are decided as a pair: Chinese brackets when Chinese stands just
// outside either of them or Han inside ((第五三一) -> （第五三一）, 论坛(2025) ->
// 论坛（2025）); a pair among Latin words and digits stays (Nature (2025) 12).
// A bracket without its partner on the line is decided by its own neighbours.
void mark_brackets(const std::u32string& text, const std::vector<bool>& in_url, std::vector<bool>& convert) {
  std::vector<size_t> open;
  for (size_t i = 0; i < text.size(); ++i) {
    if (in_url[i]) continue;
    if (text[i] == U'(' || text[i] == U'（') {
      open.push_back(i);
    } else if (text[i] == U')' || text[i] == U'）') {
      if (open.empty()) {
        convert[i] = text[i] == U')' && (chinese(left_of(text, i)) || chinese(right_of(text, i)));
        continue;
      }
      const size_t first = open.back();
      open.pop_back();
      bool han_inside = false;
      for (size_t k = first + 1; k < i; ++k) han_inside = han_inside || is_han(text[k]);
      const bool chinese_pair = han_inside || chinese(left_of(text, first)) || chinese(right_of(text, i)) ||
                                text[first] == U'（' || text[i] == U'）';
      convert[first] = chinese_pair && text[first] == U'(';
      convert[i] = chinese_pair && text[i] == U')';
    }
  }
  for (size_t i : open)
    convert[i] = text[i] == U'(' && (chinese(left_of(text, i)) || chinese(right_of(text, i)));
}

// Tesseract reads the full-width opening bracket （ as 《 or 〈 (their shapes
// differ by a stroke at this size): one whose closing partner on the line is
// ）, with no 》 or 〉 before it, was （ (《新华社） -> （新华社）, 〈记者 彭锡）).
std::u32string mend_misread_brackets(const std::u32string& text, const std::vector<bool>& in_url,
                                     Counter& counter) {
  std::u32string out = text;
  for (size_t i = 0; i < text.size(); ++i) {
    if (in_url[i] || (text[i] != U'《' && text[i] != U'〈')) continue;
    for (size_t k = i + 1; k < text.size(); ++k) {
      if (text[k] == U'》' || text[k] == U'〉' || text[k] == U'《' || text[k] == U'〈') break;
      if (text[k] == U'）' || text[k] == U')') {
        out[i] = U'（';
        counter.add(std::u32string_view(text).substr(i, 1), U"（", "an opening bracket misread");
        break;
      }
    }
  }
  return out;
}

std::u32string full_width_punctuation(const std::u32string& text, const std::vector<bool>& in_url, Counter& counter) {
  std::vector<bool> convert(text.size(), false);
  mark_brackets(text, in_url, convert);
  for (size_t i = 0; i < text.size(); ++i)
    if (!in_url[i] && full_width(text[i]) && text[i] != U'(' && text[i] != U')')
      convert[i] = chinese_mark_context(text, i);
  std::u32string out = text;
  for (size_t i = 0; i < text.size(); ++i)
    if (convert[i]) {
      out[i] = full_width(text[i]);
      counter.add(std::u32string_view(text).substr(i, 1), std::u32string_view(out).substr(i, 1),
                  "ASCII punctuation in Chinese text");
    }
  return out;
}

// ---- spaces --------------------------------------------------------------------
// Tesseract's word spaces: between two Chinese characters (Han or Chinese
// punctuation) no space is printed; before a closing mark (1 .标题, 链接 :)
// or after an opening bracket none is printed in Latin text either. Spaces
// between Latin words stay; those between Chinese and Latin are the format's
// to drop (normalize_inline_text).
bool closing_mark(char32_t c) { return std::u32string_view(U".,:;?!)]").find(c) != std::u32string_view::npos; }
bool opening_mark(char32_t c) { return c == U'(' || c == U'['; }

std::u32string without_word_spaces(const std::u32string& text, const std::vector<bool>& in_url, Counter& counter) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] != U' ') {
      out.push_back(text[i++]);
      continue;
    }
    size_t end = i;
    while (end < text.size() && text[end] == U' ') ++end;
    const char32_t before = i > 0 ? text[i - 1] : 0, after = end < text.size() ? text[end] : 0;
    const bool url_beside = (i > 0 && in_url[i - 1]) || (end < text.size() && in_url[end]);
    const bool chinese_pair = chinese(before) && chinese(after);
    const bool glued = before != 0 && after != 0 && !url_beside && (closing_mark(after) || opening_mark(before));
    if (before != 0 && after != 0 && (chinese_pair || glued)) {
      counter.add(std::u32string_view(text).substr(i, end - i), U"",
                  chinese_pair ? "spaces between Chinese characters" : "spaces beside punctuation");
    } else {
      out.append(text, i, end - i);
    }
    i = end;
  }
  return out;
}

std::string count_message(const Substitution& s) {
  std::string message = std::to_string(s.count) + " x " + s.why;
  if (s.to.empty()) return message + " removed";
  // A few examples of what was read and what replaced it.
  return message + " (" + u32_to_utf8(s.from.substr(0, 12)) + " -> " + u32_to_utf8(s.to.substr(0, 12)) +
         (s.from.size() > 12 ? " ..." : "") + ")";
}

}  // namespace

std::u32string cleaned_ocr_text(const std::u32string& text, std::vector<Substitution>* done) {
  Counter counter(done);
  // Marks first: the dash's 一 is Han, and the spaces rule reads the marks'
  // final forms (一 ) is a number's end, 一 ） Chinese).
  std::u32string out = rebuilt_marks(text, url_characters(text), counter);
  out = full_width_punctuation(out, url_characters(out), counter);
  out = mend_misread_brackets(out, url_characters(out), counter);
  return without_word_spaces(out, url_characters(out), counter);
}

void clean_ocr_lines(std::vector<Line>& lines, Review& review) {
  substitute_in_lines(
      lines, review, "ocr-cleanup", "OCR text put into Chinese typography:",
      [](const Line& line) { return line.ocr && !line.is_figure(); },
      [](const std::u32string& text, std::vector<Substitution>* done) { return cleaned_ocr_text(text, done); },
      count_message);
}

namespace {

bool url_word(const std::u32string& text) {
  std::string lower = u32_to_utf8(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("http") != std::string::npos || lower.find("www.") != std::string::npos ||
         lower.find("://") != std::string::npos;
}

std::string confidence_text(float confidence) {
  return confidence < 0 ? "confidence unknown" : "confidence " + std::to_string(std::lround(confidence));
}

// A line's words below the threshold: one item, at most kListed words named.
void add_doubtful(int line, const std::vector<OcrWord>& words, int page, std::vector<ReviewItem>& items) {
  constexpr size_t kListed = 8;
  ReviewItem item;
  item.kind = "ocr-doubtful";
  item.first_line = item.last_line = line;
  item.page = page;
  item.message = "OCR is unsure of " + std::to_string(words.size()) + " word(s) here; compare with the page:";
  for (size_t i = 0; i < words.size(); ++i) {
    item.boxes.push_back({page, words[i].box});
    if (i < kListed) item.message += " \"" + u32_to_utf8(words[i].text) + "\" (" + confidence_text(words[i].confidence) + ")";
  }
  if (words.size() > kListed) item.message += " and " + std::to_string(words.size() - kListed) + " more";
  items.push_back(std::move(item));
}

}  // namespace

void list_doubtful_ocr_words(const LineSet& set, std::vector<ReviewItem>& items) {
  size_t listed = 0, lines_left = 0, words_left = 0;
  const auto room = [&] { return listed < kMaxOcrItems; };
  for (const auto& [number, words] : set.ocr_words) {
    const int page = static_cast<size_t>(number) < set.places.size() ? set.places[static_cast<size_t>(number)].page : 0;
    std::vector<OcrWord> doubtful;
    for (size_t i = 0; i < words.size(); ++i) {
      const OcrWord& word = words[i];
      if (url_word(word.text)) {
        // The URL as read (Tesseract may split it): its words up to a gap.
        std::u32string url = word.text;
        Box box = word.box;
        float least = word.confidence;
        while (i + 1 < words.size() && !url_word(words[i + 1].text) && words[i + 1].text.size() > 0 &&
               std::all_of(words[i + 1].text.begin(), words[i + 1].text.end(), is_url_char)) {
          url += words[++i].text;
          box.right = std::max(box.right, words[i].box.right);
          least = std::min(least, words[i].confidence);
        }
        if (!room()) {
          ++words_left;
          continue;
        }
        ReviewItem item;
        item.kind = "ocr-url";
        item.first_line = item.last_line = number;
        item.page = page;
        item.boxes.push_back({page, box});
        item.message = "a URL read by OCR (" + confidence_text(least) + "): \"" + u32_to_utf8(url) +
                       "\"; check every character against the page";
        items.push_back(std::move(item));
        ++listed;
        continue;
      }
      if (word.confidence >= 0 && word.confidence < kDoubtfulConfidence) doubtful.push_back(word);
    }
    if (doubtful.empty()) continue;
    if (!room()) {
      ++lines_left;
      words_left += doubtful.size();
      continue;
    }
    add_doubtful(number, doubtful, page, items);
    ++listed;
  }
  if (lines_left + words_left > 0) {
    ReviewItem item;
    item.kind = "ocr-doubtful";
    item.message = std::to_string(words_left) + " more doubtful OCR word(s) or URL(s) on " +
                   std::to_string(lines_left) + " more line(s) were not listed (the first " +
                   std::to_string(kMaxOcrItems) + " items are); the scan may be poor: check the whole text";
    items.push_back(std::move(item));
  }
}

}  // namespace reissue::extract
