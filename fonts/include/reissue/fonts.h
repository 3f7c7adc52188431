// Fonts: found with fontconfig, opened with HarfBuzz, subset with hb-subset.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

struct hb_face_t;
struct hb_font_t;

namespace reissue {

// One face of a font file (a TTC collection holds several: the index selects).
// Its const members may be used from any thread.
class Font {
 public:
  Font(std::string path, int index, std::string family, bool bold);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  const std::string& path() const { return path_; }
  int index() const { return index_; }
  const std::string& family() const { return family_; }
  bool bold() const { return bold_; }
  std::string postscript_name() const;

  hb_face_t* face() const;
  hb_font_t* font() const;  // scaled to units_per_em
  unsigned units_per_em() const { return units_per_em_; }
  bool covers(char32_t c) const;
  bool is_cff() const { return cff_; }  // glyphs as CFF outlines (else TrueType glyf)

  // Metrics in em.
  double ascender() const;
  double descender() const;  // negative
  // The top of the ideographic em box above the baseline (the BASE table's
  // idtp; without one, HarfBuzz's fallback): where a Han character's em
  // square ends, 0.88 in most CJK fonts, whatever their ascender.
  double ideographic_top() const;
  double advance(unsigned glyph) const;
  unsigned glyph(char32_t c) const;  // 0 when not covered

  // CFF fonts: the CID of each glyph (for CID-keyed CFF), else the glyph id.
  unsigned cid(unsigned glyph) const;
  // A CFF font keyed by CIDs (CJK fonts), not by glyph names (Latin OpenType
  // fonts such as URW's): a PDF's codes for the latter are glyph ids.
  bool cid_keyed() const { return cid_keyed_; }

 private:
  struct HarfBuzz;  // the file's blob, the face and the font, released together
  std::string path_;
  int index_;
  std::string family_;
  bool bold_;
  std::unique_ptr<HarfBuzz> harfbuzz_;
  unsigned units_per_em_ = 1000;
  bool cff_ = false;
  bool cid_keyed_ = false;
  std::vector<unsigned> cids_;  // glyph id -> CID, empty when identity
};

// Finds and owns fonts. Families are looked up with fontconfig; a missing
// family is an error rather than a silent substitute. A library keeps what
// it found and loaded (fontconfig's answers, faces, HarfBuzz's shaping
// caches) for as long as it lives, so a caller that typesets many issues
// shares one and pays for the set-up once. Each answer is fontconfig's and
// one face (file, index, weight) is one Font, so a lookup gives the same
// font whatever was looked up before. Use a library from one thread at a
// time; the fonts it hands out stay valid while it lives.
class FontLibrary {
 public:
  FontLibrary();
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  // Throws reissue::Error naming the family when fontconfig has no such font.
  const Font& get(const std::string& family, bool bold);

  // A font that has a glyph for `c`, tried in order: `preferred`, the
  // fallback chain (Noto CJK, Noto, DejaVu), then whatever fontconfig finds
  // for the character. nullptr when no installed font covers it.
  const Font* font_for(char32_t c, const Font& preferred, bool bold);

 private:
  const Font* fontconfig_font_for(char32_t c, bool bold);
  // The Font of a face, loaded on first use; `family` names it in messages.
  const Font& face(const std::string& file, int index, const std::string& family, bool bold);
  std::vector<std::unique_ptr<Font>> fonts_;
  // Answers kept: a family's font, or why there is none; a character's font or none.
  std::map<std::pair<std::string, bool>, const Font*> families_;
  std::map<std::pair<std::string, bool>, std::string> missing_families_;
  std::map<std::pair<char32_t, bool>, const Font*> characters_;
};

// A subset of `font` holding `glyphs` (original glyph ids), ready to embed:
// for CFF fonts the bare 'CFF ' table (a CIDFontType0C stream) whose charset
// keeps the original CIDs (a CFF not keyed by CIDs keeps its glyph ids, which
// a PDF's CIDFontType0 takes for CIDs); for TrueType fonts a TrueType file
// whose glyph ids are the original ones (retained), so codes never need
// remapping.
struct FontSubset {
  std::string data;
  bool cff = false;
};
// `characters` (optional) are characters drawn with their nominal glyphs:
// glyphs named by character let hb-subset skip mapping the whole cmap, which
// halves the time for a CJK font. Glyph 0 (.notdef) is always kept.
// `hinting` false drops hinting (TrueType instructions and their fpgm, prep
// and cvt tables; CFF hints).
FontSubset subset_font(const Font& font, const std::set<unsigned>& glyphs,
                       const std::set<char32_t>& characters = {}, bool hinting = true);

// A subset of a font from which programs are cut: subsetting a CJK font
// plans over its whole cmap and charset (~3 ms however few glyphs it keeps,
// ~15 ms for a thousand); a cut from a subset takes ~0.1 ms. So a font's
// programs (a PDF's plain one and its widened variants) come from one
// subset, which may be started before every glyph is known (PdfFonts).
// Its const members may be used from any thread.
class SubsetSource {
 public:
  // As subset_font; throws reissue::Error when subsetting fails.
  SubsetSource(const Font& font, const std::set<unsigned>& glyphs, const std::set<char32_t>& characters = {},
               bool hinting = true);
  ~SubsetSource();
  SubsetSource(const SubsetSource&) = delete;
  SubsetSource& operator=(const SubsetSource&) = delete;

  const std::set<unsigned>& glyphs() const { return glyphs_; }  // original ids
  // A program of every glyph it holds.
  FontSubset program() const;
  // A program of only `glyphs` (original ids; those it does not hold are
  // left out), by default without hinting: a program of a few glyphs, where
  // a TrueType font's hinting program would be most of the bytes. The same
  // bytes as subset_font(font, glyphs, {}, hinting).
  FontSubset cut(const std::set<unsigned>& glyphs, bool hinting = false) const;

 private:
  struct HarfBuzz;  // the subset plan and the face it made
  const Font& font_;
  std::set<unsigned> glyphs_;
  std::unique_ptr<HarfBuzz> harfbuzz_;
};

// The glyphs a program holds, as a PDF/A CIDSet names them: a CID-keyed
// CFF's CIDs (from its charset), a TrueType program's glyph ids (retained)
// that have outlines. Empty for a CFF that is not CID-keyed.
std::set<unsigned> program_cids(const FontSubset& subset);

// Makes every glyph of `subset` `extra_units` font units wider (negative:
// narrower) in the program itself: CFF Private DICT widths, TrueType hmtx.
// For a PDF font whose /W widths include a gap after each glyph (MuPDF and
// PDF/A read widths from the program). False, and `subset` unchanged, when
// the program is not laid out as hb-subset writes it.
bool widen_subset(FontSubset& subset, double extra_units);

}  // namespace reissue
