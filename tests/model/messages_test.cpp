// What editors read when a hand-written file is wrong: plain sentences with the
// line and what to write instead, never libxml2's raw text, every problem of a
// file in one run, each once.
#include <gtest/gtest.h>

#include "reissue/error.h"
#include "reissue/issue_xml.h"
#include "reissue/xml_safe.h"
#include "test_support.h"

using namespace reissue;

namespace {

// Three articles; the comments give the line numbers the tests rely on.
const std::string kThree = R"(<?xml version="1.0" encoding="UTF-8"?>
<issue xmlns="urn:reissue:issue:1" xml:lang="zh-CN">
  <masthead>
    <number n="649">第六四九</number>
    <date when="2025-06-13">2025年6月13日</date>
  </masthead>
  <contents>
    <entry ref="a1"><title>第一篇</title></entry>
    <entry ref="a2"><title>第二篇</title></entry>
    <entry ref="a3"><title>第三篇</title></entry>
  </contents>
  <article n="1" id="a1">
    <title>第一篇</title>
    <link href="https://example.cn/1"/>
    <body>
      <p>正文一。</p>
    </body>
  </article>
  <article n="2" id="a2">
    <body><p>正文二。</p></body>
  </article>
  <article n="3" id="a3">
    <body><p>正文三。</p></body>
  </article>
</issue>
)";
// Lines: 4 number, 5 date, 8-10 entries, 12 article 1, 13 its title, 14 link,
// 15 body, 16 p, 19 article 2, 20 its body, 22 article 3, 23 its body.

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<Problem> problems_of(const std::string& xml) {
  return load_issue_from_memory(xml, "issue.xml").problems;
}

std::string listed(const std::vector<Problem>& problems) {
  std::string all;
  for (const Problem& problem : problems)
    all += "\n  " + std::to_string(problem.line) + ": " + problem.message;
  return all;
}

// The one problem of a file, exactly.
::testing::AssertionResult only_problem(const std::string& xml, int line, const std::string& message) {
  const auto problems = problems_of(xml);
  if (problems.size() == 1 && problems[0].line == line && problems[0].message == message)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected only\n  " << line << ": " << message << "\ngot:" << listed(problems);
}

::testing::AssertionResult has_problem(const std::vector<Problem>& problems, int line,
                                       const std::string& message) {
  for (const Problem& problem : problems)
    if (problem.line == line && problem.message == message) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "no\n  " << line << ": " << message << "\namong:" << listed(problems);
}

// libxml2's words that must never reach an editor.
::testing::AssertionResult no_raw_libxml2_text(const std::vector<Problem>& problems) {
  for (const Problem& problem : problems)
    for (const char* raw : {"key-sequence", "precomputed", "atomic type", "identity-constraint", "Element '",
                            "{urn:", "type definition is simple", "evaluate to a node"})
      if (problem.message.find(raw) != std::string::npos)
        return ::testing::AssertionFailure() << "raw text \"" << raw << "\" in:" << listed(problems);
  return ::testing::AssertionSuccess();
}

struct ReadFailure {
  int line = -1;
  std::string message;
};

ReadFailure read_failure(const std::string& xml) {
  try {
    load_issue_from_memory(xml, "issue.xml");
  } catch (const ReadError& error) {
    return {error.line(), error.message()};
  }
  return {};
}

#define EXPECT_READ_FAILURE(xml, expected_line, expected_message) \
  do {                                                            \
    const ReadFailure read = read_failure(xml);                   \
    EXPECT_EQ(read.line, expected_line) << read.message;          \
    EXPECT_EQ(read.message, expected_message);                    \
  } while (false)

}  // namespace

// --- Not well-formed: one ReadError, in words, at the line -----------------------------

TEST(ParserMessages, BareAmpersand) {
  EXPECT_READ_FAILURE(replaced(kThree, "正文一。", "医疗 & 健康"), 16,
                      "not well-formed XML: a bare & must be written &amp;");
  EXPECT_READ_FAILURE(replaced(kThree, "正文一。", "AT&T"), 16,
                      "not well-formed XML: a bare & must be written &amp; (\"&T\" is not a reference)");
  EXPECT_READ_FAILURE(replaced(kThree, "正文一。", "A &amp B"), 16,
                      "not well-formed XML: \"&amp\" lacks its closing ';': write &amp;");
}

TEST(ParserMessages, EntitiesXmlDoesNotDefine) {
  EXPECT_READ_FAILURE(replaced(kThree, "正文一。", "正文&nbsp;一。"), 16,
                      "not well-formed XML: the entity &nbsp; is not defined in XML; write the character "
                      "itself (U+00A0) or &#160;");
  EXPECT_READ_FAILURE(replaced(kThree, "正文一。", "&mdash;"), 16,
                      "not well-formed XML: the entity &mdash; is not defined in XML; write the character "
                      "itself (U+2014) or &#8212;");
  const ReadFailure unknown = read_failure(replaced(kThree, "正文一。", "&frob;"));
  EXPECT_EQ(unknown.line, 16);
  EXPECT_NE(unknown.message.find(
                "the entity &frob; is not defined in XML (only &amp; &lt; &gt; &quot; &apos; are)"),
            std::string::npos)
      << unknown.message;
  EXPECT_READ_FAILURE(replaced(kThree, "正文一。", "&#xZZ;"), 16,
                      "not well-formed XML: \"&#xZZ;\" is not a valid character reference: write &#160; "
                      "(decimal) or &#xA0; (hexadecimal) for a character XML allows, and a bare & as &amp;");
}

TEST(ParserMessages, LessThanInText) {
  EXPECT_READ_FAILURE(
      replaced(kThree, "正文一。", "1 < 2"), 16,
      "not well-formed XML: a < in text must be written &lt; (a tag name must follow < directly)");
  EXPECT_READ_FAILURE(replaced(kThree, R"(href="https://example.cn/1")", R"(href="a<b")"), 14,
                      "not well-formed XML: a < inside an attribute value must be written &lt;");
}

TEST(ParserMessages, MismatchedAndUnclosedTagsNameBothTagsAndTheOpeningLine) {
  EXPECT_READ_FAILURE(replaced(kThree, "<p>正文一。</p>", "<p>正文一。"), 17,
                      "not well-formed XML: <p> (opened at line 16) is not closed before </body>: add </p>");
  EXPECT_READ_FAILURE(replaced(kThree, "<p>正文一。</p>", "<p>正文一。</para>"), 16,
                      "not well-formed XML: the end tag </para> does not match <p> (opened at line 16): "
                      "write </p>");
  EXPECT_READ_FAILURE(kThree.substr(0, kThree.find("    </body>")), 17,
                      "not well-formed XML: the file ends before <body> (opened at line 15) is closed: add "
                      "</body></article></issue>");
}

TEST(ParserMessages, AttributeMistakes) {
  EXPECT_READ_FAILURE(replaced(kThree, R"(<article n="1" id="a1">)", R"(<article n=1 id="a1">)"), 12,
                      "not well-formed XML: attribute values must be in quotes: write n=\"1\"");
  EXPECT_READ_FAILURE(replaced(kThree, R"(<article n="1" id="a1">)", R"(<article n="1" id="a1" n="1">)"), 12,
                      "not well-formed XML: <article> has the attribute n twice; keep one");
  EXPECT_READ_FAILURE(replaced(kThree, R"(<article n="1" id="a1">)", R"(<article n="1"id="a1">)"), 12,
                      "not well-formed XML: attributes must be separated by a space: put one before id in "
                      "<article>");
}

TEST(ParserMessages, WhatIsOutsideTheRoot) {
  EXPECT_READ_FAILURE(kThree + "<issue/>\n", 26,
                      "not well-formed XML: there is more after the end of the root element </issue>: a file "
                      "holds one root element and nothing after it");
  EXPECT_READ_FAILURE(
      "<?xml version=\"1.0\"?>\n<!-- nothing yet -->\n", 3,
      "not well-formed XML: there is no root element: after the <?xml ...?> line the file must "
      "hold one element that contains everything else");
  EXPECT_READ_FAILURE("\n" + kThree, 2,
                      "not well-formed XML: the <?xml ...?> declaration must be the very first thing in the "
                      "file: remove what is before it");
}

TEST(ParserMessages, InvalidUtf8SaysWhereAndThatTheFileMustBeUtf8) {
  // One stray byte deep in the file: the offset is the byte's own, not the parser's buffer's.
  const std::string xml = replaced(kThree, "正文三。", std::string(9000, 'x') + "\xFF");
  const size_t offset = xml.find('\xFF');
  EXPECT_READ_FAILURE(xml, 23,
                      "not well-formed XML: the file is not valid UTF-8: byte 0xFF at byte offset " +
                          std::to_string(offset) +
                          " does not belong to a UTF-8 character; save the file as UTF-8");
  EXPECT_READ_FAILURE(replaced(kThree, "正文一。", "\x01"), 16,
                      "not well-formed XML: the character U+0001 is not allowed in XML; remove it");
}

TEST(ParserMessages, OtherEncodingsAreExplainedWithoutNoiseOnStderr) {
  std::string xml = replaced(kThree, "encoding=\"UTF-8\"", "encoding=\"GB18030\"");
  xml = replaced(xml, "正文三。", "\xFF\xFF");
  ::testing::internal::CaptureStderr();
  const ReadFailure failure = read_failure(xml);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(
      failure.message,
      "not well-formed XML: the file declares encoding=\"GB18030\" but is not valid GB18030; save it as "
      "UTF-8 and declare encoding=\"UTF-8\"");
  EXPECT_READ_FAILURE(replaced(kThree, "encoding=\"UTF-8\"", "encoding=\"KLINGON\""), 1,
                      "not well-formed XML: the encoding \"KLINGON\" named in the <?xml ...?> line is not "
                      "supported; save the file as UTF-8 and declare encoding=\"UTF-8\"");
}

TEST(ParserMessages, UntranslatedErrorsKeepLibxml2sTextCleaned) {
  const ReadFailure failure = read_failure(replaced(kThree, "<masthead>", "<masthead<number/>"));
  EXPECT_EQ(failure.line, 3);
  EXPECT_EQ(failure.message.rfind("not well-formed XML: ", 0), 0u) << failure.message;
  EXPECT_GT(failure.message.size(), std::string("not well-formed XML: ").size());
  EXPECT_EQ(failure.message.find('\n'), std::string::npos) << failure.message;
  EXPECT_EQ(failure.message.find("xmlParse"), std::string::npos) << failure.message;
}

// --- Schema problems in words ------------------------------------------------------------

TEST(SchemaMessages, MarkupInsideText) {
  EXPECT_TRUE(only_problem(
      replaced(kThree, "<title>第一篇</title>\n    <link", "<title>第<b>一</b>篇</title>\n    <link"), 13,
      "<b> is not allowed inside <title>: <title> holds plain text only, no markup"));
  EXPECT_TRUE(only_problem(replaced(kThree, "第六四九", "第<b>六</b>四九"), 4,
                           "<b> is not allowed inside <number>: <number> holds plain text only, no markup"));
}

TEST(SchemaMessages, ElementsWhereTheyDoNotBelong) {
  EXPECT_TRUE(only_problem(
      replaced(kThree, "<p>正文一。</p>", "<p>正文一。</p><foo/>"), 16,
      "<foo> is not allowed here in <body>; expected one of <p>, <heading>, <byline>, <figure>"));
  EXPECT_TRUE(
      only_problem(replaced(kThree, R"(<link href="https://example.cn/1"/>)",
                            R"(<link href="https://example.cn/1"/><title>又一个</title>)"),
                   14,
                   "<title> is not allowed here in <article> (the order is <title>, <source>, <link>, "
                   "<body>); expected <body>"));
  EXPECT_TRUE(only_problem(replaced(kThree, "<p>正文一。</p>", "<p xmlns=\"\">正文一。</p>"), 16,
                           "<p> is not in the namespace urn:reissue:issue:1 like the rest of <body> (it has "
                           "xmlns=\"\"): check its xmlns"));
  EXPECT_TRUE(
      only_problem(replaced(kThree, "<masthead>\n", "<masthead>\n    第六四九\n"), 4,
                   "text \"第六四九\" is not allowed directly in <masthead>: put it inside one of <series>, "
                   "<number>, <publisher>, <date>"));
}

TEST(SchemaMessages, MissingRequiredElement) {
  EXPECT_TRUE(
      only_problem(replaced(kThree, "<body><p>正文二。</p></body>", ""), 19, "<article> needs a <body>"));
  EXPECT_TRUE(
      only_problem(replaced(kThree, "<entry ref=\"a2\"><title>第二篇</title></entry>", "<entry ref=\"a2\"/>"),
                   9, "<entry> needs a <title>"));
}

TEST(SchemaMessages, AttributesSayTheAllowedForm) {
  EXPECT_TRUE(
      only_problem(replaced(kThree, R"(<date when="2025-06-13">)", "<date>"), 5,
                   "<date> needs the attribute when: a real date written YYYY-MM-DD, such as 2025-11-14"));
  EXPECT_TRUE(only_problem(replaced(kThree, "2025-06-13", "2025-6-13"), 5,
                           "<date when=\"2025-6-13\">: when must be a real date written YYYY-MM-DD, such as "
                           "2025-11-14"));
  EXPECT_TRUE(only_problem(replaced(kThree, R"(n="649")", R"(n="abc")"), 4,
                           "<number n=\"abc\">: n must be a positive whole number (1, 2, 3, ...)"));
  // Reported once, by the schema: the rule on links does not repeat it.
  EXPECT_TRUE(
      only_problem(replaced(kThree, "https://example.cn/1", "ftp://example.cn/1"), 14,
                   "<link href=\"ftp://example.cn/1\">: href must be an absolute http:// or https:// URL "
                   "(pattern [hH][tT][tT][pP][sS]?://\\S+)"));
  EXPECT_TRUE(
      only_problem(replaced(kThree, R"(<article n="1" id="a1">)", R"(<article n="1" id="a1" lang="zh">)"), 12,
                   "<article> does not take the attribute lang (its attributes: n, id)"));
}

TEST(SchemaMessages, WrongNamespaceOnTheRoot) {
  EXPECT_TRUE(
      only_problem(replaced(kThree, R"( xmlns="urn:reissue:issue:1")", ""), 2,
                   "the element <issue> is not in the reissue namespace: add xmlns=\"urn:reissue:issue:1\""));
  EXPECT_TRUE(only_problem(replaced(kThree, "urn:reissue:issue:1", "urn:reissue:issue:2"), 2,
                           "the element <issue> is in the namespace \"urn:reissue:issue:2\", not the reissue "
                           "namespace: write xmlns=\"urn:reissue:issue:1\""));
}

// --- Identity: the rule checker's words, once ---------------------------------------------

TEST(IdentityMessages, ContentsReferenceToNoArticle) {
  EXPECT_TRUE(only_problem(replaced(kThree, R"(ref="a3")", R"(ref="a22")"), 10,
                           "contents entry refers to article a22, which does not exist; articles are a1-a3"));
}

TEST(IdentityMessages, DuplicateArticleId) {
  const auto problems = problems_of(replaced(kThree, R"(n="3" id="a3")", R"(n="3" id="a2")"));
  EXPECT_TRUE(has_problem(problems, 22, "article id \"a2\" is used twice (lines 19 and 22)"));
  EXPECT_TRUE(has_problem(problems, 10,
                          "contents entry refers to article a3, which does not exist; articles are a1-a2"));
  EXPECT_EQ(problems.size(), 2u) << listed(problems);
  EXPECT_TRUE(no_raw_libxml2_text(problems));
}

TEST(IdentityMessages, DuplicateArticleNumberAndEntry) {
  EXPECT_TRUE(
      only_problem(replaced(kThree, R"(n="3" id="a3")", R"(n="2" id="a3")"), 22,
                   "article n=\"2\" is used twice (lines 19 and 22); articles are numbered 1, 2, 3, ... in "
                   "order, so this one should be 3"));
  EXPECT_TRUE(
      only_problem(replaced(kThree, R"(ref="a3")", R"(ref="a2")"), 10,
                   "contents entry refers to article a2 again (the entry at line 9 does too); each article "
                   "has one entry"));
}

// --- All problems in one run -----------------------------------------------------------------

TEST(AllProblems, SchemaAndRuleProblemsTogetherSortedByLineEachOnce) {
  std::string xml = kThree;
  xml = replaced(xml, "2025-06-13", "2025-02-30");     // 5: schema
  xml = replaced(xml, R"(ref="a3")", R"(ref="a22")");  // 10: identity
  xml = replaced(xml, "<title>第一篇</title>\n    <link",
                 "<title>第<b>一</b>篇</title>\n    <link");                     // 13: schema
  xml = replaced(xml, "https://example.cn/1", "ftp://example.cn/1");             // 14: schema (and rule)
  xml = replaced(xml, "<body><p>正文二。</p></body>", "<body><p> </p></body>");  // 20: rule
  xml = replaced(xml, R"(n="3" id="a3")", R"(n="7" id="a3")");                   // 22: rule
  const LoadResult result = load_issue_from_memory(xml, "issue.xml");
  const std::vector<std::pair<int, std::string>> expected = {
      {5, "<date when=\"2025-02-30\">: when must be a real date written YYYY-MM-DD, such as 2025-11-14"},
      {10, "contents entry refers to article a22, which does not exist; articles are a1-a3"},
      {13, "<b> is not allowed inside <title>: <title> holds plain text only, no markup"},
      {14,
       "<link href=\"ftp://example.cn/1\">: href must be an absolute http:// or https:// URL (pattern "
       "[hH][tT][tT][pP][sS]?://\\S+)"},
      {20, "<p> is empty"},
      {22, "article n=\"7\" should be 3 (articles are numbered 1, 2, 3, ... in order)"},
  };
  ASSERT_EQ(result.problems.size(), expected.size()) << listed(result.problems);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(result.problems[i].line, expected[i].first) << listed(result.problems);
    EXPECT_EQ(result.problems[i].message, expected[i].second);
  }
  EXPECT_FALSE(result.issue.has_value());  // the model of a schema-invalid file is not handed out
}

TEST(AllProblems, RuleProblemsAloneKeepTheModel) {
  const LoadResult result =
      load_issue_from_memory(replaced(kThree, R"(n="3" id="a3")", R"(n="7" id="a3")"), "x.xml");
  ASSERT_TRUE(result.issue.has_value());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.issue->articles.size(), 3u);
}

TEST(AllProblems, NumbersTooLargeForTheModelAreProblemsNotCrashes) {
  EXPECT_TRUE(only_problem(replaced(kThree, R"(n="649")", R"(n="99999999324")"), 4,
                           "number n=\"99999999324\" is too large (at most 2147483647)"));
  // No "should be 2" as well: the number is unknown, not wrong.
  EXPECT_TRUE(only_problem(replaced(kThree, R"(n="2" id="a2")", R"(n="99999999999999999999" id="a2")"), 19,
                           "article n=\"99999999999999999999\" is too large (at most 2147483647)"));
  const LoadResult result =
      load_issue_from_memory(replaced(kThree, R"(n="649")", R"(n="99999999324")"), "x.xml");
  EXPECT_FALSE(result.issue.has_value());

  test::TempDir dir;
  test::write_text(dir / "big.xml", replaced(kThree, R"(n="649")", R"(n="99999999324")"));
  try {
    read_issue(dir / "big.xml");
    FAIL() << "a number too large was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.line(), 4);
    EXPECT_EQ(error.message(), "number n=\"99999999324\" is too large (at most 2147483647)");
  }
}

// --- The style sheet reader shares the translations -------------------------------------------

namespace {

// The style schema as the layout library embeds it. Static: the schema cache
// is keyed by the text's address.
const char* style_schema() {
  static const std::string text = test::read_text(test::source_dir() / "styles/style.xsd");
  return text.c_str();
}

std::vector<Problem> style_problems(const std::string& sheet) {
  xml::DocPtr doc = xml::parse_untrusted(sheet, "style.xml", 1 << 20);
  return xml::validate_with_schema(doc.get(), style_schema());
}

std::string default_style() { return test::read_text(test::source_dir() / "styles/default.xml"); }

}  // namespace

TEST(StyleMessages, PatternsKeepTheirBracesAndNamesAreGeneric) {
  const std::string sheet = default_style();
  const size_t colour = sheet.find("rule-color=\"#");
  ASSERT_NE(colour, std::string::npos);
  const auto problems = style_problems(sheet.substr(0, colour) + "rule-color=\"#12345\"" +
                                       sheet.substr(colour + std::string("rule-color=\"#C00000\"").size()));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].message,
            "<masthead rule-color=\"#12345\">: rule-color must be a colour written #RRGGBB, such as #1F4E79 "
            "(pattern #[0-9A-Fa-f]{6})");

  const auto twelve = style_problems(replaced(sheet, "size=\"12pt\"", "size=\"twelve\""));
  ASSERT_EQ(twelve.size(), 1u) << listed(twelve);
  EXPECT_EQ(twelve[0].message,
            "<role size=\"twelve\">: size must be a length such as 12pt, 20mm, 2.5cm or 1in (pattern "
            "[0-9]+(\\.[0-9]+)?(pt|mm|cm|in))");
}

TEST(StyleMessages, UniqueConstraintsAreReportedInWords) {
  const auto problems = style_problems(replaced(default_style(), "name=\"number\"", "name=\"series\""));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_NE(problems[0].message.find("<role name=\"series\"> is given twice (lines "), std::string::npos)
      << problems[0].message;
  EXPECT_NE(problems[0].message.find("; each <role> needs a different name"), std::string::npos);
  EXPECT_TRUE(no_raw_libxml2_text(problems));
}
