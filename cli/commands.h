// Each subcommand registers itself on the CLI11 app and returns through
// `exit_code` the process status (see README, "Exit status").
#pragma once

#include <CLI/CLI.hpp>

namespace reissue::cli {

enum ExitCode : int { kOk = 0, kInvalid = 1, kCannotRead = 2, kInternal = 3 };

void add_validate_command(CLI::App& app, int& exit_code);
void add_format_command(CLI::App& app, int& exit_code);
void add_extract_command(CLI::App& app, int& exit_code);
void add_pending_commands(CLI::App& app, int& exit_code);

}  // namespace reissue::cli
