// Inline markup (<em>, <strong>, <a href>) in paragraphs, headings, captions
// and bylines: read into spans of the normalized text, written back the same,
// anything else refused with a plain message.
#include "reissue/issue_xml.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace reissue;

namespace {

const char* const kHead = R"(<?xml version="1.0" encoding="UTF-8"?>
<issue xmlns="urn:reissue:issue:1" xml:lang="zh-CN">
  <masthead>
    <publisher>北京市卫生健康大数据与政策研究中心</publisher>
    <date when="2025-06-13">2025年6月13日</date>
  </masthead>
  <contents>
    <entry ref="a1">
      <title>第一篇</title>
    </entry>
  </contents>
  <article n="1" id="a1">
)";

std::string issue_with_body(const std::string& body) {
  return kHead + std::string(R"(    <title>第一篇</title>
    <body>
)") + body + R"(
    </body>
  </article>
</issue>
)";
}

std::string span_text(const Block& block, const Inline& span) { return block.text.substr(span.begin, span.end - span.begin); }

}  // namespace

TEST(InlineMarkup, SpansCoverTheirTextAfterNormalization) {
  const LoadResult loaded = load_issue_from_memory(
      issue_with_body(R"(<p>医生 <strong>AI</strong> 助手，<em>显著 <a href="https://example.com/a?b=1&amp;c=2">提升</a></em>效率。</p>
      <heading><em>AI</em>驱动</heading>
      <figure><caption>图为<strong>机器人</strong></caption></figure>)"),
      "markup.xml");
  ASSERT_TRUE(loaded.ok()) << (loaded.problems.empty() ? "" : loaded.problems.front().message);
  const Article& article = loaded.issue->articles.at(0);
  const Block& paragraph = article.blocks.at(0);
  // The spaces between Chinese and Latin are not stored, inside markup too.
  EXPECT_EQ(paragraph.text, "医生AI助手，显著 提升效率。");
  ASSERT_EQ(paragraph.inlines.size(), 3u);
  EXPECT_EQ(paragraph.inlines[0].kind, Inline::Kind::strong);
  EXPECT_EQ(span_text(paragraph, paragraph.inlines[0]), "AI");
  EXPECT_EQ(paragraph.inlines[1].kind, Inline::Kind::emphasis);
  EXPECT_EQ(span_text(paragraph, paragraph.inlines[1]), "显著 提升");
  EXPECT_EQ(paragraph.inlines[2].kind, Inline::Kind::link);
  EXPECT_EQ(paragraph.inlines[2].href, "https://example.com/a?b=1&c=2");
  EXPECT_EQ(span_text(paragraph, paragraph.inlines[2]), "提升");
  EXPECT_EQ(span_text(article.blocks.at(1), article.blocks.at(1).inlines.at(0)), "AI");
  EXPECT_EQ(span_text(article.blocks.at(2), article.blocks.at(2).inlines.at(0)), "机器人");

  // Written and read again: the same issue, the same bytes.
  const std::string xml = write_issue_xml(*loaded.issue);
  EXPECT_NE(xml.find("<p>医生<strong>AI</strong>助手，<em>显著 <a href=\"https://example.com/a?b=1&amp;c=2\">提升</a></em>"
                     "效率。</p>"),
            std::string::npos)
      << xml;
  const LoadResult again = load_issue_from_memory(xml, "again.xml");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(write_issue_xml(*again.issue), xml);
  EXPECT_EQ(again.issue->articles[0].blocks[0].inlines, paragraph.inlines);
}

TEST(InlineMarkup, UnknownMarkupAndLinksInLinksAreRefusedPlainly) {
  const LoadResult bold = load_issue_from_memory(issue_with_body("<p>正文<b>加粗</b>。</p>"), "b.xml");
  ASSERT_FALSE(bold.ok());
  EXPECT_NE(bold.problems.front().message.find("<b> is not allowed here"), std::string::npos)
      << bold.problems.front().message;
  EXPECT_NE(bold.problems.front().message.find("<em>, <strong>, <a>"), std::string::npos);

  // However deep the markup nests, the message says what is allowed there.
  const LoadResult deep =
      load_issue_from_memory(issue_with_body("<p><em><strong><em><b>词</b></em></strong></em></p>"), "deep.xml");
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.problems.front().message.find("<b> is not allowed here in <em>; expected one of <em>, <strong>, <a>"),
            std::string::npos)
      << deep.problems.front().message;

  const LoadResult nested = load_issue_from_memory(
      issue_with_body(R"(<p><a href="https://a.org/">甲<a href="https://b.org/">乙</a></a></p>)"), "a.xml");
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.problems.front().message.find("cannot hold a link"), std::string::npos);

  const LoadResult relative =
      load_issue_from_memory(issue_with_body(R"(<p><a href="/local">甲</a></p>)"), "rel.xml");
  EXPECT_FALSE(relative.ok());
  const LoadResult in_title = load_issue_from_memory(
      kHead + std::string("<title><em>第一篇</em></title><body><p>文</p></body></article></issue>"), "title.xml");
  EXPECT_FALSE(in_title.ok());  // titles are plain text: contents, bookmarks and headers repeat them
}

TEST(InlineMarkup, EmptyMarkupHoldsNothingAndIsDropped) {
  const LoadResult loaded = load_issue_from_memory(issue_with_body("<p>正文<em></em>。</p>"), "empty.xml");
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(loaded.issue->articles[0].blocks[0].inlines.empty());
  EXPECT_EQ(loaded.issue->articles[0].blocks[0].text, "正文。");
}
