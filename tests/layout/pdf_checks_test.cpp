// The typeset PDF checked by independent consumers (qpdf, pdffonts,
// pdftotext, pdfinfo, pdftoppm, mutool) and by its own re-extracted lines.
#include "../../extract/src/line_assembly.h"
#include "../../extract/src/pdf_source.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/text.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

// One typeset sample shared by the checks (typesetting takes ~50 ms).
class TypesetSample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    issue_ = new Issue(read_issue(test::source_dir() / "samples/649.xml"));
    dir_ = new test::TempDir();
    pdf_ = new std::string(typeset_pdf(*issue_, default_style(), read_figures(*issue_, test::source_dir())));
    test::write_text(*dir_ / "649.pdf", *pdf_);
  }
  static void TearDownTestSuite() {
    delete issue_;
    delete dir_;
    delete pdf_;
  }
  static std::string file() { return (*dir_ / "649.pdf").string(); }
  static Issue* issue_;
  static test::TempDir* dir_;
  static std::string* pdf_;
};
Issue* TypesetSample::issue_ = nullptr;
test::TempDir* TypesetSample::dir_ = nullptr;
std::string* TypesetSample::pdf_ = nullptr;

std::string without_white_space(const std::string& text) {
  std::string out;
  for (char32_t c : utf8_to_u32(text))
    if (!is_space(c)) append_utf8(out, c);
  return out;
}

// Mean absolute difference of two binary PGM (P5) images of the same size,
// compared as 6x6-pixel block averages so that the two rasterizers'
// anti-aliasing does not count, while different glyphs do (0..255).
double pgm_difference(const std::string& a, const std::string& b) {
  auto parse = [](const std::string& data, int& width, int& height) {
    std::istringstream in(data);
    std::string magic;
    int maximum;
    in >> magic >> width >> height >> maximum;
    in.get();
    return data.substr(static_cast<size_t>(in.tellg()));
  };
  int width, height, wb, hb;
  const std::string pa = parse(a, width, height), pb = parse(b, wb, hb);
  if (width != wb || height != hb || pa.size() != pb.size() || pa.empty()) return 255;
  constexpr int kBlock = 6;
  double sum = 0;
  int blocks = 0;
  for (int by = 0; by + kBlock <= height; by += kBlock)
    for (int bx = 0; bx + kBlock <= width; bx += kBlock) {
      double da = 0, db = 0;
      for (int y = by; y < by + kBlock; ++y)
        for (int x = bx; x < bx + kBlock; ++x) {
          da += static_cast<unsigned char>(pa[static_cast<size_t>(y) * width + x]);
          db += static_cast<unsigned char>(pb[static_cast<size_t>(y) * width + x]);
        }
      sum += std::abs(da - db) / (kBlock * kBlock);
      ++blocks;
    }
  return blocks ? sum / blocks : 255;
}

}  // namespace

TEST_F(TypesetSample, QpdfFindsNoErrors) {
  const auto result = test::run_command("qpdf --check '" + file() + "'");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("No syntax or stream encoding errors found"), std::string::npos);
  EXPECT_EQ(result.err, "");
}

TEST_F(TypesetSample, EveryFontIsEmbeddedSubsetAndMapsToUnicode) {
  const auto result = test::run_command("pdffonts '" + file() + "'");
  ASSERT_EQ(result.exit_code, 0);
  std::istringstream lines(result.out);
  std::string line;
  int fonts = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("name", 0) == 0 || line.rfind("---", 0) == 0) continue;
    ++fonts;
    EXPECT_TRUE(std::regex_search(line, std::regex("^[A-Z]{6}\\+"))) << line;  // a subset tag
    EXPECT_TRUE(std::regex_search(line, std::regex("yes +yes +yes"))) << line;   // emb sub uni
  }
  EXPECT_GE(fonts, 3);  // serif and sans Chinese, a Latin companion
}

TEST_F(TypesetSample, PdftotextGivesBackEveryParagraph) {
  const auto result = test::run_command("pdftotext -enc UTF-8 '" + file() + "' -");
  ASSERT_EQ(result.exit_code, 0);
  // Running footers aside, every paragraph's text is there, in order.
  std::string text = std::regex_replace(result.out, std::regex("第\\s*\\d+\\s*页\\s*共\\s*\\d+\\s*页"), "");
  text = without_white_space(text);
  size_t at = 0;
  for (const Article& article : issue_->articles)
    for (const Block& block : article.blocks) {
      const std::string wanted = without_white_space(block.text);
      const size_t found = text.find(wanted, at);
      ASSERT_NE(found, std::string::npos) << block.text;
      at = found + wanted.size();
    }
}

TEST_F(TypesetSample, LinesFollowTheChineseLineBreakingRules) {
  const SourceDocument source = extract::read_pdf(*pdf_, "649.pdf");
  const Style& style = default_style();
  const double left = style.margin_left, right = style.page_width - style.margin_right;
  static const std::u32string kNeverFirst = U"、，。：；！？”’）》」』】〕〗…—·";
  static const std::u32string kNeverLast = U"“‘（《「『【〔〖";
  int checked = 0;
  for (const SourcePage& source_page : source.pages) {
    const std::vector<extract::PrintedLine> page_lines = extract::assemble_lines(source_page.runs);
    for (size_t i = 0; i < page_lines.size(); ++i) {
      const auto& line = page_lines[i];
      ASSERT_FALSE(line.text.empty());
      EXPECT_EQ(kNeverFirst.find(line.text.front()), std::u32string::npos) << u32_to_utf8(line.text);
      EXPECT_EQ(kNeverLast.find(line.text.back()), std::u32string::npos) << u32_to_utf8(line.text);
      // A body line followed by an unindented body line ends at the right margin.
      if (i + 1 >= page_lines.size()) continue;
      const auto& next = page_lines[i + 1];
      const bool body = std::abs(line.font_size - 12) < 0.1 && std::abs(next.font_size - 12) < 0.1 &&
                        !line.bold && !next.bold && !line.colored;
      const bool continues = std::abs(next.box.left - left) < 0.5 && next.baseline - line.baseline < 12 * 1.7;
      const bool starts_body = std::abs(line.box.left - left) < 0.5 || std::abs(line.box.left - left - 24) < 0.5;
      if (!body || !continues || !starts_body || line.box.right - line.box.left < 0.6 * style.text_width()) continue;
      // A closing mark at the end is set half-width: its box reaches 1/2 em further.
      const bool half_width_end = std::u32string(U"，。、；：！？”’）》」』】").find(line.text.back()) != std::u32string::npos;
      EXPECT_NEAR(line.box.right, right + (half_width_end ? 6 : 0), 0.5) << u32_to_utf8(line.text);
      ++checked;
    }
  }
  EXPECT_GT(checked, 40);
}

TEST_F(TypesetSample, PopplerAndMupdfRenderTheSameGlyphs) {
  // A wrong CID/GID mapping renders in one of them only (typesetting-facts.md).
  const fs::path poppler = *dir_ / "poppler", mupdf = *dir_ / "mupdf.pgm";
  ASSERT_EQ(test::run_command("pdftoppm -r 72 -gray -f 1 -l 1 '" + file() + "' '" + poppler.string() + "'").exit_code, 0);
  ASSERT_EQ(test::run_command("mutool draw -q -r 72 -c gray -o '" + mupdf.string() + "' '" + file() + "' 1").exit_code, 0);
  std::string poppler_file;
  for (const auto& entry : fs::directory_iterator(dir_->path()))
    if (entry.path().filename().string().rfind("poppler", 0) == 0) poppler_file = entry.path().string();
  ASSERT_FALSE(poppler_file.empty());
  // Measured: ~1 for the same page, ~16 between two different pages.
  const double difference = pgm_difference(test::read_text(poppler_file), test::read_text(mupdf));
  EXPECT_LT(difference, 3.0);
}

TEST_F(TypesetSample, MetadataLinksOutlineAndTags) {
  const auto info = test::run_command("pdfinfo '" + file() + "'");
  EXPECT_NE(info.out.find("Title:           全国卫生信息化舆情监测周报 第六四九"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Tagged:          yes"), std::string::npos);
  EXPECT_NE(info.out.find("CreationDate:    Fri Nov 14 00:00:00 2025 UTC"), std::string::npos);
  EXPECT_NE(info.out.find("PDF version:     1.7"), std::string::npos);
  const auto urls = test::run_command("pdfinfo -url '" + file() + "'");
  for (const Article& article : issue_->articles) EXPECT_NE(urls.out.find(article.href), std::string::npos);
  const auto outline = test::run_command("qpdf --json --json-key=outlines '" + file() + "'");
  EXPECT_NE(outline.out.find("\"title\": \"1. 科学与健康 | “医学+AI”视角看健康中国新图景\""), std::string::npos);
  EXPECT_NE(outline.out.find("\"title\": \"3. 全国职业健康技能竞赛决赛举行\""), std::string::npos);
  EXPECT_NE(pdf_->find("/Lang(zh-CN)"), std::string::npos);
  EXPECT_NE(pdf_->find("/StructTreeRoot"), std::string::npos);
}

TEST_F(TypesetSample, SameIssueSameBytes) {
  const std::string again = typeset_pdf(*issue_, default_style(), read_figures(*issue_, test::source_dir()));
  EXPECT_TRUE(again == *pdf_) << "two runs differ; first difference at byte "
                              << std::mismatch(again.begin(), again.end(), pdf_->begin(), pdf_->end()).first - again.begin();
  // Without worker threads (as batch workers run): the same bytes.
  TypesetOptions single_threaded;
  single_threaded.parallel = false;
  EXPECT_TRUE(typeset_pdf(*issue_, default_style(), read_figures(*issue_, test::source_dir()), nullptr, single_threaded) == *pdf_);
}

TEST(Typeset, CharactersNoFontHasAreReportedNotDroppedSilently) {
  Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  issue.articles[0].blocks[0].text += u32_to_utf8(U"\U0010FFFD");
  TypesetReport report;
  const std::string pdf = typeset_pdf(issue, default_style(), read_figures(issue, test::source_dir()), &report);
  EXPECT_EQ(report.uncovered, U"\U0010FFFD");
  EXPECT_GT(pdf.size(), 1000u);
}
