#include "furniture.h"

#include "chars.h"
#include "reissue/text.h"

#include <algorithm>
#include <array>
#include <map>

namespace reissue::extract {

namespace {

bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９'); }

// Skips spaces and one run of digits; returns false if no digit was found.
bool skip_number(const std::u32string& text, size_t& i) {
  while (i < text.size() && text[i] == ' ') ++i;
  const size_t start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  const bool found = i > start;
  while (i < text.size() && text[i] == ' ') ++i;
  return found;
}

bool skip(const std::u32string& text, size_t& i, std::u32string_view word) {
  while (i < text.size() && text[i] == ' ') ++i;
  if (text.compare(i, word.size(), word) != 0) return false;
  i += word.size();
  return true;
}

}  // namespace

std::u32string furniture_signature(const std::u32string& text) {
  std::u32string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      if (out.empty() || out.back() != U'#') out.push_back(U'#');
    } else if (text[i] != ' ') {
      out.push_back(text[i]);
    }
  }
  return out;
}

namespace {

bool is_structure_label(const std::u32string& text) {
  for (std::u32string_view label : {U"来源：", U"链接：", U"主要内容：", U"本期导语："})
    if (text.compare(0, label.size(), label) == 0) return true;
  return false;
}

}  // namespace

void remove_control_characters(std::vector<Line>& lines, Review& review) {
  // In place: a second vector of lines would double the memory of a large text.
  size_t kept = 0;
  for (Line& line : lines) {
    std::u32string removed;
    std::erase_if(line.text, [&](char32_t c) {
      if (!is_control(c)) return false;
      removed.push_back(c);
      return true;
    });
    if (!removed.empty()) {
      review.set_aside("control", line.number, removed);
      line.text = trim(line.text);
    }
    if (line.text.empty() && !line.is_figure()) continue;
    if (&lines[kept] != &line) lines[kept] = std::move(line);
    ++kept;
  }
  lines.erase(lines.begin() + static_cast<long>(kept), lines.end());
}

bool is_page_number(const std::u32string& text) {
  size_t i = 0;
  if (skip(text, i, U"第")) {  // 第 3 页 [共 5 页] / 第3页/共5页
    if (!skip_number(text, i) || !skip(text, i, U"页")) return false;
    if (i == text.size()) return true;
    skip(text, i, U"/") || skip(text, i, U"，") || skip(text, i, U",");
    return skip(text, i, U"共") && skip_number(text, i) && skip(text, i, U"页") && i == text.size();
  }
  i = 0;
  if (skip(text, i, U"Page") || skip(text, i, U"page")) {
    if (!skip_number(text, i)) return false;
    if (i == text.size()) return true;
    return skip(text, i, U"of") && skip_number(text, i) && i == text.size();
  }
  i = 0;
  if (skip(text, i, U"-") || skip(text, i, U"—") || skip(text, i, U"–")) {  // - 3 -
    if (!skip_number(text, i)) return false;
    return (skip(text, i, U"-") || skip(text, i, U"—") || skip(text, i, U"–")) && i == text.size();
  }
  i = 0;
  if (!skip_number(text, i)) return false;  // 3 or 3/5
  if (i == text.size()) return text.size() <= 4;
  return (skip(text, i, U"/") || skip(text, i, U"／")) && skip_number(text, i) && i == text.size();
}

namespace {

// Where the pages are unknown (a text whose page breaks were lost: form
// feeds removed, blank lines as in the rest of the text), running headers and
// footers are told by repetition alone: a line of at most 100 characters
// (a browser prints the page's address) that is not a sentence,
// printed the same (digits aside) at least three times, each copy at least ten
// lines from the last, so that a page's worth of text stands between them
// (three copies in all, two of them after the masthead zone: a header that
// repeats the series title on a three-page issue). A page number next to such
// a line goes with it.
void mark_repeated_lines(const std::vector<Line>& lines, size_t protected_count, std::vector<bool>& remove,
                         std::vector<std::u32string>& running) {
  struct Seen {
    size_t count = 0;
    size_t last = 0;
    bool spread = true;
  };
  std::map<std::u32string, Seen> seen;
  auto candidate = [&](const Line& line) {
    return !line.is_figure() && line.text.size() <= 100 && !ends_sentence(line.text) && !is_structure_label(line.text);
  };
  // Counted after the masthead zone, where page 1's header and the masthead
  // may print the same text a few lines apart.
  for (size_t i = protected_count; i < lines.size(); ++i) {
    if (!candidate(lines[i])) continue;
    Seen& entry = seen[furniture_signature(lines[i].text)];
    if (entry.count > 0 && i - entry.last < 10) entry.spread = false;
    ++entry.count;
    entry.last = i;
  }
  std::map<std::u32string, size_t> masthead_copies;
  for (size_t i = 0; i < protected_count && i < lines.size(); ++i)
    if (candidate(lines[i])) ++masthead_copies[furniture_signature(lines[i].text)];
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!candidate(lines[i])) continue;
    const std::u32string signature = furniture_signature(lines[i].text);
    const auto found = seen.find(signature);
    if (found == seen.end()) continue;
    const Seen& entry = found->second;
    if (entry.count + masthead_copies[signature] < 3 || entry.count < 2 || !entry.spread) continue;
    if (std::find(running.begin(), running.end(), signature) == running.end()) running.push_back(signature);
    if (i < protected_count) continue;
    remove[i] = true;
    for (size_t k = i >= 2 ? i - 2 : 0; k < std::min(lines.size(), i + 3); ++k)
      if (k >= protected_count && !lines[k].is_figure() && is_page_number(lines[k].text)) remove[k] = true;
  }
}

}  // namespace

void remove_page_furniture(LineSet& set, size_t protected_count, Review& review) {
  std::vector<Line>& lines = set.lines;
  const bool has_geometry = set.has_geometry;
  std::vector<std::u32string>& running = set.running_signatures;
  running.clear();
  if (lines.empty()) return;
  const int pages = lines.back().page + 1;
  // Candidate positions: the first two and the last two lines of every page.
  // key: (signature, position) where position is 0/1 from the top, -1/-2 from the bottom.
  std::vector<size_t> page_begin(pages + 1, lines.size());
  for (size_t i = lines.size(); i-- > 0;) page_begin[lines[i].page] = i;
  for (int p = pages - 1; p >= 0; --p)
    if (page_begin[p] == lines.size()) page_begin[p] = page_begin[p + 1];

  auto for_each_candidate = [&](auto&& visit) {
    for (int p = 0; p < pages; ++p) {
      const size_t begin = page_begin[p], end = page_begin[p + 1];
      for (size_t k = 0; k < 2 && begin + k < end; ++k) visit(begin + k, static_cast<int>(k));
      for (size_t k = 0; k < 2 && end >= begin + 1 + k + 2; ++k)
        visit(end - 1 - k, -1 - static_cast<int>(k));
    }
  };
  // Furniture repeats at one position on at least 60% of the pages, so it is
  // the majority at that position: a majority vote (Boyer-Moore) per position
  // finds the only possible signature, and a second pass counts its pages.
  // Linear time, and no table of every line (a text of a million one-line
  // pages has a million candidates).
  const size_t needed = std::max<size_t>(2, (static_cast<size_t>(pages) * 6 + 9) / 10);
  struct Vote {
    std::u32string signature;
    size_t weight = 0;
    size_t pages = 0;
  };
  std::array<Vote, 4> votes;  // positions 0, 1, -1, -2
  auto vote_at = [&](int position) -> Vote& { return votes[position >= 0 ? position : 1 - position]; };
  // A figure takes its place among the lines but is content, never furniture:
  // it neither votes nor goes.
  for_each_candidate([&](size_t i, int position) {
    if (lines[i].is_figure()) return;
    Vote& vote = vote_at(position);
    std::u32string signature = furniture_signature(lines[i].text);
    if (vote.weight == 0) {
      vote.signature = std::move(signature);
      vote.weight = 1;
    } else if (signature == vote.signature) {
      ++vote.weight;
    } else {
      --vote.weight;
    }
  });
  // One line per position and page: counting lines counts pages.
  for_each_candidate([&](size_t i, int position) {
    Vote& vote = vote_at(position);
    if (!lines[i].is_figure() && vote.weight > 0 && furniture_signature(lines[i].text) == vote.signature)
      ++vote.pages;
  });

  std::vector<bool> remove(lines.size(), false);
  if (lines.size() > 80 * static_cast<size_t>(pages)) mark_repeated_lines(lines, protected_count, remove, running);
  for_each_candidate([&](size_t i, int position) {
    const Line& line = lines[i];
    if (line.is_figure() || is_structure_label(line.text)) return;
    const Vote& vote = vote_at(position);
    const bool repeated = pages >= 2 && vote.weight > 0 && vote.pages >= needed &&
                          furniture_signature(line.text) == vote.signature;
    if (repeated && std::find(running.begin(), running.end(), vote.signature) == running.end())
      running.push_back(vote.signature);
    if (i < protected_count) return;
    if (repeated || is_page_number(line.text)) remove[i] = true;
  });
  size_t kept = 0;
  std::map<std::u32string, std::vector<double>> tops;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (remove[i]) {
      review.set_aside("furniture", lines[i].number, lines[i].text);
      if (has_geometry) tops[furniture_signature(lines[i].text)].push_back(set.places[lines[i].number].box.top);
      // The next line now starts the page's flow; the space around the
      // furniture was the page's, not the text's.
      if (i + 1 < lines.size() && lines[i + 1].page == lines[i].page) {
        if (lines[i].page_start) lines[i + 1].page_start = true;
        if (!has_geometry) lines[i + 1].gap_before = 0;
      }
      continue;
    }
    if (kept != i) lines[kept] = std::move(lines[i]);
    ++kept;
  }
  lines.erase(lines.begin() + static_cast<long>(kept), lines.end());
  // Where each running line stands on the pages it was removed from (the
  // median), so that page 1's copy can be told from the masthead by place.
  for (auto& [signature, at] : tops) {
    std::nth_element(at.begin(), at.begin() + static_cast<long>(at.size() / 2), at.end());
    set.running_tops[signature] = at[at.size() / 2];
  }
}

}  // namespace reissue::extract
