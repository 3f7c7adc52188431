// PDF pages as pictures: Poppler's Splash rendering, shared by the OCR source
// (grayscale, 300 dpi, for Tesseract) and the review page (colour JPEG at a
// screen resolution, one per page, beside the recovered text).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

class PDFDoc;
class Page;
class SplashBitmap;

namespace reissue::extract {

// The page as Splash paints it (antialiased, on white) at `dpi`: 8-bit gray
// (one byte a pixel) or RGB (three). Null when the page cannot be rendered.
std::unique_ptr<SplashBitmap> render_page(PDFDoc& document, int number, double dpi, bool color);

// `dpi` lowered for a page of `width` x `height` points so that it renders
// to at most ~36 M pixels (A4 at 300 dpi is 8.7 M): a huge media box is
// rendered at a lower resolution, not in gigabytes.
double capped_dpi(double width, double height, double dpi);

// The page's size in points as boxes measure it: turned by its /Rotate.
void page_size(Page& page, double& width, double& height);

// Work on one page (index 0-based) with its thread's own document.
using PageWork = std::function<void(PDFDoc& document, size_t index)>;

// Runs pages 0..count-1 on up to `threads` threads (0: one per core, at most
// 8), each with its own PDFDoc over `pdf` (Poppler's documents are not
// thread safe); `start_thread` runs first on each thread and returns its
// work (a thread's own Tesseract, say). The first exception thrown stops the
// others and is rethrown. Throws ReadError naming `name` when the PDF cannot
// be opened. Poppler's globals must be set up (read_pdf does it).
void run_on_page_threads(std::string_view pdf, const std::string& name, size_t count, int threads,
                         const std::function<PageWork()>& start_thread);

// One page of a PDF as the review page shows it.
struct PageImage {
  double width = 0, height = 0;  // points, the page turned by its /Rotate (as boxes are measured)
  int pixel_width = 0, pixel_height = 0;
  std::string jpeg;  // empty: the page could not be rendered
};

// Every page of the PDF rendered at `dpi` (lower for a huge page) and encoded
// as JPEG, pages on up to `threads` threads (0: one per core), each with its
// own PDFDoc over the same bytes (Poppler's documents are not thread safe).
// Throws ReadError naming `name` when the PDF cannot be opened. Runs
// render_page_images_with_poppler in the PDF module (pdf_module.h).
std::vector<PageImage> render_page_images(std::string_view pdf, const std::string& name, double dpi, int threads = 0);
std::vector<PageImage> render_page_images_with_poppler(std::string_view pdf, const std::string& name, double dpi,
                                                       int threads);

// RGB or gray rows (`components` 3 or 1) as a baseline JPEG (libjpeg).
std::string encode_jpeg(const unsigned char* pixels, int width, int height, int row_bytes, int components,
                        int quality);

}  // namespace reissue::extract
