// PDF extraction (Poppler) on arbitrary bytes. Property: the recovered issue is
// written as XML the reader can parse.
#include "fuzz_support.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  try {
    ExtractOptions options;
    options.max_pages = 50;  // the fuzzer's inputs are small; many pages only slow it down
    const ExtractResult result = extract_pdf(fuzz::as_text(data, size), "fuzz.pdf", options);
    check_semantics(result.issue);
    report_to_json(result.report);
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
