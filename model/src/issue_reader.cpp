#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/issue_xml.h"
#include "reissue/placeholders.h"
#include "reissue/text.h"
#include "reissue/xml_safe.h"

#include "issue_semantics.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <set>
#include <utility>

namespace reissue {

namespace embedded {
extern const char issue_xsd[];
}

namespace {

using xml::line_of;

std::string text(const xmlNode* node) { return normalize_inline_text(xml::text_of(node)); }

bool in_issue_namespace(const xmlNode* node) {
  return node->ns && node->ns->href &&
         xmlStrEqual(node->ns->href, BAD_CAST kIssueNamespace);
}

// An element of the format: its name in the format's namespace. Anything else
// has been reported by the schema and is left out of the model.
bool is_issue_element(const xmlNode* node, const char* local_name) {
  return xml::is_element(node, local_name) && in_issue_namespace(node);
}

std::vector<const xmlNode*> children(const xmlNode* parent) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* child = parent->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE) out.push_back(child);
  return out;
}

std::string_view trimmed(std::string_view value) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!value.empty() && space(value.front())) value.remove_prefix(1);
  while (!value.empty() && space(value.back())) value.remove_suffix(1);
  return value;
}

// Reads the model from a document the schema may have rejected, so that the
// rules run on whatever could be read and a file's problems show in one run.
// What cannot be read is left out of the model and noted in `gaps`; values
// the schema accepts but the model cannot hold are problems of their own.
class IssueReader {
 public:
  explicit IssueReader(const xml::SchemaCheck& schema) : schema_(schema) {}

  std::vector<Problem> problems;
  ReadGaps gaps;

  Issue read(const xmlNode* root) {
    Issue issue;
    for (const xmlNode* child : children(root)) {
      if (is_issue_element(child, "masthead")) {
        issue.masthead = read_masthead(child);
      } else if (is_issue_element(child, "intro")) {
        for (const xmlNode* p : children(child))
          if (is_issue_element(p, "p")) issue.intro.push_back(read_block(p, BlockKind::paragraph));
      } else if (is_issue_element(child, "contents")) {
        for (const xmlNode* entry : children(child))
          if (is_issue_element(entry, "entry"))
            issue.contents.push_back(read_entry(entry, issue.contents.size()));
      } else if (is_issue_element(child, "article")) {
        issue.articles.push_back(read_article(child, issue.articles.size()));
      }
    }
    return issue;
  }

 private:
  // The attribute's value; "" when it is absent or the schema rejected it
  // (then the schema's problem says so).
  std::string value(const xmlNode* node, const char* name) const {
    return schema_.rejected(node, name) ? "" : xml::attribute(node, name);
  }

  // xs:positiveInteger has no upper bound; the model holds an int.
  std::optional<int> whole_number(const xmlNode* node, const char* name, const std::string& what) {
    if (schema_.rejected(node, name) || !xmlHasProp(node, BAD_CAST name)) return std::nullopt;
    const std::string raw = xml::attribute(node, name);
    std::string_view digits = trimmed(raw);
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    int number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    const std::string said = what + " " + name + "=\"" + raw + "\"";
    if (all_digits && error == std::errc::result_out_of_range) {
      problems.push_back({line_of(node), said + " is too large (at most " + std::to_string(INT_MAX) + ")"});
      return std::nullopt;
    }
    if (!all_digits || error != std::errc() || end != digits.data() + digits.size() || number <= 0) {
      problems.push_back({line_of(node), said + " is not a positive whole number"});
      return std::nullopt;
    }
    return number;
  }

  std::optional<Date> date(const xmlNode* node, const char* name) {
    const std::string raw = value(node, name);
    if (raw.empty()) return std::nullopt;
    const auto parsed = Date::parse_iso(trimmed(raw));
    if (!parsed)
      problems.push_back(
          {line_of(node), std::string(name) + "=\"" + raw + "\" is not a date written YYYY-MM-DD"});
    return parsed;
  }

  Masthead read_masthead(const xmlNode* node) {
    Masthead masthead;
    masthead.line = line_of(node);
    for (const xmlNode* child : children(node)) {
      if (is_issue_element(child, "series")) masthead.series = text(child);
      else if (is_issue_element(child, "publisher")) masthead.publisher = text(child);
      else if (is_issue_element(child, "number")) {
        masthead.number_text = text(child);
        masthead.number = whole_number(child, "n", "number");
      } else if (is_issue_element(child, "date")) {
        masthead.date_text = text(child);
        masthead.date = date(child, "when");
      }
    }
    return masthead;
  }

  Block read_block(const xmlNode* node, BlockKind kind) {
    Block block;
    block.kind = kind;
    block.line = line_of(node);
    if (kind == BlockKind::figure) {
      block.image = value(node, "src");
      for (const xmlNode* child : children(node))
        if (is_issue_element(child, "caption")) read_marked_text(child, block);
    } else {
      read_marked_text(node, block);
    }
    return block;
  }

  // Text with inline markup: the text between tags is gathered into segments
  // and normalized as one text; each element becomes a span of it.
  void read_marked_text(const xmlNode* node, Block& block) {
    struct Open {
      size_t boundary;  // segments before its start
      Inline span;
    };
    std::vector<std::u32string> segments(1);
    std::vector<std::pair<Open, size_t>> spans;  // span and the boundary at its end
    const auto walk = [&](const auto& self, const xmlNode* parent) -> void {
      for (const xmlNode* child = parent->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
          segments.back() += utf8_to_u32(xml::text_of(child));
          continue;
        }
        if (child->type != XML_ELEMENT_NODE || !in_issue_namespace(child)) continue;
        Inline span;
        if (is_issue_element(child, "em")) span.kind = Inline::Kind::emphasis;
        else if (is_issue_element(child, "strong")) span.kind = Inline::Kind::strong;
        else if (is_issue_element(child, "a")) span.kind = Inline::Kind::link, span.href = value(child, "href");
        else continue;  // the schema has said what it is not
        segments.emplace_back();
        const size_t at = spans.size();
        spans.push_back({{segments.size() - 1, span}, 0});
        self(self, child);
        segments.emplace_back();
        spans[at].second = segments.size() - 1;
      }
    };
    walk(walk, node);
    std::vector<size_t> boundaries;
    block.text = normalize_inline_segments(segments, boundaries);
    for (auto& [open, closing] : spans) {
      Inline span = std::move(open.span);
      span.begin = boundaries[open.boundary - 1];
      span.end = boundaries[closing - 1];
      if (span.begin < span.end) block.inlines.push_back(std::move(span));  // empty markup holds nothing
    }
  }

  ContentsEntry read_entry(const xmlNode* node, size_t index) {
    ContentsEntry entry;
    entry.ref = value(node, "ref");
    if (entry.ref.empty()) gaps.entries_without_ref.insert(index);
    entry.line = line_of(node);
    bool has_title = false;
    for (const xmlNode* field : children(node)) {
      if (is_issue_element(field, "title")) {
        entry.title = text(field);
        has_title = true;
      } else if (is_issue_element(field, "source")) {
        entry.source = text(field);
      }
    }
    if (!has_title) gaps.entries_without_title.insert(index);
    return entry;
  }

  Article read_article(const xmlNode* node, size_t index) {
    Article article;
    article.line = line_of(node);
    const auto n = whole_number(node, "n", "article");
    if (n) article.n = *n;
    else gaps.articles_without_number.insert(index);
    article.id = value(node, "id");
    for (const xmlNode* child : children(node)) {
      if (is_issue_element(child, "title")) article.title = text(child);
      else if (is_issue_element(child, "source")) article.source = text(child);
      else if (is_issue_element(child, "link")) article.href = value(child, "href");
      else if (is_issue_element(child, "body")) read_body(child, article);
    }
    return article;
  }

  void read_body(const xmlNode* body, Article& article) {
    for (const xmlNode* item : children(body)) {
      if (is_issue_element(item, "headline")) {
        article.headline = text(item);
      } else if (is_issue_element(item, "dateline")) {
        Dateline dateline;
        dateline.source = text(item);
        dateline.date = date(item, "when");
        article.dateline = dateline;
      } else if (is_issue_element(item, "p")) {
        article.blocks.push_back(read_block(item, BlockKind::paragraph));
      } else if (is_issue_element(item, "heading")) {
        article.blocks.push_back(read_block(item, BlockKind::heading));
      } else if (is_issue_element(item, "byline")) {
        article.blocks.push_back(read_block(item, BlockKind::byline));
      } else if (is_issue_element(item, "figure")) {
        article.blocks.push_back(read_block(item, BlockKind::figure));
      }
    }
  }

  const xml::SchemaCheck& schema_;
};

std::string wrong_root(const xmlNode* root) {
  const std::string expected = "xmlns=\"" + std::string(kIssueNamespace) + "\"";
  if (!root) return "there is no root element; expected <issue " + expected + ">";
  const std::string found = reinterpret_cast<const char*>(root->name);
  if (found != "issue")
    return "root element is <" + found + ">, expected <issue " + expected + ">: this is not an issue file";
  if (!root->ns) return "the element <issue> is not in the reissue namespace: add " + expected;
  const std::string found_namespace = reinterpret_cast<const char*>(root->ns->href);
  return "the element <issue> is in the namespace \"" + found_namespace +
         "\", not the reissue namespace: write " + expected;
}

}  // namespace

LoadResult load_issue_from_memory(std::string_view bytes, const std::string& name,
                                  const XmlLimits& limits) {
  xml::DocPtr doc = xml::parse_untrusted(bytes, name, limits.max_bytes);
  LoadResult result;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!is_issue_element(root, "issue")) {
    result.problems.push_back({root ? line_of(root) : 0, wrong_root(root)});
    return result;
  }
  // Identity constraints are left to check_semantics, which names the articles involved.
  const xml::SchemaCheck schema = xml::check_with_schema(doc.get(), embedded::issue_xsd, false);
  std::vector<Problem>& problems = result.problems;
  problems = schema.problems;

  xmlChar* lang = xmlNodeGetLang(root);
  const std::string language = lang ? reinterpret_cast<const char*>(lang) : "";
  xmlFree(lang);
  if (language != "zh-CN")
    problems.push_back({line_of(root), "<issue> must have xml:lang=\"zh-CN\"" +
                                           (language.empty() ? std::string()
                                                             : ", not \"" + language + "\"")});
  IssueReader reader(schema);
  Issue issue = reader.read(root);
  problems.insert(problems.end(), reader.problems.begin(), reader.problems.end());
  for (Problem& problem : check_semantics(issue, reader.gaps)) problems.push_back(std::move(problem));
  if (!schema.valid && problems.empty()) problems.push_back({0, "does not match the schema"});

  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  std::set<std::pair<int, std::string>> seen;
  const auto repeated = [&](const Problem& problem) {
    return !seen.insert({problem.line, problem.message}).second;
  };
  problems.erase(std::remove_if(problems.begin(), problems.end(), repeated), problems.end());
  result.warnings = intro_warnings(issue);
  if (schema.valid && reader.problems.empty()) result.issue = std::move(issue);
  else result.partial = std::move(issue);
  return result;
}

std::filesystem::path issue_folder(const std::filesystem::path& issue_file) {
  if (issue_file == "-") return ".";
  std::error_code error;
  const std::filesystem::path real = std::filesystem::weakly_canonical(issue_file, error);
  const std::filesystem::path folder = (error ? issue_file : real).parent_path();
  return folder.empty() ? std::filesystem::path(".") : folder;
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
