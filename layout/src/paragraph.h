// One paragraph set into lines, in three stages: prepare (shape the text and
// turn it into boxes, glue and penalties), break (total fit for justified
// text, first fit for ragged text; line_breaking.h) and set (place the glyphs,
// justify by spreading the gaps between characters, the last line flush left,
// punctuation at a line's ends set half-width).
#pragma once

#include "line_breaking.h"
#include "reissue/typeset.h"
#include "shaping.h"

#include <string>
#include <vector>

namespace reissue::layout {

struct PlacedGlyph {
  const Font* font = nullptr;
  unsigned id = 0;
  double x = 0, y = 0;   // points, from the line's left end on its baseline (y up)
  std::u32string text;   // the characters this glyph shows (empty for a cluster's later glyphs)
  double advance = 0;    // points, of its cluster (first glyph), for marks and link areas
  bool emphasis = false; // a dot goes under it (first glyph of an emphasized cluster)
  int link = -1;         // the block's link it belongs to (CharStyle)
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
  // The Chinese em box's top above the baseline: the em box is centred in
  // the line box (the leading split above and below it), as clreq sets lines.
  double ascent = 10;
};

// 1. Prepare: the atoms of the shaped text and the line items made of them,
// in em of the role's size.
struct PreparedParagraph {
  std::vector<Atom> atoms;
  LineItems items;
  const Font* space_font = nullptr;  // word spaces are drawn as this font's space glyph
  unsigned space_glyph = 0;
};
PreparedParagraph prepare_paragraph(const std::u32string& text, const RoleStyle& role, const RoleFonts& fonts,
                                    FontLibrary& library, ShapeReport& report,
                                    const std::vector<CharStyle>& styles = {});

// 2. Break: the element each line ends at, the last one the paragraph's end.
// `reserve_right` (em) is kept free at the right of the last line (ragged
// lines keep it on every line).
std::vector<std::size_t> break_paragraph(const LineItems& items, Align align, double measure,
                                         double reserve_right = 0);

// 3. Set: each line's glyphs placed in `width` points, the last one in
// `width` less `reserve_right` points, as the breaker measured it. `observer`
// (may be empty) is told how each line was set.
ParagraphLayout set_paragraph(const PreparedParagraph& paragraph, const std::vector<std::size_t>& breaks,
                              const RoleStyle& role, const RoleFonts& fonts, double width,
                              const LineObserver& observer, double reserve_right = 0);

// The three stages: `text` set in `width` points. `reserve_right` keeps room
// at the right of the last line (a contents page number).
ParagraphLayout layout_paragraph(const std::string& text, const RoleStyle& role, const RoleFonts& fonts,
                                 FontLibrary& library, double width, ShapeReport& report,
                                 double reserve_right = 0, const LineObserver& observer = {},
                                 const std::vector<Inline>& inlines = {});

}  // namespace reissue::layout
