// reissue: repair and re-publish the newsletter archive. A thin layer over the
// libraries: parse arguments, call one library function, map errors to exit
// statuses (reissue/error.h; README, "Exit status").
#include "commands.h"

#include "reissue/error.h"

#include <algorithm>
#include <cstring>
#include <iostream>
#include <new>

namespace {

// Levenshtein distance, for "did you mean".
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// An unknown first word is a mistyped command: name the nearest one.
bool reject_unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  const std::string word = argv[1];
  std::string nearest;
  size_t best = 0;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->get_name() == word) return false;
    const size_t distance = edit_distance(word, command->get_name());
    if (nearest.empty() || distance < best) nearest = command->get_name(), best = distance;
  }
  std::cerr << "reissue: unknown command \"" << word << "\"";
  if (!nearest.empty() && best <= std::max<size_t>(2, word.size() / 3)) std::cerr << "; did you mean \"" << nearest << "\"?";
  std::cerr << " (reissue --help lists the commands)\n";
  return true;
}

// The subcommand the command line named, or nullptr.
const CLI::App* chosen_command(const CLI::App& app) {
  for (const CLI::App* command : app.get_subcommands()) return command;
  return nullptr;
}

// CLI11's message with the command it is about, the nearest option for an
// unknown one, and where to read more.
std::string usage_message(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App* command = chosen_command(app);
  const std::string name = command ? "reissue " + command->get_name() : "reissue";
  std::string message = name + ": " + error.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&error) && command) {
    // "The following argument was not expected: --styl"
    const std::string text = error.what();
    const std::string word = text.substr(text.rfind(' ') + 1);
    std::string nearest;
    size_t best = 0;
    for (const CLI::Option* option : command->get_options())
      for (const std::string& long_name : option->get_lnames()) {
        const size_t distance = edit_distance(word, "--" + long_name);
        if (nearest.empty() || distance < best) nearest = "--" + long_name, best = distance;
      }
    if (word.starts_with("--") && !nearest.empty() && best <= std::max<size_t>(2, word.size() / 3))
      message += "; did you mean " + nearest + "?";
  }
  return message + " (" + name + " --help lists what it takes)";
}

}  // namespace

int main(int argc, char** argv) {
  using reissue::ExitStatus;
  using reissue::to_int;
  CLI::App app{"reissue: repair, typeset and convert issues of 全国卫生信息化舆情监测周报"};
  app.set_version_flag("--version", std::string("reissue ") + REISSUE_VERSION);
  app.require_subcommand(1);
  app.footer("Exit status: 0 success, 1 input invalid, 2 input could not be read, 3 internal error,\n"
             "4 PDF without text layer, 5 crashed/hung/out of memory, 6 usage error, 7 output could not be\n"
             "written, 130/143/129 interrupted (SIGINT/SIGTERM/SIGHUP).");
  int exit_code = reissue::cli::kOk;
  reissue::cli::add_validate_command(app, exit_code);
  reissue::cli::add_format_command(app, exit_code);
  reissue::cli::add_extract_command(app, exit_code);
  reissue::cli::add_review_command(app, exit_code);
  reissue::cli::add_typeset_command(app, exit_code);
  reissue::cli::add_docx_command(app, exit_code);
  reissue::cli::add_repair_command(app, exit_code);
  reissue::cli::add_batch_command(app, exit_code);
  reissue::cli::add_new_command(app, exit_code);
  reissue::cli::add_style_command(app, exit_code);
  if (reject_unknown_command(app, argc, argv)) return to_int(ExitStatus::usage);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return reissue::cli::finish_standard_output(app.exit(error));  // --help, --version
    std::cerr << usage_message(app, error) << "\n";
    return to_int(ExitStatus::usage);
  } catch (const reissue::Error& error) {
    std::cerr << "reissue: " << error.what() << "\n";
    return to_int(error.status());
  } catch (const std::bad_alloc&) {
    std::cerr << "reissue: ran out of memory\n";
    return to_int(ExitStatus::aborted);
  } catch (const std::exception& error) {
    std::cerr << "reissue: internal error (please report it): " << error.what() << "\n";
    return to_int(ExitStatus::internal);
  }
  return reissue::cli::finish_standard_output(exit_code);
}
