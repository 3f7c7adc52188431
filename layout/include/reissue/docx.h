// Writing an issue as DOCX (WordprocessingML): the same composed blocks and
// style sheet as the PDF, as named paragraph styles (Word heading levels for
// article titles and sub-headings), hyperlinks, bookmarks, page-number fields
// and embedded figures. Deterministic: the same issue gives the same bytes.
#pragma once

#include "reissue/figure_set.h"
#include "reissue/issue.h"
#include "reissue/style.h"

#include <string>

namespace reissue {

// The DOCX package as bytes, its figure images taken from `figures` (no file
// is read). Fonts are named, not embedded, so no font is loaded. Throws
// reissue::Error for a figure whose image is not in `figures`.
std::string write_docx(const Issue& issue, const Style& style, const Figures& figures);

}  // namespace reissue
