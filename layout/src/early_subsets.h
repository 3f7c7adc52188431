// Subsetting the large fonts while the pages are set. A CJK font's subset is
// the longest single task of typesetting (~15 ms for a thousand glyphs), and
// the glyphs the pages will use are known closely from the text alone: each
// character's nominal glyph in the font the shaper will choose for it
// (shaping.h, fonts_of). So typeset_pdf starts those subsets before shaping
// and pagination, and PdfFonts uses one when it holds every glyph the pages
// drew (else it subsets that font again, as without it).
#pragma once

#include "reissue/compose.h"
#include "reissue/fonts.h"
#include "reissue/style.h"

#include <future>
#include <map>
#include <memory>
#include <vector>

namespace reissue::layout {

using SubsetFuture = std::shared_future<std::shared_ptr<const SubsetSource>>;

class EarlySubsets {
 public:
  EarlySubsets() = default;  // none
  // Starts a subset on a worker thread for each CFF font the blocks and the
  // page footers will be drawn in.
  EarlySubsets(const std::vector<ComposedBlock>& blocks, const Style& style, FontLibrary& library);

  // The subset started for `font`; not valid() when none was.
  SubsetFuture of(const Font& font) const;

 private:
  std::map<const Font*, SubsetFuture> started_;
};

}  // namespace reissue::layout
