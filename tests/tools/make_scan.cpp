// Makes a scan-like image-only PDF from page images (tests/data/scans/generate.sh
// renders them from the corpus PDFs with pdftoppm): each page turned a little,
// with noise, stored as grayscale JPEG, or thresholded to black and white and
// stored as CCITT G4 (--bilevel, as archive scanners do); optionally the pages
// as image files too (for `tesseract ... pdf`, which makes an OCR'd "sandwich"
// PDF of them: JPEG, or TIFF G4 when bilevel).
//
//   make_scan --dpi N [--rotate DEGREES] [--noise STDEV] [--quality Q] [--bilevel]
//             [--image-prefix PREFIX] OUT.pdf PAGE.pgm...
#include <leptonica/allheaders.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

struct DestroyPix {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, DestroyPix>;

struct DestroyPixa {
  void operator()(Pixa* pixa) const { pixaDestroy(&pixa); }
};

int usage(const char* program) {
  std::fprintf(stderr,
               "usage: %s --dpi N [--rotate DEGREES] [--noise STDEV] [--quality Q] [--bilevel] [--image-prefix PREFIX] "
               "OUT.pdf PAGE.pgm...\n",
               program);
  return 6;
}

}  // namespace

int main(int argc, char** argv) {
  int dpi = 0, quality = 50;
  double rotate = 0, noise = 0;
  bool bilevel = false;
  std::string image_prefix, out;
  std::vector<std::string> pages;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--dpi" && has_value) dpi = std::atoi(argv[++i]);
    else if (arg == "--rotate" && has_value) rotate = std::atof(argv[++i]);
    else if (arg == "--noise" && has_value) noise = std::atof(argv[++i]);
    else if (arg == "--quality" && has_value) quality = std::atoi(argv[++i]);
    else if (arg == "--bilevel") bilevel = true;
    else if (arg == "--image-prefix" && has_value) image_prefix = argv[++i];
    else if (!arg.empty() && arg[0] == '-') return usage(argv[0]);
    else if (out.empty()) out = arg;
    else pages.push_back(arg);
  }
  if (dpi <= 0 || out.empty() || pages.empty()) return usage(argv[0]);
  setLeptDebugOK(0);
  std::unique_ptr<Pixa, DestroyPixa> pixa(pixaCreate(static_cast<l_int32>(pages.size())));
  for (size_t i = 0; i < pages.size(); ++i) {
    PixPtr pix(pixRead(pages[i].c_str()));
    if (!pix) {
      std::fprintf(stderr, "%s: cannot read\n", pages[i].c_str());
      return 2;
    }
    if (pixGetDepth(pix.get()) != 8) pix.reset(pixConvertTo8(pix.get(), 0));
    if (rotate != 0) {
      // Area mapping, white brought in at the corners; the page keeps its size.
      pix.reset(pixRotate(pix.get(), static_cast<l_float32>(rotate * M_PI / 180), L_ROTATE_AREA_MAP,
                          L_BRING_IN_WHITE, 0, 0));
    }
    if (noise > 0) pix.reset(pixAddGaussianNoise(pix.get(), static_cast<l_float32>(noise)));
    if (!pix) {
      std::fprintf(stderr, "%s: cannot process\n", pages[i].c_str());
      return 3;
    }
    // A scanner's fixed threshold, below the antialiased edges' middle grey.
    if (bilevel) pix.reset(pixConvertTo1(pix.get(), 160));
    pixSetResolution(pix.get(), dpi, dpi);
    if (!image_prefix.empty()) {
      char name[32];
      std::snprintf(name, sizeof name, bilevel ? "-%02zu.tif" : "-%02zu.jpg", i + 1);
      const std::string file = image_prefix + name;
      if ((bilevel ? pixWrite(file.c_str(), pix.get(), IFF_TIFF_G4) : pixWriteJpeg(file.c_str(), pix.get(), quality, 0)) != 0)
        return 7;
    }
    pixaAddPix(pixa.get(), pix.release(), L_INSERT);
  }
  if (pixaConvertToPdf(pixa.get(), dpi, 1.0, bilevel ? L_G4_ENCODE : L_JPEG_ENCODE, quality, "scan", out.c_str()) != 0) {
    std::fprintf(stderr, "%s: cannot write\n", out.c_str());
    return 7;
  }
  return 0;
}
