// DOCX input (docs/extract.md, "DOCX input"). The test set drafted in Word the
// ways editors do (tests/data/docx, generate.py there) is scored with the
// producers (producers_test.cpp: the same bar); here: the set is whole,
// reissue's own DOCX of every test issue reads back to the
// same issue XML; hostile packages give a plain message and the "cannot read"
// status, never a crash.
#include "../../extract/src/docx_properties.h"
#include "../../extract/src/docx_source.h"
#include "gold_issue.h"
#include "gold_score.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/figure_set.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <chrono>

using namespace reissue;
using namespace reissue::test;

TEST(DocxSet, HasEveryVariant) {
  int files = 0;
  for (const ProducerPdf& file : docx_files()) files += file.producer == "headings" || file.producer == "direct" ||
                                                        file.producer == "autonum" || file.producer == "noise" ||
                                                        file.producer == "word";
  EXPECT_EQ(files, 20);
}

// ---------------------------------------------------------------- own DOCX

class OwnDocx : public ::testing::TestWithParam<std::string> {};

TEST_P(OwnDocx, ReadsBackToTheSameIssue) {
  const Issue original = load_test_issue(GetParam());
  const Style style = load_style(source_dir() / "styles/default.xml");
  const std::string docx = write_docx(original, style, read_figures(original, source_dir()));
  const ExtractResult back = extract_document(docx, "own.docx");
  EXPECT_EQ(back.report.input_kind, "docx");
  EXPECT_TRUE(same_text(write_issue_xml(back.issue), write_issue_xml(original)));
}

INSTANTIATE_TEST_SUITE_P(Issues, OwnDocx, ::testing::ValuesIn(all_test_issues()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return "issue" + std::to_string(param.index);
                         });

TEST(OwnDocx, SampleImportIsFast) {
  const Issue original = load_test_issue("samples/649.xml");
  const std::string docx =
      write_docx(original, load_style(source_dir() / "styles/default.xml"), read_figures(original, source_dir()));
  const auto start = std::chrono::steady_clock::now();
  const ExtractResult back = extract_document(docx, "own.docx");
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(ms, 200) << "the bench (bench/docx_vs_pandoc.sh) holds a 10-page issue to 50 ms";
}

// ------------------------------------------------------------- numbering

TEST(DocxNumbering, FormatsAsWordShowsThem) {
  using extract::format_number;
  EXPECT_EQ(format_number(1, "chineseCounting"), "一");
  EXPECT_EQ(format_number(10, "chineseCounting"), "十");
  EXPECT_EQ(format_number(12, "chineseCounting"), "十二");
  EXPECT_EQ(format_number(20, "chineseCounting"), "二十");
  EXPECT_EQ(format_number(105, "chineseCountingThousand"), "一百〇五");
  EXPECT_EQ(format_number(3, "decimal"), "3");
  EXPECT_EQ(format_number(4, "upperRoman"), "IV");
  EXPECT_EQ(format_number(28, "lowerLetter"), "bb");
  EXPECT_EQ(format_number(2, "decimalEnclosedCircle"), "②");
  EXPECT_EQ(format_number(2, "bullet"), "");
}

// ------------------------------------------------------------ hostile input

namespace {

struct Entry {
  std::string name;
  std::string bytes;
};

// A ZIP archive of `entries` (deflated), built with libzip.
std::string zip_of(const std::vector<Entry>& entries, const char* encrypt_password = nullptr) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_source_keep(buffer);
  for (const Entry& entry : entries) {
    zip_source_t* source = zip_source_buffer(archive, entry.bytes.data(), entry.bytes.size(), 0);
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (encrypt_password) zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, encrypt_password);
  }
  zip_close(archive);
  zip_stat_t stat;
  zip_source_stat(buffer, &stat);
  zip_source_open(buffer);
  std::string out(static_cast<size_t>(stat.size), '\0');
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

const char* kRels =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

std::string document_of(const std::string& body) {
  return "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>" +
         body + "</w:body></w:document>";
}

std::string paragraph(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }

std::string docx_of(const std::string& document_xml, std::vector<Entry> more = {}) {
  more.push_back({"_rels/.rels", kRels});
  more.push_back({"word/document.xml", document_xml});
  return zip_of(more);
}

// The error extract_document throws for `bytes`, which must be a ReadError.
std::string refusal(const std::string& bytes, const std::string& name = "hostile.docx") {
  try {
    extract_document(bytes, name);
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), ExitStatus::cannot_read) << error.what();
    EXPECT_EQ(error.file(), name);
    return error.message();
  }
  ADD_FAILURE() << "no error";
  return "";
}

}  // namespace

TEST(DocxHostile, NotAZipNamedDocx) {
  EXPECT_NE(refusal("just some words\n").find("not a ZIP"), std::string::npos);
}

TEST(DocxHostile, TruncatedZip) {
  const std::string whole = docx_of(document_of(paragraph("一段文字。")));
  EXPECT_NE(refusal(whole.substr(0, whole.size() / 2)).find("ZIP"), std::string::npos);
}

TEST(DocxHostile, ZipThatIsNotAWordDocument) {
  EXPECT_NE(refusal(zip_of({{"notes.txt", "hello"}})).find("not a Word document"), std::string::npos);
}

TEST(DocxHostile, MissingDocumentPart) {
  EXPECT_NE(refusal(zip_of({{"_rels/.rels", kRels}})).find("word/document.xml: the document part is missing"),
            std::string::npos);
}

TEST(DocxHostile, EntitiesAndDoctypeAreRefused) {
  const std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
      "<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  const std::string message = refusal(docx_of(xxe));
  EXPECT_NE(message.find("word/document.xml"), std::string::npos) << message;
  EXPECT_NE(message.find("DOCTYPE"), std::string::npos) << message;
}

TEST(DocxHostile, DeclaredHugePart) {
  const std::string huge = document_of(paragraph("x") + std::string(70u * 1024 * 1024, ' '));
  const std::string message = refusal(docx_of(huge));
  EXPECT_NE(message.find("uncompressed"), std::string::npos) << message;
}

TEST(DocxHostile, CompressionRatioOfABomb) {
  const std::string bomb = document_of(paragraph("x") + std::string(8u * 1024 * 1024, ' '));
  const std::string message = refusal(docx_of(bomb));
  EXPECT_NE(message.find("ZIP bomb"), std::string::npos) << message;
}

TEST(DocxHostile, InflatingStopsAtTheLimitWhateverTheHeaderSays) {
  // A part declared small that inflates to more: the limit holds while reading.
  std::string bytes = docx_of(document_of(paragraph("x") + std::string(300000, ' ')));
  for (size_t at = bytes.find("PK\x01\x02"); at != std::string::npos; at = bytes.find("PK\x01\x02", at + 4))
    bytes.replace(at + 24, 4, std::string("\x10\0\0\0", 4));  // uncompressed size: 16
  extract::DocxLimits limits;
  limits.package.max_part = 100000;
  try {
    extract::docx_source(bytes, "liar.docx", limits);
    ADD_FAILURE() << "no error";
  } catch (const ReadError& error) {
    EXPECT_EQ(error.file(), "liar.docx");
  }
}

TEST(DocxHostile, EncryptedEntry) {
  const std::string bytes = zip_of({{"_rels/.rels", kRels}, {"word/document.xml", document_of(paragraph("秘密"))}}, "pw");
  const std::string message = refusal(bytes);
  EXPECT_NE(message.find("encrypted"), std::string::npos) << message;
}

TEST(DocxHostile, TooManyEntries) {
  std::vector<Entry> entries;
  for (int i = 0; i < 10001; ++i) entries.push_back({"f" + std::to_string(i), ""});
  EXPECT_NE(refusal(docx_of(document_of(paragraph("x")), entries)).find("entries"), std::string::npos);
}

TEST(DocxHostile, DeepNesting) {
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "<w:sdt><w:sdtContent>";
  for (int i = 0; i < 5000; ++i) nested += "</w:sdtContent></w:sdt>";
  const std::string message = refusal(docx_of(document_of(nested)));
  EXPECT_NE(message.find("word/document.xml"), std::string::npos) << message;
}

TEST(DocxHostile, PathTraversalTargetsStayInThePackage) {
  EXPECT_EQ(extract::resolve_part("word/document.xml", "../../../../etc/passwd"), "etc/passwd");
  EXPECT_EQ(extract::resolve_part("word/document.xml", "media/../media/a.png"), "word/media/a.png");
  const std::string rels =
      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
      "Target=\"../../../../etc/passwd\"/></Relationships>";
  const std::string body = paragraph("一段文字。") +
                           "<w:p><w:r><w:drawing><a:blip xmlns:a=\"urn:a\" r:embed=\"rId9\"/></w:drawing></w:r></w:p>";
  const ExtractResult result =
      extract_document(docx_of(document_of(body), {{"word/_rels/document.xml.rels", rels}, {"../evil", "x"}}), "t.docx");
  EXPECT_TRUE(result.images.empty());
}

TEST(DocxHostile, EmptyDocument) {
  EXPECT_NE(refusal(docx_of(document_of(""))).find("no text"), std::string::npos);
}

TEST(Docx, NotAnIssueComesBackAsOneArticleWithAWarning) {
  const std::string body = paragraph("会议纪要") + paragraph("今天下午召开了部门例会，讨论了下一季度的工作安排。") +
                           paragraph("会议决定由张三负责数据平台的升级工作。");
  const ExtractResult result = extract_document(docx_of(document_of(body)), "minutes.docx");
  EXPECT_EQ(result.report.input_kind, "docx");
  EXPECT_EQ(result.issue.articles.size(), 1u);
  EXPECT_FALSE(result.report.warnings.empty() && result.report.review.empty());
}

TEST(DocxMarkup, WordsBoldItalicsAndLinksBecomeInlineMarkup) {
  // As an editor formats a paragraph by hand: a bold word, italics (Chinese
  // has none: emphasis), a hyperlink field, split across runs as Word does.
  const std::string body =
      "<w:p><w:r><w:t>本期导语：</w:t></w:r></w:p>"
      "<w:p><w:r><w:t xml:space=\"preserve\">这是一段</w:t></w:r>"
      "<w:r><w:rPr><w:b/></w:rPr><w:t>加粗</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>的话</w:t></w:r>"
      "<w:r><w:t>，还有</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>斜体</w:t></w:r>"
      "<w:r><w:t>和</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"https://example.com/a\" </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>链接</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>。</w:t></w:r></w:p>";
  const ExtractResult result = extract_document(docx_of(document_of(body)), "markup.docx");
  ASSERT_FALSE(result.issue.intro.empty());
  const Block& paragraph = result.issue.intro.front();
  EXPECT_EQ(paragraph.text, "这是一段加粗的话，还有斜体和链接。");
  ASSERT_EQ(paragraph.inlines.size(), 3u);
  const auto text_of = [&](const Inline& span) { return paragraph.text.substr(span.begin, span.end - span.begin); };
  EXPECT_EQ(paragraph.inlines[0].kind, Inline::Kind::strong);
  EXPECT_EQ(text_of(paragraph.inlines[0]), "加粗的话");
  EXPECT_EQ(paragraph.inlines[1].kind, Inline::Kind::emphasis);
  EXPECT_EQ(text_of(paragraph.inlines[1]), "斜体");
  EXPECT_EQ(paragraph.inlines[2].kind, Inline::Kind::link);
  EXPECT_EQ(paragraph.inlines[2].href, "https://example.com/a");
  EXPECT_EQ(text_of(paragraph.inlines[2]), "链接");
}
