#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"
#include "reissue/xml_safe.h"

#include <algorithm>

namespace reissue {

namespace embedded {
extern const char issue_xsd[];
}

namespace {

using xml::attribute;
using xml::is_element;
using xml::line_of;

std::string text(const xmlNode* node) { return normalize_inline_text(xml::text_of(node)); }

std::vector<const xmlNode*> children(const xmlNode* parent) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* child = parent->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE) out.push_back(child);
  return out;
}

// The schema has already checked structure and attribute types, so this walk
// only maps elements to the model.
Masthead read_masthead(const xmlNode* node) {
  Masthead masthead;
  masthead.line = line_of(node);
  for (const xmlNode* child : children(node)) {
    if (is_element(child, "series")) masthead.series = text(child);
    else if (is_element(child, "publisher")) masthead.publisher = text(child);
    else if (is_element(child, "number")) {
      masthead.number_text = text(child);
      masthead.number = std::stoi(attribute(child, "n"));
    } else if (is_element(child, "date")) {
      masthead.date_text = text(child);
      masthead.date = Date::parse_iso(attribute(child, "when"));
    }
  }
  return masthead;
}

Block read_block(const xmlNode* node) {
  Block block;
  block.line = line_of(node);
  if (is_element(node, "figure")) {
    block.kind = BlockKind::figure;
    block.image = attribute(node, "src");
    for (const xmlNode* child : children(node))
      if (is_element(child, "caption")) block.text = text(child);
    return block;
  }
  block.kind = is_element(node, "heading") ? BlockKind::heading
               : is_element(node, "byline") ? BlockKind::byline
                                             : BlockKind::paragraph;
  block.text = text(node);
  return block;
}

Article read_article(const xmlNode* node) {
  Article article;
  article.line = line_of(node);
  article.n = std::stoi(attribute(node, "n"));
  article.id = attribute(node, "id");
  for (const xmlNode* child : children(node)) {
    if (is_element(child, "title")) article.title = text(child);
    else if (is_element(child, "source")) article.source = text(child);
    else if (is_element(child, "link")) article.href = attribute(child, "href");
    else if (is_element(child, "body")) {
      for (const xmlNode* item : children(child)) {
        if (is_element(item, "headline")) article.headline = text(item);
        else if (is_element(item, "dateline")) {
          Dateline dateline;
          dateline.source = text(item);
          dateline.date = Date::parse_iso(attribute(item, "when"));
          article.dateline = dateline;
        } else {
          article.blocks.push_back(read_block(item));
        }
      }
    }
  }
  return article;
}

Issue read_issue_element(const xmlNode* root) {
  Issue issue;
  for (const xmlNode* child : children(root)) {
    if (is_element(child, "masthead")) issue.masthead = read_masthead(child);
    else if (is_element(child, "intro")) {
      for (const xmlNode* p : children(child)) issue.intro.push_back(read_block(p));
    } else if (is_element(child, "contents")) {
      for (const xmlNode* entry : children(child)) {
        ContentsEntry item;
        item.ref = attribute(entry, "ref");
        item.line = line_of(entry);
        for (const xmlNode* field : children(entry)) {
          if (is_element(field, "title")) item.title = text(field);
          else if (is_element(field, "source")) item.source = text(field);
        }
        issue.contents.push_back(item);
      }
    } else if (is_element(child, "article")) {
      issue.articles.push_back(read_article(child));
    }
  }
  return issue;
}

bool in_issue_namespace(const xmlNode* node) {
  return node->ns && node->ns->href &&
         xmlStrEqual(node->ns->href, BAD_CAST kIssueNamespace);
}

}  // namespace

LoadResult load_issue_from_memory(std::string_view bytes, const std::string& name,
                                  const XmlLimits& limits) {
  xml::DocPtr doc = xml::parse_untrusted(bytes, name, limits.max_bytes);
  LoadResult result;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!is_element(root, "issue") || !in_issue_namespace(root)) {
    const std::string found = root ? reinterpret_cast<const char*>(root->name) : "(none)";
    result.problems.push_back(
        {root ? line_of(root) : 0, "root element is <" + found + ">, expected <issue xmlns=\"" +
                                       std::string(kIssueNamespace) + "\">"});
    return result;
  }
  result.problems = xml::validate_with_schema(doc.get(), embedded::issue_xsd);
  if (!result.problems.empty()) return result;

  xmlChar* lang = xmlNodeGetLang(root);
  const std::string language = lang ? reinterpret_cast<const char*>(lang) : "";
  xmlFree(lang);
  if (language != "zh-CN")
    result.problems.push_back({line_of(root), "<issue> must have xml:lang=\"zh-CN\"" +
                                                  (language.empty() ? std::string()
                                                                    : ", not \"" + language + "\"")});
  Issue issue = read_issue_element(root);
  for (Problem& problem : check_semantics(issue)) result.problems.push_back(std::move(problem));
  std::stable_sort(result.problems.begin(), result.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  result.issue = std::move(issue);
  return result;
}

LoadResult load_issue(const std::filesystem::path& file, const XmlLimits& limits) {
  const std::string bytes = read_file_limited(file, limits.max_bytes);
  return load_issue_from_memory(bytes, file.string(), limits);
}

Issue read_issue(const std::filesystem::path& file, const XmlLimits& limits) {
  LoadResult result = load_issue(file, limits);
  if (!result.problems.empty()) {
    const Problem& first = result.problems.front();
    std::string message = first.message;
    if (result.problems.size() > 1)
      message += " (and " + std::to_string(result.problems.size() - 1) +
                 " more problems; run `reissue validate` to list them)";
    throw Error(file.string(), first.line, message);
  }
  return std::move(*result.issue);
}

}  // namespace reissue
