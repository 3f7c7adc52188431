// Text read by OCR: the clean-up rules (Tesseract's word spaces, ASCII
// punctuation, the dash and the ellipsis), the review of doubtful words, and
// a structure that degrades instead of failing when OCR missed a part. Real
// readings come from tests/data/ocr (Tesseract 5.3 chi_sim --psm 4 TSV of
// tests/data/corpus/corpus-001.pdf rendered at 300 dpi); synthetic pages
// (page_writer.h) give the cases a real page has not shown.
#include "../../extract/src/ocr_cleanup.h"
#include "ocr_tsv.h"
#include "page_writer.h"
#include "reissue/extract_source.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

using namespace reissue;

namespace {

std::string cleaned(const std::string& text) { return u32_to_utf8(extract::cleaned_ocr_text(utf8_to_u32(text))); }

// The issue as written, read back: valid against the schema and the rules.
::testing::AssertionResult valid(const Issue& issue) {
  const LoadResult loaded = load_issue_from_memory(write_issue_xml(issue), "ocr.xml");
  if (loaded.ok()) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure();
  for (const Problem& problem : loaded.problems) failure << problem.line << ": " << problem.message << "\n";
  return failure;
}

std::vector<const ReviewItem*> items_of(const ExtractReport& report, const std::string& kind) {
  std::vector<const ReviewItem*> out;
  for (const ReviewItem& item : report.review)
    if (item.kind == kind) out.push_back(&item);
  return out;
}

bool mentions(const std::vector<const ReviewItem*>& items, const std::string& text) {
  return std::any_of(items.begin(), items.end(),
                     [&](const ReviewItem* item) { return item->message.find(text) != std::string::npos; });
}

// Lines set as OCR words: each Chinese word a run with a gap after it, as
// Tesseract boxes words (its boxes hug the glyphs, so line assembly sees a
// space between them); every run carries `confidence`.
class OcrWriter {
 public:
  explicit OcrWriter(SourceDocument& document) : writer_(document), document_(document) {}
  // Words separated by spaces in `utf8` become runs; a word "w@30" has confidence 30.
  void line(const std::string& utf8, double indent = 0) {
    double x = test::kLeft + indent * test::kBody;
    std::stringstream words(utf8);
    for (std::string word; words >> word;) {
      float confidence = 95;
      if (const size_t at = word.rfind('@'); at != std::string::npos && at > 0) {
        confidence = std::stof(word.substr(at + 1));
        word = word.substr(0, at);
      }
      const size_t first = page().runs.size();
      const Box box = writer_.text_at(word, x);
      // One run a word, as Tesseract gives it.
      SourceRun run = page().runs[first];
      for (size_t i = first + 1; i < page().runs.size(); ++i) run.text += page().runs[i].text;
      run.box = box;
      run.confidence = confidence;
      page().runs.resize(first);
      page().runs.push_back(std::move(run));
      x = box.right + 0.4 * test::kBody;
    }
    writer_.end_line();
  }
  void new_page() {
    writer_.new_page();
    page().ocr_reason = "no text layer";
  }
  SourcePage& page() { return document_.pages.back(); }

 private:
  test::PageWriter writer_;
  SourceDocument& document_;
};

SourceDocument ocr_document() {
  SourceDocument document;
  document.kind = "pdf";
  return document;
}

ExtractResult extract_lines(const std::vector<std::string>& lines) {
  SourceDocument document = ocr_document();
  OcrWriter writer(document);
  writer.page().ocr_reason = "no text layer";
  for (const std::string& line : lines) writer.line(line);
  return extract_source(std::move(document), "scan.pdf");
}

// The newsletter's skeleton as OCR reads it: word spaces, ASCII marks.
std::vector<std::string> issue_lines(const std::vector<std::string>& contents, const std::vector<std::string>& body,
                                     bool dated = true) {
  std::vector<std::string> lines = {"全 国 卫生 信息 化 与 情 监测 周报", "(第五 三 一 )", "北京 市 卫生 健康 大 数据 与 政策 研究 中心"};
  if (dated) lines.push_back("2025 年 6 月 13 日");
  lines.push_back("本期 导语 :");
  lines.push_back("本期 周报 共 收集 几 篇 信息 。");
  lines.push_back("一 、 信息 目录");
  lines.insert(lines.end(), contents.begin(), contents.end());
  lines.push_back("二 、 具体 内容");
  lines.insert(lines.end(), body.begin(), body.end());
  return lines;
}

std::vector<std::string> article(int n, const std::string& title, const std::string& source) {
  return {std::to_string(n) + " .标题 : " + title, "来源 : " + source, "链接 :", "https://example.com/a/" + std::to_string(n),
          "主要 内容 :", "2025-06-07 来源 : " + source, "正文 第" + std::to_string(n) + "篇 的 内容 。"};
}

std::vector<std::string> joined(std::vector<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

}  // namespace

// ---- the clean-up rules ---------------------------------------------------------

TEST(OcrCleanup, SpacesBetweenChineseGoLatinWordSpacesStay) {
  EXPECT_EQ(cleaned("全 国 卫生 信息 化 与 情 监测 周报"), "全国卫生信息化与情监测周报");
  EXPECT_EQ(cleaned("北京 论坛 Nature Medicine 发表"), "北京论坛 Nature Medicine 发表");
  // Before a closing mark and after an opening bracket no space is printed.
  EXPECT_EQ(cleaned("1 .标题 : 数智 赋能"), "1.标题：数智赋能");
  EXPECT_EQ(cleaned("see ( Nature ) ."), "see (Nature).");
}

TEST(OcrCleanup, AsciiPunctuationInChineseContextBecomesFullWidth) {
  EXPECT_EQ(cleaned("(第五 三 一 )"), "（第五三一）");
  EXPECT_EQ(cleaned("来源: 云南 网"), "来源：云南网");
  EXPECT_EQ(cleaned("北京 论坛(2025)“医学"), "北京论坛（2025）“医学");
  EXPECT_EQ(cleaned("真的 吗? 是 的! 好, 行; 对"), "真的吗？是的！好，行；对");
  EXPECT_EQ(cleaned("AI+医疗: 拥抱 机遇"), "AI+医疗：拥抱机遇");
  // Among Latin words and numbers the marks stay.
  EXPECT_EQ(cleaned("Nature (2025) 12:30, 1,000"), "Nature (2025) 12:30, 1,000");
  EXPECT_EQ(cleaned("Hello, world!"), "Hello, world!");
  // A bracket whose partner is on another line is decided by its neighbours.
  EXPECT_EQ(cleaned("省一院 (下称"), "省一院（下称");
}

TEST(OcrCleanup, UrlsAreKeptAsRead) {
  // The spaces between Chinese and a URL are the format's to drop (normalize_inline_text).
  EXPECT_EQ(cleaned("链接 : https://m.yunnan.cn/a/2025/06/07/0335(1),x;y:z.Shtml"),
            "链接： https://m.yunnan.cn/a/2025/06/07/0335(1),x;y:z.Shtml");
  EXPECT_EQ(cleaned("见 www.gov.cn/a,b 网站"), "见 www.gov.cn/a,b 网站");
}

TEST(OcrCleanup, TheDashIsRebuiltWhereNoWordCanStand) {
  // As Tesseract read corpus-001 page 3: 发展的“时间表”一一
  EXPECT_EQ(cleaned("发展 的 “ 时间 表 ” 一一"), "发展的“时间表”——");
  EXPECT_EQ(cleaned("药物 筛选 一- “ 数字 生命 ”"), "药物筛选——“数字生命”");
  EXPECT_EQ(cleaned("赋能 人力 -- 解放 后者"), "赋能人力——解放后者");
  // 一一 between Han characters is a word (one by one).
  EXPECT_EQ(cleaned("逐 项 一一 对应"), "逐项一一对应");
  // A hyphen between Latin words or in a range of numbers stays.
  EXPECT_EQ(cleaned("COVID-19 2020-2025"), "COVID-19 2020-2025");
}

TEST(OcrCleanup, TheEllipsisIsRebuilt) {
  EXPECT_EQ(cleaned("自主 拣药 ... 这些"), "自主拣药……这些");
  EXPECT_EQ(cleaned("难题 。。。"), "难题……");
  EXPECT_EQ(cleaned("关注 …"), "关注……");
  EXPECT_EQ(cleaned("服务 能力 …… 值得"), "服务能力……值得");
  EXPECT_EQ(cleaned("version 1.2... done"), "version 1.2... done");
}

TEST(OcrCleanup, EachRuleIsCountedAndNothingIsLostSilently) {
  const ExtractResult result = extract_lines({"来源 : 云南 网 (第五 三 一 ) 一一"});
  const auto items = items_of(result.report, "ocr-cleanup");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_NE(items[0]->message.find("spaces between Chinese characters removed"), std::string::npos) << items[0]->message;
  EXPECT_NE(items[0]->message.find("3 x ASCII punctuation in Chinese text"), std::string::npos) << items[0]->message;
  EXPECT_NE(items[0]->message.find("1 x the dash"), std::string::npos) << items[0]->message;
  std::string replaced;
  for (const SetAside& item : result.report.set_aside)
    if (item.reason == "ocr-cleanup") replaced += item.text + ">" + item.replaced_by + "|";
  EXPECT_NE(replaced.find(":()>：（）|"), std::string::npos) << replaced;
  EXPECT_NE(replaced.find("一一>——|"), std::string::npos) << replaced;
}

// The same words from a PDF's own text layer (no confidence, no OCR reason)
// are left alone: the clean-up is for OCR only.
TEST(OcrCleanup, TextThatWasNotReadByOcrIsLeftAlone) {
  SourceDocument document = ocr_document();
  OcrWriter writer(document);
  writer.line("来源 : 云南 网");
  for (SourceRun& run : writer.page().runs) run.confidence = -1;
  const ExtractResult result = extract_source(std::move(document), "text-layer.pdf");
  EXPECT_TRUE(items_of(result.report, "ocr-cleanup").empty());
  EXPECT_TRUE(items_of(result.report, "ocr-doubtful").empty());
}

// ---- doubtful words and URLs in the review ---------------------------------------

TEST(OcrReview, WordsBelowTheThresholdAreListedWithTheirBoxes) {
  const ExtractResult result = extract_lines({"本期 周报@41 共 收集 3 篇", "时间 从@12 2025 年", "全部 可信 的 一 行"});
  const auto items = items_of(result.report, "ocr-doubtful");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_NE(items[0]->message.find("\"周报\" (confidence 41)"), std::string::npos) << items[0]->message;
  EXPECT_NE(items[1]->message.find("\"从\" (confidence 12)"), std::string::npos) << items[1]->message;
  // The box is the word's, not the line's.
  ASSERT_EQ(items[0]->boxes.size(), 1u);
  EXPECT_EQ(items[0]->page, 1);
  EXPECT_NEAR(items[0]->boxes[0].box.right - items[0]->boxes[0].box.left, 2 * test::kBody, 0.5);
}

TEST(OcrReview, UrlsReadByOcrAreListed) {
  const ExtractResult result = extract_lines({"链接 :", "https://m.yunnan.cn/system/2025/06/07/033506347.shtml@91"});
  const auto items = items_of(result.report, "ocr-url");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_NE(items[0]->message.find("\"https://m.yunnan.cn/system/2025/06/07/033506347.shtml\""), std::string::npos);
  EXPECT_EQ(items[0]->page, 1);
}

TEST(OcrReview, ABadScanGivesABoundedList) {
  std::vector<std::string> lines;
  for (int i = 0; i < 600; ++i) lines.push_back("坏@3 扫描@7 的 一 行");
  const ExtractResult result = extract_lines(lines);
  const auto items = items_of(result.report, "ocr-doubtful");
  ASSERT_EQ(items.size(), extract::kMaxOcrItems + 1);
  EXPECT_NE(items.back()->message.find("more doubtful OCR word(s)"), std::string::npos) << items.back()->message;
}

// ---- real Tesseract output -------------------------------------------------------

TEST(OcrCorpus, TesseractsReadingOfAnIssueMakesAValidIssue) {
  SourceDocument document = ocr_document();
  for (int p = 1; p <= 4; ++p)
    document.pages.push_back(
        test::page_from_tsv(std::string(REISSUE_SOURCE_DIR) + "/tests/data/ocr/corpus-001-p" + std::to_string(p) + ".tsv"));
  const ExtractResult result = extract_source(std::move(document), "corpus-001-ocr.pdf");
  EXPECT_TRUE(valid(result.issue));
  const Masthead& masthead = result.issue.masthead;
  // (第六四九) read as ASCII brackets: the issue number, not the publisher.
  ASSERT_TRUE(masthead.number);
  EXPECT_EQ(*masthead.number, 649);
  EXPECT_EQ(masthead.number_text, "第六四九");
  EXPECT_EQ(masthead.publisher, "北京市卫生健康大数据与政策研究中心");
  ASSERT_TRUE(masthead.date);
  EXPECT_EQ(masthead.date->iso(), "2025-11-14");
  ASSERT_EQ(result.issue.articles.size(), 3u);
  ASSERT_EQ(result.issue.contents.size(), 3u);
  EXPECT_EQ(result.issue.articles[1].title, "我国全面推进“人工智能+医疗卫生”应用发展");
  EXPECT_EQ(result.issue.articles[1].source, "新华网");
  // No space is left between Chinese characters anywhere in the body.
  for (const Article& a : result.issue.articles)
    for (const Block& block : a.blocks) {
      const std::u32string text = utf8_to_u32(block.text);
      for (size_t i = 1; i + 1 < text.size(); ++i)
        EXPECT_FALSE(text[i] == U' ' && is_han(text[i - 1]) && is_han(text[i + 1])) << block.text;
    }
  EXPECT_FALSE(items_of(result.report, "ocr-doubtful").empty());
  EXPECT_EQ(items_of(result.report, "ocr-url").size(), 3u);
  // 本期导语 read as 本期导话: still the intro, not masthead lines.
  ASSERT_EQ(result.issue.intro.size(), 1u);
  EXPECT_EQ(result.issue.intro[0].text.rfind("本期周报共收集3篇", 0), 0u) << result.issue.intro[0].text;
  EXPECT_TRUE(mentions(items_of(result.report, "structure-gap"), "\"本期导话：\" was taken for the section heading"));
}

// ---- a structure that degrades -----------------------------------------------------

TEST(OcrStructure, AContentsEntryWithoutItsArticleGetsAnEmptyArticle) {
  // Article 2's header lost its number and its 来源： line: two entries, one article found.
  auto second = article(2, "数智 赋能 推动 发展", "光明 网");
  second[0] = "数智 赋能 推动 发展";
  second.erase(second.begin() + 1);
  const ExtractResult result = extract_lines(issue_lines(
      {"1 .开局 智慧 医疗 新篇", "(云南 网 )", "2 .数智 赋能 推动 发展", "(光明 网 )"},
      joined({article(1, "开局 智慧 医疗 新篇", "云南 网"), second})));
  EXPECT_TRUE(valid(result.issue));
  ASSERT_EQ(result.issue.articles.size(), 2u);
  EXPECT_EQ(result.issue.articles[1].title, "数智赋能推动发展");
  EXPECT_TRUE(result.issue.articles[1].blocks.empty());
  EXPECT_EQ(result.issue.contents[1].ref, "a2");
  EXPECT_TRUE(mentions(items_of(result.report, "structure-gap"), "contents entry 2 \"数智赋能推动发展\" has no article"));
}

TEST(OcrStructure, AnArticleWithoutAContentsEntryGetsOne) {
  const ExtractResult result = extract_lines(issue_lines(
      {"1 .开局 智慧 医疗 新篇", "(云南 网 )"},
      joined({article(1, "开局 智慧 医疗 新篇", "云南 网"), article(2, "数智 赋能 推动 发展", "光明 网")})));
  EXPECT_TRUE(valid(result.issue));
  ASSERT_EQ(result.issue.contents.size(), 2u);
  EXPECT_EQ(result.issue.contents[1].title, "数智赋能推动发展");
  EXPECT_EQ(result.issue.contents[1].ref, "a2");
  EXPECT_TRUE(mentions(items_of(result.report, "structure-gap"), "article 2 \"数智赋能推动发展\" has no contents entry"));
}

TEST(OcrStructure, ArticleNumbersReadWrongOrTwiceAreNumberedByPlace) {
  auto second = article(2, "数智 赋能 推动 发展", "光明 网");
  second[0] = "Z .标题 : 数智 赋能 推动 发展";  // the 2 misread
  auto third = article(2, "AI+医疗 : 拥抱 机遇", "新华社");  // 3 read as 2: twice
  const ExtractResult result = extract_lines(issue_lines(
      {"1 .开局 智慧 医疗 新篇", "(云南 网 )", "2 .数智 赋能 推动 发展", "(光明 网 )", "3 .AI+医疗 : 拥抱 机遇", "(新华社 )"},
      joined({article(1, "开局 智慧 医疗 新篇", "云南 网"), second, third})));
  EXPECT_TRUE(valid(result.issue));
  ASSERT_EQ(result.issue.articles.size(), 3u);
  EXPECT_EQ(result.issue.articles[1].title, "数智赋能推动发展");
  EXPECT_EQ(result.issue.articles[2].title, "AI+医疗：拥抱机遇");
  const auto numbers = items_of(result.report, "article-number");
  EXPECT_TRUE(mentions(numbers, "its number was not read (\"Z.\")")) << result.report.review.size();
  EXPECT_TRUE(mentions(numbers, "is printed as number 2 (a number misread or read twice); it was numbered 3"));
}

TEST(OcrStructure, AMissingDateIsSaidAndTheIssueIsStillValid) {
  std::vector<std::string> lines = issue_lines({"1 .开局 智慧 医疗 新篇", "(云南 网 )"},
                                               article(1, "开局 智慧 医疗 新篇", "云南 网"), false);
  const ExtractResult result = extract_lines(lines);
  EXPECT_TRUE(valid(result.issue));
  EXPECT_FALSE(result.issue.masthead.date);
  EXPECT_TRUE(mentions(items_of(result.report, "structure-gap"), "no date was read in the masthead"));
  // The issue number, spaced and in ASCII brackets, is the number.
  ASSERT_TRUE(result.issue.masthead.number);
  EXPECT_EQ(*result.issue.masthead.number, 531);
  EXPECT_EQ(result.issue.masthead.publisher, "北京市卫生健康大数据与政策研究中心");
}

TEST(OcrStructure, ASourceTheContentsAndTheArticleReadDifferentlyIsSettled) {
  const ExtractResult result = extract_lines(issue_lines({"1 .开局 智慧 医疗 新篇", "(云南 冈 )"},
                                                         article(1, "开局 智慧 医疗 新篇", "云南 网")));
  EXPECT_TRUE(valid(result.issue));
  EXPECT_EQ(result.issue.contents[0].source, "云南网");
  EXPECT_TRUE(mentions(items_of(result.report, "structure-gap"), "the contents entry gives the source \"云南冈\""));
}

TEST(OcrStructure, MisreadSectionOrdinalsStillMarkTheSections) {
  std::vector<std::string> lines = issue_lines({"1 .开局 智慧 医疗 新篇", "(云南 网 )"},
                                               article(1, "开局 智慧 医疗 新篇", "云南 网"));
  for (std::string& line : lines)
    if (line == "一 、 信息 目录") line = "“ 、 信息 目录";
  const ExtractResult result = extract_lines(lines);
  EXPECT_TRUE(valid(result.issue));
  EXPECT_EQ(result.issue.contents.size(), 1u);
  EXPECT_TRUE(mentions(items_of(result.report, "structure-gap"), "\"“、信息目录\" was taken for the section heading"));
}

TEST(OcrStructure, AMissedBodyMarkerDoesNotLetTheContentsTakeTheArticles) {
  std::vector<std::string> lines = issue_lines({"1 .开局 智慧 医疗 新篇", "(云南 网 )"},
                                               article(1, "开局 智慧 医疗 新篇", "云南 网"));
  std::erase(lines, "二 、 具体 内容");
  const ExtractResult result = extract_lines(lines);
  EXPECT_TRUE(valid(result.issue));
  ASSERT_EQ(result.issue.articles.size(), 1u);
  EXPECT_EQ(result.issue.articles[0].source, "云南网");
  EXPECT_FALSE(result.issue.articles[0].blocks.empty());
  EXPECT_TRUE(mentions(items_of(result.report, "structure-gap"), "no \"二、具体内容\" line was read"));
}
