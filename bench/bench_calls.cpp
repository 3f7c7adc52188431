// Typesetting calls per second on samples/649.xml (and on its first article
// alone): every call with a font library of its own (the one-off API, as each call paid before libraries
// could be shared) against one library shared by all calls (repair, fuzz
// targets, anything that typesets many issues). Fonts are subset without
// threads, as batch workers and fuzz targets do. DOCX needs no fonts.
// Usage: build/bench/bench_calls [SECONDS=5]
#include "reissue/docx.h"
#include "reissue/figure_set.h"
#include "reissue/fonts.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/typeset.h"

#include <chrono>
#include <cstdio>
#include <string>

using namespace reissue;
using Clock = std::chrono::steady_clock;

namespace {

template <typename Work>
double calls_per_second(double seconds, Work&& work) {
  const auto start = Clock::now();
  int calls = 0;
  double elapsed = 0;
  while ((elapsed = std::chrono::duration<double>(Clock::now() - start).count()) < seconds) {
    work();
    ++calls;
  }
  return calls / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::stod(argv[1]) : 5;
  const std::string root = REISSUE_SOURCE_DIR;
  const Issue sample = read_issue(root + "/samples/649.xml");
  // A short issue (the masthead and one article), as fuzz inputs are: the
  // set-up a call pays weighs more.
  Issue short_issue = sample;
  short_issue.articles.resize(1);
  short_issue.contents.resize(1);
  TypesetOptions options;
  options.parallel = false;
  for (const auto& [name, issue] : {std::pair<const char*, const Issue*>{"samples/649.xml", &sample},
                                    {"its first article", &short_issue}}) {
    const Figures figures = read_figures(*issue, root + "/samples");
    FontLibrary shared;
    const double one_off =
        calls_per_second(seconds, [&] { typeset_pdf(*issue, default_style(), figures, nullptr, options); });
    const double kept =
        calls_per_second(seconds, [&] { typeset_pdf(*issue, default_style(), figures, shared, nullptr, options); });
    const double docx = calls_per_second(seconds, [&] { write_docx(*issue, default_style(), figures); });
    std::printf("%s: typeset_pdf %.1f calls/s with a font library per call, %.1f calls/s sharing one (%.2fx); "
                "write_docx %.0f calls/s\n",
                name, one_off, kept, kept / one_off, docx);
  }
  return 0;
}
