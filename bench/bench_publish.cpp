// Publishing speed, side by side in one run: a 10-page issue (the sample's
// articles followed by the seeds', renumbered) typeset to PDF and written as
// DOCX by reissue, and the same DOCX converted to PDF by LibreOffice headless.
// Targets: typeset >= 20x faster than LibreOffice with a PDF no larger than
// LibreOffice's (issue 5); DOCX written in < 50 ms (issue 6).
// Usage: build/bench/bench_publish   (needs soffice and pdfinfo on PATH)
#include "reissue/docx.h"
#include "reissue/figure_set.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/typeset.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

using namespace reissue;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

Issue ten_page_issue(const std::string& root) {
  Issue issue = read_issue(root + "/samples/649.xml");
  for (const char* seed : {"seed-000"}) {
    const Issue more = read_issue(root + "/tests/data/expected/" + std::string(seed) + ".xml");
    for (Article article : more.articles) {
      article.n = static_cast<int>(issue.articles.size()) + 1;
      article.id = article_id(article.n);
      ContentsEntry& entry = issue.contents.emplace_back();
      entry.ref = article.id;
      entry.title = article.title;
      entry.source = article.source;
      issue.articles.push_back(std::move(article));
    }
  }
  return issue;
}

template <typename Work>
double best_of(int runs, Work&& work) {
  double best = 1e9;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    work();
    best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  return best;
}

void write(const fs::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; }

int page_count(const fs::path& pdf) {
  const std::string command = "pdfinfo '" + pdf.string() + "' | awk '/^Pages:/ {print $2}'";
  FILE* pipe = popen(command.c_str(), "r");
  int pages = 0;
  if (pipe && std::fscanf(pipe, "%d", &pages) != 1) pages = 0;
  if (pipe) pclose(pipe);
  return pages;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = REISSUE_SOURCE_DIR;
  // `bench_publish --profile [ISSUE.xml]`: typeset only, 20 times, for
  // perf; saves the 10-page issue for profiling the command.
  if (argc > 1 && std::string(argv[1]) == "--profile") {
    const Issue issue = ten_page_issue(root);
    if (argc > 2) save_issue(issue, argv[2]);
    for (int i = 0; i < 20; ++i) typeset_pdf(issue, default_style(), read_figures(issue, root));
    return 0;
  }
  const fs::path work = fs::temp_directory_path() / ("reissue-bench-" + std::to_string(getpid()));
  fs::create_directories(work);
  const Issue issue = ten_page_issue(root);
  const Style& style = default_style();
  const Figures figures = read_figures(issue, root);

  std::string pdf, docx;
  TypesetReport report;
  const double typeset_ms = best_of(5, [&] { pdf = typeset_pdf(issue, style, figures, &report); });
  const double docx_ms = best_of(20, [&] { docx = write_docx(issue, style, figures); });
  write(work / "issue.pdf", pdf);
  write(work / "issue.docx", docx);
  save_issue(issue, work / "issue.xml");
  // The command line, as an editor runs it: process start, fonts found,
  // XML read and validated, PDF written.
  // Started directly (fork + exec), not through a shell.
  const std::string xml = (work / "issue.xml").string(), cli_pdf = (work / "cli.pdf").string();
  const double cli_ms = best_of(5, [&] {
    const pid_t child = fork();
    if (child == 0) {
      execl(REISSUE_BINARY, REISSUE_BINARY, "typeset", "-q", xml.c_str(), "-o", cli_pdf.c_str(), nullptr);
      _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
  });

  // LibreOffice: one warm-up conversion (creates its profile), then the best of 3.
  const std::string soffice = "soffice -env:UserInstallation=file://" + (work / "profile").string() +
                              " --headless --convert-to pdf --outdir '" + (work / "lo").string() + "' '" +
                              (work / "issue.docx").string() + "' >/dev/null 2>&1";
  if (std::system(soffice.c_str()) != 0) {
    std::fprintf(stderr, "bench_publish: LibreOffice (soffice) failed or is not installed\n");
    return 1;
  }
  const double libreoffice_ms = best_of(3, [&] { (void)std::system(soffice.c_str()); });
  const auto libreoffice_bytes = fs::file_size(work / "lo" / "issue.pdf");

  std::printf("issue: %zu articles; reissue PDF %d pages, LibreOffice PDF %d pages\n", issue.articles.size(),
              report.pages, page_count(work / "lo" / "issue.pdf"));
  std::printf("| what | ms | output KiB |\n|---|---|---|\n");
  std::printf("| reissue typeset (PDF), in process | %.1f | %zu |\n", typeset_ms, pdf.size() / 1024);
  std::printf("| `reissue typeset` command | %.1f | %zu |\n", cli_ms, pdf.size() / 1024);
  std::printf("| reissue docx (DOCX) | %.1f | %zu |\n", docx_ms, docx.size() / 1024);
  std::printf("| LibreOffice DOCX -> PDF | %.1f | %ju |\n", libreoffice_ms,
              static_cast<uintmax_t>(libreoffice_bytes / 1024));
  std::printf("`reissue typeset` is %.1fx faster than LibreOffice (target >= 20x); PDF size %.2f of LibreOffice's "
              "(target <= 1)\n",
              libreoffice_ms / cli_ms, static_cast<double>(pdf.size()) / static_cast<double>(libreoffice_bytes));
  std::printf("docx: %.1f ms (target < 50 ms)\n", docx_ms);
  fs::remove_all(work);
  return 0;
}
