// Copying text out of the typeset PDF gives the issue's text: every paragraph
// of the sample and the seeds, in both styles and as PDF/A, read back with
// Poppler's pdftotext -raw and with MuPDF's text device (the lines of a
// paragraph joined) equals the XML's text. The 1/4 em between Han and Latin
// must not read as a space (it is part of the preceding glyph's width, in /W
// for Poppler and in the embedded program for MuPDF); word spaces still read
// as spaces.
#include "reissue/compose.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

// The text of each <p> of an issue XML, markup removed, white space collapsed.
std::vector<std::string> paragraphs(const std::string& xml) {
  std::vector<std::string> out;
  static const std::regex paragraph("<p(?: [^>]*)?>([\\s\\S]*?)</p>");
  static const std::regex tag("<[^>]*>");
  static const std::regex space("\\s+");
  for (std::sregex_iterator it(xml.begin(), xml.end(), paragraph), end; it != end; ++it) {
    std::string text = std::regex_replace(std::regex_replace((*it)[1].str(), tag, ""), space, " ");
    for (const auto& [entity, character] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"},
                                            {"&amp;", "&"}})
      for (size_t at; (at = text.find(entity)) != std::string::npos;) text.replace(at, std::string(entity).size(), character);
    if (const size_t first = text.find_first_not_of(' '); first != std::string::npos)
      out.push_back(text.substr(first, text.find_last_not_of(' ') - first + 1));
  }
  return out;
}

// pdftotext's text without the running footers (a line of "第 N 页 共 M
// 页" or "N / M", after any lines of digits: the issue number some seeds
// print at the foot; MuPDF puts blank lines between) and page breaks, so
// that a paragraph continued on the next page reads on.
std::string body_text(const std::string& text) {
  static const std::regex footer("\\n+(?:\\d+\\n+)*(?:第 \\d+ 页 共 \\d+ 页|\\d+ / \\d+)\\n+\\f?");
  std::string out = std::regex_replace(text, footer, "\n");
  std::erase(out, '\f');
  return out;
}

// Whether `paragraph` occurs in `text`, where a line break may fall between
// any two characters (lines are joined without a space) and stands for a
// word space at a line end.
bool copies_back(const std::string& text, const std::string& paragraph) {
  for (size_t start = text.find(paragraph.substr(0, 1)); start != std::string::npos;
       start = text.find(paragraph.substr(0, 1), start + 1)) {
    size_t t = start, p = 0;
    while (p < paragraph.size() && t < text.size()) {
      if (text[t] == paragraph[p]) {
        ++t, ++p;
      } else if (text[t] == '\n') {
        ++t;
        if (paragraph[p] == ' ') ++p;
      } else {
        break;
      }
    }
    if (p == paragraph.size()) return true;
  }
  return false;
}

// The masthead's number is set in full-width brackets, and copies as such.
TEST(Masthead, NumberInFullWidthBrackets) {
  const Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  bool found = false;
  for (const ComposedBlock& block : compose_issue(issue))
    if (block.role == Role::number) {
      EXPECT_EQ(block.text, "（第六四九）");
      found = true;
    }
  EXPECT_TRUE(found);
  const test::TempDir dir;
  test::write_text(dir / "issue.pdf", typeset_pdf(issue, default_style(), read_figures(issue, test::source_dir() / "samples")));
  const test::RunResult run = test::run_command("pdftotext -raw " + (dir / "issue.pdf").string() + " -");
  EXPECT_NE(run.out.find("\n（第六四九）\n"), std::string::npos) << run.out.substr(0, 200);
}

struct CopyCase {
  std::string issue;  // relative to the repository
  std::string style;
  bool pdfa = false;
};

class CopyText : public ::testing::TestWithParam<CopyCase> {};

TEST_P(CopyText, EveryParagraphCopiesBackFromPopplerAndMuPdf) {
  const fs::path xml = test::source_dir() / GetParam().issue;
  const Issue issue = read_issue(xml);
  const Style style = load_style(test::source_dir() / GetParam().style);
  TypesetOptions options;
  options.pdfa = GetParam().pdfa;
  const test::TempDir dir;
  test::write_text(dir / "issue.pdf", typeset_pdf(issue, style, read_figures(issue, xml.parent_path()), nullptr, options));
  const std::vector<std::string> expected = paragraphs(test::read_text(xml));
  ASSERT_GT(expected.size(), 10u);
  for (const std::string& reader : {"pdftotext -raw '" + (dir / "issue.pdf").string() + "' -",
                             "mutool draw -q -F txt '" + (dir / "issue.pdf").string() + "'"}) {
    SCOPED_TRACE(reader);
    const test::RunResult run = test::run_command(reader);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string text = body_text(run.out);
    int exact = 0;
    for (const std::string& paragraph : expected) {
      if (copies_back(text, paragraph)) ++exact;
      else ADD_FAILURE() << "does not copy back: " << paragraph;
    }
    EXPECT_EQ(exact, static_cast<int>(expected.size()));
  }
}

std::vector<CopyCase> cases() {
  std::vector<CopyCase> out;
  for (const char* style : {"styles/default.xml", "styles/large-print.xml"}) {
    out.push_back({"samples/649.xml", style});
    for (const char* seed : {"seed-000", "seed-001", "seed-002", "seed-003"})
      out.push_back({std::string("tests/data/expected/") + seed + ".xml", style});
  }
  // The archival PDF (what `repair` writes) copies back as well.
  out.push_back({"samples/649.xml", "styles/default.xml", true});
  out.push_back({"tests/data/expected/seed-002.xml", "styles/large-print.xml", true});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Issues, CopyText, ::testing::ValuesIn(cases()), [](const ::testing::TestParamInfo<CopyCase>& param) {
  std::string name = fs::path(param.param.issue).stem().string() + "_" + fs::path(param.param.style).stem().string() +
                     (param.param.pdfa ? "_pdfa" : "");
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
});

}  // namespace
