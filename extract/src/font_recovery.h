// Text for glyphs whose PDF font has no map to Unicode, recovered from the
// fonts themselves. A Ghostscript or ps2pdf rewrite drops the ToUnicode maps
// of subset CJK fonts, but keeps what identifies each glyph: its CID, named
// by the embedded font (LibreOffice's `cid43817`, pdftops' `c75` in a font
// `Name_81`) or given as the Identity-H code. The installed face of the same
// name (subset tag and split suffix removed; found by fontconfig) maps that
// CID to a glyph and its cmap maps the glyph to a character. Every recovered
// glyph is checked against the embedded one (same outline box), so a face
// that merely shares the name recovers nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

class GfxFont;
class XRef;

namespace reissue::extract {

// How one PDF font's codes become text.
struct FontDecoding {
  std::string name;  // as printed in messages: subset tag removed; "Type 3 font (object N)" without a name
  bool type3 = false;
  // Every code decodes by the PDF's own means: a ToUnicode map, a registered
  // CID collection (Adobe-GB1, ...), or glyph names Poppler knows.
  bool own_map = false;
  // Simple fonts without ToUnicode: the codes whose glyph name Poppler maps
  // to Unicode itself (standard names, uniXXXX, afii...).
  std::vector<bool> named;
  // What recovery made of a code; filled on first use.
  struct Recovered {
    char32_t character = 0;  // 0: tried, nothing recovered
    // The installed glyph's advance (1/1000 em) when the PDF's width for the
    // code is not the one printed; 0: the PDF's width stands.
    double advance = 0;
  };
  std::unordered_map<uint32_t, Recovered> recovered;
  std::string recovered_from;  // the installed face's PostScript name, when one was found
  // What recovery needs, kept from the font.
  struct Source;
  std::shared_ptr<Source> source;
};

class FontRecovery {
 public:
  // `recover` false: nothing is recovered (what a reader without the fonts
  // sees). `ignore_to_unicode`: the PDF's ToUnicode maps are not trusted, so
  // the tests can check recovery against them.
  FontRecovery(XRef* xref, bool recover, bool ignore_to_unicode = false);
  ~FontRecovery();
  FontRecovery(const FontRecovery&) = delete;
  FontRecovery& operator=(const FontRecovery&) = delete;

  // Built once per font of the document.
  FontDecoding& decoding(const GfxFont& font);
  // The character a code of a font without its own map draws; 0 when it
  // cannot be recovered.
  char32_t recover(FontDecoding& decoding, uint32_t code);
  // The advance (1/1000 em) a recovered code was printed with, when the PDF's
  // widths do not say it: ps2pdf embeds an empty program for some fonts of
  // LibreOffice's PDFs and gives every glyph of such a font the default width
  // (1 em), while the text was set with the glyphs' own (a 2-em dash ⸺, a
  // Latin letter's 0.6 em), each glyph placed by its own move. 0: the PDF's
  // width stands (and for a code not recovered).
  double printed_advance(FontDecoding& decoding, uint32_t code);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The text a recovered character stands for: a ligature glyph the word
// processor formed (ﬀ, ﬁ from a URL's letters; ⸺ from the Chinese dash ——)
// goes back to the letters typed, as the producer's own ToUnicode says; any
// other character stands for itself (empty view).
std::u32string_view typed_text(char32_t recovered);

// The character an installed face's glyph stands for, among all the code
// points its cmap maps to it: a unified ideograph before its compatibility,
// radical or Kangxi twin, then the smallest. Exposed for the tests.
bool preferred_code_point(char32_t candidate, char32_t current);
// Its order: 0 for most, 2 for compatibility ideographs, radicals and Kangxi
// radicals (which share a unified ideograph's glyph), 3 for private use.
int code_point_rank(char32_t c);

}  // namespace reissue::extract
