// Text input: encodings, line endings, byte order marks, and input that is not
// text or not this newsletter.
#include "extract_checks.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

using namespace reissue;

namespace {

std::string seed(const std::string& number) {
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "tests/data/seeds"))
    if (entry.path().filename().string().rfind(number + "_", 0) == 0) return test::read_text(entry.path());
  return "";
}

std::string expected_xml(const std::string& number) {
  return test::read_text(test::source_dir() / "tests/data/expected" / ("seed-" + number + ".xml"));
}

std::string convert(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t length = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                      utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<size_t>(length));
  return out;
}

std::string read_error(const std::string& bytes, const ExtractOptions& options = {}) {
  try {
    extract_text(bytes, "input.txt", options);
  } catch (const ReadError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST(TextInput, Gb18030IsDetectedAndConverted) {
  const std::string gb = convert(seed("002"), "GB18030");
  ASSERT_NE(gb, seed("002"));
  const ExtractResult result = extract_text(gb, "002-gb18030.txt");
  EXPECT_EQ(result.report.encoding, "GB18030");
  EXPECT_TRUE(test::same_text(write_issue_xml(result.issue), expected_xml("002")));
}

TEST(TextInput, GbkNamedExplicitly) {
  ExtractOptions options;
  options.encoding = "GBK";
  const ExtractResult result = extract_text(convert(seed("003"), "GBK"), "003-gbk.txt", options);
  EXPECT_TRUE(test::same_text(write_issue_xml(result.issue), expected_xml("003")));
}

TEST(TextInput, BomAndCrlf) {
  std::string text = seed("000");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const ExtractResult result = extract_text("\xEF\xBB\xBF" + crlf, "000-bom-crlf.txt");
  EXPECT_EQ(result.report.encoding, "UTF-8 (BOM)");
  EXPECT_TRUE(test::same_text(write_issue_xml(result.issue), expected_xml("000")));
  EXPECT_TRUE(test::characters_conserved(crlf, result));
}

TEST(TextInput, Utf16WithBom) {
  const std::string utf16 = "\xFF\xFE" + convert(seed("001"), "UTF-16LE");
  const ExtractResult result = extract_text(utf16, "001-utf16.txt");
  EXPECT_EQ(result.report.encoding, "UTF-16LE (BOM)");
  EXPECT_TRUE(test::same_text(write_issue_xml(result.issue), expected_xml("001")));
}

TEST(TextInput, NotTextIsAReadError) {
  EXPECT_EQ(read_error(""), "input.txt: file is empty");
  EXPECT_EQ(read_error(" \n\n \t\n"), "input.txt: contains no text");
  EXPECT_EQ(read_error(std::string("ab\0cd", 5)),
            "input.txt: binary data (NUL byte at offset 2), not a text file");
  ExtractOptions utf8;
  utf8.encoding = "UTF-8";
  EXPECT_EQ(read_error("ok\xC3(", utf8), "input.txt: not valid UTF-8 (bad byte at offset 2)");
  ExtractOptions unknown;
  unknown.encoding = "KLINGON-8";
  EXPECT_EQ(read_error("text", unknown), "input.txt: unknown encoding \"KLINGON-8\"");
  ExtractOptions small;
  small.max_bytes = 4;
  EXPECT_NE(read_error("12345", small).find("too large"), std::string::npos);
}

TEST(TextInput, TextThatIsNotTheNewsletterIsKeptWhole) {
  const std::string text =
      "这是一份普通的通知。\n\n请各单位于本周五前提交材料，逾期不再受理。\n\nContact: office@example.org\n";
  const ExtractResult result = extract_text(text, "notice.txt");
  ASSERT_EQ(result.issue.articles.size(), 1u);
  EXPECT_EQ(result.issue.articles[0].blocks.size(), 3u);
  ASSERT_EQ(result.report.warnings.size(), 1u);
  EXPECT_NE(result.report.warnings[0].find("no articles were recognized"), std::string::npos);
  EXPECT_TRUE(test::characters_conserved(text, result));
  EXPECT_TRUE(load_issue_from_memory(write_issue_xml(result.issue), "notice.xml").ok());
}

TEST(TextInput, CharactersAreConservedOnEverySeedAndCorpusText) {
  std::vector<std::filesystem::path> inputs;
  for (const char* dir : {"tests/data/seeds", "tests/data/corpus"})
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / dir))
      if (entry.path().extension() == ".txt") inputs.push_back(entry.path());
  ASSERT_EQ(inputs.size(), 8u);
  for (const auto& input : inputs) {
    const std::string text = test::read_text(input);
    EXPECT_TRUE(test::characters_conserved(text, extract_text(text, input.string()))) << input;
  }
}

TEST(TextInput, ReportJsonListsDecisionsWithLines) {
  const ExtractResult result = extract_text(seed("003"), "003.txt");
  const std::string json = report_to_json(result.report);
  EXPECT_NE(json.find("\"kind\": \"latin-join\""), std::string::npos);
  EXPECT_NE(json.find("\"lines\": [\n        209,\n        211\n      ]"), std::string::npos) << json.substr(0, 600);
  EXPECT_NE(json.find("\"reason\": \"label\""), std::string::npos);
  EXPECT_NE(report_summary(result.report).find("003.txt: "), std::string::npos);
}
