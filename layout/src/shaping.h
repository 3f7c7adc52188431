// Shaping a paragraph: each character gets a font (the role's Chinese font,
// its Latin companion, or a fallback), runs are shaped with HarfBuzz
// (language zh-Hans, OpenType features on), and the result is a list of atoms
// (one per cluster) with widths, punctuation classes and break opportunities
// (ICU's, refined by the Chinese line-breaking rules of W3C clreq).
#pragma once

#include "reissue/fonts.h"
#include "reissue/issue.h"
#include "reissue/style.h"

#include <string>
#include <vector>

namespace reissue::layout {

struct RoleFonts {
  const Font* chinese = nullptr;
  const Font* latin = nullptr;
  bool bold = false;
  // The bold faces of the same families, for <strong> (null until a block
  // with strong text asks: add_strong_faces).
  const Font* chinese_strong = nullptr;
  const Font* latin_strong = nullptr;
};
RoleFonts fonts_for_role(const Style& style, const RoleStyle& role, FontLibrary& library);
void add_strong_faces(const Style& style, const RoleStyle& role, FontLibrary& library, RoleFonts& fonts);

// How inline markup sets one character (issue.h, Inline).
struct CharStyle {
  bool strong = false;
  bool emphasis = false;  // 着重号: a dot under the character
  int link = -1;          // index of its link among the block's inlines
};
// One CharStyle per code point of `text` (UTF-8) from its inline spans.
std::vector<CharStyle> char_styles(const std::string& text, const std::vector<Inline>& inlines);

struct GlyphRef {
  const Font* font = nullptr;
  unsigned id = 0;
  double x_offset = 0, y_offset = 0;  // em
  double advance = 0;                  // em
};

enum class Punctuation { none, opening, closing, middle };

struct Atom {
  std::u32string text;          // the characters of this cluster
  std::vector<GlyphRef> glyphs;
  double width = 0;             // em, after punctuation compression
  double shift = 0;             // em, applied before the first glyph (compressed opening marks)
  bool space_before = false;    // a space in the text separates it from the previous atom
  bool space_is_blank = false;  // that space stands for a mark's blank half: 0.5 em, fixed
  bool latin = false;           // set in the Latin font
  bool chinese = false;         // a Han character or CJK punctuation
  Punctuation punctuation = Punctuation::none;
  bool break_before = false;    // a line may start here
  int break_penalty = 0;        // for breaks allowed only when they must (URLs)
  bool emphasis = false;        // marked with a dot (CharStyle)
  int link = -1;
};

struct ShapeReport {
  std::u32string uncovered;  // characters no installed font has
};

// The font each character of `text` is drawn in: the role's Chinese or Latin
// font, else a fallback; nullptr for a space (glue, not a glyph). Characters
// no font has are reported and drawn as U+FFFD in the Chinese font.
std::vector<const Font*> fonts_of(const std::u32string& text, const RoleFonts& fonts, FontLibrary& library,
                                  ShapeReport& report, const std::vector<CharStyle>& styles);

// Atoms of `text` set in `fonts`; widths in em of the role size.
// `styles`: one per character of `text`, or empty (no markup).
std::vector<Atom> shape_paragraph(const std::u32string& text, const RoleFonts& fonts, FontLibrary& library,
                                  ShapeReport& report, const std::vector<CharStyle>& styles = {});

}  // namespace reissue::layout
