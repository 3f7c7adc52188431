// Every recovered part of an issue says where it came from: a page and a box
// inside that page for PDF input, a range of the file's lines for text; and
// the review report carries the same next to its line numbers.
#include "../../extract/src/pdf_source.h"
#include "reissue/extract.h"
#include "reissue/text.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

using Visit = std::function<void(const std::string& what, const Provenance& provenance)>;

// Every part the issue holds text or a picture for, named for messages.
void for_each_part(const Issue& issue, const Visit& visit) {
  const Masthead& masthead = issue.masthead;
  if (!masthead.series.empty()) visit("series", masthead.provenance.series);
  if (masthead.number) visit("number", masthead.provenance.number);
  if (!masthead.publisher.empty()) visit("publisher", masthead.provenance.publisher);
  if (!masthead.date_text.empty()) visit("date", masthead.provenance.date);
  for (size_t i = 0; i < issue.intro.size(); ++i) visit("intro " + std::to_string(i), issue.intro[i].provenance);
  for (size_t i = 0; i < issue.contents.size(); ++i)
    visit("contents " + std::to_string(i), issue.contents[i].provenance);
  for (const Article& article : issue.articles) {
    const std::string name = "article " + std::to_string(article.n) + " ";
    if (!article.title.empty()) visit(name + "title", article.provenance.title);
    if (!article.source.empty()) visit(name + "source", article.provenance.source);
    if (!article.href.empty()) visit(name + "link", article.provenance.link);
    if (!article.headline.empty()) visit(name + "headline", article.provenance.headline);
    if (article.dateline) visit(name + "dateline", article.dateline->provenance);
    for (size_t i = 0; i < article.blocks.size(); ++i)
      visit(name + "block " + std::to_string(i), article.blocks[i].provenance);
  }
}

std::vector<fs::path> corpus_files(const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(test::source_dir() / "tests/data/corpus"))
    if (entry.path().extension() == extension) files.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(test::source_dir() / "tests/data/seeds"))
    if (entry.path().extension() == extension) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

bool inside(const Box& box, const SourcePage& page) {
  return box.left >= 0 && box.top >= 0 && box.right <= page.width && box.bottom <= page.height &&
         box.left < box.right && box.top < box.bottom;
}

}  // namespace

TEST(Provenance, EveryPartOfACorpusPdfHasAPageAndABoxInsideIt) {
  const std::vector<fs::path> pdfs = corpus_files(".pdf");
  ASSERT_EQ(pdfs.size(), 4u);
  for (const fs::path& file : pdfs) {
    SCOPED_TRACE(file.filename().string());
    const std::string bytes = test::read_text(file);
    const ExtractResult result = extract_pdf(bytes, file.filename().string());
    // The media boxes, as the source reads them.
    const SourceDocument pages = extract::read_pdf(bytes, file.string());
    int parts = 0;
    for_each_part(result.issue, [&](const std::string& what, const Provenance& provenance) {
      ++parts;
      EXPECT_TRUE(provenance.known()) << what;
      EXPECT_GE(provenance.page, 1) << what;
      ASSERT_FALSE(provenance.boxes.empty()) << what;
      EXPECT_EQ(provenance.boxes.front().page, provenance.page) << what;
      for (const PageBox& place : provenance.boxes) {
        ASSERT_GE(place.page, 1) << what;
        ASSERT_LE(place.page, static_cast<int>(pages.pages.size())) << what;
        EXPECT_TRUE(inside(place.box, pages.pages[static_cast<size_t>(place.page - 1)])) << what;
      }
    });
    EXPECT_GT(parts, 20);
  }
}

TEST(Provenance, EveryPartOfATextHasALineRangeWithinTheFile) {
  const std::vector<fs::path> texts = corpus_files(".txt");
  ASSERT_EQ(texts.size(), 8u);
  for (const fs::path& file : texts) {
    SCOPED_TRACE(file.filename().string());
    const std::string text = test::read_text(file);
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    const ExtractResult result = extract_text(text, file.filename().string());
    for_each_part(result.issue, [&](const std::string& what, const Provenance& provenance) {
      EXPECT_GE(provenance.first_line, 1) << what;
      EXPECT_LE(provenance.first_line, provenance.last_line) << what;
      EXPECT_LE(provenance.last_line, lines) << what;
      EXPECT_GE(provenance.page, 1) << what;
      EXPECT_TRUE(provenance.boxes.empty()) << what;
    });
  }
}

TEST(Provenance, APartsLinesHoldItsText) {
  // Seed 003: the first body paragraph of article 1 starts on the line its
  // provenance names and ends on its last line.
  const std::vector<fs::path> texts = corpus_files(".txt");
  const auto seed = std::find_if(texts.begin(), texts.end(),
                                 [](const fs::path& file) { return file.filename().string().rfind("003_", 0) == 0; });
  ASSERT_NE(seed, texts.end());
  const std::string text = test::read_text(*seed);
  std::vector<std::string> lines;
  for (size_t start = 0, end; start <= text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
  }
  const ExtractResult result = extract_text(text, "003.txt");
  const Block& paragraph = result.issue.articles.at(0).blocks.at(0);
  const std::u32string block = utf8_to_u32(paragraph.text);
  const std::u32string first = utf8_to_u32(lines.at(static_cast<size_t>(paragraph.provenance.first_line - 1)));
  const std::u32string last = utf8_to_u32(lines.at(static_cast<size_t>(paragraph.provenance.last_line - 1)));
  EXPECT_EQ(block.substr(0, 4), first.substr(first.find_first_not_of(U' '), 4)) << paragraph.text;
  EXPECT_EQ(block.substr(block.size() - 2), last.substr(last.size() - 2)) << paragraph.text;
}

TEST(Provenance, ReviewItemsNameTheirPageAndForPdfTheirBoxes) {
  const fs::path pdf = test::source_dir() / "tests/data/corpus/corpus-003.pdf";
  const ExtractResult result = extract_pdf(test::read_text(pdf), "corpus-003.pdf");
  ASSERT_FALSE(result.report.review.empty());
  const nlohmann::json json = nlohmann::json::parse(report_to_json(result.report));
  for (const auto& item : json["review"]) {
    EXPECT_GE(item["page"].get<int>(), 1) << item.dump();
    ASSERT_TRUE(item.contains("boxes")) << item.dump();
    const auto& box = item["boxes"][0]["box"];
    EXPECT_LT(box[0].get<double>(), box[2].get<double>()) << item.dump();
    EXPECT_LT(box[1].get<double>(), box[3].get<double>()) << item.dump();
  }
  for (const fs::path& file : corpus_files(".txt")) {
    const ExtractResult text = extract_text(test::read_text(file), file.filename().string());
    for (const ReviewItem& item : text.report.review) {
      EXPECT_GE(item.page, 1) << item.message;
      EXPECT_TRUE(item.boxes.empty()) << item.message;
    }
  }
}
