// The issue XML reader and validator on arbitrary bytes. Property: whatever
// the reader accepts as schema-valid is written back by write_issue_xml into
// XML that reads as the same issue (the same bytes when written again) with
// the same rule problems.
#include "fuzz_support.h"
#include "reissue/error.h"
#include "reissue/issue_xml.h"

#include <vector>

namespace {

std::vector<std::string> messages(const std::vector<reissue::Problem>& problems) {
  std::vector<std::string> out;
  for (const reissue::Problem& problem : problems) out.push_back(problem.message);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  try {
    const LoadResult first = load_issue_from_memory(fuzz::as_text(data, size), "fuzz.xml");
    if (!first.issue) return 0;
    const std::vector<std::string> rules = messages(check_semantics(*first.issue));
    const std::string xml = write_issue_xml(*first.issue);
    LoadResult second;
    try {
      second = load_issue_from_memory(xml, "rewritten.xml");
    } catch (const Error& error) {
      fuzz::fail("the written XML cannot be read back: " + std::string(error.what()));
    }
    if (!second.issue)
      fuzz::fail("the written XML is not schema-valid: " +
                 (second.problems.empty() ? std::string("?") : second.problems.front().message));
    if (write_issue_xml(*second.issue) != xml) fuzz::fail("the written XML reads back as a different issue");
    if (messages(check_semantics(*second.issue)) != rules)
      fuzz::fail("the written XML reads back with different rule problems");
  } catch (const Error& error) {
    fuzz::refused(error);
  }
  return 0;
}
