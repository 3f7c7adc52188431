// index.html at the top of a batch output: every input's row with its
// status, pages, decisions by kind and links to its outputs, failures first,
// sortable; self-contained like the review page (docs/review-page.md).
#pragma once

#include "reissue/batch.h"

#include <filesystem>
#include <functional>
#include <string>

namespace reissue::batch {

// Whether a file exists, given its path relative to the output root
// ("dir/issue/issue.pdf"); unset: the run's formats say (--to) and every
// converted input has a review.html.
using OutputExists = std::function<bool(const std::string& relative)>;

std::string batch_index_html(const BatchResult& result, const OutputExists& exists = {});

// Writes `root`/index.html for `result`, linking the outputs found under `root`.
void write_batch_index(const std::filesystem::path& root, const BatchResult& result);

}  // namespace reissue::batch
