// Typesetting never loses content: a title longer than a page after a page of
// intro paragraphs, keep-with-next chains longer than a page, spaces as tall
// as the text area, pages that hold one line, words wider than a line, a
// figure taller than the page. Each PDF is read back with pdftotext -bbox:
// every character of every block is there, in order, and nothing lies outside
// the text area (the footer inside the bottom margin). The DOCX keeps the same
// text, in Word's paragraphs and through LibreOffice. Style values that would
// make a layout impossible (or are not numbers) are refused with a message.
#include "../../layout/src/pages.h"
#include "docx_package.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/fonts.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/text.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <regex>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

std::string without_white_space(const std::string& text) {
  std::string out;
  for (char32_t c : utf8_to_u32(text))
    if (!is_space(c)) append_utf8(out, c);
  return out;
}

// An issue XML with `intro_count` short intro paragraphs, one article whose
// title is `title_length` characters long, and the given body (XML).
std::string issue_xml(int intro_count, size_t title_length, const std::string& body = "<p>正文。</p>") {
  std::string title;
  for (int i = 0; utf8_to_u32(title).size() < title_length; ++i) title += "卫生健康信息化第" + std::to_string(i) + "段，";
  title = u32_to_utf8(utf8_to_u32(title).substr(0, title_length));
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<issue xmlns=\"urn:reissue:issue:1\" xml:lang=\"zh-CN\">\n"
      "  <masthead>\n    <series>全国卫生信息化舆情监测周报</series>\n  </masthead>\n  <intro>\n";
  for (int i = 0; i < intro_count; ++i) xml += "    <p>第" + std::to_string(i) + "段导语。</p>\n";
  xml += "  </intro>\n  <article n=\"1\" id=\"a1\">\n    <title>" + title + "</title>\n    <body>\n      " + body +
         "\n    </body>\n  </article>\n</issue>\n";
  return xml;
}

Issue issue_from(const std::string& xml) {
  LoadResult loaded = load_issue_from_memory(xml, "long.xml");
  EXPECT_TRUE(loaded.ok()) << (loaded.problems.empty() ? "" : loaded.problems.front().message);
  return *loaded.issue;
}

// What the typesetter prints for each block of the issue, in order.
std::vector<std::string> printed_texts(const Issue& issue) {
  std::vector<std::string> out;
  if (!issue.masthead.series.empty()) out.push_back(issue.masthead.series);
  for (const Block& paragraph : issue.intro) out.push_back(paragraph.text);
  for (const Article& article : issue.articles) {
    out.push_back(std::to_string(article.n) + ".标题：" + article.title);
    for (const Block& block : article.blocks)
      if (!block.text.empty()) out.push_back(block.text);
  }
  return out;
}

struct Word {
  int page = 0;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // points, y down from the top of the page
  std::string text;
};

std::vector<Word> words_of(const fs::path& pdf) {
  const auto result = test::run_command("pdftotext -bbox '" + pdf.string() + "' -");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<Word> words;
  static const std::regex item("<page |<word xMin=\"([-0-9.]+)\" yMin=\"([-0-9.]+)\" xMax=\"([-0-9.]+)\" "
                               "yMax=\"([-0-9.]+)\">([^<]*)</word>");
  int page = 0;
  for (auto it = std::sregex_iterator(result.out.begin(), result.out.end(), item); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    if (!m[1].matched) {
      ++page;
      continue;
    }
    words.push_back({page, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
  }
  return words;
}

// The PDF's text without the footers, white space and line ends, in reading
// order; a failure for every word outside the text area (a footer word
// outside the bottom margin). Punctuation set half width at a line's end or
// start may reach half an em past the margin (its blank half). Poppler's word
// box is the font's ascent to descent (1.45 em in Noto CJK), not the em box
// the typesetter centres in the line: with leading under 1.45 it reaches
// past the line box by up to 0.15 of its height.
std::string text_inside_area(const fs::path& pdf, const Style& style, bool check_area = true) {
  const double foot = style.page_height - style.margin_bottom;
  std::string text;
  int outside = 0;
  for (const Word& word : words_of(pdf)) {
    const double slack = 0.55 * (word.y1 - word.y0);
    const double font_box = 0.15 * (word.y1 - word.y0);
    const bool footer = word.y0 >= foot - 1;
    const bool inside = footer ? word.y1 <= style.page_height && word.x0 >= 0 && word.x1 <= style.page_width
                               : word.x0 >= style.margin_left - slack &&
                                     word.x1 <= style.page_width - style.margin_right + slack &&
                                     word.y0 >= style.margin_top - font_box && word.y1 <= foot + font_box;
    if (check_area && !inside && ++outside <= 5)
      ADD_FAILURE() << pdf.filename() << ": page " << word.page << ": \"" << word.text << "\" at (" << word.x0 << ", "
                    << word.y0 << ")-(" << word.x1 << ", " << word.y1 << ") is outside the "
                    << (footer ? "page" : "text area");
    if (!footer) text += word.text;
  }
  return without_white_space(text);
}

// Every text in `expected` appears in `got`, in order.
::testing::AssertionResult all_in_order(const std::string& got, const std::vector<std::string>& expected) {
  size_t at = 0;
  for (const std::string& text : expected) {
    const std::string wanted = without_white_space(text);
    const size_t found = got.find(wanted, at);
    if (found == std::string::npos)
      return ::testing::AssertionFailure() << "missing or out of order (" << utf8_to_u32(wanted).size()
                                           << " characters): " << text.substr(0, 120);
    at = found + wanted.size();
  }
  return ::testing::AssertionSuccess();
}

int page_count(const fs::path& pdf) {
  const auto info = test::run_command("pdfinfo '" + pdf.string() + "'");
  std::smatch m;
  return std::regex_search(info.out, m, std::regex("Pages: +([0-9]+)")) ? std::stoi(m[1]) : 0;
}

// The default style sheet with one attribute of one element set (added when
// the element lacks it): `element` is how the tag starts, `<page` or
// `<role name="body"`.
std::string sheet_with(const std::string& element, const std::string& attribute, const std::string& value,
                       std::string sheet = test::read_text(test::source_dir() / "styles/default.xml")) {
  const size_t start = sheet.find(element + " ");
  EXPECT_NE(start, std::string::npos) << element;
  const size_t end = sheet.find("/>", start);
  const size_t at = sheet.find(" " + attribute + "=\"", start);
  if (at != std::string::npos && at < end) {
    const size_t value_start = at + attribute.size() + 3;
    sheet.replace(value_start, sheet.find('"', value_start) - value_start, value);
  } else {
    sheet.insert(end, " " + attribute + "=\"" + value + "\"");
  }
  return sheet;
}

struct StyleCase {
  const char* name;
  const char* file;
};

void PrintTo(const StyleCase& style, std::ostream* out) { *out << style.file; }

class LayoutLongTitle : public ::testing::TestWithParam<StyleCase> {};

}  // namespace

// The fuzzing find: 31 intro paragraphs and a 2,000-character title gave
// "2 page(s)" with 54 of 106 lines below the page, and exit 0.
TEST_P(LayoutLongTitle, EveryCharacterIsOnThePageInsideTheTextArea) {
  test::TempDir dir;
  const Style style = load_style(test::source_dir() / GetParam().file);
  const Issue issue = issue_from(issue_xml(31, 2000));
  TypesetReport report;
  test::write_text(dir / "long.pdf", typeset_pdf(issue, style, read_figures(issue, dir.path()), &report));
  EXPECT_GE(report.pages, 3);
  EXPECT_EQ(page_count(dir / "long.pdf"), report.pages);
  EXPECT_TRUE(all_in_order(text_inside_area(dir / "long.pdf", style), printed_texts(issue)));
}

// The DOCX holds the same text, and LibreOffice sets all of it on its pages.
TEST_P(LayoutLongTitle, DocxKeepsEveryCharacter) {
  test::TempDir dir;
  const Style style = load_style(test::source_dir() / GetParam().file);
  const Issue issue = issue_from(issue_xml(31, 2000));
  const std::string docx = write_docx(issue, style, read_figures(issue, dir.path()));
  std::string document;
  for (auto& [name, bytes] : test::unzip(docx))
    if (name == "word/document.xml") document = bytes;
  std::string paragraphs;
  for (const auto& paragraph : test::docx_paragraphs(document)) paragraphs += paragraph.text;
  EXPECT_TRUE(all_in_order(without_white_space(paragraphs), printed_texts(issue)));

  ASSERT_EQ(test::run_command("command -v soffice").exit_code, 0) << "LibreOffice is not installed (setup.sh)";
  test::write_text(dir / "long.docx", docx);
  const auto converted = test::run_command(test::libreoffice(dir / "lo-profile") + " --convert-to pdf --outdir '" + dir.path().string() + "' '" +
                                           (dir / "long.docx").string() + "'");
  ASSERT_EQ(converted.exit_code, 0) << converted.err;
  // LibreOffice's line breaking is its own: only the text is compared.
  EXPECT_TRUE(all_in_order(text_inside_area(dir / "long.pdf", style, false), printed_texts(issue)));
}

INSTANTIATE_TEST_SUITE_P(Styles, LayoutLongTitle,
                         ::testing::Values(StyleCase{"default", "styles/default.xml"},
                                           StyleCase{"large_print", "styles/large-print.xml"}),
                         [](const ::testing::TestParamInfo<StyleCase>& param) { return param.param.name; });

// Sub-headings are kept with what follows; 150 of them in a row are longer
// than a page, and the rule yields.
TEST(LayoutNeverLosesText, KeepWithNextChainLongerThanAPage) {
  test::TempDir dir;
  std::string body;
  for (int i = 0; i < 150; ++i) body += "<heading>小标题" + std::to_string(i) + "</heading>";
  body += "<p>正文。</p>";
  const Issue issue = issue_from(issue_xml(3, 20, body));
  test::write_text(dir / "chain.pdf", typeset_pdf(issue, default_style(), read_figures(issue, dir.path())));
  EXPECT_TRUE(all_in_order(text_inside_area(dir / "chain.pdf", default_style()), printed_texts(issue)));
}

// A Latin word, a row of dashes (no break between them) and a URL with no
// place to break, each wider than a line, are broken where they fill it.
TEST(LayoutNeverLosesText, RunsWiderThanALineAreBroken) {
  test::TempDir dir;
  const std::string word(400, 'x');
  std::string dashes;
  for (int i = 0; i < 200; ++i) dashes += "—";
  const std::string url = "https://" + std::string(300, 'w');
  const Issue issue =
      issue_from(issue_xml(1, 10, "<p>前" + word + "后</p><p>" + dashes + "</p><p>见" + url + "</p>"));
  for (const char* file : {"styles/default.xml", "styles/large-print.xml"}) {
    const Style style = load_style(test::source_dir() / file);
    test::write_text(dir / "wide.pdf", typeset_pdf(issue, style, read_figures(issue, dir.path())));
    EXPECT_TRUE(all_in_order(text_inside_area(dir / "wide.pdf", style), printed_texts(issue))) << file;
  }
}

// space-before="300mm" overflowed a size_t in place_text; now it is refused,
// and a space the sheet allows (200 mm) is dropped where a page ends.
TEST(LayoutNeverLosesText, SpaceTallerThanTheTextAreaIsRefusedAndATallOneLaidOut) {
  try {
    load_style_from_memory(sheet_with("<role name=\"article-title\"", "space-before", "300mm"), "tall.xml");
    FAIL() << "a 300 mm space was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.file(), "tall.xml");
    EXPECT_EQ(error.line(), 16);
    EXPECT_EQ(error.message(),
              "space-before \"300mm\" (850.4 pt): must be between 0 pt and 700.1 pt (the height of the text area)");
  }
  test::TempDir dir;
  std::string sheet = sheet_with("<role name=\"article-title\"", "space-before", "200mm");
  sheet = sheet_with("<role name=\"intro\"", "space-after", "200mm", sheet);
  const Style style = load_style_from_memory(sheet, "tall.xml");
  const Issue issue = issue_from(issue_xml(31, 2000));
  test::write_text(dir / "tall.pdf", typeset_pdf(issue, style, read_figures(issue, dir.path())));
  EXPECT_TRUE(all_in_order(text_inside_area(dir / "tall.pdf", style), printed_texts(issue)));
}

// A text area that holds one body line: widow and orphan control yield, and
// every line still gets a page.
TEST(LayoutNeverLosesText, PagesOfOneLineYieldWidowAndOrphanControl) {
  test::TempDir dir;
  std::string sheet = sheet_with("<page", "height", "160mm");
  sheet = sheet_with("<page", "top", "60mm", sheet);
  sheet = sheet_with("<page", "bottom", "70mm", sheet);  // a text area of 30 mm (85 pt)
  sheet = sheet_with("<role name=\"body\"", "size", "30pt", sheet);
  sheet = sheet_with("<role name=\"body\"", "leading", "2", sheet);
  const Style style = load_style_from_memory(sheet, "short.xml");
  const Issue issue = issue_from(issue_xml(2, 30, "<p>" + std::string(30, 'a') + "一二三四五六七八九十" +
                                                      "一二三四五六七八九十一二三四五六七八九十</p>"));
  test::write_text(dir / "short.pdf", typeset_pdf(issue, style, read_figures(issue, dir.path())));
  EXPECT_TRUE(all_in_order(text_inside_area(dir / "short.pdf", style), printed_texts(issue)));
}

// A line that cannot be placed (only a style built in code can ask for one:
// sheets are range-checked) is an error naming the issue and the block's line.
TEST(LayoutNeverLosesText, LineThatCannotBePlacedIsAnErrorNamingTheBlock) {
  const Issue issue = issue_from(issue_xml(1, 10, "<p>正文。</p>"));
  TypesetOptions options;
  options.issue_name = "long.xml";
  Style tall = default_style();
  tall.roles[Role::body].size = 100;
  tall.roles[Role::body].leading = 8;
  try {
    typeset_pdf(issue, tall, {}, nullptr, options);
    FAIL() << "a line 800 pt tall was placed on a page";
  } catch (const Error& error) {
    EXPECT_EQ(error.file(), "long.xml");
    EXPECT_EQ(error.line(), 12);  // the <p>
    EXPECT_NE(error.message().find("the body block \"正文。\" has a line 800 pt tall, taller than the text area"),
              std::string::npos)
        << error.message();
  }
  Style narrow = default_style();
  narrow.margin_left = narrow.margin_right = (narrow.page_width - 100) / 2;
  narrow.roles[Role::body].size = 150;
  narrow.roles[Role::body].leading = 1;
  narrow.roles[Role::body].indent_em = 0;
  try {
    typeset_pdf(issue, narrow, {}, nullptr, options);
    FAIL() << "a character 150 pt wide was placed in a text area 100 pt wide";
  } catch (const Error& error) {
    EXPECT_EQ(error.file(), "long.xml");
    EXPECT_EQ(error.line(), 12);
    EXPECT_NE(error.message().find("the body block \"正文。\" does not fit inside the text area of page"),
              std::string::npos)
        << error.message();
  }
}

// An image twenty times taller than wide is scaled to half the text area's
// height in the PDF and in the DOCX, and its caption stays.
TEST(LayoutNeverLosesText, FigureTallerThanThePageIsScaled) {
  test::TempDir dir;
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = 100;
  image.height = 2000;
  image.format = PNG_FORMAT_GRAY;
  const std::string pixels(100 * 2000, '\x80');
  ASSERT_TRUE(png_image_write_to_file(&image, (dir / "tall.png").c_str(), 0, pixels.data(), 0, nullptr));
  const Issue issue =
      issue_from(issue_xml(1, 10, "<p>图前。</p><figure src=\"tall.png\"><caption>很高的图。</caption></figure><p>图后。</p>"));
  const Style& style = default_style();
  const double text_height = style.page_height - style.margin_top - style.margin_bottom;

  FontLibrary fonts;
  TypesetOptions options;
  options.issue_name = "long.xml";
  const Figures images = read_figures(issue, dir.path());
  const layout::PagedDocument paged = layout::paginate(compose_issue(issue), style, images, fonts, options);
  int figures = 0;
  for (const layout::Page& page : paged.pages)
    for (const layout::PlacedImage& placed : page.images) {
      ++figures;
      EXPECT_LE(placed.height, text_height / 2 + 0.01);
      EXPECT_NEAR(placed.width / placed.height, 100.0 / 2000, 1e-6);
      EXPECT_GE(placed.y, style.margin_bottom - 0.01);
      EXPECT_LE(placed.y + placed.height, style.page_height - style.margin_top + 0.01);
    }
  EXPECT_EQ(figures, 1);

  test::write_text(dir / "figure.pdf", typeset_pdf(issue, style, read_figures(issue, dir.path())));
  EXPECT_TRUE(all_in_order(text_inside_area(dir / "figure.pdf", style), printed_texts(issue)));

  std::string document;
  for (auto& [name, bytes] : test::unzip(write_docx(issue, style, read_figures(issue, dir.path()))))
    if (name == "word/document.xml") document = bytes;
  std::smatch extent;
  ASSERT_TRUE(std::regex_search(document, extent, std::regex("<wp:extent cx=\"([0-9]+)\" cy=\"([0-9]+)\"")));
  EXPECT_LE(std::stod(extent[2]) / 12700, text_height / 2 + 0.01);
}

namespace {

struct RangeCase {
  const char* element;
  const char* attribute;
  std::string value;
  const char* message;  // what the error says after "file:line: "
};

}  // namespace

// Style values of 400 nines parsed as infinity; inf, nan, exponents and hex
// floats are no numbers either. Every range has a message naming the
// attribute, the value and the range.
TEST(StyleRanges, ValuesOutsideTheirRangeOrNotNumbersAreRefused) {
  const std::string nines(400, '9');
  const RangeCase cases[] = {
      {"<role name=\"body\"", "size", nines + "pt",
       "size \"99999999999999999999…\": is not a length: write a number and a unit (pt, mm, cm or in), such as 12pt "
       "or 25mm, with at most 15 digits"},
      {"<role name=\"body\"", "space-after", "0." + nines + "pt", "space-after \"0.999999999999999999…\": is not a length"},
      {"<role name=\"body\"", "leading", nines, "leading"},
      {"<role name=\"body\"", "leading", "1." + nines, "leading"},
      {"<role name=\"body\"", "leading", "inf", "leading"},
      {"<role name=\"body\"", "leading", "nan", "leading"},
      {"<role name=\"body\"", "leading", "0x1p1", "leading"},
      {"<role name=\"body\"", "leading", "1e1", "leading"},
      {"<role name=\"body\"", "leading", "-1", "leading \"-1\": must be between 0.8 and 4"},
      {"<role name=\"body\"", "leading", "4.5", "leading \"4.5\": must be between 0.8 and 4"},
      {"<role name=\"body\"", "size", "3pt", "size \"3pt\": must be between 4 pt and 64.7 pt"},
      {"<role name=\"body\"", "size", "100pt",
       "size \"100pt\": must be between 4 pt and 64.7 pt (a line of the 453.5 pt text width must hold the indent and "
       "5 characters)"},
      {"<role name=\"series\"", "size", "250pt", "size \"250pt\": must be between 4 pt and 90.7 pt"},
      {"<role name=\"body\"", "indent", "11em", "indent \"11em\": must be between 0 em and 10 em"},
      {"<role name=\"body\"", "space-before", "701pt",
       "space-before \"701pt\": must be between 0 pt and 700.1 pt (the height of the text area)"},
      {"<page", "width", "6000pt", "width \"6000pt\": must be between 72 pt and 5000 pt"},
      {"<page", "width", "0.9in", "width \"0.9in\" (64.8 pt): must be between 72 pt and 5000 pt"},
      {"<page", "height", "2000mm", "height \"2000mm\" (5669.3 pt): must be between 72 pt and 5000 pt"},
      {"<page", "left", "170mm",
       "left \"170mm\" and right \"25mm\" leave a text area 42.5 pt wide: it must be at least 72 pt"},
      {"<page", "left", "211mm", "left \"211mm\" (598.1 pt): must be between 0 pt and 595.2 pt"},
      {"<page", "bottom", "300mm", "bottom \"300mm\" (850.4 pt): must be between 0 pt and 841.8 pt"},
      {"<page", "bottom", "250mm", "top \"25mm\" and bottom \"250mm\" leave a text area 62.4 pt high: it must be at least 72 pt"},
      {"<masthead", "rule-width", "21pt", "rule-width \"21pt\": must be between 0 pt and 20 pt"},
      {"<footer", "offset", "30mm",
       "offset \"30mm\" (85 pt): must be between 2.3 pt and 61.8 pt (the footer stays inside the bottom margin)"},
      {"<footer", "offset", "0pt", "offset \"0pt\": must be between 2.3 pt and 61.8 pt"},
  };
  for (const RangeCase& c : cases) {
    const std::string sheet = sheet_with(c.element, c.attribute, c.value);
    try {
      load_style_from_memory(sheet, "sheet.xml");
      ADD_FAILURE() << c.attribute << "=\"" << c.value.substr(0, 30) << "\" was accepted";
    } catch (const Error& error) {
      EXPECT_EQ(error.file(), "sheet.xml");
      EXPECT_GT(error.line(), 0) << error.what();
      EXPECT_NE(error.message().find(c.message), std::string::npos) << error.what();
    }
  }
}

TEST(StyleRanges, LimitsThemselvesAreAcceptedAndTheShippedSheetsLoad) {
  std::string sheet = sheet_with("<role name=\"body\"", "size", "4pt");
  sheet = sheet_with("<role name=\"body\"", "leading", "0.8", sheet);
  sheet = sheet_with("<role name=\"intro\"", "leading", "4", sheet);
  sheet = sheet_with("<role name=\"intro\"", "indent", "10em", sheet);
  sheet = sheet_with("<role name=\"date\"", "space-after", "700pt", sheet);
  sheet = sheet_with("<masthead", "rule-width", "20pt", sheet);
  const Style style = load_style_from_memory(sheet, "limits.xml");
  EXPECT_EQ(style.role(Role::body).size, 4);
  EXPECT_EQ(style.role(Role::intro).indent_em, 10);
  EXPECT_EQ(style.source, "limits.xml");
  for (const char* file : {"styles/default.xml", "styles/large-print.xml"})
    EXPECT_NO_THROW(load_style(test::source_dir() / file)) << file;
}

// A contents entry keeps room for its page number on its last line whether
// the contents are set ragged or justified (the justified breaker used to
// fill that line to the margin, under the number).
TEST(LayoutNeverLosesText, ContentsPageNumbersNeverOverprintTheirEntry) {
  Style justified = default_style();
  justified.roles[Role::contents].align = Align::justify;
  FontLibrary fonts;
  const std::string words = "全国卫生健康信息化建设Digital Health与数据要素价值释放的实践探索AI医疗";
  int checked = 0;
  for (size_t length = 30; length <= 120; ++length) {
    Issue issue = read_issue(test::source_dir() / "samples/649.xml");
    std::u32string title;
    while (title.size() < length) title += utf8_to_u32(words);
    issue.contents.front().title = u32_to_utf8(title.substr(0, length));
    const std::vector<ComposedBlock> blocks = compose_issue(issue);
    const layout::PagedDocument paged = layout::paginate(blocks, justified, Figures(), fonts, TypesetOptions());
    for (const layout::Page& page : paged.pages)
      for (const layout::PlacedText& number : page.texts) {
        if (number.block < 0 || blocks[static_cast<size_t>(number.block)].page_of.empty()) continue;
        if (number.text.empty() || !std::all_of(number.text.begin(), number.text.end(), is_latin_or_digit)) continue;
        for (const layout::PlacedText& line : page.texts)
          if (&line != &number && line.block == number.block && line.baseline == number.baseline) {
            ++checked;
            EXPECT_LE(line.x + line.width, number.x + 0.01) << "title of " << length << " characters";
          }
      }
  }
  EXPECT_GT(checked, 50);
}
