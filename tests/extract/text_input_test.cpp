// Text input: encodings, line endings, byte order marks, and input that is not
// text or not this newsletter.
#include "extract_checks.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <unicode/ucnv.h>

#include <chrono>

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
  EXPECT_EQ(read_error("ok\xC3(", utf8), "input.txt:1: not valid UTF-8: byte 0xC3 at byte offset 2");
  // An encoding ICU does not know is a usage mistake, not an unreadable input.
  ExtractOptions unknown;
  unknown.encoding = "KLINGON-8";
  try {
    extract_text("text", "input.txt", unknown);
    ADD_FAILURE() << "no error";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("KLINGON-8: is not an encoding ICU knows"), std::string::npos);
  }
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

// ---- Hostile text: what fuzzing found, and rules that must stay linear ------

namespace {

std::string repeated(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// Anything but the libraries' own error is a defect ("internal error").
::testing::AssertionResult extracts_or_refuses(const std::string& text) {
  try {
    const ExtractResult result = extract_text(text, "hostile.txt");
    load_issue_from_memory(write_issue_xml(result.issue), "hostile.xml");
    return test::characters_conserved(text, result);
  } catch (const Error&) {
    return ::testing::AssertionSuccess();
  } catch (const std::exception& error) {
    return ::testing::AssertionFailure() << "unexpected " << error.what();
  }
}

}  // namespace

// 具体内容 before 本期导语 made the intro's region end before it began
// (std::length_error: "cannot create std::vector larger than max_size()").
TEST(HostileText, BodyMarkerBeforeIntroMarker) {
  const std::string text = "具体内容\n本期导语\n";
  const ExtractResult result = extract_text(text, "markers.txt");
  // Out of order, 本期导语 is text of the body it stands in.
  ASSERT_EQ(result.issue.articles.size(), 1u);
  ASSERT_EQ(result.issue.articles[0].blocks.size(), 1u);
  EXPECT_EQ(result.issue.articles[0].blocks[0].text, "本期导语");
  EXPECT_TRUE(test::characters_conserved(text, result));
}

// A spaced-out label is cut whole, not after its first character.
TEST(HostileText, SpacedIntroLabel) {
  const std::string text = "本 期 导 语 ：导语正文。\n";
  const ExtractResult result = extract_text(text, "spaced.txt");
  ASSERT_EQ(result.issue.intro.size(), 1u);
  EXPECT_EQ(result.issue.intro[0].text, "导语正文。");
  EXPECT_TRUE(test::characters_conserved(text, result));
}

// The general rule: whatever order and repetition the section markers come in,
// every region computed from them is ordered.
TEST(HostileText, SectionMarkersInAnyOrder) {
  const std::vector<std::string> lines = {"本期导语", "本 期 导 语 ：导语。", "一、信息目录", "二、具体内容",
                                          "1.标题：题", "来源：网", "正文。"};
  std::vector<std::vector<size_t>> sequences = {{}};
  for (int length = 1; length <= 4; ++length) {
    std::vector<std::vector<size_t>> longer;
    for (const auto& sequence : sequences)
      if (static_cast<int>(sequence.size()) == length - 1)
        for (size_t line = 0; line < lines.size(); ++line) {
          longer.push_back(sequence);
          longer.back().push_back(line);
        }
    sequences.insert(sequences.end(), longer.begin(), longer.end());
  }
  for (const auto& sequence : sequences) {
    if (sequence.empty()) continue;
    std::string text;
    for (size_t line : sequence) text += lines[line] + "\n";
    EXPECT_TRUE(extracts_or_refuses(text)) << text;
  }
}

// Inputs shaped to hit one rule many times. Each took seconds to minutes or
// gigabytes while the rule was quadratic; linear, each takes milliseconds.
TEST(HostileText, RulesStayLinear) {
  std::string contents = "一、信息目录\n";
  for (int i = 0; i < 30000; ++i) contents += std::to_string(i % 999 + 1) + ".标题" + std::to_string(i) + "\n";
  const struct {
    const char* what;
    std::string text;
  } shapes[] = {
      // ends_sentence recursed once per pair, copying the text before it each time.
      {"25,000 bracket pairs", repeated("（）", 25000)},
      // Each contents entry copied every line to the end of the contents.
      {"a contents list of 30,000 entries", contents},
      // Each masthead line that looks like a running header counted all the others.
      {"40,000 running headers before the first marker", repeated("周报\n\f", 40000) + "本期导语\n正文。\n"},
  };
  for (const auto& shape : shapes) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(extracts_or_refuses(shape.text)) << shape.what;
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    EXPECT_LT(took.count(), 2.0) << shape.what;
  }
}

// One stray byte in a long UTF-8 text: named as such, where it is, not as a
// GB18030 problem at the start of the file.
TEST(TextInput, AStrayByteInUtf8IsNamedWhereItIs) {
  std::string text = seed("003");
  ASSERT_GT(text.size(), 9100u);
  const size_t at = text.find('\n', 9000) + 1;
  text.insert(at, "\xFF");
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  EXPECT_EQ(read_error(text), "input.txt:" + std::to_string(line) +
                                  ": is UTF-8 text with 1 damaged byte(s), the first (0xFF) at byte offset " +
                                  std::to_string(at) + ": repair it, or name the encoding with --encoding if it is not UTF-8");
  // A GB18030 text with a byte that cannot be GB18030 is named at its place too.
  std::string gb = convert(seed("002"), "GB18030");
  const size_t bad = gb.find('\n', gb.size() / 2) + 1;
  gb.insert(bad, "\x80\x0A");
  ExtractOptions named;
  named.encoding = "GB18030";
  EXPECT_NE(read_error(gb, named).find("the bytes at byte offset " + std::to_string(bad) + " are not GB18030"),
            std::string::npos)
      << read_error(gb, named);
}
