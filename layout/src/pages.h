// Pagination: composed blocks set into lines and stacked onto pages, with the
// rules a newsletter keeps: at least two lines of a paragraph on each page,
// headings and article titles with what follows them, figures with their
// captions. The result is the page model the PDF writer draws.
#pragma once

#include "paragraph.h"
#include "reissue/compose.h"
#include "reissue/style.h"

#include <filesystem>
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
  int block = -1;                   // index into PagedDocument::blocks
};

struct PlacedRule {
  double x1 = 0, x2 = 0, y = 0, width = 1;
  Color color;
};

struct ImageFile {
  std::string path;  // as the issue names it
  std::string bytes;
  bool jpeg = false;
  int width = 0, height = 0;  // pixels
  int components = 3;         // JPEG: 1 gray, 3 RGB, 4 CMYK
};

struct PlacedImage {
  double x = 0, y = 0, width = 0, height = 0;  // y: bottom edge
  int image = -1;                              // index into PagedDocument::images
  int block = -1;
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
};

struct Destination {
  int page = 0;
  double y = 0;  // top of the block
};

struct BlockInfo {
  std::string role;
  std::string tag;   // PDF structure type: H1, H2, P, Figure, Caption, TOCI
  std::string alt;   // figures
  std::string text;
  int heading_level = 0;
  std::string anchor;
  std::string outline;  // bookmark title
};

struct PagedDocument {
  std::vector<Page> pages;
  std::vector<BlockInfo> blocks;
  std::vector<ImageFile> images;
  std::map<std::string, Destination> destinations;
  std::u32string uncovered;  // characters no font could draw
  std::vector<std::string> warnings;
};

// Lays out and paginates; image paths are resolved against `base_directory`.
// Nothing is lost: a block taller than a page is broken across pages, and
// every line, figure and rule is checked to lie inside the text area (the
// footer inside the bottom margin). Throws reissue::Error for a figure whose
// image cannot be read, or for a block that cannot be placed (file
// `issue_name`, the block's line), or a footer wider than the text.
PagedDocument paginate(const std::vector<ComposedBlock>& blocks, const Style& style, FontLibrary& library,
                       const std::filesystem::path& base_directory, const std::string& issue_name);

}  // namespace reissue::layout
