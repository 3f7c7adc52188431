#include "ocr_source.h"

#include "reissue/error.h"

#include <dlfcn.h>

#include <cstdlib>
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
    const char* overridden = std::getenv("REISSUE_OCR_MODULE");
    const std::string path = overridden && *overridden ? overridden : REISSUE_OCR_MODULE_PATH;
    void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (!module) {
      const char* error = dlerror();
      loaded.problem = "the OCR module " + path + " could not be loaded (" + (error ? error : "unknown error") +
                       "); rebuild reissue, or set REISSUE_OCR_MODULE to its libreissue_ocr.so";
      return;
    }
    using Entry = OcrPagesFunction (*)();
    using Abi = unsigned long (*)();
    const auto entry = reinterpret_cast<Entry>(dlsym(module, "reissue_ocr_engine"));
    const auto abi = reinterpret_cast<Abi>(dlsym(module, "reissue_ocr_abi"));
    if (!entry || !abi) {
      loaded.problem = "the OCR module " + path + " is not reissue's (no reissue_ocr_engine)";
      return;
    }
    if (abi() != kOcrAbi) {
      loaded.problem = "the OCR module " + path + " is from another build of reissue; rebuild reissue";
      return;
    }
    loaded.read = entry();
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
