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
    return status == 0 ? 0 : reissue::to_int(reissue::ExitStatus::usage);
  } catch (const reissue::Error& error) {
    std::cerr << "reissue: " << error.what() << "\n";
    return reissue::to_int(error.status());
  } catch (const std::bad_alloc&) {
    std::cerr << "reissue: ran out of memory\n";
    return reissue::to_int(reissue::ExitStatus::aborted);
  } catch (const std::exception& error) {
    std::cerr << "reissue: internal error (please report it): " << error.what() << "\n";
    return reissue::to_int(reissue::exit_status_for(error));
  }
  return exit_code;
}
