// Writing an issue as DOCX (WordprocessingML): the same composed blocks and
// style sheet as the PDF, as named paragraph styles (Word heading levels for
// article titles and sub-headings), hyperlinks, bookmarks, page-number fields
// and embedded figures. Deterministic: the same issue gives the same bytes.
#pragma once

#include "reissue/issue.h"
#include "reissue/style.h"

#include <filesystem>
#include <string>

namespace reissue {

// The DOCX package as bytes. Figure images are read relative to
// `base_directory` (the issue XML's folder). Throws reissue::Error for an
// image that is missing or neither JPEG nor PNG.
std::string write_docx(const Issue& issue, const Style& style, const std::filesystem::path& base_directory);

}  // namespace reissue
