// Rules of the issue format that XSD 1.0 cannot express.
#include "issue_semantics.h"

#include "reissue/numerals.h"
#include "reissue/placeholders.h"
#include "reissue/text.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace reissue {

namespace {

// A link that lies inside another (spans are in document order, outer first).
const Inline* link_inside_link(const std::vector<Inline>& inlines) {
  const Inline* outer = nullptr;
  for (const Inline& span : inlines) {
    if (span.kind != Inline::Kind::link) continue;
    if (outer && span.begin < outer->end) return &span;
    outer = &span;
  }
  return nullptr;
}


bool is_safe_relative_path(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.find(':') != std::string::npos) return false;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    if (path.compare(start, end - start, "..") == 0) return false;
    start = end + 1;
  }
  return true;
}

class Checker {
 public:
  std::vector<Problem> problems;

  void require_text(const std::string& text, int line, const std::string& what) {
    if (text.empty()) add(line, what + " is empty");
  }
  void add(int line, std::string message) { problems.push_back({line, std::move(message)}); }
};

// "articles are a1-a3": what a contents entry may refer to.
std::string article_ids(const Issue& issue) {
  std::vector<std::string> ids;
  for (const Article& article : issue.articles)
    if (!article.id.empty() && std::find(ids.begin(), ids.end(), article.id) == ids.end())
      ids.push_back(article.id);
  if (ids.empty()) return "there are no articles with an id";
  if (ids.size() == 1) return "the only article is " + ids.front();
  bool conventional = true;
  for (size_t i = 0; i < ids.size(); ++i)
    conventional = conventional && ids[i] == article_id(static_cast<int>(i) + 1);
  if (conventional) return "articles are " + ids.front() + "-" + ids.back();
  constexpr size_t kListed = 8;
  std::string listed;
  for (size_t i = 0; i < ids.size() && i < kListed; ++i) listed += (i ? ", " : "") + ids[i];
  return "articles are " + listed + (ids.size() > kListed ? ", ..." : "");
}

std::string lines(int first, int second) {
  return "(lines " + std::to_string(first) + " and " + std::to_string(second) + ")";
}

}  // namespace

bool is_http_url(const std::string& url) {
  auto starts_with_ci = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
    return true;
  };
  size_t host_start = 0;
  if (starts_with_ci("https://")) host_start = 8;
  else if (starts_with_ci("http://")) host_start = 7;
  else return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"') return false;
  const size_t host_end = url.find_first_of("/?#", host_start);
  const std::string host = url.substr(host_start, host_end - host_start);
  if (host.empty() || host.front() == '.' || host.front() == ':') return false;
  for (unsigned char c : host)
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c >= 0x80))
      return false;
  return true;
}

std::vector<Problem> check_semantics(const Issue& issue) { return check_semantics(issue, ReadGaps{}); }

std::vector<Problem> check_semantics(const Issue& issue, const ReadGaps& gaps) {
  Checker check;
  const Masthead& masthead = issue.masthead;
  if (masthead.number && !masthead.number_text.empty()) {
    // 第六四九 / (第六四九) / 第649期: compare the numeral inside with n.
    std::u32string digits;
    for (char32_t c : utf8_to_u32(masthead.number_text))
      if (c != U'第' && c != U'期' && c != U'(' && c != U')' && c != U'（' && c != U'）')
        digits.push_back(c);
    const auto printed = parse_chinese_number(u32_to_utf8(digits));
    if (printed && *printed != *masthead.number)
      check.add(masthead.line, "masthead number \"" + masthead.number_text + "\" reads as " +
                       std::to_string(*printed) + " but n=\"" +
                       std::to_string(*masthead.number) + "\"");
  }
  for (const Block& paragraph : issue.intro)
    check.require_text(paragraph.text, paragraph.line, "intro paragraph");

  std::map<int, int> line_of_number;
  std::map<std::string, int> line_of_id;
  for (size_t i = 0; i < issue.articles.size(); ++i) {
    const Article& article = issue.articles[i];
    if (!gaps.articles_without_number.count(i)) {
      const int expected = static_cast<int>(i) + 1;
      const std::string said = "article n=\"" + std::to_string(article.n) + "\"";
      const std::string order = "articles are numbered 1, 2, 3, ... in order";
      const auto [first, unique] = line_of_number.emplace(article.n, article.line);
      const std::string correction =
          article.n != expected ? ", so this one should be " + std::to_string(expected) : "";
      if (!unique)
        check.add(article.line,
                  said + " is used twice " + lines(first->second, article.line) + "; " + order + correction);
      else if (article.n != expected)
        check.add(article.line, said + " should be " + std::to_string(expected) + " (" + order + ")");
    }
    if (!article.id.empty()) {
      const auto [first, unique] = line_of_id.emplace(article.id, article.line);
      if (!unique)
        check.add(article.line,
                  "article id \"" + article.id + "\" is used twice " + lines(first->second, article.line));
    }
    const int number = gaps.articles_without_number.count(i) ? static_cast<int>(i) + 1 : article.n;
    if (!article.href.empty() && !is_http_url(article.href))
      check.add(article.line, "article " + std::to_string(number) + ": link \"" +
                                  article.href + "\" is not an absolute http(s) URL");
    for (const Block& block : article.blocks) {
      const std::string where = std::string("<") + block_kind_name(block.kind) + ">";
      if (block.kind == BlockKind::figure) {
        if (block.image.empty() && block.text.empty())
          check.add(block.line, "<figure> has neither an image (src) nor a caption");
        if (!block.image.empty() && !is_safe_relative_path(block.image))
          check.add(block.line, "<figure src=\"" + block.image +
                                    "\"> must be a relative path inside the issue folder");
      } else {
        check.require_text(block.text, block.line, where);
      }
      if (const Inline* nested = link_inside_link(block.inlines))
        check.add(block.line, where + ": <a href=\"" + nested->href +
                                  "\"> is inside another link; a link cannot hold a link");
    }
  }

  if (!issue.contents.empty()) {
    if (issue.contents.size() != issue.articles.size())
      check.add(issue.contents.front().line,
                "contents has " + std::to_string(issue.contents.size()) + " entries but there are " +
                    std::to_string(issue.articles.size()) + " articles");
    std::map<std::string, int> entry_line_of_ref;
    std::string existing_ids;  // computed once: many entries may point nowhere
    for (size_t i = 0; i < issue.contents.size(); ++i) {
      const ContentsEntry& entry = issue.contents[i];
      if (!gaps.entries_without_title.count(i))
        check.require_text(entry.title, entry.line, "contents entry title");
      if (gaps.entries_without_ref.count(i)) continue;
      if (!entry.ref.empty() && !line_of_id.count(entry.ref)) {
        if (existing_ids.empty()) existing_ids = article_ids(issue);
        check.add(entry.line, "contents entry refers to article " + entry.ref + ", which does not exist; " +
                                  existing_ids);
        continue;
      }
      if (!entry.ref.empty()) {
        const auto [first, unique] = entry_line_of_ref.emplace(entry.ref, entry.line);
        if (!unique) {
          check.add(entry.line, "contents entry refers to article " + entry.ref +
                                    " again (the entry at line " + std::to_string(first->second) +
                                    " does too); each article has one entry");
          continue;
        }
      }
      if (i >= issue.articles.size()) continue;
      const Article& article = issue.articles[i];
      if (entry.ref != article.id)
        check.add(entry.line, "contents entry " + std::to_string(i + 1) + " points to \"" +
                                  entry.ref + "\" but article " + std::to_string(i + 1) +
                                  " has id \"" + article.id + "\" (entries follow article order)");
      else if (!entry.source.empty() && !article.source.empty() && entry.source != article.source)
        check.add(entry.line, "contents entry " + std::to_string(i + 1) + " source \"" +
                                  entry.source + "\" differs from the article's \"" +
                                  article.source + "\"");
    }
  }
  // Gaps left by `reissue new` and mistyped generated values would be printed as they are.
  for (Problem& problem : placeholder_problems(issue)) check.problems.push_back(std::move(problem));
  return check.problems;
}

}  // namespace reissue
