#include "ocr_source.h"

#include "module_loader.h"
#include "reissue/error.h"

#include <dlfcn.h>

#include <mutex>

namespace reissue::extract {

namespace {

// The engine, loaded once: REISSUE_OCR_MODULE names it, or the build's own
// (REISSUE_OCR_MODULE_PATH, set by CMake). Loaded with its symbols global,
// as Tesseract's OpenMP runtime is looked up by name (ocr_engine.cpp).
struct Engine {
  OcrPagesFunction read = nullptr;
  std::string problem;  // why it could not be loaded
};

const Engine& engine() {
  static Engine loaded;
  static std::once_flag once;
  std::call_once(once, [] {
#ifdef REISSUE_OCR_LINKED
    loaded.read = &read_pages_by_ocr;
    return;
#endif
    const LoadedModule module = load_module({"OCR", "REISSUE_OCR_MODULE", REISSUE_OCR_MODULE_PATH,
                                             "reissue_ocr_engine", "reissue_ocr_abi", kOcrAbi, RTLD_NOW | RTLD_GLOBAL});
    if (!module.entry) {
      loaded.problem = module.problem;
      return;
    }
    using Entry = OcrPagesFunction (*)();
    loaded.read = reinterpret_cast<Entry>(module.entry)();
  });
  return loaded;
}

}  // namespace

std::vector<OcrPage> ocr_pdf_pages(std::string_view bytes, const std::string& name, const std::vector<int>& numbers,
                                   const OcrSettings& settings) {
  if (numbers.empty()) return {};
  const Engine& ocr = engine();
  if (!ocr.read) throw NoTextLayer(name, 0, "pages need OCR, but " + ocr.problem);
  return ocr.read(bytes, name, numbers, settings);
}

}  // namespace reissue::extract
