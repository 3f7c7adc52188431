// `reissue batch`: a backlog folder into an output folder, in parallel, each
// input in its own worker process; and merging the reports of shards.
#include "commands.h"

#include "reissue/batch.h"
#include "reissue/error.h"

#include <unistd.h>

#include <iostream>
#include <regex>
#include <thread>

namespace reissue::cli {

namespace {

namespace fs = std::filesystem;

struct BatchArguments {
  std::string input, output, shard, style, merge;
  std::vector<std::string> formats = {"xml", "pdf", "docx"};
  int jobs = 0;
  double timeout = 300;
  std::size_t memory_mib = 2048;
  bool force = false;
  bool quiet = false;
};

void print_summary(const BatchResult& result, const fs::path& report) {
  std::cerr << "batch: " << result.rows.size() << " input(s): " << result.converted << " converted, "
            << result.up_to_date << " up to date, " << result.failed << " failed";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", result.seconds);
  if (result.seconds > 0) std::cerr << " in " << seconds << " s";
  std::cerr << "; report: " << report.string() << "\n";
}

int run_batch_command(const BatchArguments& arguments) {
  if (!arguments.merge.empty()) {
    const BatchResult merged = merge_reports(arguments.merge);
    print_summary(merged, fs::path(arguments.merge) / "report.json");
    return merged.failed ? to_int(ExitStatus::invalid) : kOk;
  }
  if (arguments.input.empty() || arguments.output.empty())
    throw ReadError("batch", 0, "needs an input folder and -o OUTPUT_FOLDER (or --merge OUTPUT_FOLDER)");
  BatchOptions options;
  options.input_root = arguments.input;
  options.output_root = arguments.output;
  options.formats = arguments.formats;
  options.style = arguments.style;
  options.jobs = arguments.jobs > 0 ? arguments.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.timeout_seconds = arguments.timeout;
  options.memory_mib = arguments.memory_mib;
  options.force = arguments.force;
  if (!arguments.shard.empty()) {
    std::smatch match;
    if (!std::regex_match(arguments.shard, match, std::regex(R"((\d+)/(\d+))")) || std::stoi(match[1]) < 1 ||
        std::stoi(match[1]) > std::stoi(match[2]))
      throw Error("--shard", 0, "expected K/N with 1 <= K <= N, e.g. 3/8");
    options.shard = std::stoi(match[1]);
    options.shards = std::stoi(match[2]);
  }
  options.worker = fs::read_symlink("/proc/self/exe");
  options.tool_version = REISSUE_VERSION;
  options.progress_line = !arguments.quiet && ::isatty(STDERR_FILENO);
  std::ostringstream discard;
  const BatchResult result = run_batch(options, arguments.quiet ? discard : std::cerr);
  const std::string report = options.shards > 1 ? "report-" + std::to_string(options.shard) + "-of-" +
                                                      std::to_string(options.shards) + ".json"
                                                : "report.json";
  print_summary(result, fs::path(arguments.output) / report);
  return result.failed ? to_int(ExitStatus::invalid) : kOk;
}

}  // namespace

void add_batch_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "batch",
      "Convert every issue (PDF, text, issue XML) under a folder, recursively: each into its folder\n"
      "under OUTPUT (as `reissue repair` does), in parallel, each in its own process with time and\n"
      "memory limits. Re-running skips inputs whose outputs are up to date. Writes report.json and\n"
      "report.csv; exit status 1 when any input failed. See docs/batch.md.");
  auto arguments = std::make_shared<BatchArguments>();
  command->add_option("input", arguments->input, "Folder of issues");
  command->add_option("-o,--output", arguments->output, "Output folder");
  command->add_option("--to", arguments->formats, "Outputs, comma-separated (default xml,pdf,docx)")
      ->delimiter(',')
      ->check(CLI::IsMember({"xml", "pdf", "docx"}));
  command->add_option("-j,--jobs", arguments->jobs, "Inputs processed at once (default: the number of cores)")
      ->check(CLI::PositiveNumber);
  command->add_option("--timeout", arguments->timeout, "Seconds allowed per input (default 300)")
      ->check(CLI::PositiveNumber);
  command->add_option("--memory", arguments->memory_mib, "MiB of memory allowed per input (default 2048)")
      ->check(CLI::PositiveNumber);
  command->add_option("--style", arguments->style, "Style sheet for PDF and DOCX");
  command->add_flag("--force", arguments->force, "Redo inputs whose outputs are up to date");
  command->add_option("--shard", arguments->shard,
                      "Only shard K of N (K/N): a deterministic split for running N jobs on several machines");
  command->add_option("--merge", arguments->merge, "Merge the shard reports found in this output folder");
  command->add_flag("-q,--quiet", arguments->quiet, "Only the final summary on stderr");
  command->callback([arguments, &exit_code] { exit_code = run_batch_command(*arguments); });
}

}  // namespace reissue::cli
