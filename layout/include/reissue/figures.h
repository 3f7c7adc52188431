// Figure images checked the way the typesetters read them (JPEG and PNG), for
// `reissue validate`: a figure whose image is missing or damaged is found
// before anything is typeset.
#pragma once

#include "reissue/issue.h"
#include "reissue/issue_xml.h"

#include <filesystem>
#include <vector>

namespace reissue {

// One problem, at the figure's line, for each figure whose image (its src,
// relative to `base_directory`, the issue XML's folder) does not exist,
// cannot be read, is neither JPEG nor PNG, or is damaged (PNG pixels are
// decoded; a JPEG's frame header is read).
std::vector<Problem> check_figure_images(const Issue& issue, const std::filesystem::path& base_directory);

}  // namespace reissue
