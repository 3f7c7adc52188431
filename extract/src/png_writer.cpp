#include "png_writer.h"

#include <GfxState.h>
#include <Stream.h>
#include <png.h>

#include <csetjmp>
#include <vector>

namespace reissue::extract {

namespace {

void append_to_string(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

// libpng reports errors by longjmp, so this function holds no C++ objects.
bool encode_rgb_png(const unsigned char* rgb, int width, int height, std::string* out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, info ? &info : nullptr);
    return false;
  }
  png_set_write_fn(png, out, append_to_string, nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < height; ++y)
    png_write_row(png, const_cast<png_bytep>(rgb + static_cast<size_t>(y) * width * 3));
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

std::string encode_png_from_pdf_image(Stream* stream, int width, int height, GfxImageColorMap* colors) {
  std::vector<unsigned char> rgb(static_cast<size_t>(width) * height * 3, 0);
  ImageStream pixels(stream, width, colors->getNumPixelComps(), colors->getBits());
  pixels.reset();
  const int components = colors->getNumPixelComps();
  for (int y = 0; y < height; ++y) {
    unsigned char* line = pixels.getLine();
    if (!line) break;  // a short stream: the rest stays black
    unsigned char* row = rgb.data() + static_cast<size_t>(y) * width * 3;
    if (colors->useRGBLine()) {
      colors->getRGBLine(line, row, width);
      continue;
    }
    for (int x = 0; x < width; ++x) {
      GfxRGB color;
      colors->getRGB(line + static_cast<size_t>(x) * components, &color);
      row[3 * x] = colToByte(color.r);
      row[3 * x + 1] = colToByte(color.g);
      row[3 * x + 2] = colToByte(color.b);
    }
  }
  pixels.close();
  std::string out;
  if (!encode_rgb_png(rgb.data(), width, height, &out)) return {};
  return out;
}

}  // namespace reissue::extract
