#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"

#include <iostream>

namespace reissue::cli {

namespace {

struct ExtractArguments {
  std::string input;
  std::string output;
  std::string report;
  std::string encoding;
  bool quiet = false;
};

int run_extract(const ExtractArguments& arguments) {
  ExtractOptions options;
  options.encoding = arguments.encoding;
  const std::string bytes = read_file_limited(arguments.input, options.max_pdf_bytes);
  const ExtractResult result = extract_document(bytes, arguments.input, options);

  const std::string xml = write_issue_xml(result.issue);
  // Check our own output with the same validator editors use.
  const LoadResult check = load_issue_from_memory(xml, arguments.output.empty() ? "-" : arguments.output);
  if (arguments.output.empty() || arguments.output == "-") std::cout << xml;
  else write_file_atomically(arguments.output, xml);
  if (!arguments.report.empty()) write_file_atomically(arguments.report, report_to_json(result.report));
  if (!arguments.quiet) std::cerr << report_summary(result.report);
  for (const Problem& problem : check.problems)
    std::cerr << format_location(arguments.output.empty() ? "-" : arguments.output, problem.line,
                                 "recovered structure is not valid: " + problem.message)
              << "\n";
  return check.problems.empty() ? kOk : kInvalid;
}

}  // namespace

void add_extract_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "extract",
      "Recover an issue XML from text extracted from a PDF (hard-wrapped or one paragraph per\n"
      "line; UTF-8, UTF-16 with BOM, GB18030/GBK).\n"
      "A summary of uncertain decisions goes to stderr; --report writes them all as JSON.");
  auto arguments = std::make_shared<ExtractArguments>();
  command->add_option("input", arguments->input, "Issue text file")->required();
  command->add_option("-o,--output", arguments->output, "Issue XML to write (default: stdout)");
  command->add_option("--report", arguments->report, "Write the review report (JSON) here");
  command->add_option("--encoding", arguments->encoding,
                      "Text encoding (ICU name: UTF-8, GB18030, GBK, ...); default: detect");
  command->add_flag("-q,--quiet", arguments->quiet, "No summary on stderr");
  command->callback([arguments, &exit_code] { exit_code = run_extract(*arguments); });
}

}  // namespace reissue::cli
