// The seeds (text extracted from real issues) against gold XML written by hand
// (tests/data/expected/seed-NNN.xml; see tests/data/expected/README.md).
#include "extract_checks.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

fs::path seed_file(const std::string& number) {
  for (const auto& entry : fs::directory_iterator(test::source_dir() / "tests/data/seeds"))
    if (entry.path().filename().string().rfind(number + "_", 0) == 0) return entry.path();
  return {};
}

class SeedGold : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(SeedGold, ExtractionEqualsHandWrittenGold) {
  const fs::path input = seed_file(GetParam());
  ASSERT_FALSE(input.empty());
  const std::string text = test::read_text(input);
  const ExtractResult result = extract_text(text, input.filename().string());
  const std::string expected =
      test::read_text(test::source_dir() / "tests/data/expected" / ("seed-" + GetParam() + ".xml"));
  EXPECT_TRUE(test::same_text(write_issue_xml(result.issue), expected));
  EXPECT_TRUE(test::characters_conserved(text, result));
  EXPECT_TRUE(check_semantics(result.issue).empty());
}

INSTANTIATE_TEST_SUITE_P(Seeds, SeedGold, ::testing::Values("000", "001", "002", "003"));

TEST(SeedReport, InferredDateAndUncertainJoinsAreReported) {
  const std::string text = test::read_text(seed_file("000"));
  const ExtractResult seed0 = extract_text(text, "000.txt");
  const auto inferred = std::find_if(seed0.report.review.begin(), seed0.report.review.end(),
                                     [](const ReviewItem& item) { return item.kind == "inferred"; });
  ASSERT_NE(inferred, seed0.report.review.end());
  EXPECT_EQ(inferred->first_line, 3);
  EXPECT_NE(inferred->message.find("2025-06-13"), std::string::npos);

  const ExtractResult seed3 = extract_text(test::read_text(seed_file("003")), "003.txt");
  bool latin_join = false;
  for (const ReviewItem& item : seed3.report.review)
    if (item.kind == "latin-join" && item.first_line == 209 && item.last_line == 211 &&
        item.message.find("\"Artificial\" + \"General\"") != std::string::npos)
      latin_join = true;
  EXPECT_TRUE(latin_join);
}
