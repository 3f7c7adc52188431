// Text extraction throughput: 200 issues printed under varied layouts (the same
// generator the round-trip tests use), extracted one by one and as one
// concatenated file. Target (issue 3): at least 20 MB/s of text per core.
#include "issue_text_writer.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace reissue;
using Clock = std::chrono::steady_clock;

int main() {
  const std::string root = REISSUE_SOURCE_DIR;
  const std::vector<std::string> sources = {"samples/649.xml", "tests/data/expected/seed-000.xml",
                                            "tests/data/expected/seed-002.xml",
                                            "tests/data/expected/seed-003.xml"};
  std::vector<std::string> issues;
  for (int i = 0; i < 200; ++i) {
    const Issue issue = read_issue(root + "/" + sources[i % sources.size()]);
    test::TextLayout layout;
    layout.measure = 29 + (i % 13);
    layout.lines_per_page = 30 + (i % 11);
    layout.footer_page_numbers = i % 2 == 0;
    layout.header = i % 3 == 0 ? "全国卫生信息化舆情监测周报" : "";
    issues.push_back(test::render_issue_text(issue, layout));
  }
  std::string all;
  for (const std::string& text : issues) all += text;
  const double megabytes = all.size() / 1e6;

  auto time = [](auto&& work) {
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
      const auto start = Clock::now();
      work();
      best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
    }
    return best;
  };
  size_t articles = 0;
  const double separate = time([&] {
    articles = 0;
    for (size_t i = 0; i < issues.size(); ++i)
      articles += extract_text(issues[i], "issue-" + std::to_string(i) + ".txt").issue.articles.size();
  });
  const double together = time([&] { extract_text(all, "all.txt"); });

  std::printf("input: 200 issues, %.2f MB of UTF-8 text, %zu articles\n", megabytes, articles);
  std::printf("%-34s %8s %10s\n", "case", "seconds", "MB/s");
  std::printf("%-34s %8.3f %10.1f\n", "200 issues, one extract each", separate, megabytes / separate);
  std::printf("%-34s %8.3f %10.1f\n", "one file of 200 issues", together, megabytes / together);
  std::printf("target: >= 20 MB/s per core (single-threaded here)\n");
  return 0;
}
