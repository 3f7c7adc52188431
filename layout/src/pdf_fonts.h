// Embedding fonts in a PDF with PoDoFo's object API: Type0 fonts with
// Identity-H encoding over a CIDFontType0 (CFF subset, codes = the original
// CIDs) or CIDFontType2 (TrueType subset, codes = the retained glyph ids),
// with /W widths and a ToUnicode CMap built from the shaped clusters, so that
// copying and searching give back the original text.
#pragma once

#include "early_subsets.h"
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
  // `pdfa`: each font descriptor gets a /CIDSet (PDF/A-1 requires one for
  // subset CID fonts; otherwise it is optional and left out), and a program
  // whose widths cannot be made to match /W is an error. `early`: subsets
  // started before the pages were set, used where they hold every glyph.
  PdfFonts(PoDoFo::PdfMemDocument& document, bool parallel, bool pdfa = false, const EarlySubsets* early = nullptr)
      : document_(document), parallel_(parallel), pdfa_(pdfa), early_(early) {}

  // The resource name (F1, F2, ...) of `font`, creating its object on first use.
  // `extra` != 0: a font of its own whose glyphs are `extra` thousandths of
  // an em wider than their advance (in /W and in its own embedded program),
  // for a glyph followed by a gap that must not read as a space
  // (pdf_writer.cpp).
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
  struct Prepared {
    FontSubset subset;
    std::string compressed;
    bool widened;                 // the program's widths include the variant's extra
    std::set<unsigned> glyphs;    // the glyphs in the program (original ids; .notdef aside)
  };
  // The embedded program of one variant; `codes`: its glyphs by code.
  // Returns its descriptor.
  PoDoFo::PdfObject* write_program(const Font& font, int extra, const std::map<unsigned, unsigned>& codes,
                                   const Prepared& prepared, std::string& base_name);
  // One variant's CIDFont (its /W) and Type0 font over its program.
  void write_variant(const Font& font, int extra, Entry& entry, bool cff, PoDoFo::PdfObject* descriptor,
                     const std::string& base_name);

  PoDoFo::PdfMemDocument& document_;
  bool parallel_;
  bool pdfa_;
  const EarlySubsets* early_;
  // The fonts in first-use order, and for each its programs by extra width,
  // once prepare() ran.
  std::vector<const Font*> programs_;
  std::vector<std::future<std::map<int, Prepared>>> prepared_;
  using Key = std::pair<const Font*, int>;  // the font and its extra width
  std::map<Key, Entry> entries_;
  std::vector<Key> order_;  // first use: objects are written in this order
};

}  // namespace reissue::layout
