// Body blocks: which paragraphs are sub-headings, figure captions or bylines.
#pragma once

#include "paragraphs.h"
#include "reissue/issue.h"

namespace reissue::extract {

struct BlockText {
  std::string text;  // normalized
  LineRange lines;
};

// Classifies the paragraphs of one article body (in order) into blocks, merging
// a sub-heading printed on two lines into one heading and a figure with the
// caption under it. The paragraphs' texts move into the blocks; figures are
// handed to `keep_figure`.
std::vector<Block> classify_body(LineSet& set, std::vector<BlockText> paragraphs, Review& review,
                                 const KeepFigure& keep_figure);

// The block of the figure standing at set.lines[index].
Block figure_block(LineSet& set, size_t index, const KeepFigure& keep_figure);

bool is_byline(const std::u32string& text, bool last_block);
// 图为…, 图：…, 上图…: how a caption opens.
bool starts_like_caption(const std::u32string& text);
bool is_caption(const std::u32string& text);
// …摄 / （谢尚国摄） / 孙铁牛摄/光明图片 / （XX供图）: a photo credit closes `text`.
bool ends_with_photo_credit(const std::u32string& text);

}  // namespace reissue::extract
