#include "page_images.h"

#include "reissue/error.h"

#include <PDFDoc.h>
#include <Page.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <splash/SplashBitmap.h>

// libjpeg's header needs FILE and size_t declared first.
#include <cstdio>
#include <jpeglib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csetjmp>
#include <exception>
#include <mutex>
#include <thread>

namespace reissue::extract {

namespace {

constexpr double kMaxPixels = 36e6;
// JPEG quality for page pictures: text edges stay clean enough to read at a
// screen resolution; ~60 KB an A4 page at 80 dpi.
constexpr int kPageJpegQuality = 75;

// libjpeg reports a fatal error by calling error_exit, which must not
// return: jump back to the encoder, which gives up on this image.
struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
};

[[noreturn]] void jpeg_fail(j_common_ptr info) {
  std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
}

PageImage picture_of(PDFDoc& document, int number, double dpi) {
  PageImage image;
  Page* page = document.getPage(number);
  if (!page) return image;
  page_size(*page, image.width, image.height);
  if (!(image.width * image.height > 0)) return image;
  const std::unique_ptr<SplashBitmap> bitmap = render_page(document, number, capped_dpi(image.width, image.height, dpi), true);
  if (!bitmap) return image;
  image.pixel_width = bitmap->getWidth();
  image.pixel_height = bitmap->getHeight();
  image.jpeg = encode_jpeg(static_cast<const SplashBitmap&>(*bitmap).getDataPtr(), image.pixel_width,
                           image.pixel_height, bitmap->getRowSize(), 3, kPageJpegQuality);
  return image;
}

}  // namespace

double capped_dpi(double width, double height, double dpi) {
  const double pixels = width * height * (dpi / 72) * (dpi / 72);
  return pixels > kMaxPixels ? dpi * std::sqrt(kMaxPixels / pixels) : dpi;
}

void page_size(Page& page, double& width, double& height) {
  const bool rotated = page.getRotate() % 180 != 0;
  width = rotated ? page.getMediaHeight() : page.getMediaWidth();
  height = rotated ? page.getMediaWidth() : page.getMediaHeight();
}

std::unique_ptr<SplashBitmap> render_page(PDFDoc& document, int number, double dpi, bool color) {
  SplashColor white;
  white[0] = white[1] = white[2] = 255;
  SplashOutputDev device(color ? splashModeRGB8 : splashModeMono8, 4, false, white);
  device.setFontAntialias(true);
  device.setVectorAntialias(true);
  device.startDoc(&document);
  document.displayPage(&device, number, dpi, dpi, 0, true, false, false);
  std::unique_ptr<SplashBitmap> bitmap(device.takeBitmap());
  if (!bitmap || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0) return nullptr;
  return bitmap;
}

std::string encode_jpeg(const unsigned char* pixels, int width, int height, int row_bytes, int components,
                        int quality) {
  jpeg_compress_struct info{};
  JpegError error{};
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = jpeg_fail;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  // Nothing with a destructor lives between setjmp and the calls that may
  // jump back: only libjpeg's own state, released here.
  if (setjmp(error.jump)) {
    jpeg_destroy_compress(&info);
    std::free(buffer);
    return {};
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = components;
  info.in_color_space = components == 3 ? JCS_RGB : JCS_GRAYSCALE;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<unsigned char*>(pixels + static_cast<std::ptrdiff_t>(info.next_scanline) * row_bytes);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return out;
}

void run_on_page_threads(std::string_view pdf, const std::string& name, size_t count, int threads,
                         const std::function<PageWork()>& start_thread) {
  if (count == 0) return;
  const int cores = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
  threads = std::clamp(threads > 0 ? threads : cores, 1, static_cast<int>(count));
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto worker = [&] {
    try {
      const PageWork work = start_thread();
      // One document a thread, over the same bytes (MemStream reads them in
      // place; PDFDoc deletes it).
      auto* stream = new MemStream(pdf.data(), 0, static_cast<Goffset>(pdf.size()), Object(objNull));
      PDFDoc document(stream);
      if (!document.isOk()) throw ReadError(name, 0, "the PDF cannot be opened again to render its pages");
      for (size_t i; (i = next.fetch_add(1)) < count;) {
        work(document, i);
        std::lock_guard lock(failure_mutex);
        if (failure) break;
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::jthread> workers;
  for (int i = 0; i < threads; ++i) workers.emplace_back(worker);
  workers.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

std::vector<PageImage> render_page_images_with_poppler(std::string_view pdf, const std::string& name, double dpi,
                                                       int threads) {
  size_t count = 0;
  {
    auto* stream = new MemStream(pdf.data(), 0, static_cast<Goffset>(pdf.size()), Object(objNull));
    PDFDoc document(stream);
    if (!document.isOk()) throw ReadError(name, 0, "the PDF cannot be opened to render its pages");
    count = static_cast<size_t>(std::max(document.getNumPages(), 0));
  }
  std::vector<PageImage> images(count);
  run_on_page_threads(pdf, name, count, threads, [&] {
    return PageWork([&](PDFDoc& document, size_t i) {
      images[i] = picture_of(document, static_cast<int>(i) + 1, dpi);
    });
  });
  return images;
}

}  // namespace reissue::extract
