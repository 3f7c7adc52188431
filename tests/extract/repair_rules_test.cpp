// Each repair rule on text constructed to exercise it, including the
// adversarial cases: a paragraph whose last line is full, a number or acronym
// cut at a line end, URLs cut after "." or "/", page breaks in the middle of a
// sentence and of a URL, running headers and page numbers.
#include "extract_checks.h"
#include "reissue/extract.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace reissue;

namespace {

// `n` Han characters (a pangram-like pool, so that lines differ).
std::string han(size_t n, size_t offset = 0) {
  static const std::u32string pool =
      U"医疗卫生健康数据政策研究中心信息监测周报全国主流媒体政府网站智慧远程手术机器人基层服务体系质量发展人才技术平台";
  std::u32string out;
  for (size_t i = 0; i < n; ++i) out.push_back(pool[(i + offset) % pool.size()]);
  std::string utf8;
  for (char32_t c : out) {
    if (c < 0x800) utf8 += static_cast<char>(0xC0 | (c >> 6)), utf8 += static_cast<char>(0x80 | (c & 0x3F));
    else
      utf8 += static_cast<char>(0xE0 | (c >> 12)), utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
          utf8 += static_cast<char>(0x80 | (c & 0x3F));
  }
  return utf8;
}

// Filler paragraphs on a 20-em measure (first lines indented 2 em), so that the
// measure can be read off the text.
std::vector<std::string> filler(size_t offset) {
  return {han(18, offset), han(20, offset + 3), han(20, offset + 7), han(9, offset + 2) + "。",
          han(18, offset + 5), han(20, offset + 11), han(6, offset + 1) + "。"};
}

// A one-article issue around `body` (printed lines) with `link` lines after 链接：,
// each printed line followed by an empty line as pdftotext -layout gives it.
std::string newsletter(const std::vector<std::string>& body,
                       const std::vector<std::string>& link = {"https://www.gov.cn/a.htm"}) {
  std::vector<std::string> lines = {"本期导语：", "本期周报共收集1篇信息。", "一、信息目录", "1.测试标题",
                                    "（测试网）", "二、具体内容", "1.标题：测试标题", "来源：测试网",
                                    "链接："};
  lines.insert(lines.end(), link.begin(), link.end());
  for (const char* line : {"主要内容：", "测试标题", "2025-06-07 来源：测试网"}) lines.push_back(line);
  for (const std::string& line : filler(0)) lines.push_back(line);
  lines.insert(lines.end(), body.begin(), body.end());
  for (const std::string& line : filler(9)) lines.push_back(line);
  std::string text;
  for (const std::string& line : lines) text += line == "\f" ? "\f" : line + "\n\n";
  return text;
}

ExtractResult extract(const std::string& text) {
  ExtractResult result = extract_text(text, "test.txt");
  EXPECT_TRUE(test::characters_conserved(text, result));
  return result;
}

// The body paragraphs between the two fillers.
std::vector<std::string> body_paragraphs(const ExtractResult& result) {
  const auto& blocks = result.issue.articles.at(0).blocks;
  std::vector<std::string> out;
  for (size_t i = 2; i + 2 < blocks.size(); ++i) out.push_back(blocks[i].text);
  return out;
}

bool reviewed(const ExtractResult& result, const std::string& kind, const std::string& part) {
  for (const ReviewItem& item : result.report.review)
    if (item.kind == kind && item.message.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(RepairRules, ParagraphWhoseLastLineIsFull) {
  // The first paragraph ends exactly at the margin; the next is told by its indent.
  const auto result = extract(newsletter({han(18, 1), han(19, 4) + "。", han(18, 2), han(20, 5), han(4, 6) + "。"}));
  EXPECT_EQ(body_paragraphs(result),
            (std::vector<std::string>{han(18, 1) + han(19, 4) + "。", han(18, 2) + han(20, 5) + han(4, 6) + "。"}));
}

TEST(RepairRules, NumberCutAtLineEnd) {
  const auto result = extract(newsletter({han(16, 1) + "截至20", "25年" + han(18, 2), han(3) + "。"}));
  EXPECT_EQ(body_paragraphs(result),
            (std::vector<std::string>{han(16, 1) + "截至2025年" + han(18, 2) + han(3) + "。"}));
  EXPECT_TRUE(reviewed(result, "latin-join", "a number cut at the line end"));
}

TEST(RepairRules, AcronymCutAtLineEnd) {
  const auto result =
      extract(newsletter({han(17, 1) + "用A", "I" + han(19, 2), han(3) + "。", han(10, 4) + "AI" + han(4) + "。"}));
  ASSERT_EQ(body_paragraphs(result).size(), 2u);
  EXPECT_EQ(body_paragraphs(result)[0], han(17, 1) + "用AI" + han(19, 2) + han(3) + "。");
  EXPECT_TRUE(reviewed(result, "latin-join", "\"AI\" occurs whole elsewhere"));
}

TEST(RepairRules, LatinWordsBrokenAtASpaceKeepTheSpace) {
  const auto result = extract(newsletter(
      {han(9, 1) + "基于 AGI（Artificial", "General Intelligence，" + han(8, 3), han(5) + "。"}));
  EXPECT_EQ(body_paragraphs(result),
            (std::vector<std::string>{han(9, 1) + "基于AGI（Artificial General Intelligence，" +
                                      han(8, 3) + han(5) + "。"}));
  EXPECT_TRUE(reviewed(result, "latin-join", "\"Artificial\" + \"General\""));
}

TEST(RepairRules, WordCutInsideIsRejoinedFromTheIssuesOwnVocabulary) {
  const auto result = extract(newsletter({han(12, 1) + "通用 Intelli", "gence" + han(17, 2), han(3) + "。",
                                          han(8, 3) + "Intelligence 一词" + han(2) + "。"}));
  ASSERT_FALSE(body_paragraphs(result).empty());
  EXPECT_EQ(body_paragraphs(result)[0], han(12, 1) + "通用Intelligence" + han(17, 2) + han(3) + "。");
}

TEST(RepairRules, UrlCutAfterDotAndSlash) {
  for (const auto& [first, second] : std::vector<std::pair<std::string, std::string>>{
           {"https://www.gov.cn/xinwen/2025-06/07/content.", "shtml"},
           {"https://www.gov.cn/", "xinwen/2025-06/07/content_7023.htm"},
           {"https://weifang.iqilu.com/wfminsheng/2025/0703/5828864.sht", "ml"},
           {"<http://adimg.ce.cn/xwzx/gnsz/gdxw/202505/21/t20250521_3936", "2382.shtml>"}}) {
    const auto result = extract(newsletter({han(18), han(3) + "。"}, {first, second}));
    std::string expected = first + second;
    if (expected.front() == '<') expected = expected.substr(1, expected.size() - 2);
    EXPECT_EQ(result.issue.articles.at(0).href, expected);
  }
}

TEST(RepairRules, PageBreakInTheMiddleOfASentence) {
  // Full line, then a page break with footer, header and blank lines; the
  // running header tops every page, page 1 included.
  const std::string header = "全国卫生信息化舆情监测周报";
  const auto result = extract(header + "\n\n" + newsletter({han(18, 1), han(20, 2), "第 1 页", "\f", header,
                                                          han(20, 3), han(5, 4) + "。"}));
  EXPECT_EQ(body_paragraphs(result),
            (std::vector<std::string>{han(18, 1) + han(20, 2) + han(20, 3) + han(5, 4) + "。"}));
  // Page 1's copy of the running header cannot be told from a masthead line
  // in a text: it gives the series, and the review says so.
  EXPECT_EQ(result.issue.masthead.series, header);
  EXPECT_TRUE(std::any_of(result.report.review.begin(), result.report.review.end(),
                          [](const ReviewItem& item) { return item.kind == "masthead"; }));
}

TEST(RepairRules, PageBreakInTheMiddleOfAUrl) {
  std::vector<std::string> link = {"https://www.xinhuanet.com/tech/20250701/f20f32aff42e44", "第 1 页", "\f",
                                   "全国卫生信息化舆情监测周报", "d48d5ca8ba56ac0d85/c.html"};
  // Enough pages for the header to count as running: repeat it on later pages.
  std::vector<std::string> body = {han(18, 1), han(20, 2), han(4, 3) + "。", "第 2 页", "\f",
                                   "全国卫生信息化舆情监测周报", han(18, 4), han(5, 5) + "。"};
  const auto result = extract(newsletter(body, link));
  EXPECT_EQ(result.issue.articles.at(0).href,
            "https://www.xinhuanet.com/tech/20250701/f20f32aff42e44d48d5ca8ba56ac0d85/c.html");
  int furniture = 0;
  for (const SetAside& item : result.report.set_aside) furniture += item.reason == "furniture";
  EXPECT_EQ(furniture, 4);  // two page numbers, two running headers
}

TEST(RepairRules, PageNumberForms) {
  for (const char* number : {"第 3 页", "第3页 共5页", "- 3 -", "3/5", "Page 3 of 5", "3"}) {
    const auto result = extract(newsletter({han(18, 1), han(20, 2), number, "\f", han(20, 3), han(5, 4) + "。"}));
    EXPECT_EQ(body_paragraphs(result),
              (std::vector<std::string>{han(18, 1) + han(20, 2) + han(20, 3) + han(5, 4) + "。"}))
        << number;
  }
}

TEST(RepairRules, SubheadingOnTwoLinesBylineAndCaption) {
  const auto result = extract(newsletter({"拥抱数字技术", "加速转型创新", han(18, 1), han(6, 2) + "。",
                                          "图为边会现场。孙铁牛摄/光明图片", "（记者 刘鸿秀）"}));
  const auto& blocks = result.issue.articles.at(0).blocks;
  ASSERT_GE(blocks.size(), 6u);
  EXPECT_EQ(blocks[2].kind, BlockKind::heading);
  EXPECT_EQ(blocks[2].text, "拥抱数字技术 加速转型创新");
  EXPECT_EQ(blocks[4].kind, BlockKind::figure);
  EXPECT_EQ(blocks[4].text, "图为边会现场。孙铁牛摄/光明图片");
  EXPECT_EQ(blocks[5].kind, BlockKind::byline);
}
