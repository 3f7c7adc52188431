// Poppler is used in a module of its own, libreissue_pdf.so (pdf_source.cpp,
// font_recovery.cpp, text_layer_judge.cpp, page_images.cpp, png_writer.cpp),
// loaded the first time a PDF is read or rendered (pdf_module.cpp): Poppler
// and the ~16 libraries only it needs (NSS, lcms2, OpenJPEG, libtiff, ...)
// would otherwise add ~5 ms to the start of every command, typesetting too.
// Where REISSUE_PDF_LINKED is defined (the sanitized extractor in tests/) the
// same code is compiled in instead.
#pragma once

#include "page_images.h"
#include "pdf_source.h"

namespace reissue::extract {

// What the module hands over: its functions.
struct PdfReader {
  SourceDocument (*read)(std::string_view bytes, const std::string& name, const PdfLimits& limits);
  std::vector<PageImage> (*render_pages)(std::string_view pdf, const std::string& name, double dpi, int threads);
};

// What the module and the extractor must agree on (the layouts they pass):
// the module's reissue_pdf_abi() must equal this, or it is not loaded.
// (Exceptions cross the boundary too: g++'s libstdc++ matches them by name.)
constexpr unsigned long kPdfAbiVersion = 1;  // raised when what crosses the boundary changes meaning
constexpr unsigned long kPdfAbi = kPdfAbiVersion << 56 | (sizeof(SourcePage) & 0xFFF) << 40 |
                                  (sizeof(SourceRun) & 0xFFF) << 28 | (sizeof(SourceImage) & 0xFFF) << 16 |
                                  (sizeof(PdfLimits) & 0xFF) << 8 | (sizeof(PageImage) & 0xFF);

}  // namespace reissue::extract
