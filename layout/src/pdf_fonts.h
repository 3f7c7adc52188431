// Embedding fonts in a PDF with PoDoFo's object API: Type0 fonts with
// Identity-H encoding over a CIDFontType0 (CFF subset, codes = the original
// CIDs) or CIDFontType2 (TrueType subset, codes = the retained glyph ids),
// with /W widths and a ToUnicode CMap built from the shaped clusters, so that
// copying and searching give back the original text.
#pragma once

#include "reissue/fonts.h"

#include <future>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
}  // namespace PoDoFo

namespace reissue::layout {

// The zlib (FlateDecode) encoding of `data`, and a stream object holding
// such bytes: compressing outside PoDoFo lets it run on worker threads.
std::string flate_compress(std::string_view data, bool parallel);
void set_flate_stream(PoDoFo::PdfObject* object, const std::string& compressed);

class PdfFonts {
 public:
  // `cid_sets`: each font descriptor gets a /CIDSet (PDF/A-1 requires one
  // for subset CID fonts; otherwise it is optional and left out).
  PdfFonts(PoDoFo::PdfMemDocument& document, bool parallel, bool cid_sets = false)
      : document_(document), parallel_(parallel), cid_sets_(cid_sets) {}

  // The resource name (F1, F2, ...) of `font`, creating its object on first use.
  // `extra` > 0: a font of its own (its own subset) whose glyphs are `extra`
  // thousandths of an em wider (/W) than their advance, for a glyph followed
  // by a gap that must not read as a space (pdf_writer.cpp).
  const std::string& name_of(const Font& font, int extra = 0);
  PoDoFo::PdfObject* object_of(const Font& font, int extra = 0);

  // Records that `glyph` of `font` shows `text`; returns the 2-byte code to write.
  unsigned use(const Font& font, unsigned glyph, const std::u32string& text, int extra = 0);

  // Starts subsetting and compressing the fonts on worker threads; from now
  // on use() may only repeat glyphs already registered.
  void prepare();
  // Writes every font used (calls prepare() if needed). Call once, after all pages.
  void finish();

 private:
  struct Entry {
    std::string name;
    PoDoFo::PdfObject* object = nullptr;
    std::map<unsigned, unsigned> glyph_of_code;        // code -> glyph id
    std::map<unsigned, std::u32string> text_of_code;   // code -> characters
  };
  void write_font(const Font& font, int extra, Entry& entry, const FontSubset& subset, const std::string& compressed);

  struct Prepared {
    FontSubset subset;
    std::string compressed;
  };

  PoDoFo::PdfMemDocument& document_;
  bool parallel_;
  bool cid_sets_;
  std::vector<std::future<Prepared>> prepared_;  // one per font in order_, once prepare() ran
  using Key = std::pair<const Font*, int>;  // the font and its extra width
  std::map<Key, Entry> entries_;
  std::vector<Key> order_;  // first use: objects are written in this order
};

}  // namespace reissue::layout
