// Typesetting an issue into PDF: HarfBuzz shaping, ICU line breaking refined
// by the Chinese layout rules (W3C clreq), total-fit line breaks, pagination,
// and a tagged, searchable PDF written with PoDoFo (subset Type0 fonts with
// ToUnicode, links, bookmarks, metadata).
#pragma once

#include "reissue/figure_set.h"
#include "reissue/issue.h"
#include "reissue/style.h"

#include <functional>
#include <string>
#include <vector>

namespace reissue {

class FontLibrary;

struct TypesetReport {
  int pages = 0;
  std::u32string uncovered;  // characters no installed font covers (drawn as U+FFFD)
  std::vector<std::string> warnings;
};

// How one line was set, for diagnostics. Widths in em of the line's size.
struct LineDiagnostic {
  double measure = 0;
  double natural = 0, stretch = 0;
  double chinese_ratio = 0, other_ratio = 0;  // how far the gaps between Chinese characters and other glue moved
  double squeeze = 0;  // em taken from each gap between two Han characters (a line that did not fit otherwise)
  double width = 0;    // as set
  bool justified = false;
  std::string text;
};
using LineObserver = std::function<void(const LineDiagnostic&)>;

struct TypesetOptions {
  // Subset the fonts on worker threads (faster for one issue). A batch that
  // already runs one issue per core turns it off.
  bool parallel = true;
  // The issue XML's name, for messages about a block that cannot be placed
  // ("issue.xml:57: ..."); "issue" when empty.
  std::string issue_name;
  // Told about every line set (`reissue typeset` prints them when
  // REISSUE_DEBUG_LAYOUT is set); the library itself prints nothing.
  LineObserver on_line;
  // Write PDF/A-1b (archival): XMP identification, an sRGB output intent
  // (the ICC profile is read from icc-profiles-free), CIDSets, printable
  // links, figures flattened onto white. See docs/typeset.md, "PDF/A".
  bool pdfa = false;
};

// The PDF as bytes, its figure images taken from `figures` (no file is
// read). Nothing is lost: blocks taller than a page are broken across pages,
// and content that cannot be placed inside the text area is an error. Throws
// reissue::Error (missing font, a figure not in `figures` or damaged,
// unplaceable block, for PDF/A the sRGB profile missing).
std::string typeset_pdf(const Issue& issue, const Style& style, const Figures& figures,
                        TypesetReport* report = nullptr, const TypesetOptions& options = {});

// The same, with fonts found and loaded through `fonts`, which keeps them
// (fontconfig answers, faces, shaping caches) for the next call: callers that
// typeset many issues share one library and skip that set-up each time.
std::string typeset_pdf(const Issue& issue, const Style& style, const Figures& figures, FontLibrary& fonts,
                        TypesetReport* report = nullptr, const TypesetOptions& options = {});

}  // namespace reissue
