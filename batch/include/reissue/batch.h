// Converting a backlog: every PDF, text and issue XML file under a folder,
// each repaired in its own process (time and memory limits, so that a crash,
// hang or memory blow-up costs one input), several at a time, resumable, with
// a report. See docs/batch.md.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace reissue {

struct BatchOptions {
  std::filesystem::path input_root, output_root;
  std::vector<std::string> formats = {"xml", "pdf", "docx"};
  std::filesystem::path style;  // empty: the default style sheet
  int jobs = 1;
  double timeout_seconds = 300;
  std::size_t memory_mib = 2048;
  bool force = false;  // redo inputs whose outputs are up to date
  int shard = 1, shards = 1;
  std::filesystem::path worker;  // the reissue binary that runs `repair` per input
  std::string tool_version;
  bool progress_line = false;  // redraw one status line (a terminal) instead of a log line per input
};

// One input of the backlog; `relative` is its path under the input root.
struct BatchInput {
  std::filesystem::path relative;
  std::filesystem::path output;  // its folder, relative to the output root
};

// The inputs under `root` (recursive; *.pdf, *.txt, *.xml by name, case
// insensitive), sorted, with their output folders (the relative path without
// its extension; "name.pdf" and "name.txt" side by side keep the extension).
std::vector<BatchInput> discover_inputs(const std::filesystem::path& root);

// Which shard (1..shards) an input belongs to: a hash of its relative path,
// so that adding files to a backlog does not move the others.
int shard_of(const std::filesystem::path& relative, int shards);

struct BatchRow {
  std::string input;   // relative path
  std::string output;  // relative folder
  std::string status;  // "converted", "up-to-date", "failed"
  std::string reason;  // failed: the first line of the worker's message
  int exit_code = 0;
  std::string kind;
  int pages = 0, articles = 0, warnings = 0, uncertain = 0;
  double seconds = 0;
  double peak_memory_mib = 0;
};

struct BatchResult {
  std::vector<BatchRow> rows;
  int converted = 0, up_to_date = 0, failed = 0;
  double seconds = 0;
};

// Runs the batch; progress goes to `log`. Writes report.json and report.csv
// (report-K-of-N.* for a shard) under the output root.
BatchResult run_batch(const BatchOptions& options, std::ostream& log);

// Joins the shard reports (report-K-of-N.json) found in `output_root` into
// report.json and report.csv there.
BatchResult merge_reports(const std::filesystem::path& output_root);

}  // namespace reissue
