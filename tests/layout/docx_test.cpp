// The DOCX writer: the package's structure checked part by part, the text of
// every test issue read back from document.xml, the style sheet in
// styles.xml, and LibreOffice as a real consumer (text and PDF conversion).
#include "docx_package.h"
#include "gold_issue.h"
#include "reissue/docx.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/text.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <map>
#include <memory>
#include <regex>
#include <set>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

using Parts = std::map<std::string, std::string>;

Parts parts_of(const std::string& docx) {
  Parts parts;
  for (auto& [name, bytes] : test::unzip(docx)) parts[name] = bytes;
  return parts;
}

// A parsed part with the package's namespaces registered for XPath.
class Xml {
 public:
  explicit Xml(const std::string& bytes)
      : doc_(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "part.xml", nullptr, XML_PARSE_NONET),
             xmlFreeDoc) {}
  bool ok() const { return doc_ != nullptr; }
  // The string values of the nodes an XPath selects.
  std::vector<std::string> values(const char* path) const {
    std::vector<std::string> out;
    std::unique_ptr<xmlXPathContext, void (*)(xmlXPathContext*)> context(xmlXPathNewContext(doc_.get()),
                                                                         xmlXPathFreeContext);
    const std::pair<const char*, const char*> namespaces[] = {
        {"w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
        {"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
        {"wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
        {"a", "http://schemas.openxmlformats.org/drawingml/2006/main"},
        {"rel", "http://schemas.openxmlformats.org/package/2006/relationships"},
        {"ct", "http://schemas.openxmlformats.org/package/2006/content-types"},
        {"dc", "http://purl.org/dc/elements/1.1/"}};
    for (auto [prefix, uri] : namespaces) xmlXPathRegisterNs(context.get(), BAD_CAST prefix, BAD_CAST uri);
    std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObject*)> result(
        xmlXPathEvalExpression(BAD_CAST path, context.get()), xmlXPathFreeObject);
    if (!result || !result->nodesetval) return out;
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
      xmlChar* value = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
      out.emplace_back(value ? reinterpret_cast<const char*>(value) : "");
      xmlFree(value);
    }
    return out;
  }
  std::string value(const char* path) const {
    const auto all = values(path);
    return all.empty() ? "" : all.front();
  }

 private:
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc_;
};

// The sample issue with real images in two of its figures (pdftoppm renders
// a corpus page as JPEG and PNG), written once for the suite.
class SampleDocx : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    const std::string page = (test::source_dir() / "tests/data/corpus/corpus-001.pdf").string();
    const std::string render = "pdftoppm -f 1 -l 1 -r 20 -singlefile '" + page + "' ";
    test::run_command(render + "-jpeg '" + (*dir_ / "photo").string() + "'");
    test::run_command(render + "-png '" + (*dir_ / "chart").string() + "'");
    issue_ = new Issue(read_issue(test::source_dir() / "samples/649.xml"));
    int figure = 0;
    for (Article& article : issue_->articles)
      for (Block& block : article.blocks)
        if (block.kind == BlockKind::figure && figure < 2) block.image = figure++ == 0 ? "photo.jpg" : "chart.png";
    write_issue_xml(*issue_);  // still a valid issue
    docx_ = new std::string(write_docx(*issue_, default_style(), read_figures(*issue_, dir_->path())));
    test::write_text(*dir_ / "649.docx", *docx_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete issue_;
    delete docx_;
  }
  static test::TempDir* dir_;
  static Issue* issue_;
  static std::string* docx_;
};
test::TempDir* SampleDocx::dir_ = nullptr;
Issue* SampleDocx::issue_ = nullptr;
std::string* SampleDocx::docx_ = nullptr;

// Resolves a relationship target against the folder of the part that holds
// the relationships ("word/_rels/document.xml.rels" -> "word/").
std::string resolve(const std::string& rels_part, const std::string& target) {
  const std::string source_folder = rels_part.substr(0, rels_part.find("_rels/"));
  return (fs::path(source_folder) / target).lexically_normal().string();
}

bool is_xml_part(const std::string& name) { return name.ends_with(".xml") || name.ends_with(".rels"); }

}  // namespace

TEST_F(SampleDocx, EveryPartIsWellFormedAndCoveredByAContentType) {
  const Parts parts = parts_of(*docx_);
  ASSERT_TRUE(parts.count("[Content_Types].xml"));
  const Xml types(parts.at("[Content_Types].xml"));
  const auto overrides = types.values("/ct:Types/ct:Override/@PartName");
  const auto defaults = types.values("/ct:Types/ct:Default/@Extension");
  for (const auto& [name, bytes] : parts) {
    if (is_xml_part(name)) {
      EXPECT_TRUE(Xml(bytes).ok()) << name << " is not well-formed";
    }
    if (name == "[Content_Types].xml") continue;
    const bool overridden = std::count(overrides.begin(), overrides.end(), "/" + name) > 0;
    const std::string extension = name.substr(name.rfind('.') + 1);
    EXPECT_TRUE(overridden || std::count(defaults.begin(), defaults.end(), extension) > 0)
        << name << " has no content type";
  }
  for (const std::string& part : overrides) EXPECT_TRUE(parts.count(part.substr(1))) << part << " is missing";
  for (const char* required : {"_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
                               "word/footer1.xml", "docProps/core.xml", "word/_rels/document.xml.rels"})
    EXPECT_TRUE(parts.count(required)) << required;
}

TEST_F(SampleDocx, EveryRelationshipAndReferenceResolves) {
  const Parts parts = parts_of(*docx_);
  std::set<std::string> hyperlinks;
  for (const auto& [name, bytes] : parts) {
    if (!name.ends_with(".rels")) continue;
    const Xml rels(bytes);
    const auto targets = rels.values("//rel:Relationship/@Target");
    const auto modes = rels.values("//rel:Relationship/@TargetMode");
    const auto ids = rels.values("//rel:Relationship/@Id");
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << name << ": duplicate ids";
    for (const auto& target : rels.values("//rel:Relationship[not(@TargetMode='External')]/@Target"))
      EXPECT_TRUE(parts.count(resolve(name, target))) << name << " points at missing " << target;
    for (const auto& target : rels.values("//rel:Relationship[@TargetMode='External']/@Target"))
      hyperlinks.insert(target);
  }
  // Every article's URL is a real hyperlink relationship.
  for (const Article& article : issue_->articles) EXPECT_TRUE(hyperlinks.count(article.href)) << article.href;

  const Xml document(parts.at("word/document.xml"));
  const Xml rels(parts.at("word/_rels/document.xml.rels"));
  const auto ids = rels.values("//rel:Relationship/@Id");
  for (const auto& id : document.values("//@r:id | //@r:embed"))
    EXPECT_TRUE(std::count(ids.begin(), ids.end(), id)) << "r:id " << id << " has no relationship";
  EXPECT_EQ(document.values("//a:blip/@r:embed").size(), 2u);

  // Contents entries link to bookmarks that exist, one per article.
  const auto bookmarks = document.values("//w:bookmarkStart/@w:name");
  EXPECT_EQ(bookmarks.size(), issue_->articles.size());
  const auto anchors = document.values("//w:hyperlink/@w:anchor");
  EXPECT_EQ(anchors.size(), issue_->contents.size());
  for (const auto& anchor : anchors) EXPECT_TRUE(std::count(bookmarks.begin(), bookmarks.end(), anchor)) << anchor;
  for (const auto& field : document.values("//w:instrText"))
    EXPECT_TRUE(std::regex_match(field, std::regex(" PAGEREF (\\w+) \\\\h "))) << field;

  // Every paragraph style used is defined; drawing ids are unique.
  const auto styles = Xml(parts.at("word/styles.xml")).values("//w:style/@w:styleId");
  for (const auto& used : document.values("//w:pStyle/@w:val"))
    EXPECT_TRUE(std::count(styles.begin(), styles.end(), used)) << "style " << used << " is not defined";
  const auto drawing_ids = document.values("//wp:docPr/@id");
  EXPECT_EQ(std::set<std::string>(drawing_ids.begin(), drawing_ids.end()).size(), drawing_ids.size());
  // Figures carry their caption as alternative text.
  EXPECT_EQ(document.value("//wp:docPr/@descr"), "广东省具身智能机器人创新中心，工作人员操纵机器人同步动作。 新华社记者 邓华 摄");
}

// Word rejects a file whose property children are out of the schema's order.
TEST_F(SampleDocx, PropertyChildrenFollowTheSchemaOrder) {
  const std::vector<std::string> paragraph_order = {
      "pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd", "tabs",
      "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
      "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "jc", "textAlignment",
      "outlineLvl", "rPr"};
  const std::vector<std::string> run_order = {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "spacing",
                                              "kern", "sz", "szCs", "u", "lang"};
  const Parts parts = parts_of(*docx_);
  for (const char* part : {"word/document.xml", "word/styles.xml", "word/footer1.xml"}) {
    const std::string& xml = parts.at(part);
    for (auto [container, order] : {std::pair{"w:pPr", &paragraph_order}, std::pair{"w:rPr", &run_order}}) {
      const std::regex block(std::string("<") + container + ">(.*?)</" + container + ">");
      for (auto it = std::sregex_iterator(xml.begin(), xml.end(), block); it != std::sregex_iterator(); ++it) {
        const std::string inner = (*it)[1];
        const std::regex child("<w:(\\w+)");
        int last = -1;
        for (auto c = std::sregex_iterator(inner.begin(), inner.end(), child); c != std::sregex_iterator(); ++c) {
          const std::string name = (*c)[1];
          if (container == std::string("w:pPr") && (name == "top" || name == "bottom" || name == "tab" ||
                                                    name == "rFonts" || name == "sz"))
            continue;  // grandchildren (pBdr, tabs, rPr)
          const auto at = std::find(order->begin(), order->end(), name);
          ASSERT_NE(at, order->end()) << part << ": unexpected " << name << " in " << container;
          const int position = static_cast<int>(at - order->begin());
          EXPECT_GE(position, last) << part << ": " << name << " out of order in " << inner;
          last = position;
        }
      }
    }
  }
}

TEST_F(SampleDocx, SameIssueSameBytes) {
  EXPECT_TRUE(write_docx(*issue_, default_style(), read_figures(*issue_, dir_->path())) == *docx_);
}

TEST(Docx, StylesCarryTheStyleSheet) {
  const Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  const Parts parts = parts_of(write_docx(issue, load_style(test::source_dir() / "styles/large-print.xml"), {}));
  const Xml styles(parts.at("word/styles.xml"));
  // A5 (148 x 210 mm) with 15 mm side margins, in twips.
  const Xml document(parts.at("word/document.xml"));
  EXPECT_EQ(document.value("//w:sectPr/w:pgSz/@w:w"), "8391");
  EXPECT_EQ(document.value("//w:sectPr/w:pgSz/@w:h"), "11906");
  EXPECT_EQ(document.value("//w:sectPr/w:pgMar/@w:left"), "850");
  // Body: 16 pt sans, first line indented 2 characters both ways, justified.
  const std::string body = "//w:style[@w:styleId='BodyText']";
  EXPECT_EQ(styles.value((body + "/w:rPr/w:sz/@w:val").c_str()), "32");
  EXPECT_EQ(styles.value((body + "/w:rPr/w:rFonts/@w:eastAsia").c_str()), "Noto Sans CJK SC");
  EXPECT_EQ(styles.value((body + "/w:rPr/w:rFonts/@w:ascii").c_str()), "Noto Sans");
  EXPECT_EQ(styles.value((body + "/w:pPr/w:ind/@w:firstLineChars").c_str()), "200");
  EXPECT_EQ(styles.value((body + "/w:pPr/w:ind/@w:firstLine").c_str()), "640");
  EXPECT_EQ(styles.value((body + "/w:pPr/w:jc/@w:val").c_str()), "both");
  EXPECT_EQ(styles.value("//w:style[@w:styleId='BodyText']/w:name/@w:val"), "Body Text");
  // Article titles and sub-headings are Word heading levels 1 and 2.
  EXPECT_EQ(styles.value("//w:style[@w:styleId='Heading1']/w:name/@w:val"), "heading 1");
  EXPECT_EQ(styles.value("//w:style[@w:styleId='Heading1']/w:pPr/w:outlineLvl/@w:val"), "0");
  EXPECT_EQ(styles.value("//w:style[@w:styleId='Heading2']/w:pPr/w:outlineLvl/@w:val"), "1");
  // Chinese language and East Asian line rules everywhere.
  EXPECT_EQ(styles.value("//w:docDefaults//w:lang/@w:eastAsia"), "zh-CN");
  EXPECT_EQ(styles.values("//w:pPrDefault/w:pPr/w:kinsoku").size(), 1u);
  EXPECT_EQ(styles.values("//w:pPrDefault/w:pPr/w:autoSpaceDE").size(), 1u);
  EXPECT_EQ(Xml(parts.at("word/settings.xml")).value("//w:themeFontLang/@w:eastAsia"), "zh-CN");
  // The footer: the style's format with PAGE and NUMPAGES fields.
  const Xml footer(parts.at("word/footer1.xml"));
  EXPECT_EQ(footer.values("//w:fldSimple/@w:instr"), (std::vector<std::string>{" PAGE ", " NUMPAGES "}));
  EXPECT_EQ(footer.values("//w:t"), (std::vector<std::string>{"1", " / ", "1"}));
  // Metadata.
  const Xml core(parts.at("docProps/core.xml"));
  EXPECT_EQ(core.value("//dc:title"), "全国卫生信息化舆情监测周报 第六四九");
  EXPECT_EQ(core.value("//dc:language"), "zh-CN");
}

class DocxText : public ::testing::TestWithParam<std::string> {};

// The text of every paragraph, title and URL survives, in order, with the
// style of its kind.
TEST_P(DocxText, EveryParagraphTitleAndUrlSurvives) {
  const Issue issue = test::load_test_issue(GetParam());
  const Parts parts = parts_of(write_docx(issue, default_style(), read_figures(issue, test::source_dir())));
  const auto paragraphs = test::docx_paragraphs(parts.at("word/document.xml"));
  std::vector<std::pair<std::string, std::string>> expected;  // style, text
  if (!issue.masthead.series.empty()) expected.emplace_back("Title", issue.masthead.series);
  for (const Block& p : issue.intro) expected.emplace_back("Intro", p.text);
  for (size_t i = 0; i < issue.contents.size(); ++i)
    expected.emplace_back("ContentsEntry", std::to_string(i + 1) + "." + issue.contents[i].title + "\t");
  for (const Article& article : issue.articles) {
    expected.emplace_back("Heading1", std::to_string(article.n) + ".标题：" + article.title);
    if (!article.href.empty()) expected.emplace_back("ArticleLink", article.href);
    for (const Block& block : article.blocks) {
      if (block.text.empty()) continue;
      const char* style = block.kind == BlockKind::paragraph ? "BodyText"
                          : block.kind == BlockKind::heading ? "Heading2"
                          : block.kind == BlockKind::figure  ? "Caption"
                                                             : "Byline";
      expected.emplace_back(style, block.text);
    }
  }
  size_t at = 0;
  for (const auto& [style, text] : expected) {
    while (at < paragraphs.size() && paragraphs[at].text != text) ++at;
    ASSERT_LT(at, paragraphs.size()) << "missing or out of order: " << text;
    EXPECT_EQ(paragraphs[at].style, style) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Issues, DocxText, ::testing::ValuesIn(test::all_test_issues()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return "issue" + std::to_string(param.index);
                         });

// LibreOffice as a real consumer: it converts our DOCX to text and to PDF,
// and nothing is lost on the way (LibreOffice drops line-end punctuation it
// lets hang into the margin: see docx_styles.cpp, w:overflowPunct).
TEST_F(SampleDocx, LibreOfficeConvertsItWithoutLosingText) {
  ASSERT_EQ(test::run_command("command -v soffice").exit_code, 0) << "LibreOffice is not installed (setup.sh)";
  const std::string soffice =
      test::libreoffice(*dir_ / "lo-profile") + " --convert-to ";
  const std::string docx = " --outdir '" + dir_->path().string() + "' '" + (*dir_ / "649.docx").string() + "'";
  const auto to_text = test::run_command(soffice + "'txt:Text (encoded):UTF8'" + docx);
  ASSERT_EQ(to_text.exit_code, 0) << to_text.err;
  const auto to_pdf = test::run_command(soffice + "pdf" + docx);
  ASSERT_EQ(to_pdf.exit_code, 0) << to_pdf.err;

  std::string text = test::read_text(*dir_ / "649.txt");
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::set<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.insert(line);
  const auto paragraphs = test::docx_paragraphs(parts_of(*docx_).at("word/document.xml"));
  for (const auto& paragraph : paragraphs) {
    if (!paragraph.text.empty()) {
      EXPECT_TRUE(lines.count(paragraph.text)) << "not in LibreOffice's text: " << paragraph.text;
    }
  }

  // The PDF has every punctuation mark of the document, and the contents'
  // page numbers are filled in.
  const auto pdf_text = test::run_command("pdftotext -layout '" + (*dir_ / "649.pdf").string() + "' -");
  ASSERT_EQ(pdf_text.exit_code, 0);
  std::map<char32_t, int> in_docx, in_pdf;
  for (const auto& paragraph : paragraphs)
    for (char32_t c : utf8_to_u32(paragraph.text))
      if (is_cjk_punctuation(c)) ++in_docx[c];
  for (char32_t c : utf8_to_u32(pdf_text.out))
    if (is_cjk_punctuation(c)) ++in_pdf[c];
  for (const auto& [c, count] : in_docx) EXPECT_EQ(in_pdf[c], count) << "U+" << std::hex << int(c);
  EXPECT_TRUE(std::regex_search(pdf_text.out, std::regex("新图景 +1\n"))) << "no page number in the contents";
  EXPECT_TRUE(std::regex_search(pdf_text.out, std::regex("第 ?1 ?页 ?共 ?[56] ?页"))) << "no footer";
  ASSERT_EQ(test::run_command("pdftoppm -r 30 -png -f 1 -l 1 '" + (*dir_ / "649.pdf").string() + "' '" +
                              (*dir_ / "page").string() + "'")
                .exit_code,
            0);
}
