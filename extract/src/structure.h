// The structure recognizer: lines -> Issue. It knows the newsletter's
// conventions (本期导语, 一、信息目录, 二、具体内容, N.标题：, 来源：, 链接：, 主要内容：,
// the dateline) and delegates paragraphs and joins to the shared repair stages.
#pragma once

#include "line.h"
#include "review.h"
#include "reissue/issue.h"

namespace reissue::extract {

// `set` has page furniture removed and layout evidence measured. Labels are
// cut off its lines in place: the lines are consumed. Every part of the issue
// gets its provenance.
Issue recognize_structure(LineSet& set, Review& review, const KeepFigure& keep_figure);

// Index of the first line after the masthead (the intro marker, or the first
// section marker); 0 when there is none. Used to protect the masthead from
// furniture removal.
size_t masthead_zone_end(const std::vector<Line>& lines);

}  // namespace reissue::extract
