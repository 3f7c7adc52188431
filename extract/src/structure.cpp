#include "structure.h"

#include <algorithm>
#include <map>

#include "blocks.h"
#include "chars.h"
#include "furniture.h"
#include "joiner.h"
#include "paragraphs.h"
#include "patterns.h"
#include "provenance.h"
#include "reissue/numerals.h"
#include "reissue/text.h"

namespace reissue::extract {

namespace {

constexpr size_t npos = static_cast<size_t>(-1);

std::string normalized(const std::u32string& text) { return normalize_inline_text(text); }

bool has_cjk(const std::u32string& text) {
  for (char32_t c : text)
    if (is_east_asian_wide(c)) return true;
  return false;
}

// A title's letters, digits and Han characters: what OCR reads of it alike in
// the contents and the article (spaces and punctuation vary).
std::u32string title_letters(const std::u32string& text) {
  std::u32string out;
  for (char32_t c : text)
    if (is_han(c) || is_ascii_word_char(c)) out.push_back(c);
  return out;
}

// How alike two titles read: their longest common subsequence over the
// longer one's length (1: the same, 0: nothing in common).
double similarity(const std::u32string& a, const std::u32string& b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<size_t> row(b.size() + 1, 0);
  for (char32_t c : a) {
    size_t diagonal = 0;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = c == b[j - 1] ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return static_cast<double>(row[b.size()]) / static_cast<double>(std::max(a.size(), b.size()));
}

struct Markers {
  size_t intro = npos, contents = npos, body = npos;
  std::u32string intro_label, intro_rest;
  // Section markers met again after the body began: another issue run on.
  std::vector<size_t> repeated;
  // Markers whose ordinal OCR misread.
  std::vector<size_t> misread;
  // Without a body marker: the first article header after the contents.
  size_t unmarked_body = npos;

  // Where the region a marker opens ends: at the next marker, or the end.
  size_t end_of_region(size_t marker, size_t line_count) const {
    size_t end = line_count;
    for (size_t other : {intro, contents, body, unmarked_body})
      if (other != npos && other > marker) end = std::min(end, other);
    return end;
  }
};

// The sections come in the order 本期导语, 信息目录, 具体内容. A marker out of that
// order (本期导语 after 具体内容) is taken as text of the section it stands in, so
// that the markers found are ordered and every region between them is too.
// OCR misreads the ordinal of 一、信息目录 (“、信息目录, -、具体内容): a line that
// is a section's name after at most two other characters and 、 is its marker.
// Likewise 本期导语 with its last character misread (本期导话:), alone on its line.
Section misread_section_marker(const std::u32string& text) {
  std::u32string compact = text;
  std::erase(compact, U' ');
  if (starts_with(compact, U"本期导") &&
      (compact.size() == 4 || (compact.size() == 5 && (compact.back() == U'：' || compact.back() == U':'))))
    return Section::intro;
  if (compact.size() < 5 || compact.size() > 7) return Section::none;
  const size_t name = compact.size() - 4;
  if (compact[name - 1] != U'、' && compact[name - 1] != U'.' && compact[name - 1] != U'，') return Section::none;
  if (compact.compare(name, 4, U"信息目录") == 0) return Section::contents;
  if (compact.compare(name, 4, U"具体内容") == 0) return Section::body;
  return Section::none;
}

Markers find_markers(const std::vector<Line>& lines) {
  Markers markers;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::u32string rest;
    Section section = section_marker(lines[i].text, &rest);
    if (section == Section::none && lines[i].ocr) {
      section = misread_section_marker(lines[i].text);
      if (section != Section::none) markers.misread.push_back(i);
    }
    if (section != Section::none && markers.body != npos && i > markers.body) markers.repeated.push_back(i);
    switch (section) {
      case Section::intro:
        if (markers.intro == npos && markers.contents == npos && markers.body == npos) {
          markers.intro = i;
          markers.intro_rest = rest;
          // As printed (本期导语 / 本期导语： / 本 期 导 语 :), without the text after it.
          markers.intro_label = trim(lines[i].text.substr(0, lines[i].text.size() - rest.size()));
        }
        break;
      case Section::contents:
        if (markers.contents == npos && markers.body == npos) markers.contents = i;
        break;
      case Section::body:
        if (markers.body == npos) markers.body = i;
        break;
      case Section::none:
        break;
    }
  }
  return markers;
}

class Recognizer {
 public:
  // The recognizer cuts labels off the lines in place (each line belongs to one
  // region and is read once), so `set` is consumed: copying regions instead
  // would double the memory of a large text.
  Recognizer(LineSet& set, Review& review, const KeepFigure& keep_figure)
      : set_(set), lines_(set.lines), review_(review), keep_figure_(keep_figure), vocabulary_(set.lines) {}

  Issue run() {
    Markers markers = find_markers(lines_);
    for (size_t index : markers.misread)
      review_.uncertain("structure-gap", lines_[index].number, lines_[index].number,
                        "\"" + u32_to_utf8(lines_[index].text) + "\" was taken for the section heading OCR misread "
                        "(a character of it read wrong)");
    find_unmarked_body(markers);
    if (!markers.repeated.empty()) {
      // Kept as text where it stands, and said: one file is one issue.
      for (size_t index : markers.repeated)
        review_.uncertain("second-issue", lines_[index].number, lines_[index].number,
                          "\"" + u32_to_utf8(lines_[index].text) +
                              "\" again: another issue seems to start here; its text was kept in the last article "
                              "(give one file per issue)");
      review_.contradiction(lines_[markers.repeated.front()].number,
                            "the input holds more than one issue (its sections start again here); give one file per "
                            "issue");
    }
    const size_t first_marker = std::min({markers.intro, markers.contents, markers.body});
    const size_t masthead_end = first_marker == npos ? 0 : first_marker;
    read_masthead(0, masthead_end);

    if (markers.intro != npos) {
      set_aside("label", markers.intro, markers.intro_label);
      read_intro(markers.intro, markers.end_of_region(markers.intro, lines_.size()), markers.intro_rest);
    }
    if (markers.contents != npos) {
      set_aside("label", markers.contents, lines_[markers.contents].text);
      read_contents(markers.contents + 1, markers.end_of_region(markers.contents, lines_.size()));
    }
    // Without any marker the whole text is the body; without 具体内容 the
    // contents or intro took everything after them.
    size_t articles_begin = lines_.size();
    if (markers.body != npos) {
      set_aside("label", markers.body, lines_[markers.body].text);
      articles_begin = markers.body + 1;
    } else if (markers.unmarked_body != npos) {
      articles_begin = markers.unmarked_body;
    } else if (first_marker == npos) {
      articles_begin = 0;
    }
    read_articles(articles_begin, lines_.size());
    if (issue_.articles.empty()) keep_everything_as_one_article(articles_begin);
    infer_missing_date();
    link_contents();
    return std::move(issue_);
  }

 private:
  void set_aside(const char* reason, size_t index, const std::u32string& text) {
    if (!text.empty()) review_.set_aside(reason, lines_[index].number, text);
  }

  // Figure lines hold no text: joined, they add nothing.
  std::string join(size_t first, size_t last) {
    return normalized(join_lines(lines_, first, last, vocabulary_, review_));
  }

  Provenance provenance(size_t first, size_t last) const { return provenance_of(set_, first, last); }

  // The format has no place for a figure outside an article (masthead, intro,
  // contents): it is reported and not kept.
  void drop_figure(size_t index) {
    review_.uncertain("figure", lines_[index].number, lines_[index].number,
                      "a figure outside the articles has no place in the issue; it was not kept");
  }

  // Figures among an article's header lines (title, link, headline): the
  // article's first body blocks, as they cannot stand in the header.
  void take_figures(size_t first, size_t last, std::vector<Block>& into) {
    for (size_t i = first; i <= last && i < lines_.size(); ++i)
      if (lines_[i].is_figure()) into.push_back(figure_block(set_, i, keep_figure_));
  }

  // A paragraph of running text, whose first line was indented (text input).
  std::string join_paragraph(const LineRange& range) {
    const double indent = set_.has_geometry ? 0 : 2.0;
    return normalized(join_lines(lines_, range.first, range.last, vocabulary_, review_, indent));
  }

  // Without 二、具体内容 (OCR did not read it) the contents would run to the
  // end and take the articles: they start at the first article header.
  void find_unmarked_body(Markers& markers) {
    if (markers.contents == npos || markers.body != npos) return;
    for (size_t i = markers.contents + 1; i < lines_.size(); ++i)
      if (starts_article(i, lines_.size(), 1)) {
        review_.uncertain("structure-gap", lines_[i].number, lines_[i].number,
                          "no \"二、具体内容\" line was read; the articles were taken to start at \"" +
                              u32_to_utf8(lines_[i].text) + "\"");
        markers.unmarked_body = i;
        return;
      }
  }

  // ---- masthead -------------------------------------------------------------
  void read_masthead(size_t begin, size_t end) {
    Masthead& masthead = issue_.masthead;
    const RunningCopies copies = running_copies(begin, end);
    std::vector<size_t> lone_copies;
    for (size_t i = begin; i < end; ++i) {
      if (lines_[i].is_figure()) {
        drop_figure(i);
        continue;
      }
      const std::u32string& text = lines_[i].text;
      if (is_running_header_on_first_page(i, copies)) {
        // A text cannot tell a lone copy from the masthead's own line: it is
        // set aside only if the masthead gets that part from another line.
        if (!set_.has_geometry && copies.at(text).count == 1) lone_copies.push_back(i);
        else review_.set_aside("furniture", lines_[i].number, text);
        continue;
      }
      if (read_issue_number(i, text)) continue;
      if (const auto date = find_chinese_date(text); date && !masthead.date) {
        masthead.date = Date{date->year, date->month, date->day};
        masthead.date_text = normalized(text.substr(date->begin, date->end - date->begin));
        masthead.provenance.date = provenance(i, i);
        if (!masthead.date->valid())
          review_.warn("masthead date \"" + masthead.date_text + "\" is not a valid date");
        // 北京市卫生健康大数据与政策研究中心 2025 年 5 月 23 日: publisher and date on one line.
        for (const std::u32string& part : {trim(text.substr(0, date->begin)), trim(text.substr(date->end))})
          if (std::u32string rest = take_issue_number(i, part); !rest.empty()) others_text_.push_back({i, rest});
        continue;
      }
      if (std::u32string rest = take_issue_number(i, text); !rest.empty()) others_text_.push_back({i, rest});
    }
    // The series name is the line naming a 报 (周报, 简报); the publisher the other.
    for (auto& [index, text] : others_text_) {
      const std::string value = normalized(text);
      // A series name is short: a sentence naming 周报 is not one (the intro
      // run into the masthead when OCR misread 本期导语).
      if (masthead.series.empty() && text.find(U'报') != std::u32string::npos && text.size() <= 24) {
        masthead.series = value;
        masthead.provenance.series = provenance(index, index);
      } else if (!masthead.series.empty() && value == masthead.series) {
        review_.set_aside("furniture", lines_[index].number, text);  // a running header on page 1
      } else if (masthead.publisher.empty()) {
        masthead.publisher = value;
        masthead.provenance.publisher = provenance(index, index);
      } else {
        leftover_intro_.push_back(paragraph(value, index, index));
        review_.uncertain("unrecognized-line", lines_[index].number, lines_[index].number,
                          "a masthead line that is neither series, number, publisher nor date "
                          "was kept as an intro paragraph");
      }
    }
    for (size_t index : lone_copies) {
      const std::u32string& text = lines_[index].text;
      const bool series = text.find(U'报') != std::u32string::npos;
      std::string& part = series ? masthead.series : masthead.publisher;
      if (!part.empty()) {
        review_.set_aside("furniture", lines_[index].number, text);
        continue;
      }
      part = normalized(text);
      (series ? masthead.provenance.series : masthead.provenance.publisher) = provenance(index, index);
      review_.uncertain("masthead", lines_[index].number, lines_[index].number,
                        "this line also heads the other pages; taken as the masthead's " +
                            std::string(series ? "series title" : "publisher") +
                            " since no other line gives it (it may be page 1's running header)");
    }
    masthead.line = end > begin ? lines_[begin].number : 0;
  }

  // A running header also tops page 1. When it repeats the series name, the
  // masthead prints that name a second time; a single copy is the header.
  // For each masthead line that looks like a running header: how many lines of
  // the masthead have its text, and which is the first (counted once, so that a
  // long masthead zone stays linear).
  struct Copies {
    size_t count = 0;
    size_t first = 0;
  };
  using RunningCopies = std::map<std::u32string, Copies>;

  bool looks_running(size_t index) const {
    const auto& running = set_.running_signatures;
    return std::find(running.begin(), running.end(), furniture_signature(lines_[index].text)) != running.end();
  }

  RunningCopies running_copies(size_t begin, size_t end) const {
    RunningCopies copies;
    if (set_.running_signatures.empty()) return copies;
    for (size_t i = begin; i < end; ++i) {
      if (!looks_running(i)) continue;
      Copies& entry = copies[lines_[i].text];
      if (entry.count++ == 0) entry.first = i;
    }
    return copies;
  }

  // Masthead parts set on one line apart (第六四九期  北京市…中心, a number at the
  // left and the publisher at the right): a part that is the issue number is
  // taken; the rest of the line is returned.
  std::u32string take_issue_number(size_t index, const std::u32string& text) {
    if (text.empty() || read_issue_number(index, text)) return {};
    if (issue_.masthead.number) return text;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find(U' ', start);
      if (end == std::u32string::npos) end = text.size();
      if (end > start && read_issue_number(index, text.substr(start, end - start)))
        return trim(text.substr(0, start) + U" " + text.substr(std::min(end + 1, text.size())));
      start = end + 1;
    }
    return text;
  }

  bool is_running_header_on_first_page(size_t index, const RunningCopies& copies) const {
    const auto found = copies.find(lines_[index].text);
    if (found == copies.end()) return false;
    // A PDF shows the masthead's series title in display type, a running
    // header in small type: a single large copy is the series. And a running
    // header stands where it stands on the other pages: a single copy
    // elsewhere is the masthead's (page 1 without a header).
    if (set_.has_geometry && found->second.count == 1) {
      if (lines_[index].size_ratio > 1.15) return false;
      const auto top = set_.running_tops.find(furniture_signature(lines_[index].text));
      const Box& box = set_.places[static_cast<size_t>(lines_[index].number)].box;
      if (top != set_.running_tops.end() && std::abs(box.top - top->second) > 0.5 * (box.bottom - box.top))
        return false;
    }
    // The first copy is the header, the next the series.
    return found->second.count == 1 || found->second.first == index;
  }

  // 第六四九 / 第649期 / (第六四九), and the yearly form 2025年第42期 with or
  // without the running count （总第649期）, which is the issue's number.
  bool read_issue_number(size_t index, const std::u32string& text) {
    std::u32string inner = text;
    const auto in_brackets = bracketed(text);
    if (in_brackets) inner = *in_brackets;
    // No numeral holds a space: OCR's word spaces (第五 三 一) go.
    std::erase(inner, U' ');
    std::optional<long> number;
    bool yearly = false;
    if (const size_t running = inner.find(U"总第"); running != std::u32string::npos) {
      // Only after nothing, or after the yearly form and a bracket.
      std::u32string before = trim(inner.substr(0, running));
      if (!before.empty() && (before.back() == U'（' || before.back() == U'(')) before = trim(before.substr(0, before.size() - 1));
      if (before.empty() || yearly_number(before)) number = number_after(inner.substr(running + 2));
    } else if (starts_with(inner, U"第")) {
      number = number_after(inner.substr(1));
    } else if (const auto year = yearly_number(inner)) {
      number = year;
      yearly = true;
    }
    if (!number || *number <= 0) return false;
    issue_.masthead.number = static_cast<int>(*number);
    issue_.masthead.number_text = normalized(inner);
    issue_.masthead.provenance.number = provenance(index, index);
    if (yearly)
      review_.uncertain("masthead", lines_[index].number, lines_[index].number,
                        "the issue prints only its number within the year (" + u32_to_utf8(inner) +
                            "); that number was taken as the issue's number");
    if (in_brackets) {
      set_aside("bracket", index, text.substr(0, 1));
      set_aside("bracket", index, text.substr(text.size() - 1));
    }
    return true;
  }

  // The number in "六四九期）…" / "649期": up to 期 or the end, nothing else.
  static std::optional<long> number_after(const std::u32string& text) {
    const size_t end = text.find(U'期');
    if (end == std::u32string::npos) return parse_chinese_number(u32_to_utf8(trim(text)));
    const std::u32string rest = trim(text.substr(end + 1));
    if (!rest.empty() && rest != U"）" && rest != U")") return std::nullopt;
    return parse_chinese_number(u32_to_utf8(trim(text.substr(0, end))));
  }

  // 2025年第42期: the number within the year.
  static std::optional<long> yearly_number(const std::u32string& text) {
    const size_t year = text.find(U"年第");
    if (year != 4 || !ends_with(text, U"期")) return std::nullopt;
    for (size_t i = 0; i < 4; ++i)
      if (text[i] < U'0' || text[i] > U'9') return std::nullopt;
    return number_after(text.substr(6));
  }

  // ---- intro ----------------------------------------------------------------
  void read_intro(size_t marker, size_t end, const std::u32string& rest) {
    size_t first = marker;
    if (rest.empty()) ++first;
    else lines_[marker].text = rest;
    for (const LineRange& range : split_paragraphs(set_, first, end, review_)) {
      if (lines_[range.first].is_figure()) drop_figure(range.first);
      else issue_.intro.push_back(paragraph(join_paragraph(range), range.first, range.last));
    }
  }

  void infer_missing_date() {
    if (issue_.masthead.date) return;
    // The issue is dated the last day of the period its intro names (时间从…到…).
    for (const Block& paragraph : issue_.intro) {
      const std::u32string text = utf8_to_u32(paragraph.text);
      std::optional<DateMatch> last;
      for (auto date = find_chinese_date(text); date; date = find_chinese_date(text, date->end))
        last = date;
      if (!last) continue;
      const Date date{last->year, last->month, last->day};
      if (!date.valid()) continue;
      issue_.masthead.date = date;
      issue_.masthead.provenance.date = paragraph.provenance;  // where it was read
      review_.uncertain("inferred", paragraph.line, paragraph.line,
                        "the issue prints no date; " + date.iso() +
                            " was taken from the end of the period in the intro");
      return;
    }
    review_.uncertain("structure-gap", issue_.masthead.line, issue_.masthead.line,
                      "no date was read in the masthead, nor a period in the intro; the issue is written without "
                      "a date (add it by hand)");
  }

  // ---- contents -------------------------------------------------------------
  void read_contents(size_t begin, size_t end) {
    size_t i = begin;
    while (i < end) {
      const auto item = numbered_line(lines_[i].text);
      if (!item) {
        keep_unrecognized(i, "a line in the contents that is not an entry");
        ++i;
        continue;
      }
      set_aside("number", i, item->prefix);
      lines_[i].text = item->rest;
      size_t last = i;
      ContentsEntry entry;
      entry.line = lines_[i].number;
      // A title wraps until its bracketed source line or the next entry.
      while (last + 1 < end && !bracketed(lines_[last + 1].text) && !numbered_line(lines_[last + 1].text) &&
             last < i + 3)
        ++last;
      // A page number set at the right of the entry's last line: 新图景    3
      std::u32string& tail = lines_[last].text;
      size_t digits = tail.size();
      while (digits > 0 && tail[digits - 1] >= U'0' && tail[digits - 1] <= U'9') --digits;
      if (digits < tail.size() && tail.size() - digits <= 4 && digits > 0 && tail[digits - 1] == U' ') {
        set_aside("page-number", last, tail.substr(digits));
        tail = trim(tail.substr(0, digits));
      }
      entry.title = join(i, last);
      for (size_t k = i; k <= last; ++k)
        if (lines_[k].is_figure()) drop_figure(k);
      entry.provenance = provenance(i, last);
      i = last + 1;
      if (i < end) {
        if (const auto source = bracketed(lines_[i].text)) {
          entry.source = normalized(*source);
          extend(entry.provenance, provenance(i, i));
          set_aside("bracket", i, lines_[i].text.substr(0, 1));
          set_aside("bracket", i, lines_[i].text.substr(lines_[i].text.size() - 1));
          ++i;
        }
      }
      entry.ref = article_id(static_cast<int>(issue_.contents.size()) + 1);
      issue_.contents.push_back(std::move(entry));
    }
  }

  // A paragraph from lines[first..last].
  Block paragraph(std::string text, size_t first, size_t last) const {
    Block block;
    block.text = std::move(text);
    block.line = lines_[first].number;
    block.provenance = provenance(first, last);
    return block;
  }

  void keep_unrecognized(size_t index, const std::string& what) {
    if (lines_[index].is_figure()) {
      drop_figure(index);
      return;
    }
    leftover_intro_.push_back(paragraph(normalized(lines_[index].text), index, index));
    review_.uncertain("unrecognized-line", lines_[index].number, lines_[index].number,
                      what + " was kept as an intro paragraph");
  }

  // ---- articles -------------------------------------------------------------
  // An article starts at "N." (the next number) when 来源： follows within a
  // few lines; or, for an article without a source, at "N.标题：" when 链接：
  // or 主要内容： does.
  bool starts_article(size_t index, size_t end, int expected) const {
    const auto item = numbered_line(lines_[index].text);
    if (!item || item->n != expected) return false;
    return source_line_after(index, end) != npos ||
           (after_label(item->rest, U"标题") && header_label_after(index, end) != npos);
  }

  static bool is_header_label(const std::u32string& text) {
    return after_label(text, U"来源") || after_label(text, U"链接") || after_label(text, U"主要内容");
  }

  // The first line of a header's labels (来源：, 链接：, 主要内容：) after `index`, within a few lines.
  size_t header_label_after(size_t index, size_t end) const {
    for (size_t k = index + 1; k < end && k <= index + 5; ++k)
      if (is_header_label(lines_[k].text)) return k;
    return npos;
  }

  // The 来源： line of a header starting at `index`, within a few lines.
  size_t source_line_after(size_t index, size_t end) const {
    for (size_t k = index + 1; k < end && k <= index + 5; ++k)
      if (after_label(lines_[k].text, U"来源")) return k;
    return npos;
  }

  // A title line whose number OCR misread: 标题： after at most a few
  // characters (Z.标题： / .标题： / 标题：); `prefix` gets what stands before it.
  static bool has_title_label(const std::u32string& text, std::u32string* prefix = nullptr) {
    const size_t at = text.find(U"标题");
    if (at == std::u32string::npos || at > 4) return false;
    if (!after_label(text.substr(at), U"标题")) return false;
    if (prefix) *prefix = text.substr(0, at);
    return true;
  }

  void read_articles(size_t begin, size_t end) {
    std::vector<size_t> starts;
    for (size_t i = begin; i < end; ++i)
      if (starts_article(i, end, static_cast<int>(starts.size()) + 1)) starts.push_back(i);
    recover_article_starts(begin, end, starts);
    if (starts.empty()) return;
    for (size_t i = begin; i < starts.front(); ++i)
      keep_unrecognized(i, "a line between 具体内容 and the first article");
    for (size_t k = 0; k < starts.size(); ++k)
      read_article(starts[k], k + 1 < starts.size() ? starts[k + 1] : end, static_cast<int>(k) + 1);
  }

  // Headers the numbered sequence missed (OCR read a number wrong, twice, or
  // not at all; only on lines OCR read, as a PDF's or a text's own 来源： under
  // a figure or a list item is no header): every 来源： line no start claims
  // is a header's, which starts
  // at the nearest line above (within 4) that is numbered or carries 标题：,
  // or, failing those, at a line that begins like a contents title.
  void recover_article_starts(size_t begin, size_t end, std::vector<size_t>& starts) const {
    std::vector<bool> claimed(end > begin ? end - begin : 0, false);
    for (size_t start : starts)
      if (const size_t source = source_line_after(start, end); source != npos) claimed[source - begin] = true;
    std::vector<size_t> found;
    for (size_t k = begin; k < end; ++k) {
      if (claimed[k - begin] || !lines_[k].ocr || !after_label(lines_[k].text, U"来源")) continue;
      const size_t floor = std::max(begin, k >= 4 ? k - 4 : 0);
      size_t header = npos;
      for (size_t j = k; j-- > floor;) {
        if (std::binary_search(starts.begin(), starts.end(), j) || after_label(lines_[j].text, U"来源")) break;
        if (numbered_line(lines_[j].text) || has_title_label(lines_[j].text)) {
          header = j;
          break;
        }
      }
      for (size_t j = k; header == npos && j-- > floor;) {
        if (std::binary_search(starts.begin(), starts.end(), j) || after_label(lines_[j].text, U"来源")) break;
        if (begins_like_a_contents_title(lines_[j].text)) header = j;
      }
      if (header != npos) found.push_back(header);
    }
    // A 标题： header whose 来源： label OCR misread (来产：) starts an article too.
    for (size_t j = begin; j < end; ++j)
      if (lines_[j].ocr && has_title_label(lines_[j].text) && !std::binary_search(starts.begin(), starts.end(), j) &&
          source_line_after(j, end) == npos)
        found.push_back(j);
    if (found.empty()) return;
    starts.insert(starts.end(), found.begin(), found.end());
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  }

  bool begins_like_a_contents_title(const std::u32string& text) const {
    const std::u32string line = title_letters(text);
    if (line.size() < 4) return false;
    for (const ContentsEntry& entry : issue_.contents) {
      const std::u32string title = title_letters(utf8_to_u32(entry.title));
      if (similarity(line, title.substr(0, line.size())) >= 0.6) return true;
    }
    return false;
  }

  void read_article(size_t begin, size_t end, int n) {
    Article article;
    article.n = n;
    article.id = article_id(n);
    article.line = lines_[begin].number;
    // A recovered header may lack its number, or have it misread (Z.标题：).
    Numbered header;
    if (const auto numbered = numbered_line(lines_[begin].text)) header = *numbered;
    else if (has_title_label(lines_[begin].text, &header.prefix)) header.rest = lines_[begin].text.substr(header.prefix.size());
    else header.rest = lines_[begin].text;
    printed_numbers_.push_back({header.n, header.prefix, true});
    set_aside("number", begin, header.prefix);
    std::u32string title_text = header.rest;
    std::u32string label;
    if (const auto rest = after_label(title_text, U"标题", &label)) {
      set_aside("label", begin, label);
      title_text = *rest;
    }
    // Title lines until 来源： (or 链接： / 主要内容：, an article without a source)
    lines_[begin].text = title_text;
    size_t i = begin + 1;
    // Without any label line (OCR misread it) the title is one line.
    if (header_label_after(begin, end) != npos)
      while (i < end && !is_header_label(lines_[i].text) && i < begin + 4) ++i;
    article.title = join(begin, i - 1);
    article.provenance.title = provenance(begin, i - 1);

    std::vector<Block> leading;  // recovered text and figures that have no structural home
    take_figures(begin, i - 1, leading);
    if (i < end) {
      if (const auto source = after_label(lines_[i].text, U"来源", &label)) {
        set_aside("label", i, label);
        article.source = normalized(*source);
        article.provenance.source = provenance(i, i);
        ++i;
      }
    }
    if (i < end) {
      if (const auto link = after_label(lines_[i].text, U"链接", &label)) {
        set_aside("label", i, label);
        std::u32string url = *link;
        const size_t first_url_line = i;
        std::vector<std::string> targets = link_targets(i);
        ++i;
        // A URL has no spaces and no Chinese; one read by OCR may have both
        // (an underscore missed, f2 read as 亿): such a line continues it while
        // nearly all of it is what URLs are made of.
        const auto continues_url = [&](const Line& line) {
          if (!line.ocr) return !has_cjk(line.text) && line.text.find(U' ') == std::u32string::npos;
          const auto url_like = std::count_if(line.text.begin(), line.text.end(), [](char32_t c) {
            return c > 0x20 && c < 0x7F;
          });
          return url_like * 10 >= static_cast<long>(line.text.size()) * 9;
        };
        while (i < end && !after_label(lines_[i].text, U"主要内容") && continues_url(lines_[i])) {
          for (const std::string& target : link_targets(i)) targets.push_back(target);
          take_figures(i, i, leading);
          url += lines_[i++].text;
        }
        article.provenance.link = provenance(first_url_line, i - 1);
        read_link(article, url, first_url_line, i - 1, leading);
        confirm_link(article, targets, first_url_line);
      }
    }
    size_t body_start = i;
    if (i < end) {
      if (const auto main = after_label(lines_[i].text, U"主要内容", &label)) {
        set_aside("label", i, label);
        if (main->empty()) ++i;
        else lines_[i].text = *main;
        body_start = i;
      }
      // Headline lines until the dateline (with or without 主要内容 before
      // them): a headline wraps onto a few lines and never ends a sentence.
      for (size_t k = i; k < end && k < i + 6; ++k) {
        if (lines_[k].is_figure()) continue;
        const auto match = dateline(lines_[k].text);
        if (!match) {
          if (ends_sentence(lines_[k].text)) break;
          continue;
        }
        if (k > i) {
          article.headline = join(i, k - 1);
          article.provenance.headline = provenance(i, k - 1);
          take_figures(i, k - 1, leading);
        }
        Dateline line;
        line.source = normalized(match->source);
        line.provenance = provenance(k, k);
        const Date date{match->year, match->month, match->day};
        if (date.valid()) line.date = date;
        else review_.warn("article " + std::to_string(n) + ": dateline date \"" +
                          u32_to_utf8(match->date_text) + "\" is not a valid date");
        set_aside("date", k, match->date_text);
        set_aside("label", k, match->label);
        article.dateline = line;
        body_start = k + 1;
        break;
      }
      // No dateline: a headline is still the lines (up to 3) that open the
      // content centred or larger than the body and end no sentence, with
      // body text after them; a body paragraph is indented, a sub-heading
      // flush left in the body size.
      const auto headline_like = [&](size_t k) {
        const Line& line = lines_[k];
        return !line.is_figure() && !ends_sentence(line.text) && (line.centered || line.size_ratio >= 1.1);
      };
      if (!article.dateline && i < end && headline_like(i)) {
        size_t k = i;
        while (k < end && k < i + 3 && headline_like(k)) ++k;
        if (k < end && !headline_like(k)) {  // a headline has a body after it
          article.headline = join(i, k - 1);
          article.provenance.headline = provenance(i, k - 1);
          body_start = k;
        }
      }
    }
    article.blocks = read_body(body_start, end);
    article.blocks.insert(article.blocks.begin(), std::make_move_iterator(leading.begin()),
                          std::make_move_iterator(leading.end()));
    issue_.articles.push_back(std::move(article));
  }

  std::vector<std::string> link_targets(size_t index) const {
    const auto found = set_.link_targets.find(lines_[index].number);
    return found == set_.link_targets.end() ? std::vector<std::string>{} : found->second;
  }

  // `url` was printed on lines[index..last].
  void read_link(Article& article, std::u32string url, size_t index, size_t last, std::vector<Block>& leading) {
    if (starts_with(url, U"<") && ends_with(url, U">")) {
      set_aside("bracket", index, url.substr(0, 1));
      set_aside("bracket", index, url.substr(url.size() - 1));
      url = url.substr(1, url.size() - 2);
    }
    // Tesseract reads an underscore (thin, under the baseline) as a gap: a
    // space inside a URL read by OCR is taken as '_', and said.
    if (lines_[index].ocr && url.find(U' ') != std::u32string::npos) {
      std::replace(url.begin(), url.end(), U' ', U'_');
      review_.uncertain("ocr-url", lines_[index].number, lines_[last].number,
                        "a gap inside a URL read by OCR was taken as '_': " + u32_to_utf8(url));
    }
    const std::string text = u32_to_utf8(url);
    const bool http = text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0 ||
                      text.rfind("HTTP://", 0) == 0 || text.rfind("HTTPS://", 0) == 0;
    if (http && text.find(' ') == std::string::npos) {
      article.href = text;
    } else if (!text.empty()) {
      leading.push_back(paragraph(normalized(url), index, last));
      review_.uncertain("unrecognized-line", lines_[index].number, lines_[index].number,
                        "the text after 链接： is not an http(s) URL; kept as a paragraph");
    }
  }

  // A PDF's link annotation confirms the printed URL, or completes one the
  // printing damaged (cut, wrapped in brackets, truncated).
  void confirm_link(Article& article, const std::vector<std::string>& targets, size_t index) {
    for (const std::string& target : targets) {
      if (target.rfind("http://", 0) != 0 && target.rfind("https://", 0) != 0) continue;
      if (target == article.href) return;
      const int line = lines_[index].number;
      if (article.href.empty() || target.rfind(article.href, 0) == 0) {
        if (!article.href.empty())
          review_.uncertain("link", line, line,
                            "the printed URL \"" + article.href + "\" was completed from the link annotation \"" +
                                target + "\"");
        article.href = target;
        return;
      }
      review_.uncertain("link", line, line,
                        "the printed URL \"" + article.href + "\" differs from the link annotation \"" +
                            target + "\"; the printed one is kept");
      return;
    }
  }

  std::vector<Block> read_body(size_t begin, size_t end) {
    std::vector<BlockText> paragraphs;
    {
      const std::vector<LineRange> ranges = split_paragraphs(set_, begin, end, review_);
      paragraphs.reserve(ranges.size());
      for (const LineRange& range : ranges) {
        paragraphs.push_back({join_paragraph(range), range});
        // Joined, the lines' text is not read again (their layout evidence is):
        // freeing it keeps a large text from being held twice.
        for (size_t i = range.first; i <= range.last; ++i) std::u32string().swap(lines_[i].text);
      }
    }
    return classify_body(set_, std::move(paragraphs), review_, keep_figure_);
  }

  void keep_everything_as_one_article(size_t begin) {
    // Not (recognizably) this newsletter: nothing is dropped; every line not
    // already used becomes part of one article's body.
    Article article;
    article.n = 1;
    article.id = article_id(1);
    if (begin < lines_.size()) {
      article.blocks = read_body(begin, lines_.size());
      article.line = lines_[begin].number;
    }
    review_.warn("no articles were recognized (no \"N.标题：\" headers followed by 来源：); the text "
                 "was kept as one article of " + std::to_string(article.blocks.size()) + " blocks");
    issue_.articles.push_back(std::move(article));
    printed_numbers_.push_back({0, {}, false});
  }

  // Contents and articles, one entry an article in the same order (the
  // format's rule). When OCR missed an entry or an article, the two lists are
  // aligned by their titles and each gap is filled and said, so that the issue
  // is still written whole; articles are numbered by their place.
  void link_contents() {
    for (Block& block : leftover_intro_) issue_.intro.push_back(std::move(block));
    leftover_intro_.clear();
    if (!issue_.contents.empty() && !printed_numbers_.empty() && !printed_numbers_.front().header) {
      contents_as_intro();
    } else if (!issue_.contents.empty()) {
      if (issue_.contents.size() == issue_.articles.size()) {
        for (size_t i = 0; i < issue_.contents.size(); ++i) pair_up(issue_.contents[i], issue_.articles[i]);
      } else {
        fill_gaps(align_contents());
      }
    }
    renumber_articles();
  }

  // No article was recognized (the text was kept as one): the entries have
  // nothing to point at, and are kept as intro paragraphs.
  void contents_as_intro() {
    review_.uncertain("structure-gap", issue_.contents.front().line, issue_.contents.back().line,
                      "no article header was recognized, so the contents' " + std::to_string(issue_.contents.size()) +
                          " entries point at nothing; they were kept as intro paragraphs");
    for (ContentsEntry& entry : issue_.contents) {
      Block block;
      block.text = entry.source.empty() ? entry.title : entry.title + "（" + entry.source + "）";
      block.line = entry.line;
      block.provenance = entry.provenance;
      if (!block.text.empty()) issue_.intro.push_back(std::move(block));
    }
    issue_.contents.clear();
  }

  struct Pairing {
    size_t entry = npos, article = npos;
  };

  // The alignment of entries and articles in order that pairs the most and
  // the most alike titles (a printed number that agrees counts too).
  std::vector<Pairing> align_contents() const {
    const size_t rows = issue_.contents.size(), columns = issue_.articles.size();
    std::vector<std::u32string> entry_titles, article_titles;
    for (const ContentsEntry& entry : issue_.contents) entry_titles.push_back(title_letters(utf8_to_u32(entry.title)));
    for (const Article& article : issue_.articles) article_titles.push_back(title_letters(utf8_to_u32(article.title)));
    // Titles are compared only while that stays cheap: a text of thousands
    // of numbered lines is paired in order.
    const bool compare = rows * columns <= 40000;
    const auto score = [&](size_t e, size_t a) {
      const int printed = printed_numbers_[a].n;
      return 0.1 + (compare ? similarity(entry_titles[e], article_titles[a]) : 0) +
             (printed == static_cast<int>(e) + 1 ? 0.3 : 0);
    };
    constexpr size_t kMaxCells = 1 << 20;  // past this, entries and articles are paired in order
    if (rows * columns > kMaxCells) {
      std::vector<Pairing> pairs;
      for (size_t i = 0; i < std::max(rows, columns); ++i) pairs.push_back({i < rows ? i : npos, i < columns ? i : npos});
      return pairs;
    }
    std::vector<std::vector<double>> best(rows + 1, std::vector<double>(columns + 1, 0));
    for (size_t e = rows; e-- > 0;)
      for (size_t a = columns; a-- > 0;)
        best[e][a] = std::max({best[e + 1][a], best[e][a + 1], score(e, a) + best[e + 1][a + 1]});
    std::vector<Pairing> pairs;
    size_t e = 0, a = 0;
    while (e < rows || a < columns) {
      if (e < rows && a < columns && best[e][a] == score(e, a) + best[e + 1][a + 1]) pairs.push_back({e++, a++});
      else if (e < rows && (a == columns || best[e][a] == best[e + 1][a])) pairs.push_back({e++, npos});
      else pairs.push_back({npos, a++});
    }
    return pairs;
  }

  void fill_gaps(const std::vector<Pairing>& pairs) {
    std::vector<ContentsEntry> contents;
    std::vector<Article> articles;
    std::vector<PrintedNumber> numbers;
    for (const Pairing& pair : pairs) {
      if (pair.article != npos) {
        articles.push_back(std::move(issue_.articles[pair.article]));
        numbers.push_back(printed_numbers_[pair.article]);
      }
      if (pair.entry != npos) contents.push_back(std::move(issue_.contents[pair.entry]));
      const size_t place = std::max(contents.size(), articles.size());
      if (pair.article == npos) {
        const ContentsEntry& entry = contents.back();
        if (entry.title.empty()) {  // nothing but a number was read: nothing stands for it
          review_.uncertain("structure-gap", entry.line, entry.line,
                            "contents entry " + std::to_string(pair.entry + 1) +
                                " has no title and no article in the body; it was left out");
          contents.pop_back();
          continue;
        }
        articles.push_back(placeholder_article(entry));
        numbers.push_back({0, {}, false});
        review_.uncertain("structure-gap", entry.line, entry.line,
                          "contents entry " + std::to_string(place) + " \"" + entry.title +
                              "\" has no article in the body (OCR may have missed its \"N.标题：\" header or its "
                              "来源： line); an empty article stands for it, and its text, if it was read, ends "
                              "the article before");
      } else if (pair.entry == npos) {
        const Article& article = articles.back();
        contents.push_back(entry_for(article));
        review_.uncertain("structure-gap", article.line, article.line,
                          "article " + std::to_string(place) + " \"" + article.title +
                              "\" has no contents entry (it was not read); one was made from the article's title "
                              "and source");
      }
      pair_up(contents.back(), articles.back());
    }
    issue_.contents = std::move(contents);
    issue_.articles = std::move(articles);
    printed_numbers_ = std::move(numbers);
  }

  // What an entry says that its article contradicts, or lacks, is settled
  // here: an empty title is the article's, a differing source the article's
  // (the entry's is set aside), so that the pair satisfies the format.
  void pair_up(ContentsEntry& entry, const Article& article) {
    if (entry.title.empty() && !article.title.empty()) {
      entry.title = article.title;
      review_.uncertain("structure-gap", entry.line, entry.line,
                        "a contents entry's title was not read; the article's \"" + article.title + "\" was taken");
    }
    if (!entry.source.empty() && !article.source.empty() && entry.source != article.source) {
      review_.uncertain("structure-gap", entry.line, entry.line,
                        "the contents entry gives the source \"" + entry.source + "\" but its article \"" +
                            article.source + "\"; the article's is kept for both (the entry's is set aside)");
      review_.set_aside("contents-source", entry.line, utf8_to_u32(entry.source));
      entry.source = article.source;
    }
  }

  Article placeholder_article(const ContentsEntry& entry) const {
    Article article;
    article.title = entry.title;
    article.source = entry.source;
    article.line = entry.line;
    article.provenance.title = entry.provenance;
    return article;
  }

  ContentsEntry entry_for(const Article& article) const {
    ContentsEntry entry;
    entry.title = article.title;
    entry.source = article.source;
    entry.line = article.line;
    entry.provenance = article.provenance.title;
    return entry;
  }

  // Articles are numbered 1, 2, 3 by their place (the format's rule); a
  // printed number that says otherwise was misread or read twice, and is said.
  void renumber_articles() {
    for (size_t i = 0; i < issue_.articles.size(); ++i) {
      Article& article = issue_.articles[i];
      article.n = static_cast<int>(i) + 1;
      article.id = article_id(article.n);
      if (i < issue_.contents.size()) issue_.contents[i].ref = article.id;
      const PrintedNumber& printed = printed_numbers_[i];
      if (!printed.header || printed.n == article.n) continue;
      const std::string place = "article " + std::to_string(article.n) + " \"" + article.title + "\"";
      if (printed.n > 0)
        review_.uncertain("article-number", article.line, article.line,
                          place + " is printed as number " + std::to_string(printed.n) +
                              " (a number misread or read twice); it was numbered " + std::to_string(article.n) +
                              " by its place");
      else
        review_.uncertain("article-number", article.line, article.line,
                          place + ": its number was not read" +
                              (printed.prefix.empty() ? std::string() : " (\"" + u32_to_utf8(printed.prefix) + "\")") +
                              "; it was numbered " + std::to_string(article.n) + " by its place");
    }
  }

  LineSet& set_;
  std::vector<Line>& lines_;
  Review& review_;
  const KeepFigure& keep_figure_;
  Vocabulary vocabulary_;
  Issue issue_;
  std::vector<std::pair<size_t, std::u32string>> others_text_;
  std::vector<Block> leftover_intro_;
  // As printed before each article's title, in the order of issue_.articles.
  struct PrintedNumber {
    int n = 0;  // 0: not read
    std::u32string prefix;
    bool header = true;  // false: the article has no header (nothing to compare)
  };
  std::vector<PrintedNumber> printed_numbers_;
};

}  // namespace

size_t masthead_zone_end(const std::vector<Line>& lines) {
  for (size_t i = 0; i < lines.size(); ++i)
    if (section_marker(lines[i].text) != Section::none) return i;
  return 0;
}

Issue recognize_structure(LineSet& set, Review& review, const KeepFigure& keep_figure) {
  return Recognizer(set, review, keep_figure).run();
}

}  // namespace reissue::extract
