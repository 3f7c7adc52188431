// Text extraction on arbitrary bytes (any encoding the detector may pick).
// Property: the recovered issue is written as XML the reader can parse.
#include "extraction_check.h"
#include "fuzz_support.h"
#include "reissue/error.h"
#include "reissue/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  try {
    const ExtractResult result = extract_text(fuzz::as_text(data, size), "fuzz.txt");
    fuzz::check_extraction(result);
  } catch (const Error& error) {
    fuzz::refused(error);
  }
  return 0;
}
