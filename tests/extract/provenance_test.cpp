// Every recovered part of an issue says where it came from: a page and a box
// inside that page for PDF input, a range of the file's lines for text; and
// the review report carries the same next to its line numbers.
#include "../../extract/src/pdf_source.h"
#include "reissue/extract.h"
#include "reissue/issue_parts.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

using Visit = std::function<void(const std::string& what, const Provenance& provenance)>;

// Every part the issue holds text or a picture for, named by its XPath.
void for_each_part(const Issue& issue, const Visit& visit) {
  for (const IssuePart& part : issue_parts(issue)) visit(part.path, *part.provenance);
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

namespace {

// How many nodes of `xml` the report's XPath finds (its element names are
// unprefixed in the issue namespace: a prefix is put in for libxml2).
int count_nodes(const std::string& xml, const std::string& path) {
  std::string prefixed;
  for (size_t i = 0; i < path.size(); ++i) {
    prefixed += path[i];
    if (path[i] == '/' && i + 1 < path.size() && path[i + 1] != '/') prefixed += "r:";
  }
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "issue.xml", nullptr, XML_PARSE_NONET);
  xmlXPathContextPtr context = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(context, BAD_CAST "r", BAD_CAST "urn:reissue:issue:1");
  xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST prefixed.c_str(), context);
  const int count = found && found->nodesetval ? found->nodesetval->nodeNr : -1;
  xmlXPathFreeObject(found);
  xmlXPathFreeContext(context);
  xmlFreeDoc(doc);
  return count;
}

// Each review item names its page, an excerpt and one element of the XML
// written for the issue; set-aside text names its page (and box, for PDF).
void expect_located(const ExtractResult& result, bool pdf) {
  const std::string xml = write_issue_xml(result.issue);
  for (const ReviewItem& item : result.report.review) {
    SCOPED_TRACE(item.kind + ": " + item.message);
    EXPECT_GE(item.page, 1);
    EXPECT_FALSE(item.excerpt.empty());
    if (item.kind == "second-issue") continue;  // about the input, not one element
    ASSERT_FALSE(item.element.empty());
    EXPECT_EQ(count_nodes(xml, item.element), 1) << item.element;
  }
  for (const SetAside& item : result.report.set_aside) {
    SCOPED_TRACE(item.reason + ": " + item.text);
    EXPECT_GE(item.page, 1);
    EXPECT_EQ(item.boxes.empty(), !pdf);
  }
  for (const IssuePart& part : issue_parts(result.issue)) EXPECT_EQ(count_nodes(xml, part.path), 1) << part.path;
}

}  // namespace

TEST(Provenance, EveryDecisionNamesItsPageAnExcerptAndTheElementInTheXml) {
  for (const fs::path& file : corpus_files(".txt")) {
    SCOPED_TRACE(file.filename().string());
    expect_located(extract_text(test::read_text(file), file.filename().string()), false);
  }
  for (const char* name : {"corpus/corpus-003.pdf", "producers/lo-kai-003.pdf", "producers/xelatex-serif-001.pdf"}) {
    SCOPED_TRACE(name);
    const fs::path file = test::source_dir() / "tests/data" / name;
    const ExtractResult result = extract_pdf(test::read_text(file), file.filename().string());
    EXPECT_FALSE(result.report.set_aside.empty());
    expect_located(result, true);
  }
}

TEST(Provenance, ADecisionBetweenTwoLinesQuotesWhereTheyMeet) {
  // Seed 003 line 209: "…（Artificial" then "General Intelligence…": a Latin join.
  const std::vector<fs::path> texts = corpus_files(".txt");
  const auto seed = std::find_if(texts.begin(), texts.end(),
                                 [](const fs::path& file) { return file.filename().string().rfind("003_", 0) == 0; });
  ASSERT_NE(seed, texts.end());
  const ExtractResult result = extract_text(test::read_text(*seed), "003.txt");
  const auto join = std::find_if(result.report.review.begin(), result.report.review.end(),
                                 [](const ReviewItem& item) { return item.kind == "latin-join"; });
  ASSERT_NE(join, result.report.review.end());
  EXPECT_NE(join->excerpt.find("Artificial⏎General"), std::string::npos) << join->excerpt;
  EXPECT_EQ(join->element.rfind("/issue/article[@id='a1']/body/p[", 0), 0u) << join->element;
  const std::string summary = report_summary(result.report);
  EXPECT_NE(summary.find("Artificial⏎General"), std::string::npos) << summary;
  EXPECT_NE(summary.find(join->element), std::string::npos) << summary;
}
