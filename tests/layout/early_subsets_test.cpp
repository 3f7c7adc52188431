// The large fonts are subset while the pages are set, from a guess of the
// glyphs the pages will draw (layout/src/early_subsets.h). The guess must
// hold every glyph drawn (else the font is subset again, and the time is
// lost) and nothing more (else the PDF carries glyphs it never shows); and
// the PDF must not depend on whether the guess was used.
#include "../../layout/src/early_subsets.h"
#include "../../layout/src/pages.h"
#include "reissue/compose.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

const char* const kIssues[] = {"samples/649.xml", "tests/data/expected/seed-000.xml", "tests/data/expected/seed-001.xml",
                               "tests/data/expected/seed-002.xml", "tests/data/expected/seed-003.xml"};

TEST(EarlySubsets, HoldExactlyTheGlyphsThePagesDraw) {
  for (const char* sheet : {"styles/default.xml", "styles/large-print.xml"})
    for (const char* file : kIssues) {
      SCOPED_TRACE(std::string(file) + " " + sheet);
      const Style style = load_style(test::source_dir() / sheet);
      const Issue issue = read_issue(test::source_dir() / file);
      FontLibrary library;
      const std::vector<ComposedBlock> blocks = compose_issue(issue);
      const layout::EarlySubsets early(blocks, style, library);
      const layout::PagedDocument paged =
          layout::paginate(blocks, style, read_figures(issue, (test::source_dir() / file).parent_path()), library, {});
      std::map<const Font*, std::set<unsigned>> drawn;
      for (const layout::Page& page : paged.pages)
        for (const layout::PlacedText& text : page.texts)
          for (const layout::PlacedGlyph& glyph : text.glyphs)
            if (glyph.font->is_cff() && glyph.id != 0) drawn[glyph.font].insert(glyph.id);
      ASSERT_GE(drawn.size(), 2u);  // the body's and the headings' CJK fonts at least
      for (const auto& [font, glyphs] : drawn) {
        const layout::SubsetFuture subset = early.of(*font);
        ASSERT_TRUE(subset.valid()) << font->postscript_name();
        EXPECT_EQ(subset.get()->glyphs(), glyphs) << font->postscript_name();
      }
    }
}

TEST(EarlySubsets, ThePdfIsTheSameWithOrWithoutThem) {
  for (const char* file : kIssues) {
    SCOPED_TRACE(file);
    const Issue issue = read_issue(test::source_dir() / file);
    const Figures figures = read_figures(issue, (test::source_dir() / file).parent_path());
    TypesetOptions with, without;
    without.parallel = false;  // one thread: nothing is started early
    EXPECT_EQ(typeset_pdf(issue, default_style(), figures, nullptr, with),
              typeset_pdf(issue, default_style(), figures, nullptr, without));
  }
}

}  // namespace
