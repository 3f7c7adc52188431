// The review page's inline style sheet and script (review_page_assets.cpp),
// apart from the code that writes its HTML.
#pragma once

#include <string>

namespace reissue::extract {

std::string review_page_css();
const char* review_page_script();

}  // namespace reissue::extract
