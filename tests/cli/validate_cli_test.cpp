#include "test_support.h"

#include <gtest/gtest.h>

using reissue::test::run_reissue;
namespace test = reissue::test;

TEST(ValidateCli, SampleIsValid) {
  const auto result = run_reissue("validate '" + (test::source_dir() / "samples/649.xml").string() + "'");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("1 valid"), std::string::npos);
}

TEST(ValidateCli, InvalidFilePrintsFileLineMessageAndExitsOne) {
  test::TempDir dir;
  std::string xml = test::read_text(test::source_dir() / "samples/649.xml");
  xml.replace(xml.find("<p>"), 3, "<p>   ");
  xml.replace(xml.find("https://xhpfmapi"), 5, "hxxps");
  test::write_text(dir / "bad.xml", xml);
  const auto result = run_reissue("validate -q '" + (dir / "bad.xml").string() + "'");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find((dir / "bad.xml").string() + ":29: "), std::string::npos) << result.out;
}

TEST(ValidateCli, UnreadableFileExitsTwoAndOthersAreStillChecked) {
  test::TempDir dir;
  test::write_text(dir / "broken.xml", "<issue>");
  const auto result = run_reissue("validate '" + (dir / "broken.xml").string() + "' '" +
                                  (test::source_dir() / "samples/649.xml").string() +
                                  "' /nonexistent.xml");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("broken.xml:1: not well-formed XML"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("/nonexistent.xml: does not exist"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("3 file(s): 1 valid, 0 invalid, 2 unreadable"), std::string::npos)
      << result.err;
}

TEST(ValidateCli, EditorMistakesAreExplainedInWordsAllInOneRun) {
  test::TempDir dir;
  const std::string sample = test::read_text(test::source_dir() / "samples/649.xml");
  std::string ampersand = sample;
  ampersand.replace(ampersand.find("<p>") + 3, 0, "医疗 & 健康");
  test::write_text(dir / "amp.xml", ampersand);
  const auto unreadable = run_reissue("validate -q '" + (dir / "amp.xml").string() + "'");
  EXPECT_EQ(unreadable.exit_code, 2);
  EXPECT_NE(unreadable.out.find("amp.xml:10: not well-formed XML: a bare & must be written &amp;\n"),
            std::string::npos)
      << unreadable.out;

  // A schema problem (markup in a title), a rule problem (a wrong article number)
  // and a number too large for the model: all reported, in line order.
  std::string several = sample;
  several.replace(several.find("<title>") + 7, 0, "<b>");
  several.replace(several.find("</title>"), 0, "</b>");
  several.replace(several.find("<number n=\"649\">"), 16, "<number n=\"99999999324\">");
  several.replace(several.find("<article n=\"2\""), 14, "<article n=\"5\"");
  test::write_text(dir / "several.xml", several);
  const auto invalid = run_reissue("validate -q '" + (dir / "several.xml").string() + "'");
  EXPECT_EQ(invalid.exit_code, 1) << invalid.err;
  const std::string prefix = (dir / "several.xml").string() + ":";
  const size_t number = invalid.out.find(prefix + "5: number n=\"99999999324\" is too large");
  const size_t title = invalid.out.find("<b> is not allowed inside <title>: <title> holds plain text only");
  const size_t article = invalid.out.find("article n=\"5\" should be 2");
  EXPECT_NE(number, std::string::npos) << invalid.out;
  EXPECT_NE(title, std::string::npos) << invalid.out;
  EXPECT_NE(article, std::string::npos) << invalid.out;
  EXPECT_LT(number, title);
  EXPECT_LT(title, article);
  EXPECT_EQ(invalid.out.find("Element '"), std::string::npos) << invalid.out;  // no raw libxml2 text
}

TEST(Cli, VersionAndHelpForEverySubcommand) {
  const auto version = run_reissue("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("reissue ", 0), 0u);
  for (const char* command : {"extract", "typeset", "docx", "repair", "batch", "validate"}) {
    const auto help = run_reissue(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command << help.out;
  }
  const auto unknown = run_reissue("frobnicate");
  EXPECT_NE(unknown.exit_code, 0);
}

TEST(ValidateCli, FigureImagesMustExistAndDecode) {
  test::TempDir dir;
  std::string issue = test::read_text(test::source_dir() / "samples/649.xml");
  issue.replace(issue.find("<figure>"), 8, "<figure src=\"photos/missing.jpg\">");
  issue.replace(issue.find("<figure>"), 8, "<figure src=\"photos/broken.png\">");
  std::filesystem::create_directories(dir / "photos");
  test::write_text(dir / "photos/broken.png", "\x89PNG\r\n\x1a\n not really");
  test::write_text(dir / "issue.xml", issue);
  const auto result = test::run_reissue("validate '" + (dir / "issue.xml").string() + "'");
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("issue.xml:39: figure image photos/missing.jpg does not exist"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("photos/broken.png"), std::string::npos) << result.out;
  // What validate passes, typeset can set.
  test::write_text(dir / "photos/missing.jpg", "");
  EXPECT_NE(test::run_reissue("typeset -q '" + (dir / "issue.xml").string() + "' -o '" + (dir / "x.pdf").string() + "'")
                .exit_code,
            0);
}
