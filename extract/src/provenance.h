// Provenance: which input lines, and for PDF where on which pages, a recovered
// part of the issue or a review item came from.
#pragma once

#include "line.h"
#include "reissue/extract.h"

namespace reissue::extract {

// Of set.lines[first..last] (indices, inclusive).
Provenance provenance_of(const LineSet& set, size_t first, size_t last);

// `into` then covers `more` too (a heading printed on two lines, a figure and
// its caption).
void extend(Provenance& into, const Provenance& more);

// Each item gets the page of its first line and, for PDF, the boxes of its
// lines (those still in the set: page furniture between them is not).
void locate_review_items(const LineSet& set, std::vector<ReviewItem>& items);

// What a reader needs to find each decision: review items get an excerpt of
// their lines and the XPath of the issue element they are about; set-aside
// text gets its page and, for PDF, where it was printed.
void describe_review(const LineSet& set, const Issue& issue, ExtractReport& report);

// The text of input lines first..last (those still in the set, while they
// hold their text), shortened for a report line; a decision between two lines
// shows where they meet: "…end of one⏎start of the next…".
std::string line_excerpt(const LineSet& set, int first, int last);

// The 1-based page input line `number` was on; 0: unknown.
int page_of_line(const LineSet& set, int number);

}  // namespace reissue::extract
