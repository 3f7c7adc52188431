// The glyph-id-to-CID map of a CID-keyed CFF table, read from its charset.
#pragma once

#include <string_view>
#include <vector>

namespace reissue::fonts {

// Empty when the table is not CID-keyed or cannot be read.
std::vector<unsigned> read_cff_cids(std::string_view cff);

}  // namespace reissue::fonts
