// Rules of the issue format that XSD 1.0 cannot express.
#include "reissue/issue_xml.h"
#include "reissue/numerals.h"
#include "reissue/text.h"

#include <cctype>

namespace reissue {

namespace {

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

}  // namespace

std::vector<Problem> check_semantics(const Issue& issue) {
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

  for (size_t i = 0; i < issue.articles.size(); ++i) {
    const Article& article = issue.articles[i];
    const int expected = static_cast<int>(i) + 1;
    if (article.n != expected)
      check.add(article.line, "article n=\"" + std::to_string(article.n) + "\" should be " +
                                  std::to_string(expected) +
                                  " (articles are numbered 1, 2, 3, ... in order)");
    if (!article.href.empty() && !is_http_url(article.href))
      check.add(article.line, "article " + std::to_string(article.n) + ": link \"" +
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
    }
  }

  if (!issue.contents.empty()) {
    if (issue.contents.size() != issue.articles.size())
      check.add(issue.contents.front().line,
                "contents has " + std::to_string(issue.contents.size()) + " entries but there are " +
                    std::to_string(issue.articles.size()) + " articles");
    for (size_t i = 0; i < issue.contents.size(); ++i) {
      const ContentsEntry& entry = issue.contents[i];
      check.require_text(entry.title, entry.line, "contents entry title");
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
  return check.problems;
}

}  // namespace reissue
