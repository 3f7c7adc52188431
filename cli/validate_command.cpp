#include "commands.h"

#include "reissue/error.h"
#include "reissue/figures.h"
#include "reissue/issue_xml.h"

#include <algorithm>

#include <iostream>

namespace reissue::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "validate",
      "Check issue XML files against the schema and the format's rules, and that every figure\n"
      "image exists (relative to the file) and decodes.\n"
      "Prints each problem as file:line: message, and what is allowed but probably a mistake (an\n"
      "intro whose count or period disagrees with the articles) as file:line: warning: message.\n"
      "Exit status: 0 all valid (warnings or not), 1 some file invalid (also a placeholder\n"
      "〔待填：…〕 left), 2 some file could not be read (missing, too large, not well-formed XML).");
  auto files = std::make_shared<std::vector<std::string>>();
  command->add_option("files", *files, "Issue XML files")->required();
  auto quiet = std::make_shared<bool>(false);
  command->add_flag("-q,--quiet", *quiet, "Print problems only, no summary line");
  command->callback([files, quiet, &exit_code] {
    int invalid = 0, unreadable = 0;
    for (const std::string& file : *files) {
      try {
        LoadResult result = load_issue(file);
        // What typesetting would find: every figure image there and decodable.
        if (const auto& read = result.issue ? result.issue : result.partial) {
          for (Problem& problem : check_figure_images(*read, issue_folder(file)))
            result.problems.push_back(std::move(problem));
        }
        if (!result.ok()) ++invalid;
        // Warnings (an intro disagreeing with the articles) among the problems by line, marked as such.
        for (Problem& warning : result.warnings)
          result.problems.push_back({warning.line, "warning: " + std::move(warning.message)});
        std::stable_sort(result.problems.begin(), result.problems.end(),
                         [](const Problem& a, const Problem& b) { return a.line < b.line; });
        for (const Problem& problem : result.problems)
          std::cout << format_location(file, problem.line, problem.message) << "\n";
      } catch (const ReadError& error) {
        std::cout << error.what() << "\n";
        ++unreadable;
      }
    }
    if (!*quiet)
      std::cerr << files->size() << " file(s): " << files->size() - invalid - unreadable
                << " valid, " << invalid << " invalid, " << unreadable << " unreadable\n";
    exit_code = to_int(unreadable ? ExitStatus::cannot_read : invalid ? ExitStatus::invalid : ExitStatus::ok);
  });
}

}  // namespace reissue::cli

namespace reissue::cli {

void add_format_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "format",
      "Rewrite a valid issue XML in canonical form (text normalized as the format\n"
      "defines, fixed order and indentation), so diffs between versions are meaningful.");
  auto file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Issue XML file")->required();
  command->add_option("-o,--output", *output, "Write here (atomically) instead of stdout");
  command->callback([file, output, &exit_code] {
    const Issue issue = read_issue(*file);
    if (output->empty()) std::cout << write_issue_xml(issue);
    else save_issue(issue, *output);
    exit_code = kOk;
  });
}

}  // namespace reissue::cli
