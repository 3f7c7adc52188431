// Reading a PDF with Poppler's core API: per page, the printed lines with their
// geometry and fonts, the URI link annotations, and the embedded images.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace reissue::extract {

struct Box {
  double left = 0, top = 0, right = 0, bottom = 0;  // points, origin top-left
  bool overlaps(const Box& other) const {
    return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
  }
};

struct PdfLine {
  std::u32string text;   // words joined; a space where the PDF has one or a gap
  Box box;
  double baseline = 0;
  double font_size = 0;  // most common size of its characters
  bool bold = false;     // most characters in a bold font
  bool colored = false;  // most characters neither black nor gray
  std::vector<double> gaps;  // not used by callers; reserved for diagnostics
};

struct PdfImage {
  Box box;
  std::string bytes;      // a JPEG file as embedded, or a PNG we encoded
  std::string extension;  // "jpg" or "png"
  int width = 0, height = 0;  // pixels
};

struct PdfLink {
  Box box;
  std::string uri;
};

struct PdfPage {
  double width = 0, height = 0;
  std::vector<PdfLine> lines;  // reading order
  std::vector<PdfImage> images;
  std::vector<PdfLink> links;
};

struct PdfContent {
  std::vector<PdfPage> pages;
  bool encrypted = false;
  std::vector<std::string> warnings;
};

struct PdfLimits {
  int max_pages = 2000;
  bool extract_images = true;
};

// Throws ReadError for what cannot be read: not a PDF, damaged beyond repair,
// encrypted with a user password, no pages.
PdfContent read_pdf(std::string_view bytes, const std::string& name, const PdfLimits& limits = {});

}  // namespace reissue::extract
