// A synthetic backlog for the batch benchmark: N issues under DIR, three in
// four as extracted text printed under varied layouts (the generator the
// round-trip tests use), one in four as PDFs typeset by reissue.
// Usage: build/bench/make_backlog DIR [N=200]
#include "issue_text_writer.h"
#include "reissue/atomic_file.h"
#include "reissue/figure_set.h"
#include "reissue/fonts.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/typeset.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace reissue;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_backlog DIR [N]\n");
    return 2;
  }
  const fs::path root = argv[1];
  const int count = argc > 2 ? std::stoi(argv[2]) : 200;
  const std::string source = REISSUE_SOURCE_DIR;
  FontLibrary fonts;
  std::vector<Issue> issues;
  for (const char* file : {"samples/649.xml", "tests/data/expected/seed-000.xml", "tests/data/expected/seed-002.xml",
                           "tests/data/expected/seed-003.xml"})
    issues.push_back(read_issue(source + "/" + file));
  for (int i = 0; i < count; ++i) {
    const Issue& issue = issues[i % issues.size()];
    const fs::path folder = root / ("year-" + std::to_string(2020 + i / 50));
    fs::create_directories(folder);
    char name[32];
    if (i % 4 == 3) {
      std::snprintf(name, sizeof name, "issue-%03d.pdf", i);
      write_file_atomically(folder / name, typeset_pdf(issue, default_style(), read_figures(issue, source), fonts));
    } else {
      test::TextLayout layout;
      layout.measure = 29 + (i % 13);
      layout.lines_per_page = 30 + (i % 11);
      layout.footer_page_numbers = i % 2 == 0;
      layout.header = i % 3 == 0 ? "全国卫生信息化舆情监测周报" : "";
      std::snprintf(name, sizeof name, "issue-%03d.txt", i);
      write_file_atomically(folder / name, test::render_issue_text(issue, layout));
    }
  }
  std::printf("%d issues in %s\n", count, root.c_str());
  return 0;
}
