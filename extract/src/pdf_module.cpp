#include "pdf_module.h"

#include "module_loader.h"

#include "reissue/error.h"

#include <dlfcn.h>


namespace reissue::extract {

namespace {

// The module's functions; the module is loaded once (a static's
// initialization is thread-safe): REISSUE_PDF_MODULE names it, or the
// build's own (REISSUE_PDF_MODULE_PATH, set by CMake).
const PdfReader& reader_for(const std::string& name) {
#ifdef REISSUE_PDF_LINKED
  static const PdfReader linked = {&read_pdf_with_poppler, &render_pdf_page_images};
  (void)name;
  return linked;
#else
  static const LoadedModule module = load_module({"PDF", "REISSUE_PDF_MODULE", REISSUE_PDF_MODULE_PATH,
                                                  "reissue_pdf_reader", "reissue_pdf_abi", kPdfAbi,
                                                  RTLD_NOW | RTLD_LOCAL});
  if (!module.entry) throw InternalError(name, "cannot read PDF: " + module.problem);
  static const PdfReader* const reader = reinterpret_cast<const PdfReader* (*)()>(module.entry)();
  return *reader;
#endif
}

}  // namespace

SourceDocument read_pdf(std::string_view bytes, const std::string& name, const PdfLimits& limits) {
  return reader_for(name).read(bytes, name, limits);
}

std::vector<PageImage> render_page_images(std::string_view pdf, const std::string& name, double dpi, int threads) {
  return reader_for(name).render_pages(pdf, name, dpi, threads);
}

}  // namespace reissue::extract
