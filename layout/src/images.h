// Figure images for the writers: what a JPEG or PNG file's header declares
// (kind, pixel size), PNG pixels decoded (libpng) so that the PDF can hold
// them, and the printed size both writers give a figure.
#pragma once

#include "reissue/figure_set.h"

#include <optional>
#include <string>

namespace reissue::layout {

// The largest figure image read (64 MiB).
inline constexpr std::size_t kMaxImageBytes = std::size_t{64} << 20;

// The kind and pixel size an image's bytes declare.
struct ImageHeader {
  enum Kind { neither, jpeg, png } kind = neither;
  bool damaged = false;  // the header declares no size
  int width = 0, height = 0, components = 3;
};
ImageHeader read_image_header(const std::string& bytes);

// A figure's printed size in points: the text width, but never taller than
// half the text height (both writers place figures the same way).
struct FigureSize {
  double width = 0, height = 0;
};
FigureSize fit_figure(const Figure& image, double text_width, double text_height);

struct DecodedImage {
  int width = 0, height = 0;
  std::string rgb;    // 8-bit RGB
  std::string alpha;  // 8-bit, empty when opaque
};
// Throws reissue::Error naming `name` when the pixels do not decode.
DecodedImage decode_png(const std::string& bytes, const std::string& name);
// A CMYK JPEG's pixels as RGB (PDF/A-1 with an sRGB output intent allows no
// DeviceCMYK). Adobe's inverted CMYK is recognized by its APP14 marker.
// Throws reissue::Error naming `name` when the pixels do not decode.
DecodedImage decode_cmyk_jpeg(const std::string& bytes, const std::string& name);
// The image as it looks on white paper, opaque (PDF/A-1 allows no soft masks).
void flatten_onto_white(DecodedImage& image);
// Why a PNG's pixels do not decode (libpng's message); nullopt when they do.
std::optional<std::string> png_damage(const std::string& bytes);

}  // namespace reissue::layout
