// Inline markup from the issue XML to the PDF and the DOCX, and back through
// extraction: strong text in the bold faces and links as annotations in the
// PDF (both read back; emphasis dots are drawn, not text, and do not come
// back), w:b, w:em and w:hyperlink in the DOCX (all read back exactly).
#include "reissue/docx.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <regex>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

std::string with(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The sample with markup in a body paragraph (strong, emphasis around a link,
// a link spanning a line end), a heading, a caption and the intro.
Issue marked_sample() {
  std::string xml = test::read_text(test::source_dir() / "samples/649.xml");
  xml = with(xml, "<p>手术机器人精准缝合眼底血管",
             "<p><strong>手术机器人</strong>精准缝合<em>眼底<a href=\"https://example.com/eye?a=1&amp;b=2\">血管</a></em>");
  xml = with(xml, "大模型辅助医生诊断罕见病、人形机器人在药房自主拣药",
             "<a href=\"https://example.org/long\">大模型辅助医生诊断罕见病、人形机器人在药房自主拣药</a>");
  xml = with(xml, "<heading>AI加快成医生", "<heading><em>AI</em>加快成医生");
  xml = with(xml, "工作人员操纵机器人同步动作", "工作人员操纵<strong>机器人</strong>同步动作");
  xml = with(xml, "时间从2025年11月08日", "时间从<strong>2025年11月08日</strong>");
  const LoadResult loaded = load_issue_from_memory(xml, "marked.xml");
  EXPECT_TRUE(loaded.ok()) << (loaded.problems.empty() ? "" : loaded.problems.front().message);
  return loaded.ok() ? *loaded.issue : Issue();
}

// The issue without the markup a PDF cannot carry back (emphasis).
Issue without_emphasis(Issue issue) {
  const auto strip = [](Block& block) {
    std::erase_if(block.inlines, [](const Inline& span) { return span.kind == Inline::Kind::emphasis; });
  };
  for (Block& block : issue.intro) strip(block);
  for (Article& article : issue.articles)
    for (Block& block : article.blocks) strip(block);
  return issue;
}

}  // namespace

TEST(Markup, ReachesThePdfAndComesBack) {
  const Issue issue = marked_sample();
  const Figures figures = read_figures(issue, test::source_dir());
  const std::string pdf = typeset_pdf(issue, default_style(), figures);
  // Every inline link is an annotation.
  for (const char* uri : {"https://example.com/eye?a=1&b=2", "https://example.org/long"})
    EXPECT_NE(pdf.find(std::string("(") + uri + ")"), std::string::npos) << uri;

  const ExtractResult back = extract_pdf(pdf, "marked.pdf");
  EXPECT_TRUE(test::same_text(write_issue_xml(back.issue), write_issue_xml(without_emphasis(issue))));

  // The 着重号: one dot a character of "眼底血管" and of "AI".
  test::TempDir dir;
  test::write_text(dir / "marked.pdf", pdf);
  const auto expanded = test::run_command("qpdf --qdf --object-streams=disable " + (dir / "marked.pdf").string() +
                                          " " + (dir / "qdf.pdf").string());
  ASSERT_EQ(expanded.exit_code, 0) << expanded.err;
  const std::string content = test::read_text(dir / "qdf.pdf");
  const std::regex dot(R"(1 J [0-9.]+ w\n([0-9.]+ [0-9.]+) m \1 l S)");
  EXPECT_EQ(std::distance(std::sregex_iterator(content.begin(), content.end(), dot), std::sregex_iterator()), 6);
}

TEST(Markup, ReachesTheDocxAndComesBackExactly) {
  const Issue issue = marked_sample();
  const std::string docx = write_docx(issue, default_style(), read_figures(issue, test::source_dir()));
  test::TempDir dir;
  test::write_text(dir / "marked.docx", docx);
  const auto document = test::run_command("unzip -p " + (dir / "marked.docx").string() + " word/document.xml");
  EXPECT_NE(document.out.find("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">手术机器人</w:t>"), std::string::npos);
  EXPECT_NE(document.out.find("<w:em w:val=\"dot\"/>"), std::string::npos);
  EXPECT_NE(document.out.find("<w:hyperlink r:id="), std::string::npos);
  const auto relationships =
      test::run_command("unzip -p " + (dir / "marked.docx").string() + " word/_rels/document.xml.rels");
  EXPECT_NE(relationships.out.find("Target=\"https://example.com/eye?a=1&amp;b=2\" TargetMode=\"External\""),
            std::string::npos);

  const ExtractResult back = extract_docx(docx, "marked.docx");
  EXPECT_TRUE(test::same_text(write_issue_xml(back.issue), write_issue_xml(issue)));
}
