// `reissue batch`: a backlog folder into an output folder, in parallel, each
// input in its own worker process; a dry run of it; merging shard reports.
#include "commands.h"

#include "reissue/batch.h"
#include "reissue/error.h"
#include "reissue/isolate.h"

#include <unistd.h>

#include <charconv>
#include <csignal>
#include <iostream>
#include <sstream>
#include <thread>

namespace reissue::cli {

namespace {

namespace fs = std::filesystem;

struct BatchArguments {
  std::string input, output, shard, style, merge;
  std::vector<std::string> formats = {"xml", "pdf", "docx"};
  int jobs = 0;
  ExtractOptions::Ocr ocr = ExtractOptions::Ocr::automatic;
  double timeout = 300;
  std::size_t memory_mib = 2048;
  bool force = false;
  bool discard_corrections = false;
  bool no_pdfa = false;
  bool quiet = false;
  bool dry_run = false;
};

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", seconds);
  return text;
}

void print_summary(const BatchResult& result, const fs::path& report) {
  std::cerr << "batch: " << result.rows.size() << " input(s): " << result.converted << " converted, "
            << result.up_to_date << " up to date, " << result.failed << " failed";
  if (result.interrupted) std::cerr << ", " << result.interrupted << " not done";
  if (result.corrected) std::cerr << " (" << result.corrected << " from issue.xml corrected by hand)";
  if (result.seconds > 0) std::cerr << " in " << seconds_text(result.seconds) << " s";
  std::cerr << "; report: " << report.string() << "\n";
}

// "K/N" with 1 <= K <= N <= 100000.
void parse_shard(const std::string& text, BatchOptions& options) {
  const auto slash = text.find('/');
  int shard = 0, shards = 0;
  const auto read = [](std::string_view digits, int& value) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return error == std::errc() && end == digits.data() + digits.size() && !digits.empty();
  };
  if (slash == std::string::npos || !read(std::string_view(text).substr(0, slash), shard) ||
      !read(std::string_view(text).substr(slash + 1), shards) || shard < 1 || shard > shards || shards > 100000)
    throw UsageError("--shard " + text, 0, "expected K/N with 1 <= K <= N <= 100000, e.g. 3/8");
  options.shard = shard;
  options.shards = shards;
}

BatchOptions options_from(const BatchArguments& arguments) {
  if (arguments.input.empty() || arguments.output.empty())
    throw UsageError("batch", 0, "needs an input folder and -o OUTPUT_FOLDER (or --merge OUTPUT_FOLDER)");
  BatchOptions options;
  options.input_root = arguments.input;
  options.output_root = arguments.output;
  options.formats = arguments.formats;
  options.style = arguments.style;
  options.jobs = arguments.jobs > 0 ? arguments.jobs
                                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.timeout_seconds = arguments.timeout;
  options.memory_mib = arguments.memory_mib;
  options.ocr = arguments.ocr;
  options.force = arguments.force;
  options.discard_corrections = arguments.discard_corrections;
  options.pdfa = !arguments.no_pdfa;
  if (!arguments.shard.empty()) parse_shard(arguments.shard, options);
  options.tool_binary = fs::read_symlink("/proc/self/exe");
  options.before_each = [](const fs::path& input) { test_hook(input.string()); };
  options.tool_version = REISSUE_VERSION;
  options.progress_line = !arguments.quiet && ::isatty(STDERR_FILENO);
  return options;
}

// What a shard would do, one line per input on stdout.
int run_dry_run(const BatchOptions& options) {
  const BatchResult plan = plan_batch(options);
  // Tab-separated; a tab, line break or backslash inside a name is escaped
  // (\t, \n, \\) so that every input is one line of three or four fields.
  const auto field = [](const std::string& text) {
    std::string out;
    for (char c : text) out += c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\\' ? "\\\\" : std::string(1, c);
    return out;
  };
  for (const BatchRow& row : plan.rows) {
    std::cout << row.status << "\t" << field(row.input) << "\t" << (row.output.empty() ? "-" : field(row.output) + "/");
    if (!row.reason.empty()) std::cout << "\t" << field(row.reason);
    std::cout << "\n";
  }
  std::cerr << "dry run";
  if (options.shards > 1) std::cerr << " (shard " << options.shard << "/" << options.shards << ")";
  std::cerr << ": " << plan.rows.size() << " of " << plan.run.backlog_inputs << " input(s): " << plan.to_convert
            << " to convert, " << plan.up_to_date << " up to date, " << plan.failed
            << " unreadable; nothing was written\n";
  return kOk;
}

int run_batch_command(const BatchArguments& arguments) {
  if (!arguments.merge.empty()) {
    if (!arguments.input.empty() || !arguments.output.empty() || !arguments.shard.empty() || arguments.dry_run ||
        arguments.force || arguments.discard_corrections || !arguments.style.empty() || arguments.jobs)
      throw UsageError("--merge", 0, "takes only the output folder: reissue batch --merge OUTPUT_FOLDER");
    const BatchResult merged = merge_reports(arguments.merge);
    print_summary(merged, fs::path(arguments.merge) / "report.json");
    return merged.failed ? to_int(ExitStatus::invalid) : kOk;
  }
  const BatchOptions options = options_from(arguments);
  if (arguments.dry_run) return run_dry_run(options);

  // SIGINT/SIGTERM/SIGHUP stop the workers; the batch then writes what it has.
  watch_interruptions();
  std::ostringstream discard;
  const BatchResult result = run_batch(options, arguments.quiet ? discard : std::cerr);
  const std::string report = options.shards > 1 ? "report-" + std::to_string(options.shard) + "-of-" +
                                                      std::to_string(options.shards) + ".json"
                                                : "report.json";
  print_summary(result, fs::path(arguments.output) / report);
  if (const int signal = result.run.interrupted_by) {
    std::cerr << "batch: interrupted (" << (signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "SIGHUP")
              << "); finished inputs are kept: run the same command again to do the other "
              << result.interrupted << "\n";
    return 128 + signal;
  }
  return result.failed ? to_int(ExitStatus::invalid) : kOk;
}

}  // namespace

void add_batch_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "batch",
      "Convert every issue (PDF, text, issue XML) under a folder, recursively: each into its folder\n"
      "under OUTPUT (as `reissue repair` does), in parallel, each in its own process with time and\n"
      "memory limits. Re-running skips inputs whose outputs are up to date. Writes report.json and\n"
      "report.csv; exit status 1 when any input failed; Ctrl-C stops it cleanly (exit 130), and the\n"
      "next run resumes. Shards (--shard K/N) may run at once into one folder. See docs/batch.md.");
  auto arguments = std::make_shared<BatchArguments>();
  command->add_option("input", arguments->input, "Folder of issues")->check(named_folder());
  command->add_option("-o,--output", arguments->output, "Output folder")->check(named_folder());
  command->add_option("--to", arguments->formats, "Outputs, comma-separated (default xml,pdf,docx)")
      ->delimiter(',')
      ->check(CLI::IsMember({"xml", "pdf", "docx"}));
  command->add_option("-j,--jobs", arguments->jobs, "Inputs processed at once (default: the number of cores)")
      ->check(between(1, 1024, "workers"));
  add_ocr_option(*command, arguments->ocr);
  command->add_option("--timeout", arguments->timeout, "Seconds allowed per input (default 300)")
      ->check(between(kMinTimeout, kMaxTimeout, "seconds"));
  command->add_option("--memory", arguments->memory_mib, "MiB of memory allowed per input (default 2048)")
      ->check(between(kMinMemoryMib, kMaxMemoryMib, "MiB"));
  command->add_option("--style", arguments->style, "Style sheet for PDF and DOCX: a file, or a bundled sheet's name (large-print)")
      ->check(named_file());
  command->add_flag("--force", arguments->force,
                    "Redo inputs whose outputs are up to date (an issue.xml corrected by hand is still kept)");
  command->add_flag("--no-pdfa", arguments->no_pdfa,
                    "Write plain PDFs instead of PDF/A-1b archive copies (e.g. to keep figures' transparency)");
  command->add_flag("--discard-corrections", arguments->discard_corrections,
                    "Extract again where issue.xml was corrected by hand, replacing the correction");
  command->add_option("--shard", arguments->shard,
                      "Only shard K of N (K/N): a deterministic split; shards may run at once, anywhere");
  command->add_flag("--dry-run", arguments->dry_run,
                    "List what this run (or shard) would do with each input, write nothing");
  command->add_option("--merge", arguments->merge,
                      "Check and merge the shard reports found in this output folder");
  command->add_flag("-q,--quiet", arguments->quiet, "Only the final summary on stderr");
  command->callback([arguments, &exit_code] { exit_code = run_batch_command(*arguments); });
}

}  // namespace reissue::cli
