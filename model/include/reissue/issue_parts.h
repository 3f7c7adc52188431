// Every part of an issue that the XML writes as an element with text (or a
// link), in document order, with the XPath that finds it in the written
// issue.xml and where it came from in the extraction input. The review report
// (which element a decision is about) and the review page (one element a
// recovered block) both walk an issue through this one list.
#pragma once

#include "reissue/issue.h"

#include <string>
#include <vector>

namespace reissue {

struct IssuePart {
  // XPath in issue.xml, element names without a prefix (they are in the
  // urn:reissue:issue:1 namespace): /issue/article[@id='a2']/body/p[3].
  std::string path;
  // The element's name as the XML writes it: series, number, publisher, date,
  // p (intro or body), title, source (contents entry or article), link,
  // headline, dateline, heading, figure, byline.
  std::string element;
  std::string text;  // its text (a link: the URL; a figure: the caption)
  const Provenance* provenance = nullptr;  // never null; may be unknown (XML input)
  int article = 0;       // 1-based index into Issue::articles; 0: masthead, intro, contents
  std::string section;   // "masthead", "intro", "contents" or "article"
};

// The parts of `issue`; the pointers stay valid while `issue` does.
std::vector<IssuePart> issue_parts(const Issue& issue);

// The part whose input lines hold `line` (the narrowest when several do: a
// paragraph rather than its article); nullptr when none does.
const IssuePart* part_at_line(const std::vector<IssuePart>& parts, int line);

}  // namespace reissue
