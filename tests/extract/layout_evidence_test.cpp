// Layout evidence other producers give (Typst, Chromium, XeLaTeX, LibreOffice
// with running headers): hand-made positioned sources, so that each rule's
// input is known exactly, and a few text-path patterns.
#include "page_writer.h"
#include "reissue/extract.h"
#include "reissue/extract_source.h"
#include "reissue/text.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace reissue;
using test::kLeft;
using test::PageWriter;

namespace {

constexpr char kSeries[] = "全国卫生信息化舆情监测周报";
constexpr char kPublisher[] = "北京市卫生健康大数据与政策研究中心";

// 28 + 30 + 30 + 9 characters: a first line indented 2 em, two full lines
// without closing punctuation at their ends, and a short last line.
const std::string kLines[] = {
    "人工智能正在改变医疗卫生服务的方式，从辅助诊断到健康管理",
    "新的应用不断涌现，医院和基层机构都在探索适合自己的发展路径数",
    "据治理和安全保障也在同步加强，多地卫生健康部门表示将继续完善",
    "标准规范建设。",
};
const std::string kWhole = kLines[0] + kLines[1] + kLines[2] + kLines[3];

void masthead_and_article_head(PageWriter& writer) {
  writer.line(kSeries, -1, 18, true);
  writer.line("（第六四九）", -1);
  writer.line(kPublisher, -1);
  writer.line("2025年11月14日", -1);
  writer.line("二、具体内容");
  writer.line("1.标题：人工智能赋能医疗卫生");
  writer.line("来源：光明网");
  writer.line("主要内容：");
}

bool reviewed(const ExtractResult& result, const std::string& kind) {
  return std::any_of(result.report.review.begin(), result.report.review.end(),
                     [&](const ReviewItem& item) { return item.kind == kind; });
}

}  // namespace

TEST(LayoutEvidence, ARightAlignedDateBesideTheNumberBelongsToTheMasthead) {
  // Typst and Chromium layouts: the number at the left, the date at the right
  // margin of the same line, drawn in a flow of its own after the page.
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  writer.line(kSeries, -1, 18, true);
  writer.text_at("（第六四九）", kLeft);
  writer.flow = 1;
  writer.right_aligned("2025年11月14日");
  writer.flow = 0;
  writer.end_line();
  writer.line(kPublisher);
  writer.line("二、具体内容");
  writer.line("1.标题：人工智能赋能医疗卫生");
  writer.line("来源：光明网");
  writer.line("主要内容：");
  writer.paragraph("人工智能正在改变医疗卫生服务的方式。");
  const ExtractResult result = extract_source(document, "typst.pdf");
  const Masthead& masthead = result.issue.masthead;
  ASSERT_TRUE(masthead.date.has_value());
  EXPECT_EQ(masthead.date->iso(), "2025-11-14");
  EXPECT_EQ(masthead.number, 649);
  EXPECT_EQ(masthead.publisher, kPublisher);
  EXPECT_EQ(masthead.series, kSeries);
  ASSERT_EQ(result.issue.articles.size(), 1u);
  for (const Block& block : result.issue.articles[0].blocks) EXPECT_EQ(block.text.find("2025"), std::string::npos);
  EXPECT_FALSE(reviewed(result, "inferred"));
}

TEST(LayoutEvidence, TwoRealColumnsStayApart) {
  // Side by side for many lines: read the left column first, then the right,
  // even when the source drew the right one first.
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  for (int i = 0; i < 6; ++i) {
    writer.flow = 0;
    writer.text_at("右栏第" + std::to_string(i) + "行文字内容", kLeft + 200);
    writer.flow = 1;
    writer.text_at("左栏第" + std::to_string(i) + "行文字内容", kLeft);
    writer.end_line();
  }
  const ExtractResult result = extract_source(document, "columns.pdf");
  std::string all;
  for (const Article& article : result.issue.articles)
    for (const Block& block : article.blocks) all += block.text;
  const size_t last_left = all.find("左栏第5行"), first_right = all.find("右栏第0行");
  ASSERT_NE(last_left, std::string::npos);
  ASSERT_NE(first_right, std::string::npos);
  EXPECT_LT(last_left, first_right) << all;
}

TEST(LayoutEvidence, AParagraphRunsOnAcrossPagesWithRunningHeadersAndFooters) {
  // The piece at the page foot used to become a "caption" (several lines
  // without closing punctuation) and the rest a paragraph of its own.
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  masthead_and_article_head(writer);
  writer.paragraph("第一段完整的内容。");
  writer.line(kLines[0], 2);
  writer.line(kLines[1]);
  writer.line("第1页", -1, 9);
  writer.new_page();
  writer.line(kSeries, -1, 9);
  writer.line(kLines[2]);
  writer.line(kLines[3]);
  writer.paragraph("最后一段。");
  writer.line("第2页", -1, 9);
  writer.new_page();
  writer.line(kSeries, -1, 9);
  writer.paragraph("第三页的一段。");
  writer.line("第3页", -1, 9);
  const ExtractResult result = extract_source(document, "headers.pdf");
  ASSERT_EQ(result.issue.articles.size(), 1u);
  const auto& blocks = result.issue.articles[0].blocks;
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[1].kind, BlockKind::paragraph);
  EXPECT_EQ(blocks[1].text, kWhole);
  EXPECT_EQ(blocks[1].provenance.boxes.size(), 2u);  // on two pages
  // The series title on page 1 is printed once, large: the masthead's, not
  // a running header, although the headers repeat it.
  EXPECT_EQ(result.issue.masthead.series, kSeries);
}

TEST(LayoutEvidence, AFullLineEndingASentenceAtAPageFootIsJoinedAndReported) {
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  masthead_and_article_head(writer);
  // A layout that does not indent: blocks set apart by space only.
  for (int i = 0; i < 4; ++i) writer.line(kLines[1]);
  writer.line("标准规范建设。");
  writer.end_line();
  writer.line(kLines[1]);
  writer.line("应用不断涌现，医院和基层机构都在探索适合自己的路径，数据安全。");
  writer.new_page();
  writer.line("治理和安全保障也在同步加强。");
  const ExtractResult result = extract_source(document, "foot.pdf");
  ASSERT_EQ(result.issue.articles.at(0).blocks.size(), 2u);
  EXPECT_TRUE(reviewed(result, "paragraph-boundary"));
}

TEST(LayoutEvidence, WhereParagraphsAreIndentedAnUnindentedLineAfterAPageBreakContinuesUnreported) {
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  masthead_and_article_head(writer);
  for (int i = 0; i < 3; ++i) writer.paragraph(kWhole);
  writer.line("人工智能正在改变医疗卫生服务的方式，从辅助诊断到健康管理，新的", 2);
  writer.line("应用不断涌现，医院和基层机构都在探索适合自己的路径，数据安全。");
  writer.new_page();
  writer.line("治理和安全保障也在同步加强。");
  const ExtractResult result = extract_source(document, "indented.pdf");
  ASSERT_EQ(result.issue.articles.at(0).blocks.size(), 4u);
  EXPECT_FALSE(reviewed(result, "paragraph-boundary"));
}

TEST(LayoutEvidence, AnUnpunctuatedBlockSetAsBodyTextIsAParagraphNotACaption) {
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  masthead_and_article_head(writer);
  writer.paragraph(kWhole);  // full lines: the measure
  writer.line(kLines[0], 2);
  writer.line(kLines[1]);
  writer.line("全保障也在同步加强");
  writer.paragraph("下一段。");
  const ExtractResult result = extract_source(document, "unpunctuated.pdf");
  const auto& blocks = result.issue.articles.at(0).blocks;
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[1].kind, BlockKind::paragraph);
  EXPECT_EQ(blocks[1].text, kLines[0] + kLines[1] + "全保障也在同步加强");
  EXPECT_TRUE(reviewed(result, "block-kind"));
}

TEST(LayoutEvidence, DeclaredSizesThatAreNotThePrintedOnesAreCorrected) {
  // Chromium's Type 3 fonts declare about twice the printed size: a 2 em indent
  // measured in the declared em looked like 1 em or less, and no paragraph ended.
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  writer.declared_scale = 2.2;
  masthead_and_article_head(writer);
  writer.paragraph(kWhole);
  writer.paragraph(kWhole);
  writer.paragraph(kWhole);
  const ExtractResult result = extract_source(document, "type3.pdf");
  const auto& blocks = result.issue.articles.at(0).blocks;
  ASSERT_EQ(blocks.size(), 3u);
  for (const Block& block : blocks) EXPECT_EQ(block.text, kWhole);
}

TEST(LayoutEvidence, JustificationGapsAreNotSpacesButAWritersSpaceIs) {
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  masthead_and_article_head(writer);
  // A justified line spread evenly, 0.8 em between its characters.
  writer.text_at("全国职业健康技能竞赛决赛举行", kLeft, 12, false, 0.8);
  writer.end_line();
  writer.paragraph("正文。");
  // A caption with one wide gap where the writer put a space (no space glyph drawn).
  writer.text_at("新华社记者", kLeft + 100, 10.5);
  writer.text_at("邓华摄", kLeft + 100 + 5 * 10.5 + 10.5, 10.5);
  writer.end_line();
  const ExtractResult result = extract_source(document, "spread.pdf");
  std::string all;
  for (const Block& block : result.issue.articles.at(0).blocks) all += block.text + "\n";
  EXPECT_NE(all.find("全国职业健康技能竞赛决赛举行"), std::string::npos) << all;
  EXPECT_NE(all.find("新华社记者 邓华摄"), std::string::npos) << all;
}

namespace {

Article article_with_header_lines(const std::string& lines, const std::string& label = "主要内容：\n\n") {
  const std::string text = std::string(kSeries) + "\n\n" + kPublisher +
                           "\n\n2025年11月14日\n\n二、具体内容\n\n1.标题：人工智能赋能医疗卫生\n\n来源：光明网\n\n" +
                           label + lines + "\n\n人工智能正在改变医疗卫生服务的方式。\n\n";
  const ExtractResult result = extract_text(text, "dateline.txt");
  EXPECT_EQ(result.issue.articles.size(), 1u);
  return result.issue.articles.at(0);
}

}  // namespace

TEST(LayoutEvidence, DatelineForms) {
  {
    const Article article = article_with_header_lines("医疗新图景\n\n2025-11-11 来源：新华社");
    ASSERT_TRUE(article.dateline && article.dateline->date);
    EXPECT_EQ(article.dateline->date->iso(), "2025-11-11");
    EXPECT_EQ(article.dateline->source, "新华社");
    EXPECT_EQ(article.headline, "医疗新图景");
  }
  {
    const Article article = article_with_header_lines("医疗新图景\n\n2025年11月11日 10:30");
    ASSERT_TRUE(article.dateline && article.dateline->date);
    EXPECT_EQ(article.dateline->date->iso(), "2025-11-11");
    EXPECT_EQ(article.headline, "医疗新图景");
    ASSERT_EQ(article.blocks.size(), 1u);
  }
  {
    const Article article = article_with_header_lines("医疗新图景\n\n来源：新华社 2025-11-11");
    ASSERT_TRUE(article.dateline && article.dateline->date);
    EXPECT_EQ(article.dateline->date->iso(), "2025-11-11");
    EXPECT_EQ(article.dateline->source, "新华社");
  }
  {
    // No 主要内容 label, a headline on several lines, dashes as separators.
    const Article article = article_with_header_lines("医疗新图景\n\n之二\n\n之三\n\n2025—11—11 来源：新华社", "");
    ASSERT_TRUE(article.dateline && article.dateline->date);
    EXPECT_EQ(article.dateline->date->iso(), "2025-11-11");
    EXPECT_EQ(article.headline, "医疗新图景之二之三");
    ASSERT_EQ(article.blocks.size(), 1u);
  }
  {
    // A paragraph that opens with a date is not a dateline.
    const Article article = article_with_header_lines("2025年11月11日，国家卫生健康委发布通知。");
    EXPECT_FALSE(article.dateline.has_value());
    ASSERT_EQ(article.blocks.size(), 2u);
  }
}

namespace {

Masthead masthead_of(const std::string& lines) {
  const std::string text = lines + "\n\n二、具体内容\n\n1.标题：测试\n\n来源：新华社\n\n主要内容：\n\n测试正文。\n\n";
  return extract_text(text, "masthead.txt").issue.masthead;
}

}  // namespace

TEST(LayoutEvidence, MastheadFormsWhereverTheLayoutPutsThem) {
  struct Case {
    std::string lines, number_text;
    int number;
  };
  const std::string series = kSeries, publisher = kPublisher;
  const Case cases[] = {
      {series + " 第六四九期 2025年11月14日\n\n" + publisher, "第六四九期", 649},
      {series + "\n\n第649期\n\n" + publisher + " 2025年11月14日", "第649期", 649},
      {series + "\n\n2025年第42期（总第649期）\n\n" + publisher + " 2025年11月14日", "2025年第42期（总第649期）", 649},
      {series + " （总第六四九期）\n\n" + publisher + " 2025年11月14日", "总第六四九期", 649},
      {publisher + "    2025年11月14日\n\n" + series + "\n\n（第六四九）", "第六四九", 649},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.lines);
    const Masthead masthead = masthead_of(c.lines);
    EXPECT_EQ(masthead.series, series);
    EXPECT_EQ(masthead.publisher, publisher);
    EXPECT_EQ(masthead.number, c.number);
    EXPECT_EQ(masthead.number_text, c.number_text);
    ASSERT_TRUE(masthead.date.has_value());
    EXPECT_EQ(masthead.date->iso(), "2025-11-14");
  }
}
