// Each subcommand registers itself on the CLI11 app and returns through
// `exit_code` the process status (see README, "Exit status").
#pragma once

#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/isolate.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace reissue::cli {

// Exit statuses come from the libraries' one table (reissue/error.h).
inline constexpr int kOk = 0;

// Runs `work` in a child process with a time and memory limit (--timeout,
// --memory). On failure prints why ("INPUT: WHAT crashed ...") and sets
// `exit_code`; returns the child's parts otherwise.
std::optional<WorkProduct> run_isolated_work(const std::function<WorkProduct()>& work,
                                                          const std::string& input, const std::string& what,
                                                          double timeout_seconds, std::size_t memory_mib,
                                                          int& exit_code);

// What makes an extraction's result untrustworthy ("NAME:LINE: why" lines;
// empty: none): the input's contradictions, the recovered structure's
// problems. Printed always; exit status 1 (extract, review).
std::string extraction_problems(const ExtractResult& result, const std::string& name);

// --timeout and --memory of one input's work.
struct WorkLimits {
  double timeout = 120;
  std::size_t memory_mib = 2048;
};
void add_limit_options(CLI::App& command, WorkLimits& limits);

// `work` in this process (--in-process, for debugging) or isolated as
// run_isolated_work runs it, Ctrl-C stopping the child cleanly.
std::optional<WorkProduct> run_work(const std::function<WorkProduct()>& work, bool in_process, const std::string& input,
                                    const std::string& what, const WorkLimits& limits, int& exit_code);

// A number option within [low, high], checked on the text before CLI11
// converts it: "--timeout: must be a number of seconds from 1 to 604800".
CLI::Validator between(double low, double high, const std::string& unit);
// The limits options shared by extract, repair and batch.
inline constexpr double kMinTimeout = 1, kMaxTimeout = 7 * 24 * 3600;
inline constexpr double kMinMemoryMib = 100, kMaxMemoryMib = 1 << 20;  // reissue itself needs about 80 MiB to load

// --ocr auto|always|never (extract, repair, batch).
void add_ocr_option(CLI::App& command, ExtractOptions::Ocr& ocr);

// A file or folder name option: not empty.
CLI::Validator named_file();
// A folder name option: not empty, not "-".
CLI::Validator named_folder();

// Output checks made before anything is written: UsageError when an output
// has no name, is one of the inputs (it would be destroyed) or is given for
// two outputs (also "-" and /dev/stdout); WriteError when its folder does not
// exist. /dev/null may take any number of outputs.
void check_outputs(const std::vector<std::string>& inputs, const std::vector<std::string>& outputs);
// WriteError when a file output's folder does not exist.
void require_output_folder(const std::string& output);
// Flushes standard output; a write error there turns success into exit 7.
int finish_standard_output(int exit_code);

// Called by `repair` before the work; does something only in the test
// suite's build (cli/test_hooks.cpp).
void test_hook(const std::string& input);

void add_validate_command(CLI::App& app, int& exit_code);
void add_format_command(CLI::App& app, int& exit_code);
void add_extract_command(CLI::App& app, int& exit_code);
void add_typeset_command(CLI::App& app, int& exit_code);
void add_docx_command(CLI::App& app, int& exit_code);
void add_repair_command(CLI::App& app, int& exit_code);
void add_batch_command(CLI::App& app, int& exit_code);
void add_review_command(CLI::App& app, int& exit_code);
void add_new_command(CLI::App& app, int& exit_code);
void add_style_command(CLI::App& app, int& exit_code);

}  // namespace reissue::cli
