// Each subcommand registers itself on the CLI11 app and returns through
// `exit_code` the process status (see README, "Exit status").
#pragma once

#include <CLI/CLI.hpp>

namespace reissue::cli {

// 0 ok; 1 invalid content; 2 input cannot be read; 3 internal error;
// 4 a PDF without text layer (a scan); 5 extraction crashed, hung or ran out of
// memory in its child process.
enum ExitCode : int {
  kOk = 0,
  kInvalid = 1,
  kCannotRead = 2,
  kInternal = 3,
  kNoTextLayer = 4,
  kExtractionAborted = 5
};

// The exit status for an exception a library threw (reissue::Error kinds).
int exit_code_for(const std::exception& error);

void add_validate_command(CLI::App& app, int& exit_code);
void add_format_command(CLI::App& app, int& exit_code);
void add_extract_command(CLI::App& app, int& exit_code);
void add_typeset_command(CLI::App& app, int& exit_code);
void add_docx_command(CLI::App& app, int& exit_code);
void add_repair_command(CLI::App& app, int& exit_code);
void add_batch_command(CLI::App& app, int& exit_code);

}  // namespace reissue::cli
