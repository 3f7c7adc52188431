// DOCX extraction (libzip, libxml2) on arbitrary bytes. Property: a package
// that is read gives an issue the XML reader can parse; anything else is a
// refusal with its exit status, never a crash, hang or leak.
#include "extraction_check.h"
#include "fuzz_support.h"
#include "reissue/error.h"
#include "reissue/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  try {
    const ExtractResult result = extract_docx(fuzz::as_text(data, size), "fuzz.docx");
    fuzz::check_extraction(result);
  } catch (const Error& error) {
    fuzz::refused(error);
  }
  return 0;
}
