// The corpus text files (pdftotext of PDFs with known content), the PDFs, and
// their Ghostscript and pdftops + ps2pdf rewrites (tests/data/rewrites: the
// ToUnicode maps dropped, text recovered from the installed fonts) against
// their gold JSON. Gold strings are compared after the format's spacing rule
// (docs/format.md), which the gold, holding the text as placed, does not apply.
#include "extract_checks.h"
#include "reissue/extract.h"
#include "reissue/text.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace reissue;
using nlohmann::json;

namespace {

std::string norm(const json& value) { return normalize_inline_text(value.get<std::string>()); }

const char* kind_name(const Block& block) {
  return block.kind == BlockKind::figure ? "caption" : block_kind_name(block.kind);
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// (corpus number, input extension: .txt, .pdf, or a rewrite's .gs.pdf, .ps2pdf.pdf)
class CorpusGold : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

}  // namespace

TEST_P(CorpusGold, ExtractionMatchesGold) {
  const auto& [number, extension] = GetParam();
  const auto dir = test::source_dir() / "tests/data/corpus";
  const bool rewrite = extension != ".pdf" && ends_with(extension, ".pdf");
  const auto input_dir = rewrite ? test::source_dir() / "tests/data/rewrites" : dir;
  const std::string input = test::read_text(input_dir / ("corpus-" + number + extension));
  const json gold = json::parse(test::read_text(dir / ("corpus-" + number + ".gold.json")));
  const ExtractResult result = extract_document(input, "corpus" + extension);
  EXPECT_EQ(result.report.input_kind, ends_with(extension, ".pdf") ? "pdf" : "text");
  const Issue& issue = result.issue;

  const json& masthead = gold["masthead"];
  EXPECT_EQ(issue.masthead.publisher, norm(masthead["publisher"]));
  EXPECT_EQ(issue.masthead.date->iso(), masthead["date"].get<std::string>());
  if (masthead.contains("series")) {
    EXPECT_EQ(issue.masthead.series, norm(masthead["series"]));
  }
  if (masthead.contains("number")) {
    EXPECT_EQ(issue.masthead.number, masthead["number"].get<int>());
  }

  ASSERT_EQ(issue.intro.size(), gold["intro"].size());
  for (size_t i = 0; i < issue.intro.size(); ++i) EXPECT_EQ(issue.intro[i].text, norm(gold["intro"][i]));
  ASSERT_EQ(issue.contents.size(), gold["contents"].size());
  for (size_t i = 0; i < issue.contents.size(); ++i) {
    EXPECT_EQ(issue.contents[i].title, norm(gold["contents"][i]["title"]));
    EXPECT_EQ(issue.contents[i].source, norm(gold["contents"][i]["source"]));
  }
  ASSERT_EQ(issue.articles.size(), gold["articles"].size());
  for (size_t a = 0; a < issue.articles.size(); ++a) {
    const Article& article = issue.articles[a];
    const json& expected = gold["articles"][a];
    SCOPED_TRACE("article " + std::to_string(a + 1));
    EXPECT_EQ(article.title, norm(expected["title"]));
    EXPECT_EQ(article.source, norm(expected["source"]));
    EXPECT_EQ(article.href, expected["url"].get<std::string>());
    EXPECT_EQ(article.headline, norm(expected["headline"]));
    EXPECT_EQ(article.dateline->date->iso(), expected["dateline"].get<std::string>());
    ASSERT_EQ(article.blocks.size(), expected["blocks"].size());
    for (size_t b = 0; b < article.blocks.size(); ++b) {
      EXPECT_EQ(article.blocks[b].text, norm(expected["blocks"][b])) << "block " << b;
      EXPECT_EQ(kind_name(article.blocks[b]), expected["kinds"][b].get<std::string>()) << "block " << b;
    }
  }
  if (extension == ".txt") {
    EXPECT_TRUE(test::characters_conserved(input, result));
  }
  EXPECT_TRUE(result.images.empty());  // the corpus places no figures
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusGold,
                         ::testing::Combine(::testing::Values("000", "001", "002", "003"),
                                            ::testing::Values(".txt", ".pdf")),
                         [](const auto& param) {
                           return std::get<0>(param.param) + (std::get<1>(param.param) == ".pdf" ? "_pdf" : "_txt");
                         });

// Rewrites that dropped ToUnicode maps must come back exactly as the gold.
// Ghostscript 10.00 drops the maps of some fonts only; the committed rewrites
// are those where it dropped some. ps2pdf drops every map, and embeds some
// fonts as empty programs whose widths are all 1 em: the recovered glyphs keep
// the installed face's advances, so the gaps that are spaces (`Insilico
// Medicine`) and those that are not (after `——`) read as in the original.
INSTANTIATE_TEST_SUITE_P(Rewrites, CorpusGold,
                         ::testing::Values(std::tuple{"000", ".ps2pdf.pdf"}, std::tuple{"001", ".ps2pdf.pdf"},
                                           std::tuple{"002", ".ps2pdf.pdf"}, std::tuple{"003", ".ps2pdf.pdf"},
                                           std::tuple{"001", ".gs.pdf"}, std::tuple{"003", ".gs.pdf"}),
                         [](const auto& param) {
                           const std::string& extension = std::get<1>(param.param);
                           return std::get<0>(param.param) + (extension == ".gs.pdf" ? "_gs" : "_ps2pdf");
                         });
