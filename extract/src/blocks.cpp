#include "blocks.h"

#include "chars.h"
#include "provenance.h"
#include "reissue/text.h"

namespace reissue::extract {

namespace {

constexpr std::u32string_view kReporterWords[] = {U"记者", U"通讯员", U"作者", U"实习生", U"撰稿"};

bool contains(const std::u32string& text, std::u32string_view part) {
  return text.find(part) != std::u32string::npos;
}

bool is_bracketed(const std::u32string& text) {
  return text.size() >= 2 && (text.front() == U'（' || text.front() == U'(') &&
         (text.back() == U'）' || text.back() == U')');
}

// A wire-service opening such as 云南网讯（记者 彭锡） or 中新网贵州黔南 7月 2日电 starts a
// news story's first paragraph, whatever punctuation follows.
bool starts_news_story(const std::u32string& text) {
  const size_t head = std::min<size_t>(text.size(), 24);
  const std::u32string start = text.substr(0, head);
  return contains(start, U"日电") || contains(start, U"网讯") || contains(start, U"报讯") ||
         contains(start, U"社讯");
}

bool is_heading_like(const std::u32string& text, const BlockText& block, const LineSet& set) {
  if (ends_sentence(text) || starts_news_story(text)) return false;
  const Line& line = set.lines[block.lines.first];
  // In a PDF a bold block is a heading even when it wraps.
  if (set.has_geometry && line.bold) return text_width_em(text) <= 64;
  if (block.lines.first != block.lines.last) return false;
  if (set.has_geometry && line.size_ratio < 0.97) return false;
  return text_width_em(text) <= 32;
}

}  // namespace

bool is_byline(const std::u32string& text, bool last_block) {
  if (text.size() > 80 || text.empty()) return false;
  for (std::u32string_view word : kReporterWords) {
    // 作者 马春晓 周燕玲 / 记者：张三
    if (starts_with(text, std::u32string(word) + U" ") || starts_with(text, std::u32string(word) + U"：") ||
        starts_with(text, std::u32string(word) + U":"))
      return true;
    // （记者 刘鸿秀） as a block of its own
    if (is_bracketed(text) && contains(text, word) && text.size() <= 30) return true;
  }
  // 光明日报驻日内瓦记者 孙铁牛: an outlet and a reporter's name, nothing else.
  if (!ends_sentence(text) && text.size() <= 30) {
    const size_t reporter = text.rfind(U"记者 ");
    if (reporter != std::u32string::npos && text.find(U'，') == std::u32string::npos) {
      const std::u32string name = text.substr(reporter + 3);
      if (!name.empty() && name.size() <= 8 && !contains(name, U"摄")) return true;
    }
  }
  // An author note in brackets closing the article.
  return last_block && is_bracketed(text) && text.size() >= 6;
}

bool starts_like_caption(const std::u32string& text) {
  for (std::u32string_view start : {U"图为", U"图：", U"上图", U"下图", U"左图", U"右图", U"图片来源"})
    if (starts_with(text, std::u32string(start))) return true;
  return false;
}

bool is_caption(const std::u32string& text) { return starts_like_caption(text) || ends_with_photo_credit(text); }

bool ends_with_photo_credit(const std::u32string& text) {
  const size_t tail = text.size() > 10 ? text.size() - 10 : 0;
  const std::u32string_view end = std::u32string_view(text).substr(tail);
  for (std::u32string_view credit : {U"摄", U"供图", U"新华社发"}) {
    const size_t found = end.rfind(credit);
    if (found == std::u32string_view::npos) continue;
    const size_t at = tail + found;
    const size_t after = at + credit.size();
    if (after == text.size() || !is_han(text[after])) return true;
  }
  return false;
}

Block figure_block(LineSet& set, size_t index, const KeepFigure& keep_figure) {
  const Line& line = set.lines[index];
  Block block;
  block.kind = BlockKind::figure;
  block.image = keep_figure(set.figures.at(static_cast<size_t>(line.figure)));
  block.line = line.number;
  block.provenance = provenance_of(set, index, index);
  return block;
}

std::vector<Block> classify_body(LineSet& set, std::vector<BlockText> paragraphs, Review& review,
                                 const KeepFigure& keep_figure) {
  std::vector<Block> blocks;
  blocks.reserve(paragraphs.size());
  bool previous_was_single_line_heading = false;
  bool figure_awaits_caption = false;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    BlockText& paragraph = paragraphs[i];
    const std::u32string text = utf8_to_u32(paragraph.text);
    const Line& first_line = set.lines[paragraph.lines.first];
    const int line = first_line.number;
    const bool last = i + 1 == paragraphs.size();
    const Provenance provenance = provenance_of(set, paragraph.lines.first, paragraph.lines.last);
    if (first_line.is_figure()) {
      blocks.push_back(figure_block(set, paragraph.lines.first, keep_figure));
      figure_awaits_caption = true;
      previous_was_single_line_heading = false;
      continue;
    }
    if (figure_awaits_caption) {
      figure_awaits_caption = false;
      // The caption under a picture: a credit or 图为, smaller type, or no closing punctuation.
      if (is_caption(text) || first_line.size_ratio < 0.97 || !ends_sentence(text)) {
        blocks.back().text = std::move(paragraph.text);
        extend(blocks.back().provenance, provenance);
        continue;
      }
    }
    const bool heading = is_heading_like(text, paragraph, set);
    Block block;
    block.line = line;
    block.provenance = provenance;
    if (is_caption(text)) {
      block.kind = BlockKind::figure;
    } else if (is_byline(text, last)) {
      block.kind = BlockKind::byline;
    } else if (heading) {
      block.kind = BlockKind::heading;
      if (previous_was_single_line_heading && !blocks.empty()) {
        // A sub-heading printed on two lines (拥抱数字技术 / 加速转型创新).
        blocks.back().text += " " + paragraph.text;
        extend(blocks.back().provenance, provenance);
        previous_was_single_line_heading = false;
        continue;
      }
    } else if (!ends_sentence(text) && !starts_news_story(text) &&
               (paragraph.lines.first != paragraph.lines.last || set.whole_paragraphs)) {
      // Several lines with no closing punctuation, too long for a heading. A
      // text has lost the layout, and in these issues such a block is a
      // picture's caption without a credit. A PDF still shows a caption
      // (centred or smaller than the text); without that evidence the block is
      // a paragraph, perhaps cut short.
      // A word processor's paragraph is one line here, but keeps its
      // formatting: a caption is centred or smaller there too.
      const bool looks_like_caption = set.whole_paragraphs
                                          ? first_line.centered || first_line.size_ratio < 0.97
                                          : !set.has_geometry || first_line.centered || first_line.size_ratio < 0.97;
      if (looks_like_caption) block.kind = BlockKind::figure;
      review.uncertain("block-kind", line, set.lines[paragraph.lines.last].number,
                       looks_like_caption
                           ? "a block of several lines without closing punctuation was taken as a figure caption"
                           : "a block of several lines without closing punctuation, set as body text, was kept as "
                             "a paragraph");
    }
    previous_was_single_line_heading = heading && block.kind == BlockKind::heading;
    block.text = std::move(paragraph.text);
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace reissue::extract
