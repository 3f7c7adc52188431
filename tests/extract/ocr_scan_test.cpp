// OCR as an extraction source: the scan test set (tests/data/scans, made from
// the corpus by generate.sh there) read back and held to the OCR bar; which
// reading of an OCR'd scan is kept; pages whose fonts do not decode read by
// OCR; --ocr never refusing as before.
#include "../../extract/src/ocr_choice.h"
#include "gold_issue.h"
#include "gold_score.h"
#include "reissue/extract.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

using namespace reissue;
using namespace reissue::test;
namespace fs = std::filesystem;

namespace {

class Scans : public ::testing::TestWithParam<ProducerPdf> {};

}  // namespace

namespace reissue::test {
void PrintTo(const ProducerPdf& file, std::ostream* out) { *out << file.name; }
}  // namespace reissue::test

namespace {

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "\n  " + item;
  return out;
}

std::vector<const ReviewItem*> ocr_items(const ExtractResult& result) {
  std::vector<const ReviewItem*> items;
  for (const ReviewItem& item : result.report.review)
    if (item.kind == "ocr") items.push_back(&item);
  return items;
}

}  // namespace

// Each file: its scores printed (the bar test's record), the bar, and what the
// review says about each page's reading.
TEST_P(Scans, ReadByOcrMeetsTheBar) {
  const ProducerPdf& file = GetParam();
  const std::string bytes = read_text(file.pdf);
  ExtractResult result;
  try {
    result = extract_pdf(bytes, file.name + ".pdf");
  } catch (const Error& error) {
    FAIL() << file.name << ": " << error.what();
  }
  const GoldScore score = score_against_gold(result.issue, issue_from_gold_json(file.gold), 30);
  std::printf("%s: articles %d/%d, masthead date %s, fields %d/%d, paragraph F1 %.3f (exact text %.3f), "
              "similarity %.4f, Chinese spaces %d (of %d)\n",
              file.name.c_str(), score.articles_extracted, score.articles_gold,
              score.masthead_date_exact ? "exact" : "wrong", score.fields_ok(), score.fields_total(),
              score.paragraph_f1_near(), score.paragraph_f1(), score.similarity, score.chinese_spaces,
              score.chinese_spaces_all);

  const auto items = ocr_items(result);
  const auto all_say = [&](const std::string& phrase) {
    return items.size() == static_cast<size_t>(result.report.pages) &&
           std::all_of(items.begin(), items.end(),
                       [&](const ReviewItem* item) { return item->message.find(phrase) != std::string::npos; });
  };
  std::string review;
  for (const ReviewItem& item : result.report.review)
    if (item.kind == "ocr" || item.kind == "text-layer") review += "\n  " + item.message;
  if (file.producer == "scan") {
    EXPECT_TRUE(all_say("no text layer (a scan): read by OCR")) << review;
  } else if (file.name.starts_with("sandwich-eng")) {
    // A layer of Latin nonsense over Chinese pages: replaced on every page.
    EXPECT_TRUE(all_say("invisible text layer was replaced by a fresh reading")) << review;
  } else if (file.producer == "sandwich") {
    // Tesseract's own layer in the right language agrees with a fresh
    // reading, but lacks the word boxes and confidences paragraphs are told
    // by: the fresh reading is taken on every page, and the review says how
    // well the two agreed.
    EXPECT_TRUE(all_say("the fresh reading has the word boxes and confidences the layer lacks")) << review;
  }
  for (const ReviewItem* item : items) {
    EXPECT_GT(item->page, 0);
    ASSERT_EQ(item->boxes.size(), 1u) << item->message;
  }

  const std::vector<std::string> failures = ocr_bar_failures(score);
  EXPECT_TRUE(failures.empty()) << file.name << " misses the OCR bar:" << lines(failures) << "\nfirst mismatches ("
                                << score.mismatch_count << " in all):" << lines(score.mismatches);
}

INSTANTIATE_TEST_SUITE_P(Set, Scans, ::testing::ValuesIn(scan_pdfs()),
                         [](const ::testing::TestParamInfo<ProducerPdf>& param) {
                           std::string name = param.param.name;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(Ocr, NeverRefusesAScanAsBefore) {
  const fs::path file = source_dir() / "tests/data/scans/scan-jpeg-001.pdf";
  ExtractOptions options;
  options.ocr = ExtractOptions::Ocr::never;
  try {
    extract_pdf(read_text(file), "scan.pdf", options);
    FAIL() << "a scan was extracted without OCR";
  } catch (const NoTextLayer& error) {
    EXPECT_NE(error.message().find("only images: a scan?"), std::string::npos) << error.message();
  }
}

// A rewrite whose fonts lost their map to Unicode, with no installed face to
// recover it from: its pages are read by OCR, the review saying why.
TEST(Ocr, UnreadablePagesAreReadByOcr) {
  const fs::path file = source_dir() / "tests/data/rewrites/font-not-installed.pdf";
  const ExtractResult result = extract_pdf(read_text(file), "font-not-installed.pdf");
  const auto items = ocr_items(result);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_NE(items[0]->message.find("the text layer is unreadable (the fonts NotoSerifCJKzz"), std::string::npos)
      << items[0]->message;
  EXPECT_FALSE(result.issue.articles.empty());
}

TEST(Ocr, APhotoOnAScannedPageIsCutOutWithItsCaption) {
  // Issue 649's first two pages with a photograph (scans/figures, made by
  // generate.sh), scanned at 200 dpi: Tesseract's layout analysis finds the
  // picture; it is kept like a PDF's image, with the caption under it.
  const fs::path file = source_dir() / "tests/data/scans/figures/figure-649.pdf";
  const ExtractResult result = extract_pdf(read_text(file), "figure-649.pdf");
  ASSERT_EQ(result.images.size(), 1u);
  EXPECT_EQ(result.images[0].bytes.substr(0, 4), "\x89PNG");
  const Block* figure = nullptr;
  for (const Article& article : result.issue.articles)
    for (const Block& block : article.blocks)
      if (block.kind == BlockKind::figure && !block.image.empty()) figure = &block;
  ASSERT_NE(figure, nullptr);
  EXPECT_NE(figure->text.find("广东省具身智能机器人创新中心"), std::string::npos) << figure->text;
  ASSERT_EQ(figure->provenance.boxes.size(), 1u);
  const Box& box = figure->provenance.boxes[0].box;
  EXPECT_EQ(figure->provenance.boxes[0].page, 2);
  // The photograph is 600 x 400: its cut keeps the shape (the caption is
  // text, not part of the picture).
  const double aspect = (box.right - box.left) / (box.bottom - box.top);
  EXPECT_GT(aspect, 1.35);
  EXPECT_LT(aspect, 1.65);
}

TEST(Ocr, TextAgreementIsDifflibsRatio) {
  EXPECT_DOUBLE_EQ(extract::text_agreement(U"", U""), 1);
  EXPECT_DOUBLE_EQ(extract::text_agreement(U"卫生", U""), 0);
  EXPECT_DOUBLE_EQ(extract::text_agreement(U"卫生健康", U"卫生健康"), 1);
  EXPECT_DOUBLE_EQ(extract::text_agreement(U"abcd", U"acbd"), 0.75);  // LCS 3 of 4 + 4
  // Longer than a machine word: the carries between words.
  std::u32string a, b;
  for (int i = 0; i < 300; ++i) a += static_cast<char32_t>(U'一' + i % 50), b += static_cast<char32_t>(U'一' + i % 50);
  b.erase(100, 10);
  EXPECT_DOUBLE_EQ(extract::text_agreement(a, b), 2.0 * 290 / 590);
}
