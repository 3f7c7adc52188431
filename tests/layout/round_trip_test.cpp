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

// Articles the format allows without a source line or a dateline read back
// as written: "N.标题：" followed by 链接： or 主要内容： starts an article,
// and the headline is found without a dateline under it (a wrapped one,
// centred or in its larger size), also when a figure's caption follows it.
TEST(TypesetRoundTrip, ArticlesWithoutSourceOrDatelineReadBack) {
  Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  ASSERT_GE(issue.articles.size(), 3u);
  issue.articles[0].source.clear();
  issue.articles[0].dateline.reset();
  issue.articles[1].dateline.reset();
  issue.articles[1].headline = "一条很长的主标题：我国全面推进人工智能与医疗卫生深度融合应用发展，惠及亿万群众";
  Block caption;
  caption.kind = BlockKind::figure;
  caption.text = "图为论坛现场。";
  issue.articles[1].blocks.insert(issue.articles[1].blocks.begin(), caption);
  issue.articles[2].source.clear();
  issue.articles[2].href.clear();
  issue.contents.clear();  // generated from the articles, sources and all
  for (const char* style_file : {"styles/default.xml", "styles/large-print.xml"}) {
    const Style style = load_style(test::source_dir() / style_file);
    const ExtractResult back = extract_pdf(typeset_pdf(issue, style, read_figures(issue, test::source_dir())), "typeset.pdf");
    ASSERT_EQ(back.issue.articles.size(), 3u) << style_file;
    for (size_t a = 0; a < 3; ++a) {
      const Article& got = back.issue.articles[a];
      const Article& want = issue.articles[a];
      EXPECT_EQ(got.title, want.title) << style_file << " article " << a + 1;
      EXPECT_EQ(got.source, want.source) << style_file << " article " << a + 1;
      EXPECT_EQ(got.href, want.href) << style_file << " article " << a + 1;
      EXPECT_EQ(got.headline.empty() ? got.title : got.headline, want.headline.empty() ? want.title : want.headline)
          << style_file << " article " << a + 1;
      EXPECT_EQ(got.dateline.has_value(), want.dateline.has_value()) << style_file << " article " << a + 1;
      ASSERT_EQ(got.blocks.size(), want.blocks.size()) << style_file << " article " << a + 1;
      for (size_t b = 0; b < got.blocks.size(); ++b) EXPECT_EQ(got.blocks[b].text, want.blocks[b].text);
    }
  }
}
