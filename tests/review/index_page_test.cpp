// index.html of a batch: a row an input, failures first, links that resolve
// to the outputs (Chinese and spaces in names), loaded in headless Chromium.
#include "backlog.h"
#include "browser.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

namespace reissue {
namespace {

namespace fs = std::filesystem;

std::string url_unescaped(const std::string& url) {
  std::string out;
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size()) {
      out += static_cast<char>(std::stoi(url.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += url[i];
    }
  }
  return out;
}

TEST(IndexPage, RowsFailuresFirstLinksResolve) {
  if (!test::have_chromium()) GTEST_SKIP() << "chromium is not installed (setup.sh installs it)";
  test::TempDir dir;
  fs::create_directories(dir / "in/第 1 期");
  fs::copy_file(test::corpus("corpus-001.txt"), dir / "in/第 1 期/周报 #1.txt");
  test::write_text(dir / "in/broken.pdf", "%PDF-1.4 nothing else");
  const test::RunResult run =
      test::run_reissue("batch " + test::quoted(dir / "in") + " -o " + test::quoted(dir / "out") + " --to xml,pdf");
  EXPECT_EQ(run.exit_code, 1) << run.err;  // one input failed
  const fs::path index = dir / "out/index.html";
  ASSERT_TRUE(fs::exists(index));
  const test::BrowserLoad load = test::load_in_browser(index);
  const std::vector<std::string> rows = test::tags_with_class(load.dom, "row");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(test::attribute(rows[0], "data-status"), "failed");
  EXPECT_EQ(test::attribute(rows[1], "data-status"), "converted");
  EXPECT_NE(load.dom.find("broken.pdf"), std::string::npos);

  static const std::regex link(R"re(<a href="([^"]+)">)re");
  std::vector<std::string> targets;
  for (auto it = std::sregex_iterator(load.dom.begin(), load.dom.end(), link); it != std::sregex_iterator(); ++it)
    targets.push_back(url_unescaped((*it)[1]));
  EXPECT_EQ(targets.size(), 3u) << "review.html, issue.xml and issue.pdf; no DOCX was asked for";
  EXPECT_TRUE(std::any_of(targets.begin(), targets.end(),
                          [](const std::string& target) { return target.ends_with("/review.html"); }));
  for (const std::string& target : targets) {
    EXPECT_TRUE(target.starts_with("第 1 期/周报 #1/")) << target;
    EXPECT_TRUE(fs::is_regular_file(dir / "out" / target)) << target;
  }
  EXPECT_TRUE(load.requested.empty()) << load.requested.front();
}

}  // namespace
}  // namespace reissue
