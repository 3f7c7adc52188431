#include "pdf_module.h"

#include "module_loader.h"

#include "reissue/error.h"

#include <dlfcn.h>

#include <mutex>

namespace reissue::extract {

namespace {

// The module, loaded once: REISSUE_PDF_MODULE names it, or the build's own
// (REISSUE_PDF_MODULE_PATH, set by CMake).
struct Module {
  const PdfReader* reader = nullptr;
  std::string problem;  // why it could not be loaded
};

const Module& pdf_module() {
  static Module loaded;
  static std::once_flag once;
  std::call_once(once, [] {
#ifdef REISSUE_PDF_LINKED
    static const PdfReader linked = {&read_pdf_with_poppler, &render_pdf_page_images};
    loaded.reader = &linked;
    return;
#endif
    const LoadedModule module = load_module({"PDF", "REISSUE_PDF_MODULE", REISSUE_PDF_MODULE_PATH,
                                             "reissue_pdf_reader", "reissue_pdf_abi", kPdfAbi, RTLD_NOW | RTLD_LOCAL});
    if (!module.entry) {
      loaded.problem = module.problem;
      return;
    }
    using Entry = const PdfReader* (*)();
    loaded.reader = reinterpret_cast<Entry>(module.entry)();
  });
  return loaded;
}

const PdfReader& reader_for(const std::string& name) {
  const Module& module = pdf_module();
  if (!module.reader) throw InternalError(name, "cannot read PDF: " + module.problem);
  return *module.reader;
}

}  // namespace

SourceDocument read_pdf(std::string_view bytes, const std::string& name, const PdfLimits& limits) {
  return reader_for(name).read(bytes, name, limits);
}

std::vector<PageImage> render_page_images(std::string_view pdf, const std::string& name, double dpi, int threads) {
  return reader_for(name).render_pages(pdf, name, dpi, threads);
}

}  // namespace reissue::extract
