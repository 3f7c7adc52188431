// Subcommands whose libraries have not landed yet: they exist so that scripts and
// --help show the whole tool, and they fail clearly instead of doing nothing.
#include "commands.h"

#include <iostream>

namespace reissue::cli {

void add_pending_commands(CLI::App& app, int& exit_code) {
  const std::pair<const char*, const char*> pending[] = {
      {"repair", "Extract one issue and write XML, PDF, DOCX and a review report"},
      {"batch", "Convert a directory of issues, in parallel, with a report"},
  };
  for (const auto& [name, description] : pending) {
    auto* command = app.add_subcommand(name, std::string(description) + " (not yet available)");
    command->allow_extras();
    command->callback([name = std::string(name), &exit_code] {
      std::cerr << "reissue " << name << ": not available in this version\n";
      exit_code = kInternal;
    });
  }
}

}  // namespace reissue::cli
