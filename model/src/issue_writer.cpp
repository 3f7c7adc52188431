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

// Text with its inline markup, as mixed content. The spans nest (issue.h), so
// each closes before the one around it.
std::string marked_text(const std::string& text, const std::vector<Inline>& inlines) {
  std::string out;
  std::vector<const Inline*> open;
  size_t at = 0;
  const auto text_to = [&](size_t end) {
    out += xml::escaped(text.substr(at, end - at));
    at = end;
  };
  const auto close_until = [&](size_t position) {
    while (!open.empty() && open.back()->end <= position) {
      text_to(open.back()->end);
      out += std::string("</") + inline_element_name(open.back()->kind) + ">";
      open.pop_back();
    }
  };
  for (const Inline& span : inlines) {
    if (span.begin >= span.end || span.end > text.size()) continue;
    close_until(span.begin);
    text_to(span.begin);
    out += std::string("<") + inline_element_name(span.kind);
    if (span.kind == Inline::Kind::link) out += " href=\"" + xml::escaped(span.href) + "\"";
    out += ">";
    open.push_back(&span);
  }
  close_until(text.size());
  text_to(text.size());
  return out;
}

void write_marked(Writer& out, const char* name, const std::string& text, const std::vector<Inline>& inlines) {
  if (inlines.empty()) return out.element(name, text);
  out.start(name);
  out.raw(marked_text(text, inlines));  // a model's text is stored normalized
  out.end();
}

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
    write_marked(out, block_kind_name(block.kind), block.text, block.inlines);
    return;
  }
  out.start("figure");
  if (!block.image.empty()) out.attribute("src", block.image);
  if (!block.text.empty()) write_marked(out, "caption", block.text, block.inlines);
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
    for (const Block& paragraph : issue.intro) write_marked(out, "p", paragraph.text, paragraph.inlines);
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
