// The corpus gold JSON (../shared/corpus/*.gold.json) as an Issue, text
// normalized as the format stores it.
#pragma once

#include "reissue/issue.h"

#include <filesystem>

namespace reissue::test {

Issue issue_from_gold_json(const std::filesystem::path& file);

}  // namespace reissue::test
