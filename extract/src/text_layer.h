// Whether a PDF page's text layer can be trusted: every glyph Poppler draws
// is counted as it passes (decoded by the PDF's own maps, recovered from the
// fonts, or not decodable) and its text checked for what undecodable text
// looks like (private use, control characters, ASCII set a full em wide,
// glyph names). One pass over the characters extraction gets anyway.
#pragma once

#include "font_recovery.h"
#include "reissue/extract_source.h"

#include <map>
#include <string>
#include <vector>

class GfxState;

namespace reissue::extract {

struct PageTextCounts {
  int chars = 0;            // glyphs drawn, spaces aside
  int from_pdf = 0;         // decoded by the PDF's own maps
  int recovered = 0;        // decoded by font recovery
  int undecoded = 0;        // no map at all (handed on as U+FFFD)
  int private_use = 0;      // decoded into the Private Use Area
  int control = 0;          // decoded into control characters
  int ascii = 0;            // decoded into printable ASCII
  int ascii_full_width = 0; // ... set at least 0.95 em wide (ASCII noise from a CJK font)
  int glyph_names = 0;      // characters of words that are glyph names (cid123, uni4E2D, g17)
  int type3 = 0;            // glyphs of Type 3 fonts
  std::map<std::string, int> undecoded_fonts;  // font name -> glyphs not decoded
  std::map<std::string, int> recovered_fonts;  // installed face -> glyphs recovered
};

struct TextLayerVerdict {
  bool readable = true;
  std::string problem;  // unreadable: why, as a phrase ("the fonts X have no map to Unicode ...")
  std::string note;     // readable: what was recovered or could not be decoded, for the review
};

// The rule (docs/extract.md, "Judging the text layer").
TextLayerVerdict judge_text_layer(const PageTextCounts& counts);

bool is_private_use(char32_t c);
bool is_c0_or_c1_control(char32_t c);  // tab and line ends aside
// ASCII characters set at least this wide (em) are a CJK font's glyphs decoded
// as their codes: Latin letters, digits and punctuation are 0.2-0.8 em, also in
// CJK fonts; full-width forms decode to U+FF01.. when decoded at all.
constexpr double kFullWidthEm = 0.95;

// Characters of the page's words that are glyph names, not text.
int glyph_name_characters(const std::vector<SourceRun>& runs);

class TextLayerJudge {
 public:
  explicit TextLayerJudge(FontRecovery& recovery) : recovery_(recovery) {}

  // A page's fonts are freed with it, and a later page's may take the same
  // address: the last font seen is forgotten.
  void start_page() {
    counts_ = {};
    last_font_ = nullptr;
    last_decoding_ = nullptr;
  }
  // What to hand on for one drawn character instead of what Poppler decoded.
  struct Instead {
    char32_t character = 0;  // recovered, or U+FFFD for a glyph nothing decodes; 0: keep Poppler's
    double advance = 0;      // the recovered glyph's printed advance (1/1000 em); 0: the PDF's width
  };
  // Counts one drawn character and says what to hand on instead.
  Instead character(const GfxState* state, uint32_t code, const unsigned* unicode, int length, double dx, double dy);
  PageTextCounts& counts() { return counts_; }

 private:
  FontRecovery& recovery_;
  PageTextCounts counts_;
  const void* last_font_ = nullptr;
  FontDecoding* last_decoding_ = nullptr;
};

}  // namespace reissue::extract
