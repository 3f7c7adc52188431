// Link annotations (PDF URI actions) confirm or complete the printed URL of
// an article. Tested on the shared structure recognizer with seed 001's lines,
// given the link targets a PDF would attach to the URL line.
#include "../../extract/src/furniture.h"
#include "../../extract/src/lines_from_source.h"
#include "../../extract/src/measure.h"
#include "../../extract/src/structure.h"
#include "../../extract/src/text_source.h"
#include "reissue/text.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace reissue;

namespace {

constexpr char kPrinted[] = "https://xhpfmapi.xinhua.com/vh512/share/12820547";

struct Recognized {
  Issue issue;
  ExtractReport report;
};

// Seed 001 with the first article's URL line printed as `printed` and
// carrying `targets` as its link annotations.
Recognized recognize(const std::string& printed, const std::vector<std::string>& targets) {
  std::string text;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "tests/data/seeds"))
    if (entry.path().filename().string().rfind("001_", 0) == 0) text = test::read_text(entry.path());
  Recognized out;
  extract::Review review(out.report);
  SourceDocument source = extract::text_source(text, "001.txt");
  extract::LineSet set = extract::lines_from_source(source, review);
  extract::remove_page_furniture(set, extract::masthead_zone_end(set.lines), review);
  for (extract::Line& line : set.lines)
    if (u32_to_utf8(line.text) == std::string("<") + kPrinted + ">") {
      line.text = utf8_to_u32(printed);
      set.link_targets[line.number] = targets;
      break;
    }
  extract::measure_text_lines(set);
  out.issue = extract::recognize_structure(set, review, {});
  return out;
}

int review_items(const ExtractReport& report, const std::string& kind) {
  return static_cast<int>(std::count_if(report.review.begin(), report.review.end(),
                                        [&](const ReviewItem& item) { return item.kind == kind; }));
}

}  // namespace

TEST(LinkAnnotations, ConfirmTheSameUrlSilently) {
  const Recognized r = recognize(kPrinted, {"mailto:news@example.org", kPrinted});
  EXPECT_EQ(r.issue.articles.at(0).href, kPrinted);
  EXPECT_EQ(review_items(r.report, "link"), 0);
}

TEST(LinkAnnotations, CompleteATruncatedUrlAndSaySo) {
  const Recognized r = recognize("https://xhpfmapi.xinhua.com/vh512/sha", {kPrinted});
  EXPECT_EQ(r.issue.articles.at(0).href, kPrinted);
  EXPECT_EQ(review_items(r.report, "link"), 1);
}

TEST(LinkAnnotations, SupplyAUrlThePrintingLost) {
  const Recognized r = recognize("", {kPrinted});
  EXPECT_EQ(r.issue.articles.at(0).href, kPrinted);
}

TEST(LinkAnnotations, KeepThePrintedUrlWhenTheAnnotationDisagrees) {
  const Recognized r = recognize(kPrinted, {"https://elsewhere.example.org/"});
  EXPECT_EQ(r.issue.articles.at(0).href, kPrinted);
  EXPECT_EQ(review_items(r.report, "link"), 1);
}
