// The DOCX as LibreOffice sets it: quotation marks full-width, as in the PDF.
// LibreOffice 7.4 ignores w:hint="eastAsia" and takes a run's marks from its
// Latin (ascii/hAnsi) font, where “ is 0.45 em wide; the writer gives those
// marks runs in the Chinese font (layout/src/docx_document.cpp).
#include "reissue/text.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace reissue {
namespace {

struct Glyph {
  char32_t character;
  double em;  // advance box width relative to the font size
};

// The glyphs of a PDF, from MuPDF's structured text (one <char> per glyph,
// inside the <font> it is set in).
std::vector<Glyph> glyphs_of(const std::string& stext) {
  static const std::regex font(R"re(<font name="[^"]*" size="([0-9.]+)")re");
  static const std::regex character(R"re(<char quad="([-0-9.e]+) [-0-9.e]+ ([-0-9.e]+) [^"]*"[^>]*c="([^"]*)")re");
  std::vector<Glyph> glyphs;
  double size = 0;
  std::istringstream in(stext);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_search(line, match, font)) size = std::stod(match[1]);
    if (!std::regex_search(line, match, character) || size <= 0) continue;
    const std::string c = match[3];
    char32_t code = 0;
    if (c.rfind("&#x", 0) == 0) code = static_cast<char32_t>(std::stoul(c.substr(3), nullptr, 16));
    else if (const std::u32string decoded = utf8_to_u32(c); decoded.size() == 1) code = decoded[0];
    glyphs.push_back({code, (std::stod(match[2]) - std::stod(match[1])) / size});
  }
  return glyphs;
}

bool is_quote(char32_t c) { return c == U'“' || c == U'”' || c == U'‘' || c == U'’'; }

class DocxRendering : public ::testing::TestWithParam<std::string> {};

TEST_P(DocxRendering, LibreOfficeSetsQuotationMarksFullWidth) {
  ASSERT_EQ(test::run_command("command -v soffice").exit_code, 0) << "LibreOffice is not installed (setup.sh)";
  ASSERT_EQ(test::run_command("command -v mutool").exit_code, 0) << "mupdf-tools is not installed (setup.sh)";
  test::TempDir dir;
  const auto docx = test::run_reissue("docx --style '" + (test::source_dir() / GetParam()).string() + "' '" +
                                      (test::source_dir() / "samples/649.xml").string() + "' -o '" +
                                      (dir / "649.docx").string() + "'");
  ASSERT_EQ(docx.exit_code, 0) << docx.err;
  const auto pdf = test::run_command(test::libreoffice(dir / "lo-profile") + " --convert-to pdf --outdir '" +
                                     dir.path().string() + "' '" + (dir / "649.docx").string() + "'");
  ASSERT_EQ(pdf.exit_code, 0) << pdf.err;
  const auto stext =
      test::run_command("mutool draw -q -F stext -o - '" + (dir / "649.pdf").string() + "' 2>/dev/null");
  ASSERT_EQ(stext.exit_code, 0);

  int quotes = 0;
  std::vector<std::string> narrow;
  for (const Glyph& glyph : glyphs_of(stext.out)) {
    if (!is_quote(glyph.character)) continue;
    ++quotes;
    if (glyph.em < 0.8)
      narrow.push_back(u32_to_utf8(std::u32string(1, glyph.character)) + " " + std::to_string(glyph.em) + " em");
  }
  EXPECT_GT(quotes, 50) << "the sample's quotation marks were not found in LibreOffice's PDF";
  std::string list;
  for (const std::string& mark : narrow) list += "\n  " + mark;
  EXPECT_TRUE(narrow.empty()) << narrow.size() << " of " << quotes << " quotation marks narrower than 0.8 em:" << list;
}

INSTANTIATE_TEST_SUITE_P(Styles, DocxRendering, ::testing::Values("styles/default.xml", "styles/large-print.xml"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return param.index == 0 ? std::string("Default") : std::string("LargePrint");
                         });

// The split runs read back as one paragraph: extract gives the issue back.
TEST(DocxRenderingRoundTrip, ExtractOfTheDocxGivesBackTheSampleXml) {
  test::TempDir dir;
  const std::string sample = (test::source_dir() / "samples/649.xml").string();
  ASSERT_EQ(test::run_reissue("docx '" + sample + "' -o '" + (dir / "649.docx").string() + "'").exit_code, 0);
  const auto extract =
      test::run_reissue("extract '" + (dir / "649.docx").string() + "' -o '" + (dir / "back.xml").string() + "'");
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  const auto canonical = test::run_reissue("format '" + sample + "'");
  ASSERT_EQ(canonical.exit_code, 0) << canonical.err;
  EXPECT_TRUE(test::same_text(test::read_text(dir / "back.xml"), canonical.out));
}

}  // namespace
}  // namespace reissue
