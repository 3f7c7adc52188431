// The corpus gold JSON (../shared/corpus/*.gold.json) as an Issue, text
// normalized as the format stores it.
#pragma once

#include "reissue/issue.h"

#include <filesystem>
#include <string>
#include <vector>

namespace reissue::test {

Issue issue_from_gold_json(const std::filesystem::path& file);

// Every complete issue the repository holds, as repository paths: the sample,
// the seed gold XML and the corpus gold JSON.
const std::vector<std::string>& all_test_issues();
// One of them (or any issue XML / gold JSON under the repository).
Issue load_test_issue(const std::string& repository_path);

}  // namespace reissue::test
