// `reissue typeset` (PDF) and `reissue docx`: the same input, style sheet and
// error handling, two writers.
#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/figure_set.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/text.h"
#include "reissue/typeset.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace reissue::cli {

namespace {

struct PublishArguments {
  std::string input;
  std::string output;
  std::string style;
  bool quiet = false;
  bool pdfa = false;
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

int run_publish(const PublishArguments& arguments, Format format) {
  check_outputs({arguments.input, arguments.style}, {arguments.output});
  if (arguments.output == "-" && ::isatty(STDOUT_FILENO))
    throw UsageError("-o -", 0, "refusing to write a binary file to the terminal; redirect standard output or name a file");
  const Issue issue = read_issue(arguments.input);
  const Style style = arguments.style.empty() ? default_style() : load_style(arguments.style);
  const std::filesystem::path base = issue_folder(arguments.input);
  std::vector<std::string> figures;  // inputs too: never written over
  for (const Article& article : issue.articles)
    for (const Block& block : article.blocks)
      if (!block.image.empty()) figures.push_back((base / block.image).string());
  check_outputs(figures, {arguments.output});
  const Figures images = read_figures(issue, base);
  std::string bytes;
  std::string summary;
  if (format == Format::pdf) {
    TypesetReport report;
    TypesetOptions options;
    options.issue_name = arguments.input;
    options.on_line = layout_debug_printer();
    options.pdfa = arguments.pdfa;
    bytes = typeset_pdf(issue, style, images, &report, options);
    if (!report.uncovered.empty())
      std::cerr << arguments.input << ": warning: no installed font has these characters (drawn as U+FFFD): "
                << u32_to_utf8(report.uncovered) << "\n";
    summary = std::to_string(report.pages) + " page(s), ";
  } else {
    bytes = write_docx(issue, style, images);
  }
  write_file_atomically(arguments.output, bytes);
  if (!arguments.quiet) std::cerr << arguments.output << ": " << summary << bytes.size() / 1024 << " KiB\n";
  return kOk;
}

void add_publish_command(CLI::App& app, int& exit_code, const char* name, const char* description,
                         const char* output_help, Format format) {
  auto* command = app.add_subcommand(name, description);
  auto arguments = std::make_shared<PublishArguments>();
  command->add_option("input", arguments->input, "Issue XML")->required();
  command->add_option("-o,--output", arguments->output, output_help)->required()->check(named_file());
  command->add_option("--style", arguments->style, "Style sheet (default: the newsletter's, styles/default.xml)")
      ->check(named_file());
  command->add_flag("-q,--quiet", arguments->quiet, "No summary on stderr");
  if (format == Format::pdf)
    command->add_flag("--pdfa", arguments->pdfa,
                      "Write PDF/A-1b for archiving (needs the sRGB profile of Debian's icc-profiles-free)");
  command->callback([arguments, &exit_code, format] { exit_code = run_publish(*arguments, format); });
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
