// Pagination: composed blocks set into lines and stacked onto pages, with the
// rules a newsletter keeps: at least two lines of a paragraph on each page,
// headings and article titles with what follows them, figures with their
// captions. The result is the page model the PDF writer draws.
#pragma once

#include "paragraph.h"
#include "reissue/compose.h"
#include "reissue/figure_set.h"
#include "reissue/style.h"
#include "reissue/typeset.h"

#include <map>
#include <string>
#include <vector>

namespace reissue::layout {

struct PlacedText {
  double x = 0, baseline = 0;  // points; PDF space (origin bottom-left)
  double width = 0;            // set width from x
  double top = 0, bottom = 0;  // the line's box (the footer's: its glyphs), for the check that it is on the page
  double size = 12;
  Color color;
  std::vector<PlacedGlyph> glyphs;  // x relative to `x`
  std::u32string text;
  int block = -1;                   // index into the composed blocks; -1 for the footer
};

struct PlacedRule {
  double x1 = 0, x2 = 0, y = 0, width = 1;
  Color color;
};

struct PlacedImage {
  double x = 0, y = 0, width = 0, height = 0;  // y: bottom edge
  int image = -1;                              // index into PagedDocument::images
  int block = -1;                              // index into the composed blocks
};

// A filled round mark (着重号), an artifact.
struct PlacedDot {
  double x = 0, y = 0, radius = 0;
  Color color;
};

struct LinkArea {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  std::string uri;     // external
  std::string anchor;  // internal
};

struct Page {
  std::vector<PlacedText> texts;
  std::vector<PlacedRule> rules;
  std::vector<PlacedImage> images;
  std::vector<LinkArea> links;
  std::vector<PlacedDot> dots;
};

struct Destination {
  int page = 0;
  double y = 0;  // top of the block
};

struct PagedDocument {
  std::vector<Page> pages;
  std::vector<const Figure*> images;
  std::map<std::string, Destination> destinations;
  std::u32string uncovered;  // characters no font could draw
  std::vector<std::string> warnings;
};

// Lays out and paginates `blocks`, their images taken from `figures`.
// Nothing is lost: a block taller than a page is broken across pages, and
// every line, figure and rule is checked to lie inside the text area (the
// footer inside the bottom margin). Throws reissue::Error for a figure not in
// `figures`, for a block that cannot be placed (options.issue_name, the
// block's line), or a footer wider than the text.
PagedDocument paginate(const std::vector<ComposedBlock>& blocks, const Style& style, const Figures& figures,
                       FontLibrary& library, const TypesetOptions& options);

}  // namespace reissue::layout
