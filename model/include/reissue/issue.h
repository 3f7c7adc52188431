// The document model: one newsletter issue, as the extractor produces it and the
// typesetters consume it. Plain data; no XML, PDF or DOCX types leak in here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reissue {

// A calendar date. Valid only if `valid()`; ISO form via `iso()`.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  bool valid() const;
  std::string iso() const;  // "2025-11-14"
  static std::optional<Date> parse_iso(std::string_view text);
  friend bool operator==(const Date&, const Date&) = default;
};

// A rectangle in PDF points, measured from the top-left corner of a page.
struct Box {
  double left = 0, top = 0, right = 0, bottom = 0;
};

// Where on a page of the input something is printed (page 1-based).
struct PageBox {
  int page = 0;
  Box box;
};

// Where a recovered part of an issue came from in the extraction input, so that
// a review can point at it. Set by extraction only: the XML neither holds nor
// reads it (an issue read from XML has none).
struct Provenance {
  int first_line = 0;  // input lines (text) or running line numbers (PDF); 0: unknown
  int last_line = 0;
  int page = 0;                 // 1-based page of the first line; 0: unknown
  std::vector<PageBox> boxes;   // PDF input: one box a page it is printed on

  bool known() const { return first_line > 0; }
};

struct MastheadProvenance {
  Provenance series, number, publisher, date;
};

struct Masthead {
  std::string series;        // 全国卫生信息化舆情监测周报; empty when not printed
  std::string number_text;   // as printed, e.g. 第六四九; empty when not printed
  std::optional<int> number; // 649
  std::string publisher;     // empty when not printed
  std::string date_text;     // as printed, e.g. 2025年11月14日; empty when inferred
  std::optional<Date> date;
  int line = 0;
  MastheadProvenance provenance;

  bool empty() const {
    return series.empty() && number_text.empty() && !number && publisher.empty() &&
           date_text.empty() && !date;
  }
};

struct ContentsEntry {
  std::string ref;     // id of the article it points to
  std::string title;
  std::string source;
  int line = 0;        // where it came from (XML or text line), 0 if unknown
  Provenance provenance;  // title lines and source line
};

enum class BlockKind { paragraph, heading, figure, byline };

// Inline markup in a block's text (docs/format.md, "Inline markup"): emphasis
// (<em>), strong importance (<strong>) and a link (<a href>). A span covers
// bytes [begin, end) of the UTF-8 text; spans nest properly (one inside
// another or apart, never crossing) and are kept in document order: by begin,
// the outer one first.
struct Inline {
  enum class Kind { emphasis, strong, link };
  Kind kind = Kind::emphasis;
  std::size_t begin = 0, end = 0;
  std::string href;  // link: an absolute http(s) URL

  friend bool operator==(const Inline&, const Inline&) = default;
};
const char* inline_element_name(Inline::Kind kind);  // "em", "strong", "a"
// An absolute http(s) URL with a host and no white space: what a link's
// href must be (article links, inline <a>).
bool is_http_url(const std::string& url);

// Puts spans in document order (by begin, the outer first) and makes them
// nest: a span crossing the end of one that opened before it is cut there,
// its rest a span of its own. Empty spans are dropped.
void nest_inlines(std::vector<Inline>& inlines);

// One body block in reading order. For a figure, `text` is the caption (may be
// empty) and `image` the relative path of the picture (may be empty when the
// source had only the caption, as in text extraction).
struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text;
  std::vector<Inline> inlines;  // markup in `text` (a figure: in its caption)
  std::string image;
  int line = 0;
  Provenance provenance;  // a figure: the picture and its caption
};

struct Dateline {
  std::optional<Date> date;
  std::string source;  // the outlet after 来源：
  Provenance provenance;
};

struct ArticleProvenance {
  Provenance title, source, link, headline;
};

struct Article {
  int n = 0;
  std::string id;
  std::string title;
  std::string source;
  std::string href;
  std::string headline;
  std::optional<Dateline> dateline;
  std::vector<Block> blocks;
  int line = 0;
  ArticleProvenance provenance;
};

struct Issue {
  Masthead masthead;
  std::vector<Block> intro;  // paragraphs (kind paragraph) of 本期导语
  std::vector<ContentsEntry> contents;
  std::vector<Article> articles;
};

const char* block_kind_name(BlockKind kind);  // "p", "heading", "figure", "byline"

// Identifier for article number n: "a1", "a2", ...
std::string article_id(int n);

}  // namespace reissue
