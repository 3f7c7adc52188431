// The style sheet reader on arbitrary bytes.
#include "fuzz_support.h"
#include "reissue/error.h"
#include "reissue/style.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  try {
    const Style style = load_style_from_memory(fuzz::as_text(data, size), "fuzz-style.xml");
    for (Role role : kRoles) style.role(role);
  } catch (const Error& error) {
    fuzz::refused(error);
  }
  return 0;
}
