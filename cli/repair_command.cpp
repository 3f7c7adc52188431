// `reissue repair`: one issue end to end into a folder (the same library call
// `reissue batch` makes for every input).
#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/isolate.h"
#include "reissue/repair.h"

#include <iostream>

namespace reissue::cli {

namespace {

struct RepairArguments {
  std::string input;
  std::string output;
  std::vector<std::string> formats = {"xml", "pdf", "docx"};
  std::string style;
  std::string encoding;
  ExtractOptions::Ocr ocr = ExtractOptions::Ocr::automatic;
  double timeout = 300;
  std::size_t memory_mib = 2048;
  bool in_process = false;
  bool quiet = false;
  bool discard_corrections = false;
  bool no_pdfa = false;
};

RepairResult repair(const RepairArguments& arguments) {
  test_hook(arguments.input);
  RepairOptions options;
  options.xml = options.pdf = options.docx = false;
  for (const std::string& format : arguments.formats) {
    if (format == "xml") options.xml = true;
    else if (format == "pdf") options.pdf = true;
    else if (format == "docx") options.docx = true;
  }
  if (!arguments.style.empty()) options.style = load_style(arguments.style);
  options.encoding = arguments.encoding;
  options.ocr = arguments.ocr;
  options.folder = arguments.output;
  options.discard_corrections = arguments.discard_corrections;
  options.pdfa = !arguments.no_pdfa;
  return repair_issue(arguments.input, options);
}

int run_repair(const RepairArguments& arguments) {
  // A folder of the user's is refused now, not after the work.
  check_directory_output(arguments.output, foreign_to_repair);
  RepairResult result;
  if (arguments.in_process) {
    result = repair(arguments);
  } else {
    // The whole repair runs in a child, in memory: the output folder is
    // written by this process only when the child succeeded. Interruptions
    // are watched, so that this process lives to stop the child.
    watch_interruptions();
    int failure = kOk;
    auto product = run_isolated_work(
        [&] {
          RepairResult repaired = repair(arguments);
          return WorkProduct{std::move(repaired.files), std::move(repaired.summary), ""};
        },
        arguments.input, "repair", arguments.timeout, arguments.memory_mib, failure);
    if (!product) return failure;
    result.summary = std::move(product->summary);
    result.files = std::move(product->files);
  }
  write_repair(arguments.output, result);
  if (!arguments.quiet) {
    if (!result.summary.empty()) std::cerr << result.summary;
    std::cerr << arguments.output << ": ";
    for (size_t i = 0; i < result.files.size(); ++i)
      std::cerr << (i ? ", " : "") << result.files[i].first;
    std::cerr << "\n";
  }
  return kOk;
}

}  // namespace

void add_repair_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "repair",
      "Repair one issue (PDF, extracted text, or issue XML) into a folder: issue.xml, issue.pdf,\n"
      "issue.docx, images/, review.json (uncertain decisions) and status.json. The folder appears\n"
      "complete or not at all. The work runs in a child process with time and memory limits.");
  auto arguments = std::make_shared<RepairArguments>();
  command->add_option("input", arguments->input, "Issue PDF, text or XML")->required();
  command->add_option("-o,--output", arguments->output, "Folder to write")->required()->check(named_folder());
  command->add_option("--to", arguments->formats, "Outputs, comma-separated (default xml,pdf,docx)")
      ->delimiter(',')
      ->check(CLI::IsMember({"xml", "pdf", "docx"}));
  command->add_option("--style", arguments->style,
                      "Style sheet for PDF and DOCX: a file, or a bundled sheet's name (default: the newsletter's)")
      ->check(named_file());
  command->add_option("--encoding", arguments->encoding, "Text encoding (default: detect)");
  add_ocr_option(*command, arguments->ocr);
  command->add_option("--timeout", arguments->timeout, "Seconds allowed (default 300)")
      ->check(between(kMinTimeout, kMaxTimeout, "seconds"));
  command->add_option("--memory", arguments->memory_mib, "MiB of memory allowed (default 2048)")
      ->check(between(kMinMemoryMib, kMaxMemoryMib, "MiB"));
  command->add_flag("--no-pdfa", arguments->no_pdfa,
                    "Write a plain PDF instead of a PDF/A-1b archive copy (e.g. to keep figures' transparency)");
  command->add_flag("--discard-corrections", arguments->discard_corrections,
                    "Extract again even though OUTPUT/issue.xml was corrected by hand (by default a correction "
                    "is kept and the PDF, DOCX and review are made from it)");
  command->add_flag("--in-process", arguments->in_process, "Do not isolate the work in a child process");
  command->add_flag("-q,--quiet", arguments->quiet, "No summary on stderr");
  command->callback([arguments, &exit_code] { exit_code = run_repair(*arguments); });
}

}  // namespace reissue::cli
