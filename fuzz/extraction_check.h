// Shared by the extraction fuzz targets (fuzz/README.md).
#pragma once

#include "reissue/extract.h"

namespace reissue::fuzz {

// What every extraction result must satisfy: a valid structure, a review
// report that serializes, and XML that the issue reader parses back.
void check_extraction(const ExtractResult& result);

}  // namespace reissue::fuzz
