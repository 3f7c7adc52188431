// PNG files in tests, through libpng's simplified API (independent of the
// writer's decoder): their RGBA pixels, and PNG files made from pixels.
#pragma once

#include <string>

namespace reissue::test {

// RGBA pixels of a PNG file, or empty if damaged.
std::string png_pixels(const std::string& bytes, unsigned& width, unsigned& height);
// A PNG file (RGBA, 8 bits) holding `rgba`, width * height * 4 bytes.
std::string png_from_pixels(const std::string& rgba, unsigned width, unsigned height);

}  // namespace reissue::test
