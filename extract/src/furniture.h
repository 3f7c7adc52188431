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

// Removes furniture from `set.lines`, except from the first
// `protected_count` lines (the masthead zone of page 1, which the recognizer
// reads first); fills `set.running_signatures` with the running headers and
// footers found and, for a PDF, `set.running_tops` with where they stand.
void remove_page_furniture(LineSet& set, size_t protected_count, Review& review);

}  // namespace reissue::extract
