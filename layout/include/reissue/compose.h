// The issue as a sequence of styled blocks: the layout model both writers
// (PDF and DOCX) read, so that they print the same things in the same order
// with the same roles. It prints the labels the newsletter prints (本期导语：,
// 来源：, 链接：, the dateline), so that a typeset issue reads back with
// `reissue extract`.
#pragma once

#include "reissue/issue.h"
#include "reissue/role.h"

#include <string>
#include <vector>

namespace reissue {

enum class ComposedKind { text, rule, figure };

struct ComposedBlock {
  ComposedKind kind = ComposedKind::text;
  Role role = Role::body;     // how it is set (style.h), its DOCX style and PDF tag
  std::string text;           // what is printed
  std::vector<Inline> inlines;  // its markup: emphasis, strong, links (bytes of `text`, issue.h)
  std::string uri;            // the whole block links to this URL
  std::string anchor;         // a destination other blocks link to ("a1")
  std::string target;         // links to this anchor (contents entries)
  std::string page_of;        // print the page number of this anchor at the right
  std::string image;          // figure: image path relative to the issue XML
  std::string alt;            // figure: alternative text (its caption)
  bool keep_with_next = false;
  // Kept with the next block, yet a page may end after it at a cost when
  // that fills the page better: inside an article's label block, so that a
  // long article header need not leave the page foot empty. `end`: after the
  // label block (its source or link) or after 主要内容：; `inside`: after the
  // source line, the link still to come (dearer: as dear as a page foot 2
  // lines short). Never after a title or a heading alone.
  enum class LabelBreak { none, end, inside };
  LabelBreak label_break = LabelBreak::none;
  int heading_level = 0;      // 1 article title, 2 section / sub-heading (tags, outline, DOCX)
  std::string outline;        // bookmark title (article titles)
  int source_line = 0;        // line of the issue XML it comes from (error messages), 0 if unknown
};

std::vector<ComposedBlock> compose_issue(const Issue& issue);

// The document title both writers put in their metadata: series and number.
std::string issue_title(const Issue& issue);

}  // namespace reissue
