#include "reissue/issue_xml.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <regex>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

fs::path sample() { return test::source_dir() / "samples" / "649.xml"; }

// A small valid issue; tests break one rule at a time by string replacement.
const std::string kMinimal = R"(<?xml version="1.0" encoding="UTF-8"?>
<issue xmlns="urn:reissue:issue:1" xml:lang="zh-CN">
  <masthead>
    <publisher>北京市卫生健康大数据与政策研究中心</publisher>
    <date when="2025-06-13">2025年6月13日</date>
  </masthead>
  <contents>
    <entry ref="a1">
      <title>第一篇</title>
      <source>光明网</source>
    </entry>
  </contents>
  <article n="1" id="a1">
    <title>第一篇</title>
    <source>光明网</source>
    <link href="https://economy.gmw.cn/2025-06/09/content_38079119.htm"/>
    <body>
      <headline>第一篇</headline>
      <dateline when="2025-06-09">光明网</dateline>
      <p>正文。</p>
    </body>
  </article>
</issue>
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<Problem> problems_of(const std::string& xml) {
  return load_issue_from_memory(xml, "test.xml").problems;
}

::testing::AssertionResult has_problem(const std::vector<Problem>& problems, int line,
                                       const std::string& pattern) {
  std::string all;
  for (const Problem& problem : problems) {
    if (problem.line == line && std::regex_search(problem.message, std::regex(pattern)))
      return ::testing::AssertionSuccess();
    all += "\n  " + std::to_string(problem.line) + ": " + problem.message;
  }
  return ::testing::AssertionFailure() << "no problem at line " << line << " matching /"
                                       << pattern << "/ among:" << all;
}

}  // namespace

TEST(IssueXml, SampleIsValidAndComplete) {
  const LoadResult result = load_issue(sample());
  ASSERT_TRUE(result.ok()) << (result.problems.empty() ? "" : result.problems[0].message);
  const Issue& issue = *result.issue;
  EXPECT_EQ(issue.masthead.series, "全国卫生信息化舆情监测周报");
  EXPECT_EQ(issue.masthead.number, 649);
  EXPECT_EQ(issue.masthead.number_text, "第六四九");
  EXPECT_EQ(issue.masthead.date->iso(), "2025-11-14");
  ASSERT_EQ(issue.articles.size(), 3u);
  ASSERT_EQ(issue.contents.size(), 3u);
  EXPECT_EQ(issue.articles[2].href,
            "https://faxing.jkb.com.cn/home/index/detail.html?goods=1&item=1001116&page=1391479793"
            "&id=6351136&name=jkb");
  EXPECT_EQ(issue.articles[0].dateline->date->iso(), "2025-11-11");
  EXPECT_EQ(issue.articles[0].blocks.size(), 28u);
  EXPECT_EQ(issue.articles[0].blocks[2].kind, BlockKind::heading);
  EXPECT_EQ(issue.articles[0].blocks[2].text, "AI加快成医生“得力助手”");
  EXPECT_EQ(issue.articles[0].blocks[6].kind, BlockKind::figure);
}

TEST(IssueXml, SampleIsInCanonicalForm) {
  // The committed sample is exactly what the writer produces, so editors' diffs
  // after a round trip through reissue show only real changes.
  EXPECT_EQ(write_issue_xml(read_issue(sample())), test::read_text(sample()));
}

TEST(IssueXml, WriterRoundTripIsByteIdentical) {
  test::TempDir dir;
  const Issue original = read_issue(sample());
  save_issue(original, dir / "1.xml");
  save_issue(read_issue(dir / "1.xml"), dir / "2.xml");
  const std::string first = test::read_text(dir / "1.xml");
  EXPECT_EQ(first, test::read_text(dir / "2.xml"));
  EXPECT_EQ(first, write_issue_xml(original));  // deterministic across calls
}

TEST(IssueXml, WriterEscapesAndNormalizes) {
  Issue issue = read_issue(sample());
  issue.articles[0].blocks[0].text = "A & B <c> 6月 7日";
  const std::string xml = write_issue_xml(issue);
  EXPECT_NE(xml.find("<p>A &amp; B &lt;c&gt; 6月7日</p>"), std::string::npos);
  EXPECT_TRUE(load_issue_from_memory(xml, "escaped.xml").ok());
}

TEST(IssueXml, MinimalIssueIsValid) {
  const LoadResult result = load_issue_from_memory(kMinimal, "minimal.xml");
  EXPECT_TRUE(result.ok()) << (result.problems.empty() ? "" : result.problems[0].message);
}

TEST(IssueSemantics, ArticleNumbersMustRunFromOne) {
  const auto problems = problems_of(replaced(kMinimal, R"(n="1" id="a1")", R"(n="2" id="a1")"));
  EXPECT_TRUE(has_problem(problems, 13, R"(article n="2" should be 1)"));
}

TEST(IssueSemantics, ContentsMustMatchArticles) {
  std::string xml = replaced(kMinimal, "<source>光明网</source>\n    </entry>",
                             "<source>新华网</source>\n    </entry>");
  EXPECT_TRUE(has_problem(problems_of(xml), 8, "source \"新华网\" differs"));
  xml = replaced(kMinimal, R"(<entry ref="a1">)", R"(<entry ref="a9">)");
  EXPECT_TRUE(has_problem(problems_of(xml), 8,
                          "^contents entry refers to article a9, which does not exist; the only article is a1$"));
}

TEST(IssueSemantics, DatesMustBeValid) {
  EXPECT_TRUE(has_problem(problems_of(replaced(kMinimal, "2025-06-13", "2025-02-30")), 5,
                          "2025-02-30"));
  EXPECT_TRUE(has_problem(problems_of(replaced(kMinimal, "2025-06-09", "2025/06/09")), 19,
                          "2025/06/09"));
}

TEST(IssueSemantics, LinksMustBeAbsoluteHttp) {
  EXPECT_TRUE(has_problem(
      problems_of(replaced(kMinimal, "https://economy.gmw.cn", "ftp://economy.gmw.cn")), 16,
      "ftp://"));
  EXPECT_TRUE(has_problem(
      problems_of(replaced(kMinimal, "https://economy.gmw.cn", "https:///economy.gmw.cn")), 13,
      "not an absolute http"));
}

TEST(IssueSemantics, ParagraphsMustNotBeEmpty) {
  EXPECT_TRUE(has_problem(problems_of(replaced(kMinimal, "<p>正文。</p>", "<p>  </p>")), 20,
                          "<p> is empty"));
}

TEST(IssueSemantics, MissingRequiredElementsAndAttributes) {
  EXPECT_TRUE(has_problem(problems_of(replaced(kMinimal, R"( id="a1">)", ">")), 13,
                          "^<article> needs the attribute id: "));
  const std::string no_masthead =
      std::regex_replace(kMinimal, std::regex("<masthead>[\\s\\S]*</masthead>"), "");
  EXPECT_TRUE(has_problem(problems_of(no_masthead), 4, "<contents> is not allowed here in <issue> .*; expected <masthead>$"));
  const std::string no_body = std::regex_replace(kMinimal, std::regex("<body>[\\s\\S]*</body>"), "");
  EXPECT_TRUE(has_problem(problems_of(no_body), 13, "^<article> needs a <body>"));
}

TEST(IssueSemantics, FigureImageMustStayInsideTheIssueFolder) {
  const std::string xml = replaced(kMinimal, "<p>正文。</p>", R"(<figure src="../../etc/x.png"/>)");
  EXPECT_TRUE(has_problem(problems_of(xml), 20, "relative path"));
}

TEST(IssueSemantics, LanguageMustBeChinese) {
  EXPECT_TRUE(has_problem(problems_of(replaced(kMinimal, "zh-CN", "en")), 2, "zh-CN"));
}

TEST(IssueSemantics, IssueNumberMustMatchItsPrintedForm) {
  const std::string xml =
      replaced(kMinimal, "<publisher>", R"(<number n="648">第六四九</number><publisher>)");
  EXPECT_TRUE(has_problem(problems_of(xml), 3, "reads as 649"));
}

TEST(IssueXml, ExampleInFormatDocumentationIsValid) {
  const std::string doc = test::read_text(test::source_dir() / "docs/format.md");
  const size_t start = doc.find("```xml\n");
  ASSERT_NE(start, std::string::npos);
  const size_t end = doc.find("```", start + 7);
  const LoadResult result = load_issue_from_memory(doc.substr(start + 7, end - start - 7), "format.md");
  EXPECT_TRUE(result.ok()) << (result.problems.empty() ? "" : result.problems[0].message);
  EXPECT_EQ(result.issue->articles.at(0).blocks.size(), 4u);
}
