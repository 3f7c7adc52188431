// PDF extraction (Poppler) on arbitrary bytes. Property: the recovered issue is
// written as XML the reader can parse.
#include "extraction_check.h"
#include "fuzz_support.h"
#include "reissue/error.h"
#include "reissue/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  try {
    ExtractOptions options;
    options.max_pages = 50;  // the fuzzer's inputs are small; many pages only slow it down
    // OCR (Splash rendering, then Tesseract) costs a second or more per page
    // without text, which would starve the fuzzer; tests/robustness runs the
    // hostile PDFs through it instead.
    options.ocr = ExtractOptions::Ocr::never;
    const ExtractResult result = extract_pdf(fuzz::as_text(data, size), "fuzz.pdf", options);
    fuzz::check_extraction(result);
  } catch (const Error& error) {
    fuzz::refused(error);
  }
  return 0;
}
