#include "extraction_check.h"

#include "fuzz_support.h"
#include "reissue/issue_xml.h"

namespace reissue::fuzz {

void check_extraction(const ExtractResult& result) {
  check_semantics(result.issue);
  report_to_json(result.report);
  report_summary(result.report);
  const std::string xml = write_issue_xml(result.issue);
  try {
    load_issue_from_memory(xml, "extracted.xml");
  } catch (const Error& error) {
    fail("the extracted issue's XML cannot be read: " + std::string(error.what()));
  }
}

}  // namespace reissue::fuzz
