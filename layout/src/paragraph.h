// One paragraph set into lines: breaks chosen for the whole paragraph
// (Knuth-Plass total fit) among the opportunities shaping allows, lines
// justified by spreading the gaps between characters, the last line flush
// left, punctuation at a line's ends set half-width.
#pragma once

#include "shaping.h"

#include <string>
#include <vector>

namespace reissue::layout {

struct PlacedGlyph {
  const Font* font = nullptr;
  unsigned id = 0;
  double x = 0, y = 0;   // points, from the line's left end on its baseline (y up)
  std::u32string text;   // the characters this glyph shows (empty for a cluster's later glyphs)
};

struct PlacedLine {
  std::vector<PlacedGlyph> glyphs;
  double x = 0;          // offset from the text block's left edge (alignment, indent)
  double width = 0;      // set width, points
  std::u32string text;   // the line's text, spaces included
  bool justified = false;
};

struct ParagraphLayout {
  std::vector<PlacedLine> lines;
  double size = 12;       // points
  double line_height = 18;
  double ascent = 10;     // of the first line, for placing it under the block's top
};

// Sets `text` in `width` points. `reserve_right` keeps room at the right of
// the last line (a contents page number).
ParagraphLayout layout_paragraph(const std::string& text, const RoleStyle& role, const RoleFonts& fonts,
                                 FontLibrary& library, double width, ShapeReport& report,
                                 double reserve_right = 0);

}  // namespace reissue::layout
