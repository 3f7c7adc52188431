// Typesetting an issue into PDF: HarfBuzz shaping, ICU line breaking refined
// by the Chinese layout rules (W3C clreq), total-fit line breaks, pagination,
// and a tagged, searchable PDF written with PoDoFo (subset Type0 fonts with
// ToUnicode, links, bookmarks, metadata).
#pragma once

#include "reissue/issue.h"
#include "reissue/style.h"

#include <filesystem>
#include <string>
#include <vector>

namespace reissue {

struct TypesetReport {
  int pages = 0;
  std::u32string uncovered;  // characters no installed font covers (drawn as U+FFFD)
  std::vector<std::string> warnings;
};

struct TypesetOptions {
  // Subset the fonts on worker threads (faster for one issue). A batch that
  // already runs one issue per core turns it off.
  bool parallel = true;
  // The issue XML's name, for messages about a block that cannot be placed
  // ("issue.xml:57: ..."); "issue" when empty.
  std::string issue_name;
};

// The PDF as bytes. Figure images are read relative to `base_directory` (the
// issue XML's folder). Nothing is lost: blocks taller than a page are broken
// across pages, and content that cannot be placed inside the text area is an
// error. Throws reissue::Error (missing font or image, unplaceable block).
std::string typeset_pdf(const Issue& issue, const Style& style, const std::filesystem::path& base_directory,
                        TypesetReport* report = nullptr, const TypesetOptions& options = {});

}  // namespace reissue
