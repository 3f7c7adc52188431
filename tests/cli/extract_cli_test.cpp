#include "test_support.h"

#include <gtest/gtest.h>

namespace test = reissue::test;
using test::run_reissue;

namespace {
std::string seed_path(const std::string& number) {
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "tests/data/seeds"))
    if (entry.path().filename().string().rfind(number + "_", 0) == 0) return entry.path().string();
  return "";
}
}  // namespace

TEST(ExtractCli, WritesXmlAndReport) {
  test::TempDir dir;
  const auto result = run_reissue("extract '" + seed_path("003") + "' -o '" + (dir / "003.xml").string() +
                                  "' --report '" + (dir / "003.json").string() + "'");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(test::read_text(dir / "003.xml"),
            test::read_text(test::source_dir() / "tests/data/expected/seed-003.xml"));
  EXPECT_NE(test::read_text(dir / "003.json").find("\"review\""), std::string::npos);
  EXPECT_NE(result.err.find("decision(s) to review"), std::string::npos);
  EXPECT_NE(result.err.find("latin-join"), std::string::npos);
  // The output validates.
  EXPECT_EQ(run_reissue("validate -q '" + (dir / "003.xml").string() + "'").exit_code, 0);
}

TEST(ExtractCli, StdoutByDefaultAndQuiet) {
  const auto result = run_reissue("extract -q '" + seed_path("001") + "'");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, test::read_text(test::source_dir() / "tests/data/expected/seed-001.xml"));
  EXPECT_EQ(result.err, "");
}

TEST(ExtractCli, BadInputGivesAClearErrorAndNoOutputFile) {
  test::TempDir dir;
  test::write_text(dir / "binary.txt", std::string("\x01\x02\0\x03", 4));
  const auto result =
      run_reissue("extract '" + (dir / "binary.txt").string() + "' -o '" + (dir / "out.xml").string() + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("binary.txt: binary data (NUL byte at offset 2)"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.xml"));
  const auto missing = run_reissue("extract /nonexistent/issue.txt -o '" + (dir / "out.xml").string() + "'");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/issue.txt: does not exist"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()) ||
              !std::filesystem::exists(dir / "out.xml"));
}

TEST(ExtractCli, EncodingOption) {
  const auto result = run_reissue("extract -q --encoding KLINGON-8 '" + seed_path("001") + "'");
  EXPECT_EQ(result.exit_code, 6);  // a bad option value
  EXPECT_NE(result.err.find("--encoding KLINGON-8: is not an encoding ICU knows"), std::string::npos) << result.err;
}
