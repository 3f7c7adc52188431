// Text extraction on arbitrary bytes (any encoding the detector may pick).
// Property: the recovered issue is written as XML the reader can parse.
#include "fuzz_support.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  try {
    const ExtractResult result = extract_text(fuzz::as_text(data, size), "fuzz.txt");
    check_semantics(result.issue);
    report_to_json(result.report);
    report_summary(result.report);
    const std::string xml = write_issue_xml(result.issue);
    try {
      load_issue_from_memory(xml, "extracted.xml");
    } catch (const Error& error) {
      fuzz::fail("the extracted issue's XML cannot be read: " + std::string(error.what()));
    }
  } catch (const Error& error) {
    fuzz::refused(error);
  }
  return 0;
}
