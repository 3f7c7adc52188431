// `reissue review`: the archivist's review page of one extraction
// (docs/review-page.md): the original's pages beside the recovered issue.
#include "commands.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/isolate.h"
#include "reissue/review_page.h"

#include <iostream>

namespace reissue::cli {

namespace {

namespace fs = std::filesystem;

struct ReviewArguments {
  std::string input;
  std::string output;
  std::string encoding;
  double dpi = 80;
  bool quiet = false;
  bool in_process = false;
  ExtractOptions::Ocr ocr = ExtractOptions::Ocr::automatic;
  WorkLimits limits;
};

constexpr const char* kPage = "review.html";

// INPUT_STEM.review.html in the current folder (the input's folder may be a
// read-only archive); "stdin.review.html" for "-".
std::string default_output(const std::string& input) {
  const std::string stem = input == "-" ? "stdin" : fs::path(input).stem().string();
  return (stem.empty() ? std::string("issue") : stem) + ".review.html";
}

// Extraction and the page in one child: both read the untrusted input
// (Poppler renders the pages again for the pictures).
WorkProduct review_product(const ReviewArguments& arguments, const ExtractOptions& options) {
  const std::string name = input_display_name(arguments.input);
  const std::string bytes = read_document(arguments.input, options);
  if (looks_like_xml(bytes))
    throw ReadError(name, 0, "is an issue XML; a review needs the original PDF or text the issue was extracted from");
  const ExtractResult result = extract_document(bytes, name, options);
  ReviewPageOptions page;
  page.dpi = arguments.dpi;
  page.encoding = arguments.encoding;
  page.display_name = name;
  WorkProduct product;
  product.files.push_back({kPage, review_page_html(result.issue, result.report, bytes, page)});
  product.summary = report_summary(result.report);
  product.problems = extraction_problems(result, name);
  return product;
}

int run_review(ReviewArguments arguments) {
  if (arguments.output.empty()) arguments.output = default_output(arguments.input);
  check_outputs({arguments.input}, {arguments.output});
  ExtractOptions options;
  options.encoding = arguments.encoding;
  options.ocr = arguments.ocr;
  int failure = kOk;
  std::optional<WorkProduct> done = run_work([&] { return review_product(arguments, options); }, arguments.in_process,
                                             arguments.input, "review", arguments.limits, failure);
  if (!done) return failure;
  const WorkProduct& product = *done;
  write_file_atomically(arguments.output, product.files.at(0).second);
  if (!arguments.quiet) {
    std::cerr << product.summary;
    if (arguments.output != "-" && !discards_output(arguments.output))
      std::cerr << "review page: " << arguments.output << "\n";
  }
  std::cerr << product.problems;
  return product.problems.empty() ? kOk : to_int(ExitStatus::invalid);
}

}  // namespace

void add_review_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "review",
      "Extract an issue from its PDF, DOCX or text (as `extract` does) and write the archivist's review\n"
      "page: one self-contained HTML file with each original page as a picture beside the recovered\n"
      "issue, block by block, and every uncertain decision in place. Opens in any browser, offline.");
  auto arguments = std::make_shared<ReviewArguments>();
  command->add_option("input", arguments->input, "Issue PDF, DOCX or text file (not an issue XML)")->required();
  command->add_option("-o,--output", arguments->output,
                      "HTML file to write; - for stdout (default: INPUT_STEM.review.html here)")
      ->check(named_file());
  command->add_option("--encoding", arguments->encoding,
                      "Text encoding (ICU name: UTF-8, GB18030, GBK, ...); default: detect");
  command->add_option("--dpi", arguments->dpi, "Resolution of the page pictures (default 80)")
      ->check(between(36, 200, "dpi"));
  add_ocr_option(*command, arguments->ocr);
  add_limit_options(*command, arguments->limits);
  command->add_flag("--in-process", arguments->in_process,
                    "Do not isolate the work in a child process (for debugging)");
  command->add_flag("-q,--quiet", arguments->quiet, "No summary on stderr");
  command->callback([arguments, &exit_code] { exit_code = run_review(*arguments); });
}

}  // namespace reissue::cli
