// The rule checker as the reader runs it: on a model read from a file that may
// also break the schema. Private to the model library.
#pragma once

#include <set>

#include "reissue/issue_xml.h"

namespace reissue {

// What the reader could not take from the file. Each gap has been reported
// already (by the schema or the reader), so the rules skip it rather than
// report the same thing a second time.
struct ReadGaps {
  std::set<size_t> articles_without_number;  // indexes into Issue::articles
  std::set<size_t> entries_without_title;    // indexes into Issue::contents
  std::set<size_t> entries_without_ref;      // indexes into Issue::contents
};

std::vector<Problem> check_semantics(const Issue& issue, const ReadGaps& gaps);

}  // namespace reissue
