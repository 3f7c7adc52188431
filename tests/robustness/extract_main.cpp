// The extractor alone, in process, built with AddressSanitizer, UBSan and
// LeakSanitizer: run once per hostile PDF by run.sh. Exit status as the CLI's:
// 0 extracted, 2 cannot read, 4 no text layer; anything else is a finding.
#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: extract_sanitized FILE\n";
    return 64;
  }
  try {
    const std::string bytes = reissue::read_file_limited(argv[1], std::size_t{512} << 20);
    const reissue::ExtractResult result = reissue::extract_document(bytes, argv[1]);
    const std::string xml = reissue::write_issue_xml(result.issue);
    if (!reissue::load_issue_from_memory(xml, "out.xml").ok()) {
      std::cerr << argv[1] << ": the recovered issue does not validate\n";
      return 1;
    }
    return 0;
  } catch (const reissue::NoTextLayer& error) {
    std::cerr << error.what() << "\n";
    return 4;
  } catch (const reissue::ReadError& error) {
    std::cerr << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << argv[1] << ": unexpected error: " << error.what() << "\n";
    return 3;
  }
}
