// `reissue extract` on a PDF whose fonts lost their maps to Unicode and
// cannot be recovered: without OCR, exit 4, the pages and the reason on
// stderr, no output; with it (the default), the pages read by OCR.
#include "test_support.h"

#include <gtest/gtest.h>

namespace test = reissue::test;
namespace fs = std::filesystem;

TEST(TextLayerCli, UndecodableTextIsRefusedWithExit4WithoutOcr) {
  test::TempDir dir;
  const fs::path input = test::source_dir() / "tests/data/rewrites/font-not-installed.pdf";
  const fs::path output = dir / "y.xml";
  const auto run = test::run_reissue("extract --ocr never '" + input.string() + "' -o '" + output.string() + "'");
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_NE(run.err.find("font-not-installed.pdf: no text layer that can be trusted: pages 1-2: the fonts "),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("have no map to Unicode"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("Run OCR on these pages, or use the original PDF"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(output));
  EXPECT_FALSE(fs::exists(dir / "y_images"));
}

TEST(TextLayerCli, UndecodableTextIsReadByOcr) {
  test::TempDir dir;
  const fs::path input = test::source_dir() / "tests/data/rewrites/font-not-installed.pdf";
  const fs::path output = dir / "y.xml", report = dir / "review.json";
  const auto run = test::run_reissue("extract '" + input.string() + "' -o '" + output.string() + "' --report '" +
                                     report.string() + "'");
  EXPECT_NE(run.exit_code, 4) << run.err;
  ASSERT_TRUE(fs::exists(output)) << run.err;
  EXPECT_NE(test::read_text(report).find("the text layer is unreadable"), std::string::npos);
}

// OCR lives in a module loaded when a page first needs it: a module that
// cannot be loaded is said plainly (exit 4, nothing written), and a command
// that reads no scan never loads it.
TEST(TextLayerCli, AMissingOcrModuleIsReportedAndOnlyScansNeedIt) {
  test::TempDir dir;
  const fs::path scan = test::source_dir() / "tests/data/scans/scan-g4-000.pdf";
  const auto missing = test::run_command("REISSUE_OCR_MODULE=/nonexistent/libreissue_ocr.so '" +
                                         test::reissue_binary().string() + "' extract '" + scan.string() + "' -o '" +
                                         (dir / "s.xml").string() + "'");
  EXPECT_EQ(missing.exit_code, 4) << missing.err;
  EXPECT_NE(missing.err.find("pages need OCR, but the OCR module /nonexistent/libreissue_ocr.so could not be loaded"),
            std::string::npos)
      << missing.err;
  EXPECT_FALSE(fs::exists(dir / "s.xml"));
  const fs::path text_pdf = test::source_dir() / "tests/data/corpus/corpus-000.pdf";
  const auto unneeded = test::run_command("REISSUE_OCR_MODULE=/nonexistent/libreissue_ocr.so '" +
                                          test::reissue_binary().string() + "' extract -q '" + text_pdf.string() +
                                          "' -o '" + (dir / "t.xml").string() + "'");
  EXPECT_EQ(unneeded.exit_code, 0) << unneeded.err;
}

// Poppler is in a module too (extract/src/pdf_module.h): a missing one is
// said plainly when a PDF is read, and nothing else needs it.
TEST(TextLayerCli, AMissingPdfModuleIsReportedAndOnlyPdfsNeedIt) {
  test::TempDir dir;
  const fs::path pdf = test::source_dir() / "tests/data/corpus/corpus-000.pdf";
  const auto missing = test::run_command("REISSUE_PDF_MODULE=/nonexistent/libreissue_pdf.so '" +
                                         test::reissue_binary().string() + "' extract '" + pdf.string() + "' -o '" +
                                         (dir / "p.xml").string() + "'");
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  EXPECT_NE(missing.err.find("cannot read PDF: the PDF module /nonexistent/libreissue_pdf.so could not be loaded"),
            std::string::npos)
      << missing.err;
  EXPECT_FALSE(fs::exists(dir / "p.xml"));
  const fs::path sample = test::source_dir() / "samples/649.xml";
  const auto unneeded = test::run_command("REISSUE_PDF_MODULE=/nonexistent/libreissue_pdf.so '" +
                                          test::reissue_binary().string() + "' typeset -q '" + sample.string() +
                                          "' -o '" + (dir / "t.pdf").string() + "'");
  EXPECT_EQ(unneeded.exit_code, 0) << unneeded.err;
  EXPECT_TRUE(fs::exists(dir / "t.pdf"));
}

TEST(TextLayerCli, OcrTakesAutoAlwaysOrNever) {
  const auto run = test::run_reissue("extract --ocr sometimes x.pdf");
  EXPECT_EQ(run.exit_code, 6) << run.err;
  EXPECT_NE(run.err.find("--ocr"), std::string::npos) << run.err;
}

TEST(TextLayerCli, RecoveredRewriteExtracts) {
  test::TempDir dir;
  const fs::path input = test::source_dir() / "tests/data/rewrites/corpus-000.ps2pdf.pdf";
  const fs::path output = dir / "y.xml";
  const auto run = test::run_reissue("extract -q '" + input.string() + "' -o '" + output.string() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_TRUE(fs::exists(output));
  EXPECT_NE(test::read_text(output).find("北京市卫生健康大数据与政策研究中心"), std::string::npos);
}
