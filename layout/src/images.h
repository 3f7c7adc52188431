// Figure images for the writers: JPEG files pass through as they are; PNG
// files are decoded (libpng) so that the PDF can hold their pixels.
#pragma once

#include "pages.h"

#include <filesystem>
#include <string>

namespace reissue::layout {

// Reads a JPEG or PNG file and its pixel size. Throws reissue::Error naming
// `name` when the file is missing or neither format.
ImageFile read_image_file(const std::filesystem::path& file, const std::string& name, int figure_line = 0);

// A figure's printed size in points: the text width, but never taller than
// half the text height (both writers place figures the same way).
struct FigureSize {
  double width = 0, height = 0;
};
FigureSize fit_figure(const ImageFile& image, double text_width, double text_height);

struct DecodedImage {
  int width = 0, height = 0;
  std::string rgb;    // 8-bit RGB
  std::string alpha;  // 8-bit, empty when opaque
};
DecodedImage decode_png(const std::string& bytes, const std::string& name);

}  // namespace reissue::layout
