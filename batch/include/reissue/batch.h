// Converting a backlog: every PDF, text and issue XML file under a folder,
// each repaired in its own process (time and memory limits, so that a crash,
// hang or memory blow-up costs one input), several at a time, resumable, with
// a report. Any number of shards may run at once into one output folder, on
// one machine or several sharing a file system. See docs/batch.md.
#pragma once

#include "reissue/extract.h"

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace reissue {

struct BatchOptions {
  std::filesystem::path input_root, output_root;
  std::vector<std::string> formats = {"xml", "pdf", "docx"};
  bool pdfa = true;  // the PDFs as PDF/A-1b (--no-pdfa: plain PDF)
  std::filesystem::path style;  // empty: the default style sheet
  int jobs = 1;
  double timeout_seconds = 300;
  std::size_t memory_mib = 2048;
  ExtractOptions::Ocr ocr = ExtractOptions::Ocr::automatic;  // PDF pages read by OCR (--ocr)
  bool force = false;  // redo inputs whose outputs are up to date
  // Extract again where an archivist corrected issue.xml by hand (by default
  // such a correction is kept and the other outputs are made from it).
  bool discard_corrections = false;
  int shard = 1, shards = 1;
  std::filesystem::path tool_binary;  // the running program: part of every input's resume key
  // Called in each worker before its input is repaired: the test suite's
  // build makes chosen inputs hang or crash here (cli/test_hooks.cpp).
  std::function<void(const std::filesystem::path& input)> before_each;
  std::string tool_version;
  bool progress_line = false;  // redraw one status line (a terminal) instead of a log line per input
};

// One input of the backlog; `relative` is its path under the input root.
struct BatchInput {
  std::filesystem::path relative;
  std::filesystem::path output;  // its folder, relative to the output root
  std::string unreadable;        // why it cannot be taken (a folder that cannot be listed, a broken link)
};

// The inputs under `root` (recursive; *.pdf, *.txt, *.xml by name, case
// insensitive; links followed to files, not to folders), sorted, with their
// output folders: the relative path without its extension, or with it when
// that would share or nest folders ("x.pdf" beside "x.txt": x.pdf/, x.txt/). A folder that cannot be
// listed and a link to nothing are inputs too, with `unreadable` saying why.
std::vector<BatchInput> discover_inputs(const std::filesystem::path& root);

// Which shard (1..shards) an input belongs to: a hash of its relative path,
// so that adding files to a backlog does not move the others.
int shard_of(const std::filesystem::path& relative, int shards);

// Row statuses. A plan (dry run) has to-convert, up-to-date and failed
// (unreadable); a run has converted, up-to-date, failed and, when it was
// stopped, interrupted (not done: the next run does them).
inline constexpr const char* kConverted = "converted";
inline constexpr const char* kToConvert = "to-convert";
inline constexpr const char* kUpToDate = "up-to-date";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kInterrupted = "interrupted";

struct BatchRow {
  std::string input;   // relative path
  std::string output;  // relative folder
  std::string status;  // one of the statuses above
  std::string reason;  // failed: why, in a sentence
  int exit_code = 0;   // failed/interrupted: the exit status table (README)
  std::string kind;
  int pages = 0, articles = 0, warnings = 0, uncertain = 0;
  // Every decision of review.json by kind: uncertain ones (`uncertain` counts
  // them) and text set aside or replaced (reissue/extract.h, decision_counts).
  std::map<std::string, int> decisions;
  bool corrected = false;  // its issue.xml was corrected by hand: the outputs are made from it
  double seconds = 0;
  double peak_memory_mib = 0;
};

// What a run (or a shard of it) was, so that shard reports can be checked
// against each other before they are merged.
struct BatchRun {
  std::string tool;      // "reissue 0.1.0"
  int shard = 1, shards = 1;
  std::string settings;  // --to and a digest of the style sheet
  std::size_t backlog_inputs = 0;  // inputs of the whole backlog, every shard
  std::string backlog_digest;      // of their relative paths
  int interrupted_by = 0;          // the signal that stopped the run, or 0
};

struct BatchResult {
  BatchRun run;
  std::vector<BatchRow> rows;
  int converted = 0, to_convert = 0, up_to_date = 0, failed = 0, interrupted = 0;
  int corrected = 0;  // of the converted and up-to-date: published from a hand-corrected issue.xml
  double seconds = 0;
};

// Runs the batch (this shard of it); progress goes to `log`. Writes
// report.json and report.csv (report-K-of-N.* for a shard) under the output
// root. SIGINT/SIGTERM/SIGHUP (see watch_interruptions in reissue/isolate.h)
// stop the workers: the report then says interrupted, temporaries and empty
// folders are removed, finished inputs are kept for the next run.
BatchResult run_batch(const BatchOptions& options, std::ostream& log);

// What run_batch would do, writing nothing: every input of this shard as
// to-convert, up-to-date or failed (unreadable).
BatchResult plan_batch(const BatchOptions& options);

// Joins the shard reports (report-K-of-N.json) found in `output_root` into
// report.json and report.csv there, after checking that they are every shard
// of one split of one backlog with the same settings, none interrupted.
// Throws ReadError when a shard's report is missing, Error when they disagree.
BatchResult merge_reports(const std::filesystem::path& output_root);

}  // namespace reissue
