// The recognizer fed by hand-made sources (no Poppler, no text file): pages of
// positioned runs and images, or plain lines. What a PDF would give, laid out
// here so that each rule's input is known exactly.
#include "page_writer.h"
#include "reissue/extract_source.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace reissue;
using test::PageWriter;
using test::kLeft;
using test::kRight;

namespace {

Box united(Box a, const Box& b) {
  a.left = std::min(a.left, b.left), a.top = std::min(a.top, b.top);
  a.right = std::max(a.right, b.right), a.bottom = std::max(a.bottom, b.bottom);
  return a;
}

Box united(const std::vector<Box>& boxes) {
  Box out = boxes.front();
  for (const Box& box : boxes) out = united(out, box);
  return out;
}

void expect_box(const Provenance& provenance, int page, const Box& box) {
  ASSERT_EQ(provenance.boxes.size(), 1u);
  EXPECT_EQ(provenance.page, page);
  EXPECT_EQ(provenance.boxes[0].page, page);
  EXPECT_NEAR(provenance.boxes[0].box.left, box.left, 1e-6);
  EXPECT_NEAR(provenance.boxes[0].box.top, box.top, 1e-6);
  EXPECT_NEAR(provenance.boxes[0].box.right, box.right, 1e-6);
  EXPECT_NEAR(provenance.boxes[0].box.bottom, box.bottom, 1e-6);
}

const std::string kParagraph1 =
    "人工智能正在改变医疗卫生服务的方式，从辅助诊断到健康管理，新的应用不断涌现，医院和基层机构都在探索适合自己的路径，"
    "数据治理和安全保障也在同步加强。";
const std::string kParagraph2 =
    "专家认为，推动人工智能与医疗卫生深度融合，需要在标准规范、人才培养和评价体系等方面持续发力，让技术真正服务于患者和"
    "医务人员。";
const std::string kParagraph3 =
    "多地卫生健康部门表示，将继续完善数据共享机制，推进检查检验结果互认，减少群众重复检查，提升看病就医的便利程度和获得感。";

struct Synthetic {
  SourceDocument document;
  Box series, title, dateline, caption, image;
  std::vector<Box> paragraph1, paragraph2;
};

// One issue on two pages: masthead, intro, contents, one article whose body
// holds a paragraph, a figure with its caption, and a paragraph on page 2.
Synthetic synthetic_issue() {
  Synthetic s;
  s.document.kind = "pdf";
  PageWriter writer(s.document);
  s.series = writer.line("全国卫生信息化舆情监测周报", -1, 18, true);
  writer.line("（第六四九）", -1);
  writer.line("北京市卫生健康大数据与政策研究中心", -1);
  writer.line("2025年11月14日", -1);
  writer.line("本期导语：");
  writer.paragraph("本期收录一篇报道，介绍人工智能在医疗卫生领域的应用进展和面临的挑战，供参考。");
  writer.line("一、信息目录");
  writer.line("1.人工智能赋能医疗卫生");
  writer.line("（光明网）");
  writer.line("二、具体内容");
  s.title = writer.line("1.标题：人工智能赋能医疗卫生");
  writer.line("来源：光明网");
  writer.line("链接：https://example.org/a1");
  writer.line("主要内容：人工智能赋能医疗卫生的新进展");
  s.dateline = writer.line("2025-11-10 来源：光明网");
  s.paragraph1 = writer.paragraph(kParagraph1);
  s.image = writer.image(160, 120, std::string("\xFF\xD8\xFF\xE0 picture", 12));
  s.caption = writer.line("图为研讨会现场。记者张三摄", -1, 10.5);
  writer.new_page();
  s.paragraph2 = writer.paragraph(kParagraph2);
  return s;
}

}  // namespace

TEST(SyntheticSource, PositionedRunsAndAnImageMakeAnIssue) {
  Synthetic s = synthetic_issue();
  const ExtractResult result = extract_source(s.document, "synthetic.pdf");
  const Issue& issue = result.issue;
  EXPECT_TRUE(check_semantics(issue).empty());
  EXPECT_EQ(result.report.input_kind, "pdf");
  EXPECT_EQ(result.report.pages, 2);
  EXPECT_EQ(issue.masthead.series, "全国卫生信息化舆情监测周报");
  EXPECT_EQ(issue.masthead.number, 649);
  EXPECT_EQ(issue.masthead.publisher, "北京市卫生健康大数据与政策研究中心");
  ASSERT_TRUE(issue.masthead.date);
  EXPECT_EQ(issue.masthead.date->iso(), "2025-11-14");
  ASSERT_EQ(issue.intro.size(), 1u);
  ASSERT_EQ(issue.contents.size(), 1u);
  EXPECT_EQ(issue.contents[0].source, "光明网");
  ASSERT_EQ(issue.articles.size(), 1u);
  const Article& article = issue.articles[0];
  EXPECT_EQ(article.title, "人工智能赋能医疗卫生");
  EXPECT_EQ(article.href, "https://example.org/a1");
  EXPECT_EQ(article.headline, "人工智能赋能医疗卫生的新进展");
  ASSERT_TRUE(article.dateline);

  ASSERT_EQ(article.blocks.size(), 3u);
  EXPECT_EQ(article.blocks[0].kind, BlockKind::paragraph);
  EXPECT_EQ(article.blocks[0].text, kParagraph1);
  const Block& figure = article.blocks[1];
  EXPECT_EQ(figure.kind, BlockKind::figure);
  EXPECT_EQ(figure.text, "图为研讨会现场。记者张三摄");
  EXPECT_EQ(figure.image, "images/figure-1.jpg");
  ASSERT_EQ(result.images.size(), 1u);
  EXPECT_EQ(result.images[0].path, figure.image);
  EXPECT_EQ(result.images[0].bytes, std::string("\xFF\xD8\xFF\xE0 picture", 12));
  EXPECT_EQ(article.blocks[2].text, kParagraph2);
}

TEST(SyntheticSource, EveryPartPointsAtWhereItIsPrinted) {
  Synthetic s = synthetic_issue();
  const ExtractResult result = extract_source(s.document, "synthetic.pdf");
  const Issue& issue = result.issue;
  expect_box(issue.masthead.provenance.series, 1, s.series);
  const Article& article = issue.articles.at(0);
  expect_box(article.provenance.title, 1, s.title);
  expect_box(article.dateline->provenance, 1, s.dateline);
  expect_box(article.blocks.at(0).provenance, 1, united(s.paragraph1));
  // A figure is its picture and the caption under it.
  expect_box(article.blocks.at(1).provenance, 1, united(s.image, s.caption));
  expect_box(article.blocks.at(2).provenance, 2, united(s.paragraph2));
  EXPECT_LT(article.blocks[0].provenance.first_line, article.blocks[0].provenance.last_line);
}

TEST(SyntheticSource, FiguresAtTheSameSpotOnEveryPageAreContentNotFurniture) {
  // Before figures were typed, a picture heading every page was taken for a
  // running header: set aside as U+FFFC and its image lost.
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  // Pages of different text, so that only the pictures repeat.
  const std::string texts[] = {kParagraph1, kParagraph2, kParagraph3};
  for (size_t page = 0; page < 3; ++page) {
    if (page > 0) writer.new_page();
    writer.image(200, 100, "image " + std::to_string(page));
    writer.paragraph(texts[page]);
    writer.paragraph(texts[(page + 1) % 3]);
  }
  const ExtractResult result = extract_source(document, "figures.pdf");
  EXPECT_EQ(result.images.size(), 3u);
  EXPECT_TRUE(result.report.set_aside.empty());
  int figures = 0;
  for (const Block& block : result.issue.articles.at(0).blocks) figures += block.kind == BlockKind::figure;
  EXPECT_EQ(figures, 3);
}

TEST(SyntheticSource, AFigureOutsideAnArticleBodyIsReportedNotTurnedIntoText) {
  // The format has no figure in the intro; it used to become a paragraph of U+FFFC.
  SourceDocument document;
  document.kind = "pdf";
  PageWriter writer(document);
  writer.line("全国卫生信息化舆情监测周报", -1, 18, true);
  writer.line("本期导语：");
  writer.paragraph(kParagraph1);
  writer.image(100, 80, "logo");
  writer.paragraph(kParagraph2);
  writer.line("二、具体内容");
  writer.line("1.标题：人工智能赋能医疗卫生");
  writer.line("来源：光明网");
  writer.paragraph(kParagraph1);
  const ExtractResult result = extract_source(document, "intro-figure.pdf");
  ASSERT_EQ(result.issue.intro.size(), 2u);
  for (const Block& paragraph : result.issue.intro)
    EXPECT_EQ(paragraph.text.find("\xEF\xBF\xBC"), std::string::npos);  // U+FFFC
  EXPECT_TRUE(result.images.empty());
  const auto reported = std::find_if(result.report.review.begin(), result.report.review.end(),
                                     [](const ReviewItem& item) { return item.kind == "figure"; });
  ASSERT_NE(reported, result.report.review.end());
  EXPECT_EQ(reported->page, 1);
  ASSERT_EQ(reported->boxes.size(), 1u);
  EXPECT_EQ(reported->boxes[0].box.top, document.pages[0].images[0].box.top);
}

TEST(SyntheticSource, PlainLinesKeepTheirInputLineNumbers) {
  // A source without geometry (a text file, one paragraph a line here).
  SourceDocument document;
  document.kind = "text";
  document.pages.resize(2);
  const auto line = [](std::u32string text, int number, int page) {
    SourceLine source;
    source.text = std::move(text);
    source.line = number;
    source.page = page;
    return source;
  };
  document.lines = {line(U"全国卫生信息化舆情监测周报", 3, 0), line(U"本期导语：", 5, 0),
                    line(utf8_to_u32(kParagraph1), 7, 0), line(U"二、具体内容", 12, 1),
                    line(U"1.标题：人工智能赋能医疗卫生", 13, 1), line(U"来源：光明网", 14, 1),
                    line(utf8_to_u32(kParagraph2), 16, 1)};
  const ExtractResult result = extract_source(document, "lines.txt");
  const Issue& issue = result.issue;
  ASSERT_EQ(issue.intro.size(), 1u);
  EXPECT_EQ(issue.intro[0].provenance.first_line, 7);
  EXPECT_EQ(issue.intro[0].provenance.page, 1);
  EXPECT_TRUE(issue.intro[0].provenance.boxes.empty());
  const Article& article = issue.articles.at(0);
  EXPECT_EQ(article.provenance.title.first_line, 13);
  EXPECT_EQ(article.provenance.source.first_line, 14);
  ASSERT_EQ(article.blocks.size(), 1u);
  EXPECT_EQ(article.blocks[0].provenance.first_line, 16);
  EXPECT_EQ(article.blocks[0].provenance.last_line, 16);
  EXPECT_EQ(article.blocks[0].provenance.page, 2);
}

TEST(SyntheticSource, DebugGoesToTheCallersSinkOnly) {
  Synthetic s = synthetic_issue();
  std::vector<std::string> lines;
  ExtractOptions options;
  options.debug = [&](const std::string& line) { lines.push_back(line); };
  ::testing::internal::CaptureStderr();
  ::testing::internal::CaptureStdout();
  extract_source(s.document, "synthetic.pdf", options);
  extract_source(s.document, "synthetic.pdf");
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front().rfind("body 12.00pt", 0), 0u) << lines.front();
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(),
                          [](const std::string& line) { return line.find("BREAK |") != std::string::npos; }));
}
