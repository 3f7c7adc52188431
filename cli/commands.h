// Each subcommand registers itself on the CLI11 app and returns through
// `exit_code` the process status (see README, "Exit status").
#pragma once

#include "reissue/error.h"

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
std::optional<std::vector<std::string>> run_isolated_work(const std::function<std::vector<std::string>()>& work,
                                                          const std::string& input, const std::string& what,
                                                          double timeout_seconds, std::size_t memory_mib,
                                                          int& exit_code);

void add_validate_command(CLI::App& app, int& exit_code);
void add_format_command(CLI::App& app, int& exit_code);
void add_extract_command(CLI::App& app, int& exit_code);
void add_typeset_command(CLI::App& app, int& exit_code);
void add_docx_command(CLI::App& app, int& exit_code);
void add_repair_command(CLI::App& app, int& exit_code);
void add_batch_command(CLI::App& app, int& exit_code);

}  // namespace reissue::cli
