// `reissue extract` on a PDF whose fonts lost their maps to Unicode and
// cannot be recovered: exit 4, the pages and the reason on stderr, no output.
#include "test_support.h"

#include <gtest/gtest.h>

namespace test = reissue::test;
namespace fs = std::filesystem;

TEST(TextLayerCli, UndecodableTextIsRefusedWithExit4) {
  test::TempDir dir;
  const fs::path input = test::source_dir() / "tests/data/rewrites/font-not-installed.pdf";
  const fs::path output = dir / "y.xml";
  const auto run = test::run_reissue("extract '" + input.string() + "' -o '" + output.string() + "'");
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_NE(run.err.find("font-not-installed.pdf: no text layer that can be trusted: pages 1-2: the fonts "),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("have no map to Unicode"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("Run OCR on these pages, or use the original PDF"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(output));
  EXPECT_FALSE(fs::exists(dir / "y_images"));
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
