// Inline markup recovered from a source: the bold stretches and links a PDF
// or DOCX source saw on its lines (SourceMark) are found again in the blocks
// those lines became, and become the blocks' strong and link spans. Found by
// their text, in line order, so that whatever joining did between lines
// (spaces, hyphens) cannot misplace them; a mark whose text is no longer
// there is left out.
#pragma once

#include "line.h"
#include "reissue/issue.h"

namespace reissue::extract {

// Before the lines give up their text to the paragraphs: each line's length.
void note_line_lengths(LineSet& set);

void apply_source_marks(const LineSet& set, Issue& issue);

}  // namespace reissue::extract
