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
    for (const std::string& issue : test::all_test_issues()) out.push_back({issue, style});
  return out;
}

class TypesetRoundTrip : public ::testing::TestWithParam<Case> {};

}  // namespace

TEST_P(TypesetRoundTrip, TypesetThenExtractGivesTheSameIssue) {
  const Case& c = GetParam();
  const Issue original = test::load_test_issue(c.issue);
  const Style style = load_style(test::source_dir() / c.style);
  TypesetReport report;
  const std::string pdf = typeset_pdf(original, style, read_figures(original, test::source_dir()), &report);
  EXPECT_TRUE(report.uncovered.empty());
  const ExtractResult back = extract_pdf(pdf, "typeset.pdf");
  EXPECT_TRUE(test::same_text(write_issue_xml(back.issue), write_issue_xml(original)));
}

INSTANTIATE_TEST_SUITE_P(Issues, TypesetRoundTrip, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param) { return "case" + std::to_string(param.index); });
