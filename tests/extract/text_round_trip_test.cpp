// Issues with known content, printed as pdftotext would return them under many
// layouts (measures, page lengths, headers, footers, page-break styles), must
// come back exactly: this exercises every repair rule on every paragraph.
#include "extract_checks.h"
#include "issue_text_writer.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace reissue;

namespace {

struct Case {
  std::string issue;  // path relative to the repository
  test::TextLayout layout;
  std::string name;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  const std::vector<std::string> issues = {"samples/649.xml", "tests/data/expected/seed-000.xml",
                                           "tests/data/expected/seed-002.xml",
                                           "tests/data/expected/seed-003.xml"};
  for (const std::string& issue : issues) {
    int variant = 0;
    for (double measure : {35.0, 29.0, 41.0}) {
      test::TextLayout layout;
      layout.measure = measure;
      layout.lines_per_page = 31 + variant * 7;
      layout.form_feed = variant == 1;
      layout.blank_between_lines = variant != 2;
      layout.header = variant == 0 ? "全国卫生信息化舆情监测周报" : "";
      layout.footer_page_numbers = variant != 1;
      layout.newline = variant == 2 ? "\r\n" : "\n";
      out.push_back({issue, layout, issue + " measure " + std::to_string(int(measure))});
      ++variant;
    }
  }
  return out;
}

void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

class TextRoundTrip : public ::testing::TestWithParam<Case> {};

}  // namespace

TEST_P(TextRoundTrip, PrintedTextExtractsToTheSameIssue) {
  const Case& c = GetParam();
  Issue original = read_issue(test::source_dir() / c.issue);
  const std::string text = test::render_issue_text(original, c.layout);
  const ExtractResult result = extract_text(text, "generated.txt");
  // A date the issue does not print cannot come back from its text.
  if (original.masthead.date_text.empty()) original.masthead.date.reset();
  Issue recovered = result.issue;
  if (original.masthead.date_text.empty()) recovered.masthead.date.reset();
  // A running header repeating the series on every page, page 1 included, of
  // an issue whose masthead prints no series: a text cannot tell page 1's copy
  // from a masthead line, so it comes back as the series, reported.
  if (original.masthead.series.empty() && !c.layout.header.empty()) {
    EXPECT_EQ(recovered.masthead.series, c.layout.header) << c.name;
    EXPECT_TRUE(std::any_of(result.report.review.begin(), result.report.review.end(),
                            [](const ReviewItem& item) { return item.kind == "masthead"; }))
        << c.name;
    recovered.masthead.series.clear();
  }
  const std::string got = write_issue_xml(recovered), expected = write_issue_xml(original);
  if (got != expected) {
    // Keep the evidence for diffing: the generated text and both issues.
    const auto dir = std::filesystem::temp_directory_path() /
                     ("reissue-roundtrip-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                      "-" + std::to_string(std::hash<std::string>{}(c.name)));
    std::filesystem::create_directories(dir);
    test::write_text(dir / "input.txt", text);
    test::write_text(dir / "expected.xml", expected);
    test::write_text(dir / "got.xml", got);
    ADD_FAILURE() << c.name << ": extraction differs; see " << dir.string() << "\n"
                  << test::same_text(got, expected).message();
  }
  EXPECT_TRUE(test::characters_conserved(text, result)) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Layouts, TextRoundTrip, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return "case" + std::to_string(param.index);
                         });
