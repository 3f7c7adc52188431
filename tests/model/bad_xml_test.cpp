// Hostile and broken XML: each gives a clear ReadError or problem, never expands
// entities, never reads other files or the network.
#include "reissue/error.h"
#include "reissue/issue_xml.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

// Returns the ReadError message for `xml`, or "" if none was thrown.
std::string read_error(const std::string& xml) {
  try {
    load_issue_from_memory(xml, "bad.xml");
  } catch (const ReadError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST(BadXml, MalformedNamesFileAndLine) {
  const std::string message = read_error(
      "<?xml version=\"1.0\"?>\n<issue xmlns=\"urn:reissue:issue:1\">\n  <masthead>\n</issue>\n");
  EXPECT_EQ(message.rfind("bad.xml:4: not well-formed XML", 0), 0u) << message;
  EXPECT_NE(message.find("masthead"), std::string::npos) << message;
}

TEST(BadXml, EmptyFileAndBinaryGarbage) {
  EXPECT_NE(read_error("").find("empty"), std::string::npos);
  EXPECT_NE(read_error(std::string("%PDF-1.4\n\x01\x02", 11)).find("not well-formed"),
            std::string::npos);
}

TEST(BadXml, WrongRootIsAProblem) {
  const LoadResult result =
      load_issue_from_memory("<?xml version=\"1.0\"?>\n<html><body/></html>\n", "page.xml");
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].line, 2);
  EXPECT_NE(result.problems[0].message.find("root element is <html>"), std::string::npos);
  const LoadResult no_namespace = load_issue_from_memory("<issue/>", "plain.xml");
  EXPECT_NE(no_namespace.problems.at(0).message.find("urn:reissue:issue:1"), std::string::npos);
}

TEST(BadXml, BillionLaughsIsRefusedWithoutExpansion) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE issue [\n  <!ENTITY lol0 \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    xml += "  <!ENTITY lol" + std::to_string(level) + " \"";
    for (int copy = 0; copy < 10; ++copy) xml += "&lol" + std::to_string(level - 1) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<issue xmlns=\"urn:reissue:issue:1\">&lol9;</issue>\n";
  EXPECT_EQ(read_error(xml), "bad.xml:2: DOCTYPE declarations are not allowed (the issue format "
                             "uses no DTD or entities)");
}

TEST(BadXml, ExternalEntityIsNeverRead) {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE issue [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
      "<issue xmlns=\"urn:reissue:issue:1\"><masthead><series>&xxe;</series></masthead></issue>\n";
  const std::string message = read_error(xml);
  EXPECT_NE(message.find("DOCTYPE declarations are not allowed"), std::string::npos) << message;
  EXPECT_EQ(message.find("root:"), std::string::npos);  // no /etc/passwd content anywhere
}

TEST(BadXml, ExternalDtdAndNetworkAreNeverFetched) {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE issue SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
      "<issue xmlns=\"urn:reissue:issue:1\"/>\n";
  EXPECT_NE(read_error(xml).find("DOCTYPE"), std::string::npos);
  // XInclude is not processed: the element stays an unknown element, a schema problem.
  const LoadResult result = load_issue_from_memory(
      "<issue xmlns=\"urn:reissue:issue:1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
      "xml:lang=\"zh-CN\"><xi:include href=\"/etc/passwd\" parse=\"text\"/></issue>",
      "xinclude.xml");
  ASSERT_FALSE(result.problems.empty());
  EXPECT_NE(result.problems[0].message.find("include"), std::string::npos);
}

TEST(BadXml, HugeFileIsRefusedBeforeParsing) {
  test::TempDir dir;
  const fs::path huge = dir / "huge.xml";
  {
    std::ofstream out(huge);
    out << "<?xml version=\"1.0\"?>\n<issue>";
  }
  fs::resize_file(huge, 200ull * 1024 * 1024);  // sparse: costs no disk
  try {
    load_issue(huge);
    FAIL() << "a 200 MB file was accepted";
  } catch (const ReadError& error) {
    EXPECT_NE(std::string(error.what()).find("too large (200 MiB; the limit is 32 MiB)"),
              std::string::npos)
        << error.what();
  }
}

TEST(BadXml, MissingFile) {
  EXPECT_THROW(load_issue("/nonexistent/issue.xml"), ReadError);
}
