#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/text.h"
#include "reissue/typeset.h"

#include <iostream>

namespace reissue::cli {

namespace {

struct TypesetArguments {
  std::string input;
  std::string output;
  std::string style;
  bool quiet = false;
};

int run_typeset(const TypesetArguments& arguments) {
  const Issue issue = read_issue(arguments.input);
  const Style style = arguments.style.empty() ? default_style() : load_style(arguments.style);
  const std::filesystem::path base = std::filesystem::path(arguments.input).parent_path();
  TypesetReport report;
  const std::string pdf = typeset_pdf(issue, style, base, &report);
  write_file_atomically(arguments.output, pdf);
  if (!report.uncovered.empty())
    std::cerr << arguments.input << ": warning: no installed font has these characters (drawn as U+FFFD): "
              << u32_to_utf8(report.uncovered) << "\n";
  if (!arguments.quiet)
    std::cerr << arguments.output << ": " << report.pages << " page(s), " << pdf.size() / 1024 << " KiB\n";
  return kOk;
}

}  // namespace

void add_typeset_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "typeset",
      "Typeset an issue XML into a tagged, searchable PDF (HarfBuzz shaping, Chinese line breaking,\n"
      "subset fonts). Figure images are read relative to the XML's folder.");
  auto arguments = std::make_shared<TypesetArguments>();
  command->add_option("input", arguments->input, "Issue XML")->required();
  command->add_option("-o,--output", arguments->output, "PDF to write")->required();
  command->add_option("--style", arguments->style, "Style sheet (default: the newsletter's, styles/default.xml)");
  command->add_flag("-q,--quiet", arguments->quiet, "No summary on stderr");
  command->callback([arguments, &exit_code] { exit_code = run_typeset(*arguments); });
}

}  // namespace reissue::cli
