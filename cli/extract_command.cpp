#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/isolate.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"

#include <iostream>
#include <regex>

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
  double timeout = 120;
  std::size_t memory_mib = 2048;
};

// What the extraction child sends back: XML, report, summary, the rule
// problems of the recovered structure, then image (path, bytes) pairs.
std::vector<std::string> extract_to_parts(const ExtractArguments& arguments, const ExtractOptions& options) {
  ExtractResult result;
  {
    // The input is not needed once extracted: large texts must not be held twice.
    const std::string bytes = read_document(arguments.input, options);
    result = extract_document(bytes, input_display_name(arguments.input), options);
  }
  // The recovered structure is checked by the rules editors' files meet (its
  // XML is valid by construction: the fuzz targets check the writer).
  std::string problems;
  for (const Problem& problem : result.report.contradictions)
    problems += format_location(input_display_name(arguments.input), problem.line, problem.message) + "\n";
  for (const Problem& problem : check_semantics(result.issue))
    problems += format_location(input_display_name(arguments.input), problem.line,
                                "recovered structure is not valid: " + problem.message) + "\n";
  std::vector<std::string> parts;
  parts.push_back(write_issue_xml(result.issue));
  result.issue = Issue();
  parts.push_back(report_to_json(result.report));
  parts.push_back(report_summary(result.report));
  parts.push_back(std::move(problems));
  for (ExtractedImage& image : result.images) {
    parts.push_back(std::move(image.path));
    parts.push_back(std::move(image.bytes));
  }
  return parts;
}

// Figures go to a folder beside the XML (issue.xml -> issue_images/), the
// XML naming them relative to itself; beside the file a link names, since
// that is where the XML is written. A stream (stdout, a FIFO, a device) has
// no folder: the figures go to the current folder, named after the input.
// The folder's name goes into the XML (src="NAME_images/figure-1.png"),
// which is UTF-8: bytes of a name that are not become U+FFFD, on disk too.
std::string utf8_name(const std::string& name) { return u32_to_utf8(utf8_to_u32(name)); }

fs::path image_folder_for(const ExtractArguments& arguments, bool to_stream) {
  if (to_stream) {
    const std::string stem = arguments.input == "-" ? "stdin" : fs::path(arguments.input).stem().string();
    return utf8_name(stem) + "_images";
  }
  std::error_code error;
  fs::path output = fs::weakly_canonical(arguments.output, error);
  if (error) output = arguments.output;
  return output.parent_path() / (utf8_name(output.stem().string()) + "_images");
}

// What extract puts in a figure folder: figure-N.png / figure-N.jpg only. A
// folder holding anything else is the user's and is never replaced.
std::string not_figures(const fs::path& folder) {
  static const std::regex figure(R"(figure-\d+\.(png|jpg))");
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (!entry.is_regular_file(error) || !std::regex_match(entry.path().filename().string(), figure))
      return entry.path().filename().string();
  return error ? "a part that cannot be read" : "";
}

int run_extract(const ExtractArguments& arguments) {
  std::vector<std::string> outputs = {arguments.output.empty() ? "-" : arguments.output};
  if (!arguments.report.empty()) outputs.push_back(arguments.report);
  check_outputs({arguments.input}, outputs);
  const bool to_stream = arguments.output.empty() || output_kind(arguments.output) == OutputKind::stream;
  ExtractOptions options;
  options.encoding = arguments.encoding;
  if (arguments.debug) options.debug = [](const std::string& line) { std::cerr << line << '\n'; };
  const fs::path image_folder = image_folder_for(arguments, to_stream);
  options.image_folder = image_folder.filename().string();

  std::vector<std::string> parts;
  if (arguments.in_process) {
    parts = extract_to_parts(arguments, options);
  } else {
    watch_interruptions();  // Ctrl-C stops the child, then this process, cleanly
    int failure = kOk;
    auto isolated = run_isolated_work([&] { return extract_to_parts(arguments, options); },
                                      input_display_name(arguments.input), "extraction", arguments.timeout,
                                      arguments.memory_mib, failure);
    if (!isolated) return failure;
    parts = std::move(*isolated);
  }
  const std::string& xml = parts.at(0);
  const std::string& problems = parts.at(3);
  const size_t figures = (parts.size() - 4) / 2;
  if (!discards(arguments.output)) {
    if (figures > 0) {
      std::vector<std::pair<std::string, std::string>> images;
      for (size_t i = 4; i + 1 < parts.size(); i += 2)
        images.push_back({fs::path(parts[i]).filename().string(), parts[i + 1]});
      write_directory_atomically(image_folder, images, not_figures);
    } else if (!to_stream) {
      remove_directory_output(image_folder, not_figures);  // an earlier run's, now stale
    }
  }
  write_file_atomically(arguments.output.empty() ? fs::path("-") : fs::path(arguments.output), xml);
  if (!arguments.report.empty()) write_file_atomically(arguments.report, parts.at(1));
  if (!arguments.quiet) {
    std::cerr << parts.at(2);
    if (figures > 0 && !discards(arguments.output))
      std::cerr << "figures: " << figures << " in " << image_folder.string() << "/\n";
  }
  std::cerr << problems;
  return problems.empty() ? kOk : to_int(ExitStatus::invalid);
}

}  // namespace

std::optional<std::vector<std::string>> run_isolated_work(const std::function<std::vector<std::string>()>& work,
                                                          const std::string& input, const std::string& what,
                                                          double timeout_seconds, std::size_t memory_mib,
                                                          int& exit_code) {
  IsolatedOutcome outcome = run_isolated(work, {timeout_seconds, memory_mib << 20});
  using Status = IsolatedOutcome::Status;
  switch (outcome.status) {
    case Status::ok: return std::move(outcome.parts);
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
  command->add_option("input", arguments->input, "Issue PDF or text file")->required();
  command->add_option("-o,--output", arguments->output, "Issue XML to write (default: stdout)")->check(named_file());
  command->add_option("--report", arguments->report, "Write the review report (JSON) here")->check(named_file());
  command->add_option("--encoding", arguments->encoding,
                      "Text encoding (ICU name: UTF-8, GB18030, GBK, ...); default: detect");
  command->add_option("--timeout", arguments->timeout, "Seconds allowed per input (default 120)")
      ->check(between(kMinTimeout, kMaxTimeout, "seconds"));
  command->add_option("--memory", arguments->memory_mib, "MiB of memory allowed per input (default 2048)")
      ->check(between(kMinMemoryMib, kMaxMemoryMib, "MiB"));
  command->add_flag("--in-process", arguments->in_process,
                    "Do not isolate the extraction in a child process (for debugging)");
  command->add_flag("-q,--quiet", arguments->quiet, "No summary on stderr");
  command->add_flag("--debug", arguments->debug,
                    "Print the extractor's reasoning on stderr: each line's measured evidence and every\n"
                    "paragraph-boundary decision (for tuning the rules on a new archive)");
  command->callback([arguments, &exit_code] { exit_code = run_extract(*arguments); });
}

}  // namespace reissue::cli
