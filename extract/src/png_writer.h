// PNG encoding of a decoded PDF image (libpng), for figures that are not JPEG.
#pragma once

#include <string>

class Stream;
class GfxImageColorMap;

namespace reissue::extract {

// The image as an 8-bit RGB PNG file; empty on failure.
std::string encode_png_from_pdf_image(Stream* stream, int width, int height, GfxImageColorMap* colors);

}  // namespace reissue::extract
