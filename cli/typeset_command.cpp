// `reissue typeset` (PDF) and `reissue docx`: the same input, style sheet and
// error handling, two writers.
#include "commands.h"
#include "watch.h"

#include "reissue/atomic_file.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/figure_set.h"
#include "reissue/fonts.h"
#include "reissue/isolate.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/text.h"
#include "reissue/typeset.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>

namespace reissue::cli {

namespace {

struct PublishArguments {
  std::string input;
  std::string output;
  std::string style;
  bool quiet = false;
  bool pdfa = false;
  bool watch = false;
};

enum class Format { pdf, docx };

// REISSUE_DEBUG_LAYOUT=1: each line as it was set, with its adjustment ratios
// (for tuning the line breaker), on stderr.
LineObserver layout_debug_printer() {
  if (!std::getenv("REISSUE_DEBUG_LAYOUT")) return {};
  return [](const LineDiagnostic& line) {
    std::fprintf(stderr, "measure %.2f natural %.2f stretch %.2f ratio %.2f/%.2f set %.2f %s %s\n", line.measure,
                 line.natural, line.stretch, line.chinese_ratio, line.other_ratio, line.width,
                 line.justified ? "J" : "-", line.text.c_str());
  };
}

// What one run wrote, and the files it read besides the issue and the style
// sheet (what --watch watches).
struct Published {
  std::size_t bytes = 0;
  std::string summary;  // "5 page(s), "
  std::vector<std::string> figures;
};

// Reads the issue, its style and figures, and writes the output. `fonts`:
// kept by --watch across runs (fontconfig and face loading are most of a
// small issue's time).
Published publish(const PublishArguments& arguments, Format format, FontLibrary& fonts) {
  const Issue issue = read_issue(arguments.input);
  const Style style = arguments.style.empty() ? default_style() : load_style(arguments.style);
  const std::filesystem::path base = issue_folder(arguments.input);
  Published published;
  for (const Article& article : issue.articles)
    for (const Block& block : article.blocks)
      if (!block.image.empty()) published.figures.push_back((base / block.image).string());
  check_outputs(published.figures, {arguments.output});  // inputs too: never written over
  const Figures images = read_figures(issue, base);
  std::string bytes;
  if (format == Format::pdf) {
    TypesetReport report;
    TypesetOptions options;
    options.issue_name = arguments.input;
    options.on_line = layout_debug_printer();
    options.pdfa = arguments.pdfa;
    bytes = typeset_pdf(issue, style, images, fonts, &report, options);
    if (!report.uncovered.empty())
      std::cerr << arguments.input << ": warning: no installed font has these characters (drawn as U+FFFD): "
                << u32_to_utf8(report.uncovered) << "\n";
    published.summary = std::to_string(report.pages) + " page(s), ";
  } else {
    bytes = write_docx(issue, style, images);
  }
  write_file_atomically(arguments.output, bytes);
  published.bytes = bytes.size();
  return published;
}

void check_publish_outputs(const PublishArguments& arguments) {
  check_outputs({arguments.input, arguments.style}, {arguments.output});
  if (arguments.output == "-" && ::isatty(STDOUT_FILENO))
    throw UsageError("-o -", 0, "refusing to write a binary file to the terminal; redirect standard output or name a file");
}

int run_publish(const PublishArguments& arguments, Format format) {
  check_publish_outputs(arguments);
  FontLibrary fonts;
  const Published published = publish(arguments, format, fonts);
  if (!arguments.quiet)
    std::cerr << arguments.output << ": " << published.summary << published.bytes / 1024 << " KiB\n";
  return kOk;
}

std::string time_of_day() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%H:%M:%S", &local);
  return buffer;
}

// One run of --watch: a line saying what was written and how long it took,
// or the error, the last good output staying as it was.
void publish_and_report(const PublishArguments& arguments, FontLibrary& fonts, std::vector<std::string>& figures) {
  const auto start = std::chrono::steady_clock::now();
  try {
    const Published published = publish(arguments, Format::pdf, fonts);
    figures = published.figures;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char took[32];
    std::snprintf(took, sizeof took, "%.2f s", seconds);
    std::cerr << time_of_day() << " " << arguments.output << ": " << published.summary << published.bytes / 1024
              << " KiB in " << took << "\n";
  } catch (const Error& error) {
    std::cerr << time_of_day() << " " << error.what() << "\n"
              << time_of_day() << " " << arguments.output << ": not written (the last good one is kept)\n";
  }
}

// --watch: typeset now and again after every save of the issue, its style
// sheet or a figure, until Ctrl-C. One font library serves every run.
int run_watch(const PublishArguments& arguments) {
  check_publish_outputs(arguments);
  if (arguments.output == "-" || output_kind(arguments.output) == OutputKind::stream)
    throw UsageError("--watch", 0, "needs a PDF file to rewrite (-o ISSUE.pdf), not a stream");
  if (arguments.input == "-") throw UsageError("--watch", 0, "needs an issue file to watch, not standard input");
  watch_interruptions();
  FontLibrary fonts;
  FileWatcher watcher;
  std::vector<std::string> figures;
  constexpr std::chrono::milliseconds kQuiet{100};
  do {
    publish_and_report(arguments, fonts, figures);
    std::vector<std::filesystem::path> inputs = {arguments.input};
    if (!arguments.style.empty()) inputs.push_back(arguments.style);
    inputs.insert(inputs.end(), figures.begin(), figures.end());
    watcher.watch(inputs);
  } while (watcher.wait_for_change(kQuiet));
  return 128 + interruption_signal();
}

void add_publish_command(CLI::App& app, int& exit_code, const char* name, const char* description,
                         const char* output_help, Format format) {
  auto* command = app.add_subcommand(name, description);
  auto arguments = std::make_shared<PublishArguments>();
  command->add_option("input", arguments->input, "Issue XML")->required();
  command->add_option("-o,--output", arguments->output, output_help)->required()->check(named_file());
  command->add_option("--style", arguments->style,
                      "Style sheet: a file, or a bundled sheet's name, default or large-print (default: default)")
      ->check(named_file());
  command->add_flag("-q,--quiet", arguments->quiet, "No summary on stderr");
  if (format == Format::pdf) {
    command->add_flag("--pdfa", arguments->pdfa,
                      "Write PDF/A-1b for archiving (needs the sRGB profile of Debian's icc-profiles-free)");
    command->add_flag("--watch", arguments->watch,
                      "Typeset again after every save of the issue, its style sheet or a figure; the last good\n"
                      "PDF stays when the issue is invalid. Ctrl-C stops (exit 130)");
  }
  command->callback([arguments, &exit_code, format] {
    exit_code = arguments->watch ? run_watch(*arguments) : run_publish(*arguments, format);
  });
}

}  // namespace

void add_typeset_command(CLI::App& app, int& exit_code) {
  add_publish_command(app, exit_code, "typeset",
                      "Typeset an issue XML into a tagged, searchable PDF (HarfBuzz shaping, Chinese line breaking,\n"
                      "subset fonts). Figure images are read relative to the XML's folder.",
                      "PDF to write", Format::pdf);
}

void add_docx_command(CLI::App& app, int& exit_code) {
  add_publish_command(app, exit_code, "docx",
                      "Write an issue XML as DOCX for Word and LibreOffice: named paragraph styles from the style\n"
                      "sheet, heading levels, hyperlinks, page numbers, embedded figures.",
                      "DOCX to write", Format::docx);
}

}  // namespace reissue::cli
