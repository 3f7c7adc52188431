// `reissue new` (a skeleton for the next issue) and `reissue style` (the
// bundled style sheets): an editor's starting points without the source
// checkout. The skeleton itself is model/skeleton.h's.
#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/issue_xml.h"
#include "reissue/skeleton.h"
#include "reissue/style.h"

#include <charconv>
#include <climits>
#include <filesystem>
#include <iostream>

namespace reissue::cli {

namespace {

struct NewArguments {
  std::string output;
  std::string number;
  std::string date;
  std::string from;
  bool force = false;
  bool quiet = false;
};

std::optional<int> parsed_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1)
    throw UsageError("--number", 0, "\"" + text + "\" must be a whole number from 1 to " + std::to_string(INT_MAX));
  return value;
}

std::optional<Date> parsed_date(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto date = Date::parse_iso(text);
  if (!date) throw UsageError("--date", 0, "\"" + text + "\" must be a real date written YYYY-MM-DD, such as 2025-11-21");
  return date;
}

// A new issue is the editor's work from the first save: never replace a file
// unless asked to.
void refuse_to_replace(const std::string& output, bool force) {
  std::error_code error;
  if (force || output.empty() || output == "-" || output_kind(output) == OutputKind::stream ||
      !std::filesystem::exists(output, error))
    return;
  throw WriteError(output, 0, "already exists; give --force to replace it, or name another file");
}

int run_new(const NewArguments& arguments) {
  NewIssueOptions options;
  options.number = parsed_number(arguments.number);
  options.date = parsed_date(arguments.date);
  std::optional<Issue> last;
  if (!arguments.from.empty()) {
    last = read_issue(arguments.from);
    options.last = &*last;
    options.last_name = arguments.from;
  }
  if (!arguments.output.empty()) check_outputs({arguments.from}, {arguments.output});
  refuse_to_replace(arguments.output, arguments.force);
  const Issue issue = new_issue(options);
  const std::string xml = write_issue_xml(issue);
  if (arguments.output.empty()) std::cout << xml;
  else write_file_atomically(arguments.output, xml);
  if (!arguments.quiet) {
    const std::string name = arguments.output.empty() || arguments.output == "-" ? "ISSUE.xml" : arguments.output;
    std::cerr << "issue " << *issue.masthead.number << " of " << issue.masthead.date->iso()
              << ": replace each 〔待填：…〕, then `reissue validate " << name << "`\n";
  }
  return kOk;
}

std::string style_names() {
  std::string names;
  for (const BundledStyle& style : bundled_styles()) names += (names.empty() ? "" : ", ") + std::string(style.name);
  return names;
}

int run_style(bool list, bool print, const std::string& name) {
  if (list == print)
    throw UsageError("style", 0, "give --list (the bundled style sheets) or --print [NAME] (one of them)");
  if (list) {
    for (const BundledStyle& style : bundled_styles()) std::cout << style.name << "\n";
    return kOk;
  }
  const BundledStyle* style = find_bundled_style(name.empty() ? "default" : name);
  if (!style) throw UsageError("--print", 0, "no bundled style sheet is called \"" + name + "\"; they are " + style_names());
  std::cout << style->xml;
  return kOk;
}

}  // namespace

void add_new_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "new",
      "Start the next issue: the issue XML with its masthead, the newsletter's intro (article count\n"
      "and period filled in by typesetting) and one article to fill in. The words only the editor\n"
      "knows are placeholders 〔待填：…〕, which `reissue validate` lists until each is replaced.");
  auto arguments = std::make_shared<NewArguments>();
  command->add_option("-o,--output", arguments->output, "Write here (atomically) instead of stdout")->check(named_file());
  command->add_option("--number", arguments->number, "The issue number (default: the --from issue's + 1)");
  command->add_option("--date", arguments->date, "The issue date YYYY-MM-DD (default: the --from issue's + 7 days)");
  command->add_option("--from", arguments->from, "The last issue: continue its number, date, series and publisher")
      ->check(named_file());
  command->add_flag("--force", arguments->force, "Replace an existing output file");
  command->add_flag("-q,--quiet", arguments->quiet, "No reminder on stderr");
  command->callback([arguments, &exit_code] { exit_code = run_new(*arguments); });
}

void add_style_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "style",
      "The style sheets built into reissue: --list names them, --print NAME writes one (default:\n"
      "the newsletter's) to stdout, to copy and change (docs/style.md).");
  auto list = std::make_shared<bool>(false);
  auto print = std::make_shared<bool>(false);
  auto name = std::make_shared<std::string>();
  command->add_flag("--list", *list, "Name the bundled style sheets");
  command->add_flag("--print", *print, "Print one bundled style sheet");
  command->add_option("name", *name, "Which sheet --print prints (default: default)");
  command->callback([list, print, name, &exit_code] { exit_code = run_style(*list, *print, *name); });
}

}  // namespace reissue::cli
