#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/isolate.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"

#include <iostream>

namespace reissue::cli {

namespace {

namespace fs = std::filesystem;

struct ExtractArguments {
  std::string input;
  std::string output;
  std::string report;
  std::string encoding;
  bool quiet = false;
  bool in_process = false;
  bool debug = false;
  ExtractOptions::Ocr ocr = ExtractOptions::Ocr::automatic;
  WorkLimits limits;
};

constexpr const char* kXml = "issue.xml";
constexpr const char* kReport = "review.json";

// What extraction hands back: the XML, the review report and the figures as
// files; the summary; the problems that make the result untrustworthy.
WorkProduct extract_product(const ExtractArguments& arguments, const ExtractOptions& options) {
  ExtractResult result;
  {
    // The input is not needed once extracted: large texts must not be held twice.
    const std::string bytes = read_document(arguments.input, options);
    result = extract_document(bytes, input_display_name(arguments.input), options);
  }
  WorkProduct product;
  product.problems = extraction_problems(result, input_display_name(arguments.input));
  product.files.push_back({kXml, write_issue_xml(result.issue)});
  result.issue = Issue();
  product.files.push_back({kReport, report_to_json(result.report)});
  product.summary = report_summary(result.report);
  for (ExtractedImage& image : result.images) product.files.push_back({std::move(image.path), std::move(image.bytes)});
  return product;
}

int run_extract(const ExtractArguments& arguments) {
  std::vector<std::string> outputs = {arguments.output.empty() ? "-" : arguments.output};
  if (!arguments.report.empty()) outputs.push_back(arguments.report);
  check_outputs({arguments.input}, outputs);
  ExtractOptions options;
  options.encoding = arguments.encoding;
  options.ocr = arguments.ocr;
  if (arguments.debug) options.debug = [](const std::string& line) { std::cerr << line << '\n'; };
  const fs::path figure_folder = figure_folder_for(arguments.output, arguments.input);
  options.image_folder = figure_folder.filename().string();

  int failure = kOk;
  std::optional<WorkProduct> done = run_work([&] { return extract_product(arguments, options); }, arguments.in_process,
                                             arguments.input, "extraction", arguments.limits,
                                             failure);
  if (!done) return failure;
  WorkProduct& product = *done;
  std::string xml, report;
  std::vector<ExtractedImage> figures;
  for (auto& [name, bytes] : product.files) {
    if (name == kXml) xml = std::move(bytes);
    else if (name == kReport) report = std::move(bytes);
    else figures.push_back({name, std::move(bytes)});
  }
  write_extracted(arguments.output, xml, figures, figure_folder);
  if (!arguments.report.empty()) write_file_atomically(arguments.report, report);
  if (!arguments.quiet) {
    std::cerr << product.summary;
    if (!figures.empty() && !discards_output(arguments.output))
      std::cerr << "figures: " << figures.size() << " in " << figure_folder.string() << "/\n";
  }
  std::cerr << product.problems;
  return product.problems.empty() ? kOk : to_int(ExitStatus::invalid);
}

}  // namespace

std::string extraction_problems(const ExtractResult& result, const std::string& name) {
  std::string problems;
  // The recovered structure is checked by the rules editors' files meet (its
  // XML is valid by construction: the fuzz targets check the writer).
  for (const Problem& problem : result.report.contradictions)
    problems += format_location(name, problem.line, problem.message) + "\n";
  for (const Problem& problem : check_semantics(result.issue))
    problems += format_location(name, problem.line, "recovered structure is not valid: " + problem.message) + "\n";
  return problems;
}

std::optional<WorkProduct> run_work(const std::function<WorkProduct()>& work, bool in_process, const std::string& input,
                                    const std::string& what, const WorkLimits& limits, int& exit_code) {
  if (in_process) return work();
  watch_interruptions();  // Ctrl-C stops the child, then this process, cleanly
  return run_isolated_work(work, input_display_name(input), what, limits.timeout, limits.memory_mib, exit_code);
}

void add_limit_options(CLI::App& command, WorkLimits& limits) {
  command.add_option("--timeout", limits.timeout, "Seconds allowed per input (default " + format_decimal(limits.timeout, 0) + ")")
      ->check(between(kMinTimeout, kMaxTimeout, "seconds"));
  command.add_option("--memory", limits.memory_mib, "MiB of memory allowed per input (default " + std::to_string(limits.memory_mib) + ")")
      ->check(between(kMinMemoryMib, kMaxMemoryMib, "MiB"));
}

std::optional<WorkProduct> run_isolated_work(const std::function<WorkProduct()>& work,
                                                          const std::string& input, const std::string& what,
                                                          double timeout_seconds, std::size_t memory_mib,
                                                          int& exit_code) {
  IsolatedOutcome outcome = run_isolated(work, {timeout_seconds, memory_mib << 20});
  using Status = IsolatedOutcome::Status;
  switch (outcome.status) {
    case Status::ok: return std::move(outcome.product);
    case Status::failed:
      std::cerr << "reissue: " << outcome.message << "\n";
      exit_code = outcome.exit_code;
      break;
    case Status::interrupted:
      exit_code = 128 + outcome.signal;
      break;
    case Status::crashed:
    case Status::timed_out:
      std::cerr << "reissue: " << input << ": " << what << " " << outcome.message
                << "; nothing was written (the input is the likely culprit)\n";
      exit_code = to_int(ExitStatus::aborted);
      break;
    case Status::out_of_memory:
      std::cerr << "reissue: " << input << ": " << what << " " << outcome.message
                << "; nothing was written (raise --memory if the input is a real issue)\n";
      exit_code = to_int(ExitStatus::aborted);
      break;
  }
  return std::nullopt;
}

void add_extract_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "extract",
      "Recover an issue XML from a PDF (read with Poppler) or from text extracted from one\n"
      "(hard-wrapped or one paragraph per line; UTF-8, UTF-16 with BOM, GB18030/GBK). The input\n"
      "kind is told by content. Figures go to NAME_images/ beside the XML. A summary of uncertain\n"
      "decisions goes to stderr; --report writes them all as JSON. PDFs are read in a child\n"
      "process with time and memory limits: a crash costs only that input (exit status 5).");
  auto arguments = std::make_shared<ExtractArguments>();
  command->add_option("input", arguments->input, "Issue PDF, DOCX or text file")->required();
  command->add_option("-o,--output", arguments->output, "Issue XML to write (default: stdout)")->check(named_file());
  command->add_option("--report", arguments->report, "Write the review report (JSON) here")->check(named_file());
  command->add_option("--encoding", arguments->encoding,
                      "Text encoding (ICU name: UTF-8, GB18030, GBK, ...); default: detect");
  add_ocr_option(*command, arguments->ocr);
  add_limit_options(*command, arguments->limits);
  command->add_flag("--in-process", arguments->in_process,
                    "Do not isolate the extraction in a child process (for debugging)");
  command->add_flag("-q,--quiet", arguments->quiet, "No summary on stderr");
  command->add_flag("--debug", arguments->debug,
                    "Print the extractor's reasoning on stderr: each line's measured evidence and every\n"
                    "paragraph-boundary decision (for tuning the rules on a new archive)");
  command->callback([arguments, &exit_code] { exit_code = run_extract(*arguments); });
}

}  // namespace reissue::cli
