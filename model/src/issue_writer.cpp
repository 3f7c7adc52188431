// Deterministic issue XML: fixed element order, two-space indentation, one
// element per line, text normalized by the same rule the reader applies, so
// read -> write is a fixed point and diffs of issue files are meaningful.
#include "reissue/atomic_file.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"
#include "reissue/xml_writer.h"


namespace reissue {

namespace {

// The issue writer's text is normalized by the same rule the reader applies.
class Writer : public xml::Writer {
 public:
  Writer() : xml::Writer(true) {}
  void text(const std::string& value) { xml::Writer::text(normalize_inline_text(value)); }
  void element(const char* name, const std::string& value) {
    start(name);
    text(value);
    end();
  }
};

void write_masthead(Writer& out, const Masthead& masthead) {
  out.start("masthead");
  if (!masthead.series.empty()) out.element("series", masthead.series);
  if (masthead.number) {
    out.start("number");
    out.attribute("n", std::to_string(*masthead.number));
    out.text(masthead.number_text);
    out.end();
  }
  if (!masthead.publisher.empty()) out.element("publisher", masthead.publisher);
  if (masthead.date) {
    out.start("date");
    out.attribute("when", masthead.date->iso());
    out.text(masthead.date_text);
    out.end();
  }
  out.end();
}

void write_block(Writer& out, const Block& block) {
  if (block.kind != BlockKind::figure) {
    out.element(block_kind_name(block.kind), block.text);
    return;
  }
  out.start("figure");
  if (!block.image.empty()) out.attribute("src", block.image);
  if (!block.text.empty()) out.element("caption", block.text);
  out.end();
}

void write_article(Writer& out, const Article& article) {
  out.start("article");
  out.attribute("n", std::to_string(article.n));
  out.attribute("id", article.id.empty() ? article_id(article.n) : article.id);
  if (!article.title.empty()) out.element("title", article.title);
  if (!article.source.empty()) out.element("source", article.source);
  if (!article.href.empty()) {
    out.start("link");
    out.attribute("href", article.href);
    out.end();
  }
  out.start("body");
  if (!article.headline.empty()) out.element("headline", article.headline);
  if (article.dateline) {
    out.start("dateline");
    if (article.dateline->date) out.attribute("when", article.dateline->date->iso());
    out.text(article.dateline->source);
    out.end();
  }
  for (const Block& block : article.blocks) write_block(out, block);
  out.end();
  out.end();
}

}  // namespace

std::string write_issue_xml(const Issue& issue) {
  Writer out;
  out.start_document();
  out.start("issue");
  out.attribute("xmlns", kIssueNamespace);
  out.attribute("xml:lang", "zh-CN");
  write_masthead(out, issue.masthead);
  if (!issue.intro.empty()) {
    out.start("intro");
    for (const Block& paragraph : issue.intro) out.element("p", paragraph.text);
    out.end();
  }
  if (!issue.contents.empty()) {
    out.start("contents");
    for (const ContentsEntry& entry : issue.contents) {
      out.start("entry");
      out.attribute("ref", entry.ref);
      out.element("title", entry.title);
      if (!entry.source.empty()) out.element("source", entry.source);
      out.end();
    }
    out.end();
  }
  for (const Article& article : issue.articles) write_article(out, article);
  out.end();
  return out.finish();
}

void save_issue(const Issue& issue, const std::filesystem::path& file) {
  write_file_atomically(file, write_issue_xml(issue));
}

}  // namespace reissue
