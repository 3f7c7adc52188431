// An archivist's correction of a repaired issue.xml survives every later run
// (plain, --force, --style, --to, batch) and is what the PDF and DOCX are made
// from; --discard-corrections is the one way back (docs/review.md).
#include "backlog.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace test = reissue::test;
namespace fs = std::filesystem;
using test::quoted;
using test::run_command;
using test::run_reissue;

namespace {

const char* const kMark = "【档案员校正】";

// The first body paragraph of `xml` starts with the mark instead.
void correct_first_paragraph(const fs::path& xml) {
  std::string text = test::read_text(xml);
  const size_t body = text.find("<body>");
  const size_t paragraph = text.find("<p>", body);
  ASSERT_NE(paragraph, std::string::npos);
  text.insert(paragraph + 3, kMark);
  test::write_text(xml, text);
}

bool pdf_has_mark(const fs::path& pdf) {
  const auto text = run_command("pdftotext " + quoted(pdf) + " -");
  return text.exit_code == 0 && text.out.find(kMark) != std::string::npos;
}

nlohmann::json json_of(const fs::path& file) { return nlohmann::json::parse(test::read_text(file)); }

}  // namespace

TEST(Corrections, AHandCorrectionIsKeptAndPublishedByEveryRepairAfterIt) {
  test::TempDir dir;
  const fs::path out = dir / "校正 out";
  const std::string repair = "repair " + quoted(test::seed("003")) + " -o " + quoted(out);
  ASSERT_EQ(run_reissue(repair + " -q").exit_code, 0);
  EXPECT_FALSE(json_of(out / "status.json").value("corrected", false));
  correct_first_paragraph(out / "issue.xml");
  const std::string corrected = test::read_text(out / "issue.xml");

  const auto plain = run_reissue(repair);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.err.find("kept as corrected by hand"), std::string::npos) << plain.err;
  EXPECT_EQ(test::read_text(out / "issue.xml"), corrected);  // byte for byte
  EXPECT_TRUE(pdf_has_mark(out / "issue.pdf"));
  EXPECT_TRUE(json_of(out / "status.json").value("corrected", false));
  EXPECT_TRUE(json_of(out / "review.json").value("corrected", false));
  // The DOCX too, and the review page, which marks the changed paragraph
  // alone as having no place in the original.
  const auto docx = run_command("unzip -p " + quoted(out / "issue.docx") + " word/document.xml");
  EXPECT_NE(docx.out.find(kMark), std::string::npos);
  const std::string review = test::read_text(out / "review.html");
  EXPECT_NE(review.find(kMark), std::string::npos);
  size_t changed = 0;
  for (size_t at = review.find("data-corrected=\"true\""); at != std::string::npos;
       at = review.find("data-corrected=\"true\"", at + 1))
    ++changed;
  EXPECT_EQ(changed, 1u);

  // Unchanged since it was published, it is still the archivist's: kept by
  // another style, by PDF-only output (never left behind) and again.
  const fs::path style = test::source_dir() / "styles/large-print.xml";
  ASSERT_EQ(run_reissue(repair + " -q --style " + quoted(style)).exit_code, 0);
  EXPECT_EQ(test::read_text(out / "issue.xml"), corrected);
  EXPECT_TRUE(pdf_has_mark(out / "issue.pdf"));
  ASSERT_EQ(run_reissue(repair + " -q --to pdf").exit_code, 0);
  EXPECT_EQ(test::read_text(out / "issue.xml"), corrected);
  EXPECT_TRUE(pdf_has_mark(out / "issue.pdf"));

  // The explicit way back.
  const auto discard = run_reissue(repair + " -q --discard-corrections");
  ASSERT_EQ(discard.exit_code, 0) << discard.err;
  EXPECT_EQ(test::read_text(out / "issue.xml").find(kMark), std::string::npos);
  EXPECT_FALSE(pdf_has_mark(out / "issue.pdf"));
  EXPECT_FALSE(json_of(out / "status.json").value("corrected", false));
}

TEST(Corrections, AnInvalidCorrectionStopsTheRepairAndChangesNothing) {
  test::TempDir dir;
  const fs::path out = dir / "out";
  const std::string repair = "repair " + quoted(test::corpus("corpus-001.pdf")) + " -o " + quoted(out);
  ASSERT_EQ(run_reissue(repair + " -q").exit_code, 0);
  std::string text = test::read_text(out / "issue.xml");
  text.insert(text.find("<p>", text.find("<body>")) + 3, "<b>");
  test::write_text(out / "issue.xml", text);
  const auto before = test::tree(out);

  const auto result = run_reissue(repair);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find((out / "issue.xml").string()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("--discard-corrections"), std::string::npos) << result.err;
  EXPECT_EQ(test::tree(out), before);
}

TEST(Corrections, ACorrectedFigureAddedByTheArchivistIsTheirsNotAStrangersFile) {
  test::TempDir dir;
  // An issue with a picture: the sample typeset with a page image as its figure.
  ASSERT_EQ(run_command("pdftoppm -r 20 -png -f 1 -l 1 " + quoted(test::corpus("corpus-001.pdf")) + " " +
                        quoted(dir / "photo"))
                .exit_code,
            0);
  fs::rename(dir / "photo-1.png", dir / "photo.png");
  std::string sample = test::read_text(test::source_dir() / "samples/649.xml");
  sample.replace(sample.find("<figure>"), 8, "<figure src=\"photo.png\">");
  test::write_text(dir / "649.xml", sample);
  ASSERT_EQ(run_reissue("typeset " + quoted(dir / "649.xml") + " -o " + quoted(dir / "649.pdf")).exit_code, 0);
  const fs::path out = dir / "out";
  const std::string repair = "repair " + quoted(dir / "649.pdf") + " -o " + quoted(out) + " -q";
  ASSERT_EQ(run_reissue(repair).exit_code, 0);
  ASSERT_TRUE(fs::exists(out / "images/figure-1.png"));

  // A better picture, added beside the others and named in issue.xml.
  ASSERT_EQ(run_command("pdftoppm -r 30 -png -f 2 -l 2 " + quoted(test::corpus("corpus-001.pdf")) + " " +
                        quoted(out / "images/better"))
                .exit_code,
            0);
  std::string xml = test::read_text(out / "issue.xml");
  const std::string old_src = "src=\"images/figure-1.png\"";
  ASSERT_NE(xml.find(old_src), std::string::npos);
  xml.replace(xml.find(old_src), old_src.size(), "src=\"images/better-2.png\"");
  test::write_text(out / "issue.xml", xml);

  const auto result = run_reissue(repair);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::exists(out / "images/better-2.png"));
  EXPECT_EQ(test::read_text(out / "issue.xml"), xml);
  // The PDF shows it: its one image is as large as the better picture.
  const auto images = run_command("pdfimages -list " + quoted(out / "issue.pdf"));
  EXPECT_NE(images.out.find(" 249   351 "), std::string::npos) << images.out;  // A4 at 30 dpi
}

TEST(Corrections, BatchKeepsCorrectionsAcrossPlainForcedAndRestyledRunsAndReportsThem) {
  test::TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(test::seed("003"), dir / "in/种子 003.txt");
  fs::copy_file(test::corpus("corpus-001.pdf"), dir / "in/corpus-001.pdf");
  const std::string batch = "batch -q " + quoted(dir / "in") + " -o " + quoted(dir / "out");
  ASSERT_EQ(run_reissue(batch).exit_code, 0);
  const fs::path issue = dir / "out/种子 003";
  correct_first_paragraph(issue / "issue.xml");
  const std::string corrected = test::read_text(issue / "issue.xml");

  for (const std::string& extra :
       {std::string(), std::string(), std::string(" --force"),
        " --style " + quoted(test::source_dir() / "styles/large-print.xml")}) {
    SCOPED_TRACE("batch" + extra);
    ASSERT_EQ(run_reissue(batch + extra).exit_code, 0);
    EXPECT_EQ(test::read_text(issue / "issue.xml"), corrected);
    EXPECT_TRUE(pdf_has_mark(issue / "issue.pdf"));
    auto rows = test::report_rows(dir / "out/report.json");
    EXPECT_TRUE(rows["种子 003.txt"].value("corrected", false));
    EXPECT_FALSE(rows["corpus-001.pdf"].value("corrected", false));
    EXPECT_EQ(json_of(dir / "out/report.json")["summary"]["corrected"], 1);
  }
  // A second run with the same settings finds it up to date, still corrected.
  ASSERT_EQ(run_reissue(batch).exit_code, 0);
  ASSERT_EQ(run_reissue(batch).exit_code, 0);
  EXPECT_EQ(test::report_rows(dir / "out/report.json")["种子 003.txt"]["status"], "up-to-date");
  EXPECT_NE(test::read_text(dir / "out/report.csv").find(",yes,"), std::string::npos);

  ASSERT_EQ(run_reissue(batch + " --discard-corrections").exit_code, 0);
  EXPECT_EQ(test::read_text(issue / "issue.xml").find(kMark), std::string::npos);
  EXPECT_EQ(test::report_rows(dir / "out/report.json")["种子 003.txt"]["status"], "converted");
}

TEST(Corrections, ARemovedIssueXmlAsksForAFreshExtraction) {
  test::TempDir dir;
  const fs::path out = dir / "out";
  const std::string repair = "repair -q " + quoted(test::seed("001")) + " -o " + quoted(out);
  ASSERT_EQ(run_reissue(repair).exit_code, 0);
  const std::string extracted = test::read_text(out / "issue.xml");
  fs::remove(out / "issue.xml");
  ASSERT_EQ(run_reissue(repair).exit_code, 0);
  EXPECT_EQ(test::read_text(out / "issue.xml"), extracted);
  EXPECT_FALSE(json_of(out / "status.json").value("corrected", false));
}
