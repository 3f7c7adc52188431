// The line breaker and the line setter judge a line by the same widths and
// ratio (layout/src/line_breaking.h): a line the breaker accepted within its
// tolerance is set within it, including lines that start with an opening
// mark, whose blank half the setter drops.
#include "../../layout/src/paragraph.h"
#include "reissue/fonts.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/text.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace reissue;
using namespace reissue::layout;

namespace {

Element box(double width, double lead = 0) {
  Element element{Element::box, width, 0, 0, 0, 0};
  element.lead = lead;
  return element;
}
Element chinese_gap() { return {Element::glue, 0, 0.08, 0, 0, -1, true}; }

// A paragraph's end as elements_of makes it.
void end_paragraph(std::vector<Element>& elements) {
  elements.push_back({Element::penalty, 0, 0, 0, kInfinitePenalty, -1});
  elements.push_back({Element::glue, 0, kFill, 0, 0, -1});
  elements.push_back({Element::penalty, 0, 0, 0, -kInfinitePenalty, -1});
}

}  // namespace

// Six characters after an opening mark fit a 6.5 em line only because the
// mark's blank half goes at the line start: the breaker counts that too.
TEST(LineBreaking, ALineStartingWithAnOpeningMarkIsMeasuredAsItIsSet) {
  std::vector<Element> elements = {box(1, -0.5)};
  for (int k = 0; k < 9; ++k) {
    elements.push_back(chinese_gap());
    elements.push_back(box(1));
  }
  end_paragraph(elements);
  const LineItems items(elements);
  const size_t after_six = 13;  // the gap after the mark and six characters
  ASSERT_EQ(items[after_six].type, Element::glue);
  EXPECT_DOUBLE_EQ(items.line_widths(0, after_six).natural, 6.5);
  EXPECT_DOUBLE_EQ(adjustment_ratio(items.line_widths(0, after_six), 6.5), 0);
  const std::vector<size_t> breaks = total_fit(items, 6.5, 1);
  ASSERT_EQ(breaks.size(), 2u);
  EXPECT_EQ(breaks[0], after_six);
  // The second line starts after the gap, with a character and no lead.
  EXPECT_EQ(items.line_start(after_six + 1), after_six + 1);
  EXPECT_DOUBLE_EQ(items.line_widths(after_six + 1, breaks[1]).natural, 3);
}

// Every paragraph of the sample and the seeds, broken at tolerance 1 for
// several measures, is set with no gap stretched beyond ratio 1 (before, a
// line starting with an opening mark was set half an em looser than the
// breaker had judged it, and went beyond).
TEST(LineBreaking, TheSetterNeverStretchesALineBeyondTheBreakersTolerance) {
  FontLibrary library;
  const Style& style = default_style();
  const RoleStyle& body = style.role(Role::body);
  const RoleFonts fonts = fonts_for_role(style, body, library);
  int checked = 0, opening = 0;
  for (const char* file : {"samples/649.xml", "tests/data/expected/seed-000.xml", "tests/data/expected/seed-001.xml",
                           "tests/data/expected/seed-002.xml", "tests/data/expected/seed-003.xml"}) {
    const Issue issue = read_issue(test::source_dir() / file);
    for (const Article& article : issue.articles)
      for (const Block& block : article.blocks) {
        if (block.kind != BlockKind::paragraph) continue;
        ShapeReport report;
        const PreparedParagraph paragraph = prepare_paragraph(utf8_to_u32(block.text), body, fonts, library, report);
        for (double width = style.text_width(); width > 100; width -= 37) {
          const std::vector<size_t> breaks = total_fit(paragraph.items, width / body.size, 1);
          if (breaks.empty()) continue;  // set at a looser tolerance
          set_paragraph(paragraph, breaks, body, fonts, width, [&](const LineDiagnostic& line) {
            if (!line.justified) return;
            ++checked;
            if (line.text.starts_with("“") || line.text.starts_with("（") || line.text.starts_with("《")) ++opening;
            EXPECT_LE(line.chinese_ratio, 1 + 1e-9) << file << ", " << width << " pt: " << line.text;
            EXPECT_LE(line.other_ratio, 1 + 1e-9) << file << ", " << width << " pt: " << line.text;
            EXPECT_GE(line.chinese_ratio, -1) << file << ", " << width << " pt: " << line.text;
          });
        }
      }
  }
  EXPECT_GT(checked, 1000);
  EXPECT_GT(opening, 20) << "few lines start with an opening mark: the test no longer covers that case";
}
