// TextLayerJudge: the counting pass over Poppler's characters (in the PDF
// module with the rest of the Poppler code; the verdict is text_layer.cpp).
#include "text_layer.h"

#include <GfxFont.h>
#include <GfxState.h>

#include <cmath>

namespace reissue::extract {

TextLayerJudge::Instead TextLayerJudge::character(const GfxState* state, uint32_t code, const unsigned* unicode, int length, double dx,
                                   double dy) {
  const GfxFont* font = state->getFont().get();
  if (!font) {
    ++counts_.chars, ++counts_.undecoded;
    return {U'\uFFFD'};
  }
  if (font != last_font_) {
    last_decoding_ = &recovery_.decoding(*font);
    last_font_ = font;
  }
  FontDecoding& decoding = *last_decoding_;
  const bool own = decoding.own_map || (code < decoding.named.size() && decoding.named[code]);
  if (own && length >= 1 && unicode[0] == ' ') return {};  // spaces say nothing either way
  ++counts_.chars;
  if (decoding.type3) ++counts_.type3;
  if (!own) {
    if (const char32_t c = recovery_.recover(decoding, code)) {
      ++counts_.recovered;
      ++counts_.recovered_fonts[decoding.recovered_from];
      return {c, recovery_.printed_advance(decoding, code)};
    }
    ++counts_.undecoded;
    ++counts_.undecoded_fonts[decoding.name];
    return {U'\uFFFD'};
  }
  if (length <= 0 || unicode[0] == 0xFFFD) {
    ++counts_.undecoded;
    ++counts_.undecoded_fonts[decoding.name];
    return {U'\uFFFD'};
  }
  ++counts_.from_pdf;
  const char32_t first = unicode[0];
  if (is_private_use(first)) {
    ++counts_.private_use;
  } else if (is_c0_or_c1_control(first)) {
    ++counts_.control;
  } else if (first > 0x20 && first < 0x7F) {
    ++counts_.ascii;
    // The advance in ems of the font size: text space scaled by the text matrix.
    const double* m = state->getTextMat();
    const double size = state->getFontSize() * std::hypot(m[0], m[1]) * std::abs(state->getHorizScaling());
    if (size > 0 && std::hypot(dx, dy) >= kFullWidthEm * size) ++counts_.ascii_full_width;
  }
  return {};
}

}  // namespace reissue::extract
