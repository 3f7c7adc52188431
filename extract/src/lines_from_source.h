// The lines stage: a source's pages -> the common lines (line.h).
//
// Positioned runs are assembled into printed lines (line_assembly.h); then the
// body text's size, margins and leading are measured over the document, and
// each line gets its indent, its room before the right margin, its size
// relative to the body, extra space above it, the links that touch it and
// where it is printed. Images become figure lines in reading order. Lines of a
// source without geometry are taken as they are (their evidence is estimated
// later, measure.h). The source's items are consumed.
#pragma once

#include "line.h"
#include "review.h"

namespace reissue::extract {

LineSet lines_from_source(SourceDocument& document, Review& review);

// A tagged PDF says where a figure stands in the reading order: a figure
// (with its caption) that a typesetter floated to the top of the next page,
// after text that follows it, is moved back before that text, as the
// structure tree orders them. Only a figure that opens its page moves, and
// only across the tagged lines that end the page before (an untagged line
// stops it); nothing else moves. Run after the page furniture is removed,
// so that the line before a page's first line is the last of the page before.
void restore_figure_order(LineSet& set);

}  // namespace reissue::extract
