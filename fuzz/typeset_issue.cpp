// Reader -> typesetters: every input the issue XML reader accepts (ok()) is
// typeset to PDF and written as DOCX with the default style. Figures may use
// fuzz/images/fig.png and fig.jpg. One font library serves every input, as
// it would a caller typesetting many issues.
#include "fuzz_support.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/figure_set.h"
#include "reissue/fonts.h"
#include "reissue/issue_xml.h"
#include "reissue/typeset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  try {
    const LoadResult loaded = load_issue_from_memory(fuzz::as_text(data, size), "fuzz.xml");
    if (!loaded.ok()) return 0;
    TypesetOptions options;
    options.parallel = false;  // one input at a time; threads only slow the sanitizers down
    static FontLibrary fonts;
    TypesetReport report;
    const Figures figures = read_figures(*loaded.issue, fuzz::image_folder());
    const std::string pdf = typeset_pdf(*loaded.issue, default_style(), figures, fonts, &report, options);
    if (pdf.compare(0, 5, "%PDF-") != 0) fuzz::fail("typeset_pdf returned something that is not a PDF");
    const std::string docx = write_docx(*loaded.issue, default_style(), figures);
    if (docx.compare(0, 2, "PK") != 0) fuzz::fail("write_docx returned something that is not a ZIP package");
  } catch (const Error& error) {
    fuzz::refused(error);
  }
  return 0;
}
