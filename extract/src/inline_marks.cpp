#include "inline_marks.h"

#include "reissue/text.h"

#include <algorithm>

namespace reissue::extract {

namespace {

// A block's text without its spaces (how marks are matched: joining may have
// added or removed them), with where each character was.
struct Spaceless {
  std::u32string text;
  std::vector<size_t> at;     // index in the block's code points
  std::vector<size_t> bytes;  // byte offset of each code point, and the end
};

Spaceless spaceless_of(const std::string& utf8) {
  const std::u32string text = utf8_to_u32(utf8);
  Spaceless out;
  std::string encoded;
  for (size_t i = 0; i < text.size(); ++i) {
    out.bytes.push_back(encoded.size());
    append_utf8(encoded, text[i]);
    if (is_space(text[i])) continue;
    out.text.push_back(text[i]);
    out.at.push_back(i);
  }
  out.bytes.push_back(encoded.size());
  return out;
}

std::u32string without_spaces(const std::u32string& text) {
  std::u32string out;
  for (char32_t c : to_nfc(text))
    if (!is_space(c)) out.push_back(c);
  return out;
}

// Adjacent spans of one kind and target are one (a bold phrase cut by a line end).
void merge_touching(std::vector<Inline>& spans, const std::string& text) {
  std::sort(spans.begin(), spans.end(), [](const Inline& a, const Inline& b) {
    return std::tie(a.kind, a.href, a.begin) < std::tie(b.kind, b.href, b.begin);
  });
  std::vector<Inline> merged;
  for (Inline& span : spans) {
    if (!merged.empty()) {
      Inline& last = merged.back();
      const bool same = last.kind == span.kind && last.href == span.href;
      const bool only_spaces = span.begin >= last.end &&
                               text.find_first_not_of(' ', last.end) >= span.begin;
      if (same && (span.begin <= last.end || only_spaces)) {
        last.end = std::max(last.end, span.end);
        continue;
      }
    }
    merged.push_back(std::move(span));
  }
  spans = std::move(merged);
}

void mark_block(const LineSet& set, Block& block) {
  const Provenance& from = block.provenance;
  if (!from.known() || block.text.empty()) return;
  auto first = set.marks.lower_bound(from.first_line);
  const auto end = set.marks.upper_bound(from.last_line);
  if (first == end) return;
  const Spaceless view = spaceless_of(block.text);
  std::vector<Inline> spans;
  size_t cursors[3] = {0, 0, 0};  // by kind: marks of different kinds overlap
  for (auto it = first; it != end; ++it) {
    // Where the line starts in the block, as far as its predecessors' lengths tell.
    size_t line_start = 0;
    for (int number = from.first_line; number < it->first; ++number)
      if (static_cast<size_t>(number) < set.read_lengths.size())
        line_start += static_cast<size_t>(set.read_lengths[static_cast<size_t>(number)]);
    for (const SourceMark& mark : it->second) {
      // A link the issue format cannot hold (mailto:, file:) stays plain text.
      if (mark.kind == Inline::Kind::link && !is_http_url(mark.href)) continue;
      size_t& cursor = cursors[static_cast<size_t>(mark.kind)];
      const std::u32string wanted = without_spaces(mark.text);
      if (wanted.empty()) continue;
      // Of the places the text occurs after the previous mark, the one
      // nearest to where the mark stood on its line.
      const size_t expected = line_start + mark.at;
      size_t found = std::u32string::npos;
      for (size_t at = view.text.find(wanted, cursor); at != std::u32string::npos; at = view.text.find(wanted, at + 1)) {
        const auto distance = [&](size_t position) { return position > expected ? position - expected : expected - position; };
        if (found == std::u32string::npos || distance(at) < distance(found)) found = at;
        if (at > expected) break;
      }
      if (found == std::u32string::npos) continue;
      const size_t begin = view.bytes[view.at[found]];
      const size_t last = view.at[found + wanted.size() - 1];
      spans.push_back({mark.kind, begin, view.bytes[last + 1], mark.href});
      cursor = found + wanted.size();
    }
  }
  merge_touching(spans, block.text);
  // A block bold all through is bold by its role (a heading), not by markup.
  const size_t all_begin = view.text.empty() ? 0 : view.bytes[view.at.front()];
  const size_t all_end = view.text.empty() ? 0 : view.bytes[view.at.back() + 1];
  std::erase_if(spans, [&](const Inline& span) {
    return span.kind == Inline::Kind::strong && span.begin <= all_begin && span.end >= all_end;
  });
  block.inlines = std::move(spans);
  nest_inlines(block.inlines);
}

}  // namespace

void note_line_lengths(LineSet& set) {
  if (set.marks.empty()) return;
  for (const Line& line : set.lines) {
    if (line.number < 0) continue;
    if (set.read_lengths.size() <= static_cast<size_t>(line.number))
      set.read_lengths.resize(static_cast<size_t>(line.number) + 1, 0);
    set.read_lengths[static_cast<size_t>(line.number)] =
        static_cast<int>(std::count_if(line.text.begin(), line.text.end(), [](char32_t c) { return !is_space(c); }));
  }
}

void apply_source_marks(const LineSet& set, Issue& issue) {
  if (set.marks.empty()) return;
  for (Block& block : issue.intro) mark_block(set, block);
  for (Article& article : issue.articles)
    for (Block& block : article.blocks) mark_block(set, block);
}

}  // namespace reissue::extract
