// reissue: repair and re-publish the newsletter archive. A thin layer over the
// libraries: parse arguments, call one library function, map errors to exit codes.
#include "commands.h"

#include "reissue/error.h"

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"reissue: repair, typeset and convert issues of 全国卫生信息化舆情监测周报"};
  app.set_version_flag("--version", std::string("reissue ") + REISSUE_VERSION);
  app.require_subcommand(1);
  int exit_code = reissue::cli::kOk;
  reissue::cli::add_validate_command(app, exit_code);
  reissue::cli::add_format_command(app, exit_code);
  reissue::cli::add_extract_command(app, exit_code);
  reissue::cli::add_typeset_command(app, exit_code);
  reissue::cli::add_docx_command(app, exit_code);
  reissue::cli::add_repair_command(app, exit_code);
  reissue::cli::add_batch_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int status = app.exit(error);
    return status == 0 ? 0 : reissue::cli::kCannotRead;
  } catch (const reissue::Error& error) {
    std::cerr << "reissue: " << error.what() << "\n";
    return reissue::cli::exit_code_for(error);
  } catch (const std::exception& error) {
    std::cerr << "reissue: internal error: " << error.what() << "\n";
    return reissue::cli::kInternal;
  }
  return exit_code;
}
