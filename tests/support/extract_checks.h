// Checks shared by the extractor tests.
#pragma once

#include "reissue/extract.h"

#include <gtest/gtest.h>

#include <string>

namespace reissue::test {

// Every character of the input that is not white space appears exactly once in
// the output: in the text, its link URLs, or what the extractor set
// aside (labels, brackets, page furniture), with a reason.
::testing::AssertionResult characters_conserved(const std::string& input_utf8,
                                                const ExtractResult& result);

}  // namespace reissue::test
