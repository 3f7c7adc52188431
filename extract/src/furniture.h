// Page furniture: running headers, footers and page numbers that text
// extraction leaves in the flow. Removed, and recorded as set aside.
#pragma once

#include "review.h"

namespace reissue::extract {

// Control characters (a PDF font's broken ToUnicode map, stray bytes) are not
// text: removed and set aside. Lines left empty disappear.
void remove_control_characters(std::vector<Line>& lines, Review& review);

// A page-number line: 第 3 页, 第3页 共5页, - 3 -, 3/5, Page 3 of 5, a bare 3.
bool is_page_number(const std::u32string& text);

// Text with each digit run replaced by '#' and spaces removed, so that
// "第 3 页" and "第 4 页" compare equal.
std::u32string furniture_signature(const std::u32string& text);

// Removes furniture from `lines`, except from the first `protected_count`
// (`has_geometry`: PDF lines, whose gap_before is measured, not a blank line)
// lines (the masthead zone of page 1, which the recognizer reads first).
// Returns the signatures of the running headers and footers found.
std::vector<std::u32string> remove_page_furniture(std::vector<Line>& lines, size_t protected_count,
                                                  bool has_geometry, Review& review);

}  // namespace reissue::extract
