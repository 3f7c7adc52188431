// The PDF module's entry points (pdf_module.h); compiled into the module only.
#include "pdf_module.h"

namespace {
const reissue::extract::PdfReader reader = {&reissue::extract::read_pdf_with_poppler,
                                            &reissue::extract::render_pdf_page_images};
}  // namespace

extern "C" __attribute__((visibility("default"))) unsigned long reissue_pdf_abi() { return reissue::extract::kPdfAbi; }
extern "C" __attribute__((visibility("default"))) const reissue::extract::PdfReader* reissue_pdf_reader() {
  return &reader;
}
