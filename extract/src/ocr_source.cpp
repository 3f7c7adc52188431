#include "ocr_source.h"

#include "module_loader.h"
#include "reissue/error.h"

#include <dlfcn.h>

namespace reissue::extract {

namespace {

// The engine; its module is loaded once (a static's initialization is
// thread-safe): REISSUE_OCR_MODULE names it, or the build's own
// (REISSUE_OCR_MODULE_PATH, set by CMake). Loaded with its symbols global,
// as Tesseract's OpenMP runtime is looked up by name (ocr_engine.cpp).
OcrPagesFunction ocr_engine(const std::string& name) {
#ifdef REISSUE_OCR_LINKED
  (void)name;
  return &read_pages_by_ocr;
#else
  static const LoadedModule module = load_module({"OCR", "REISSUE_OCR_MODULE", REISSUE_OCR_MODULE_PATH,
                                                  "reissue_ocr_engine", "reissue_ocr_abi", kOcrAbi,
                                                  RTLD_NOW | RTLD_GLOBAL});
  if (!module.entry) throw NoTextLayer(name, 0, "pages need OCR, but " + module.problem);
  static const OcrPagesFunction read = reinterpret_cast<OcrPagesFunction (*)()>(module.entry)();
  return read;
#endif
}

}  // namespace

std::vector<OcrPage> ocr_pdf_pages(std::string_view bytes, const std::string& name, const std::vector<int>& numbers,
                                   const OcrSettings& settings) {
  if (numbers.empty()) return {};
  return ocr_engine(name)(bytes, name, numbers, settings);
}

}  // namespace reissue::extract
