// Embedding fonts in a PDF with PoDoFo's object API: Type0 fonts with
// Identity-H encoding over a CIDFontType0 (CFF subset, codes = the original
// CIDs) or CIDFontType2 (TrueType subset, codes = the retained glyph ids),
// with /W widths and a ToUnicode CMap built from the shaped clusters, so that
// copying and searching give back the original text.
#pragma once

#include "reissue/fonts.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
}  // namespace PoDoFo

namespace reissue::layout {

class PdfFonts {
 public:
  explicit PdfFonts(PoDoFo::PdfMemDocument& document) : document_(document) {}

  // The resource name (F1, F2, ...) of `font`, creating its object on first use.
  const std::string& name_of(const Font& font);
  PoDoFo::PdfObject* object_of(const Font& font);

  // Records that `glyph` of `font` shows `text`; returns the 2-byte code to write.
  unsigned use(const Font& font, unsigned glyph, const std::u32string& text);

  // Subsets and writes every font used. Call once, after all pages.
  void finish();

 private:
  struct Entry {
    std::string name;
    PoDoFo::PdfObject* object = nullptr;
    std::map<unsigned, unsigned> glyph_of_code;        // code -> glyph id
    std::map<unsigned, std::u32string> text_of_code;   // code -> characters
  };
  void write_font(const Font& font, Entry& entry);

  PoDoFo::PdfMemDocument& document_;
  std::map<const Font*, Entry> entries_;
  std::vector<const Font*> order_;  // first use: objects are written in this order
};

}  // namespace reissue::layout
