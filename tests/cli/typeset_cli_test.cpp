#include "test_support.h"

#include <gtest/gtest.h>

#include <regex>

namespace test = reissue::test;
using test::run_reissue;

namespace {
std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }
std::string sample() { return quoted(test::source_dir() / "samples/649.xml"); }

int page_count(const std::filesystem::path& pdf) {
  const auto info = test::run_command("pdfinfo " + quoted(pdf));
  std::smatch match;
  return std::regex_search(info.out, match, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(match[1]) : -1;
}
}  // namespace

TEST(TypesetCli, WritesAPdfInEitherStyle) {
  test::TempDir dir;
  const auto result = run_reissue("typeset " + sample() + " -o " + quoted(dir / "649.pdf"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("649.pdf: 5 page(s)"), std::string::npos) << result.err;
  EXPECT_EQ(test::read_text(dir / "649.pdf").rfind("%PDF-1.7", 0), 0u);

  const auto large = run_reissue("typeset -q " + sample() + " -o " + quoted(dir / "large.pdf") + " --style " +
                                 quoted(test::source_dir() / "styles/large-print.xml"));
  EXPECT_EQ(large.exit_code, 0) << large.err;
  EXPECT_EQ(large.err, "");
  // A5 large print needs far more pages than A4.
  EXPECT_GT(page_count(dir / "large.pdf"), 2 * page_count(dir / "649.pdf"));
}

// --style takes a bundled sheet's name too; a name that is neither a file nor
// a bundled sheet is refused with the names there are.
TEST(TypesetCli, StyleByBundledName) {
  test::TempDir dir;
  const auto by_name = run_reissue("typeset -q " + sample() + " -o " + quoted(dir / "named.pdf") + " --style large-print");
  EXPECT_EQ(by_name.exit_code, 0) << by_name.err;
  const auto by_file = run_reissue("typeset -q " + sample() + " -o " + quoted(dir / "file.pdf") + " --style " +
                                   quoted(test::source_dir() / "styles/large-print.xml"));
  EXPECT_EQ(by_file.exit_code, 0) << by_file.err;
  EXPECT_EQ(page_count(dir / "named.pdf"), page_count(dir / "file.pdf"));
  const auto unknown = run_reissue("typeset " + sample() + " -o " + quoted(dir / "x.pdf") + " --style large");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no bundled sheet of that name (default, large-print)"), std::string::npos) << unknown.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.pdf"));
}

TEST(TypesetCli, BadStyleSheetIsRejectedWithItsLine) {
  test::TempDir dir;
  std::string style = test::read_text(test::source_dir() / "styles/default.xml");
  style.replace(style.find("size=\"12pt\""), 11, "size=\"twelve\"");
  test::write_text(dir / "bad.xml", style);
  test::write_text(dir / "out.pdf", "previous output");
  const auto result =
      run_reissue("typeset " + sample() + " -o " + quoted(dir / "out.pdf") + " --style " + quoted(dir / "bad.xml"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(std::regex_search(result.err, std::regex("bad\\.xml:10: .*twelve"))) << result.err;
  EXPECT_EQ(test::read_text(dir / "out.pdf"), "previous output");  // never half-overwritten

  const auto missing = run_reissue("typeset " + sample() + " -o " + quoted(dir / "x.pdf") + " --style /no/such.xml");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/no/such.xml: does not exist"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.pdf"));
}

TEST(TypesetCli, MissingFigureImageNamesTheImageAndTheFigure) {
  test::TempDir dir;
  std::string issue = test::read_text(test::source_dir() / "samples/649.xml");
  issue.replace(issue.find("<figure>"), 8, "<figure src=\"photos/1.jpg\">");
  test::write_text(dir / "issue.xml", issue);
  const auto result = run_reissue("typeset " + quoted(dir / "issue.xml") + " -o " + quoted(dir / "issue.pdf"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find((dir / "photos/1.jpg").string() +
                            ": figure image cannot be read: does not exist "
                            "(figure at line 39 of the issue)"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "issue.pdf"));
}

TEST(TypesetCli, InvalidIssueIsNotTypeset) {
  test::TempDir dir;
  std::string issue = test::read_text(test::source_dir() / "samples/649.xml");
  issue.replace(issue.find("when=\""), 16, "when=\"2025-13-45");
  test::write_text(dir / "issue.xml", issue);
  const auto result = run_reissue("typeset " + quoted(dir / "issue.xml") + " -o " + quoted(dir / "issue.pdf"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("issue.xml:"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "issue.pdf"));
}

TEST(DocxCli, WritesADocxAndSharesTheTypesettersChecks) {
  test::TempDir dir;
  const auto result = run_reissue("docx " + sample() + " -o " + quoted(dir / "649.docx") + " --style " +
                                  quoted(test::source_dir() / "styles/large-print.xml"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("649.docx: "), std::string::npos) << result.err;
  EXPECT_EQ(test::read_text(dir / "649.docx").rfind("PK\x03\x04", 0), 0u);

  std::string issue = test::read_text(test::source_dir() / "samples/649.xml");
  issue.replace(issue.find("<figure>"), 8, "<figure src=\"photos/1.png\">");
  test::write_text(dir / "issue.xml", issue);
  const auto missing = run_reissue("docx " + quoted(dir / "issue.xml") + " -o " + quoted(dir / "issue.docx"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("photos/1.png: figure image cannot be read"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "issue.docx"));
}

TEST(TypesetCli, StyleSheetMistakesNameTheirLine) {
  test::TempDir dir;
  std::string style = test::read_text(test::source_dir() / "styles/default.xml");
  const std::string format = "format=\"";
  const size_t at = style.find(format) + format.size();
  style.insert(at, "{pgae} ");
  test::write_text(dir / "footer.xml", style);
  const auto footer = run_reissue("typeset " + sample() + " -o " + quoted(dir / "x.pdf") + " --style " +
                                  quoted(dir / "footer.xml"));
  EXPECT_EQ(footer.exit_code, 1);
  EXPECT_NE(footer.err.find("{pgae} is not filled in"), std::string::npos) << footer.err;

  std::string fonts = test::read_text(test::source_dir() / "styles/default.xml");
  const std::string serif = "serif=\"";
  fonts.insert(fonts.find(serif) + serif.size(), "Not Installed ");
  test::write_text(dir / "fonts.xml", fonts);
  const auto font = run_reissue("typeset " + sample() + " -o " + quoted(dir / "x.pdf") + " --style " +
                                quoted(dir / "fonts.xml"));
  EXPECT_EQ(font.exit_code, 1);
  EXPECT_TRUE(std::regex_search(font.err, std::regex("fonts\\.xml:\\d+: font \"Not Installed .*is not installed")))
      << font.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.pdf"));
}

TEST(TypesetCli, CharactersNoFontHasAreWarnedInRepairToo) {
  test::TempDir dir;
  std::string issue = test::read_text(test::source_dir() / "samples/649.xml");
  const std::string paragraph = "<p>";
  issue.insert(issue.find(paragraph) + paragraph.size(), "\xF4\x8F\xBF\xBD");  // U+10FFFD (private use), in no installed font
  test::write_text(dir / "emoji.xml", issue);
  const auto typeset = run_reissue("typeset -q " + quoted(dir / "emoji.xml") + " -o " + quoted(dir / "x.pdf"));
  EXPECT_NE(typeset.err.find("no installed font has these characters"), std::string::npos) << typeset.err;
  const auto repair = run_reissue("repair " + quoted(dir / "emoji.xml") + " -o " + quoted(dir / "out"));
  EXPECT_EQ(repair.exit_code, 0) << repair.err;
  EXPECT_NE(repair.err.find("no installed font has these characters"), std::string::npos) << repair.err;
  EXPECT_NE(test::read_text(dir / "out/status.json").find("\"warnings\": 1"), std::string::npos);
}
