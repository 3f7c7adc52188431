// The OCR source: PDF pages rendered by Poppler (Splash, grayscale) and read
// by Tesseract, as positioned runs like the Poppler source's. Used for pages
// whose own text is missing, undecodable, or an OCR'd scan's invisible layer
// (extract.cpp decides which).
#pragma once

#include "reissue/extract_source.h"

#include <string>
#include <string_view>
#include <vector>

namespace reissue::extract {

struct OcrSettings {
  int threads = 0;  // pages read at once, one Tesseract each; 0: one per core
  int dpi = 300;    // measured: 300 dpi reads a little better than 200 at 1.25x the time
};

// One page as OCR read it: runs in points (origin top-left, y down, the page
// turned by its /Rotate, as read_pdf places text), one flow a Tesseract block.
struct OcrPage {
  double width = 0, height = 0;
  std::vector<SourceRun> runs;
  // Photographs and drawings on the page, as Tesseract's layout analysis
  // found them (image blocks), cut out of the page image as PNG.
  std::vector<SourceImage> images;
  // Tesseract's mean word confidence (0-100), weighted by characters; 0
  // when nothing was read.
  double confidence = 0;
  double skew_degrees = 0;  // the rotation deskewing took out
  std::string problem;      // why the page was not (fully) read, for the review; empty: read
};

// Reads pages `numbers` (1-based) of the PDF by OCR, in parallel; one result
// a number, in order. Throws ReadError when the PDF cannot be opened, and
// NoTextLayer when OCR is not available (Tesseract's language data missing,
// or the OCR module: see ocr_source.cpp). Expects read_pdf to have run on the
// same bytes (it sets up Poppler).
std::vector<OcrPage> ocr_pdf_pages(std::string_view bytes, const std::string& name, const std::vector<int>& numbers,
                                   const OcrSettings& settings = {});

// The OCR engine (ocr_engine.cpp): built as the module libreissue_ocr.so,
// which ocr_pdf_pages loads, or compiled in where REISSUE_OCR_LINKED is
// defined (the sanitized extractor in tests/).
std::vector<OcrPage> read_pages_by_ocr(std::string_view bytes, const std::string& name, const std::vector<int>& numbers,
                                       const OcrSettings& settings);
using OcrPagesFunction = std::vector<OcrPage> (*)(std::string_view bytes, const std::string& name,
                                                  const std::vector<int>& numbers, const OcrSettings& settings);
// What the module and the extractor must agree on (the layouts they pass):
// the module's reissue_ocr_abi() must equal this, or it is not loaded.
// (Exceptions cross the boundary too: g++'s libstdc++ matches them by name.)
constexpr unsigned long kOcrAbiVersion = 1;  // raised when what crosses the boundary changes meaning
constexpr unsigned long kOcrAbi = kOcrAbiVersion << 48 | sizeof(OcrPage) << 32 | sizeof(SourceRun) << 16 |
                                  sizeof(SourceImage) << 8 | sizeof(OcrSettings);

}  // namespace reissue::extract
