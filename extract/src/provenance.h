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

}  // namespace reissue::extract
