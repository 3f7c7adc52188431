#include "reissue/issue_parts.h"

#include <map>

namespace reissue {

namespace {

class PartList {
 public:
  explicit PartList(std::vector<IssuePart>& parts) : parts_(parts) {}

  void add(const std::string& parent, const std::string& element, const std::string& text,
           const Provenance& provenance, const std::string& section, int article = 0, bool indexed = false) {
    std::string path = parent + "/" + element;
    // Elements that repeat under one parent are numbered as XPath counts them.
    if (indexed) path += "[" + std::to_string(++counts_[parent + "/" + element]) + "]";
    parts_.push_back({std::move(path), element, text, &provenance, article, section});
  }

 private:
  std::vector<IssuePart>& parts_;
  std::map<std::string, int> counts_;
};

}  // namespace

std::vector<IssuePart> issue_parts(const Issue& issue) {
  std::vector<IssuePart> parts;
  PartList list(parts);
  const Masthead& masthead = issue.masthead;
  const MastheadProvenance& origin = masthead.provenance;
  const std::string top = "/issue/masthead";
  if (!masthead.series.empty()) list.add(top, "series", masthead.series, origin.series, "masthead");
  if (masthead.number || !masthead.number_text.empty())
    list.add(top, "number", masthead.number_text, origin.number, "masthead");
  if (!masthead.publisher.empty()) list.add(top, "publisher", masthead.publisher, origin.publisher, "masthead");
  if (masthead.date || !masthead.date_text.empty()) list.add(top, "date", masthead.date_text, origin.date, "masthead");

  for (const Block& block : issue.intro) list.add("/issue/intro", "p", block.text, block.provenance, "intro", 0, true);
  int entry_index = 0;
  for (const ContentsEntry& entry : issue.contents) {
    const std::string at = "/issue/contents/entry[" + std::to_string(++entry_index) + "]";
    list.add(at, "title", entry.title, entry.provenance, "contents");
    if (!entry.source.empty()) list.add(at, "source", entry.source, entry.provenance, "contents");
  }
  int article_index = 0;
  for (const Article& article : issue.articles) {
    ++article_index;
    const std::string at =
        "/issue/article[@id='" + (article.id.empty() ? article_id(article.n) : article.id) + "']";
    const ArticleProvenance& from = article.provenance;
    if (!article.title.empty()) list.add(at, "title", article.title, from.title, "article", article_index);
    if (!article.source.empty()) list.add(at, "source", article.source, from.source, "article", article_index);
    if (!article.href.empty()) list.add(at, "link", article.href, from.link, "article", article_index);
    const std::string body = at + "/body";
    if (!article.headline.empty())
      list.add(body, "headline", article.headline, from.headline, "article", article_index);
    if (article.dateline)
      list.add(body, "dateline", article.dateline->source, article.dateline->provenance, "article", article_index);
    for (const Block& block : article.blocks)
      list.add(body, block_kind_name(block.kind), block.text, block.provenance, "article", article_index, true);
  }
  return parts;
}

const IssuePart* part_at_line(const std::vector<IssuePart>& parts, int line) {
  const IssuePart* best = nullptr;
  for (const IssuePart& part : parts) {
    const Provenance& from = *part.provenance;
    if (!from.known() || line < from.first_line || line > from.last_line) continue;
    if (!best || from.last_line - from.first_line < best->provenance->last_line - best->provenance->first_line)
      best = &part;
  }
  return best;
}

}  // namespace reissue
