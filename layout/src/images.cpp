#include "images.h"

#include "reissue/error.h"

#include <png.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <jpeglib.h>  // after <cstdio>: it needs FILE

namespace reissue::layout {

namespace {

bool jpeg_size(const std::string& data, int& width, int& height, int& components) {
  size_t at = 2;
  while (at + 9 < data.size()) {
    if (static_cast<unsigned char>(data[at]) != 0xFF) return false;
    const unsigned marker = static_cast<unsigned char>(data[at + 1]);
    const size_t length = static_cast<unsigned char>(data[at + 2]) << 8 | static_cast<unsigned char>(data[at + 3]);
    // Start-of-frame markers carry the size (not DHT C4, JPG C8, DAC CC).
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      height = static_cast<unsigned char>(data[at + 5]) << 8 | static_cast<unsigned char>(data[at + 6]);
      width = static_cast<unsigned char>(data[at + 7]) << 8 | static_cast<unsigned char>(data[at + 8]);
      components = static_cast<unsigned char>(data[at + 9]);
      return width > 0 && height > 0;
    }
    at += 2 + length;
  }
  return false;
}

struct PngReader {
  const std::string* data;
  size_t at;
};

void read_from_string(png_structp png, png_bytep out, png_size_t length) {
  auto* reader = static_cast<PngReader*>(png_get_io_ptr(png));
  if (reader->at + length > reader->data->size()) png_error(png, "truncated PNG");
  std::memcpy(out, reader->data->data() + reader->at, length);
  reader->at += length;
}

// libpng's message for the error that stopped a decode (its default
// handler prints to stderr; this one keeps it for ours).
struct PngError {
  char message[160] = "";
};

[[noreturn]] void keep_png_error(png_structp png, png_const_charp message) {
  auto* error = static_cast<PngError*>(png_get_error_ptr(png));
  std::snprintf(error->message, sizeof error->message, "%s", message ? message : "unknown error");
  png_longjmp(png, 1);
}

void ignore_png_warning(png_structp, png_const_charp) {}

// libpng reports errors by longjmp: no C++ objects live in this function.
// `*pixels` (RGBA rows, malloc'ed) belongs to the caller on success.
bool decode_png_rows(const std::string* bytes, int* width, int* height, unsigned char** pixels, PngError* error) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, error, keep_png_error, ignore_png_warning);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  *pixels = nullptr;
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    std::free(*pixels);
    *pixels = nullptr;
    return false;
  }
  PngReader reader{bytes, 0};
  png_set_read_fn(png, &reader, read_from_string);
  png_read_info(png, info);
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  const png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
  if (w == 0 || h == 0 || static_cast<unsigned long long>(w) * h > 50'000'000ULL)
    png_error(png, "image too large (more than 50 million pixels)");
  *pixels = static_cast<unsigned char*>(std::malloc(static_cast<size_t>(w) * h * 4));
  if (!*pixels) png_error(png, "out of memory");
  for (png_uint_32 pass = 0, passes = static_cast<png_uint_32>(png_set_interlace_handling(png)); pass < passes; ++pass)
    for (png_uint_32 y = 0; y < h; ++y) png_read_row(png, *pixels + static_cast<size_t>(y) * w * 4, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  *width = static_cast<int>(w);
  *height = static_cast<int>(h);
  return true;
}

struct FreeDeleter {
  void operator()(unsigned char* pixels) const { std::free(pixels); }
};
using Pixels = std::unique_ptr<unsigned char, FreeDeleter>;

// RGBA pixels, or nullptr with libpng's message in `error`.
Pixels decode_rgba(const std::string& bytes, int& width, int& height, PngError& error) {
  unsigned char* pixels = nullptr;
  if (!decode_png_rows(&bytes, &width, &height, &pixels, &error)) return nullptr;
  return Pixels(pixels);
}

// libjpeg reports errors by calling error_exit, which must not return: it
// jumps back here. Only plain C data lives in this function.
struct JpegErrorJump {
  jpeg_error_mgr manager;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jump_on_jpeg_error(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegErrorJump*>(info->err);
  (*info->err->format_message)(info, error->message);
  longjmp(error->jump, 1);
}

// Decodes a 4-component JPEG into `cmyk` (width * height * 4 bytes, sized by
// the caller from the header); false with libjpeg's message on failure.
bool decode_cmyk_rows(const std::string* bytes, unsigned char* cmyk, int width, int height, bool* inverted,
                      JpegErrorJump* error) {
  jpeg_decompress_struct info;
  info.err = jpeg_std_error(&error->manager);
  error->manager.error_exit = jump_on_jpeg_error;
  if (setjmp(error->jump)) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes->data()), bytes->size());
  jpeg_read_header(&info, TRUE);
  info.out_color_space = JCS_CMYK;
  jpeg_start_decompress(&info);
  if (info.output_components != 4 || static_cast<int>(info.output_width) != width ||
      static_cast<int>(info.output_height) != height) {
    std::snprintf(error->message, sizeof error->message, "not the CMYK image its header declares");
    jpeg_destroy_decompress(&info);
    return false;
  }
  *inverted = info.saw_Adobe_marker;
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = cmyk + static_cast<size_t>(info.output_scanline) * static_cast<size_t>(width) * 4;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return true;
}

}  // namespace

DecodedImage decode_cmyk_jpeg(const std::string& bytes, const std::string& name) {
  const ImageHeader header = read_image_header(bytes);
  if (header.kind != ImageHeader::jpeg || header.damaged || header.components != 4)
    throw Error(name, 0, "figure image is not a CMYK JPEG file");
  DecodedImage image;
  image.width = header.width;
  image.height = header.height;
  const size_t count = static_cast<size_t>(image.width) * static_cast<size_t>(image.height);
  std::string cmyk(count * 4, '\0');
  bool inverted = false;
  JpegErrorJump error{};
  if (!decode_cmyk_rows(&bytes, reinterpret_cast<unsigned char*>(cmyk.data()), image.width, image.height, &inverted,
                        &error))
    throw Error(name, 0, std::string("figure image is a damaged JPEG file: ") + error.message);
  image.rgb.resize(count * 3);
  for (size_t i = 0; i < count; ++i) {
    unsigned ink[4];
    for (size_t c = 0; c < 4; ++c) {
      const unsigned value = static_cast<unsigned char>(cmyk[i * 4 + c]);
      ink[c] = inverted ? 255 - value : value;
    }
    // Ink on white paper, without a profile: each colour and black absorb in turn.
    for (size_t c = 0; c < 3; ++c)
      image.rgb[i * 3 + c] = static_cast<char>(((255 - ink[c]) * (255 - ink[3]) + 127) / 255);
  }
  return image;
}

ImageHeader read_image_header(const std::string& bytes) {
  ImageHeader header;
  if (bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8) {
    header.kind = ImageHeader::jpeg;
    header.damaged = !jpeg_size(bytes, header.width, header.height, header.components);
  } else if (bytes.size() > 24 && bytes.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0) {
    auto be32 = [&](size_t at) {
      return static_cast<int>(static_cast<unsigned char>(bytes[at]) << 24 | static_cast<unsigned char>(bytes[at + 1]) << 16 |
                              static_cast<unsigned char>(bytes[at + 2]) << 8 | static_cast<unsigned char>(bytes[at + 3]));
    };
    header.kind = ImageHeader::png;
    header.width = be32(16);
    header.height = be32(20);
    header.damaged = header.width <= 0 || header.height <= 0;
  }
  return header;
}

FigureSize fit_figure(const Figure& image, double text_width, double text_height) {
  FigureSize size{text_width, text_width * image.height / std::max(1, image.width)};
  if (size.height > text_height * 0.5) {
    size.width *= text_height * 0.5 / size.height;
    size.height = text_height * 0.5;
  }
  return size;
}

DecodedImage decode_png(const std::string& bytes, const std::string& name) {
  DecodedImage image;
  PngError error;
  const Pixels pixels = decode_rgba(bytes, image.width, image.height, error);
  if (!pixels) throw Error(name, 0, std::string("figure image is a damaged PNG file: ") + error.message);
  const size_t count = static_cast<size_t>(image.width) * image.height;
  image.rgb.resize(count * 3);
  image.alpha.resize(count);
  bool opaque = true;
  const unsigned char* rgba = pixels.get();
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(&image.rgb[i * 3], rgba + i * 4, 3);
    image.alpha[i] = static_cast<char>(rgba[i * 4 + 3]);
    opaque = opaque && rgba[i * 4 + 3] == 0xFF;
  }
  if (opaque) image.alpha.clear();
  return image;
}

void flatten_onto_white(DecodedImage& image) {
  for (size_t i = 0; i < image.alpha.size(); ++i) {
    const unsigned alpha = static_cast<unsigned char>(image.alpha[i]);
    for (size_t c = i * 3; c < i * 3 + 3; ++c) {
      const unsigned value = static_cast<unsigned char>(image.rgb[c]);
      image.rgb[c] = static_cast<char>((value * alpha + 255 * (255 - alpha) + 127) / 255);
    }
  }
  image.alpha.clear();
}

std::optional<std::string> png_damage(const std::string& bytes) {
  int width = 0, height = 0;
  PngError error;
  if (decode_rgba(bytes, width, height, error)) return std::nullopt;
  return std::string(error.message);
}

}  // namespace reissue::layout
