// The strongest test of both halves: every sample, seed gold and corpus issue,
// typeset in both style sheets and read back with the PDF extractor, gives the
// same issue XML.
#include "gold_issue.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace reissue;

namespace {

struct Case {
  std::string issue;  // repository path; *.gold.json for corpus issues
  std::string style;  // styles/NAME.xml
};

void PrintTo(const Case& c, std::ostream* out) { *out << c.issue << " in " << c.style; }

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const char* style : {"styles/default.xml", "styles/large-print.xml"})
    for (const char* issue : {"samples/649.xml", "tests/data/expected/seed-000.xml", "tests/data/expected/seed-001.xml",
                              "tests/data/expected/seed-002.xml", "tests/data/expected/seed-003.xml",
                              "tests/data/corpus/corpus-000.gold.json", "tests/data/corpus/corpus-001.gold.json",
                              "tests/data/corpus/corpus-002.gold.json", "tests/data/corpus/corpus-003.gold.json"})
      out.push_back({issue, style});
  return out;
}

Issue load(const std::string& path) {
  const auto file = test::source_dir() / path;
  return path.ends_with(".json") ? test::issue_from_gold_json(file) : read_issue(file);
}

class TypesetRoundTrip : public ::testing::TestWithParam<Case> {};

}  // namespace

TEST_P(TypesetRoundTrip, TypesetThenExtractGivesTheSameIssue) {
  const Case& c = GetParam();
  const Issue original = load(c.issue);
  const Style style = load_style(test::source_dir() / c.style);
  TypesetReport report;
  const std::string pdf = typeset_pdf(original, style, test::source_dir(), &report);
  EXPECT_TRUE(report.uncovered.empty());
  const ExtractResult back = extract_pdf(pdf, "typeset.pdf");
  EXPECT_TRUE(test::same_text(write_issue_xml(back.issue), write_issue_xml(original)));
}

INSTANTIATE_TEST_SUITE_P(Issues, TypesetRoundTrip, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param) { return "case" + std::to_string(param.index); });
