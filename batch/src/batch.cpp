#include "reissue/batch.h"

#include "report.h"
#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/repair.h"
#include "reissue/style.h"
#include "workers.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <ostream>

namespace reissue {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

BatchRow row_for(const BatchInput& input, std::string status) {
  BatchRow row;
  row.input = input.relative.generic_string();
  row.output = input.output.generic_string();
  row.status = std::move(status);
  return row;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : ",") + word;
  return out;
}

// Files an interrupted run may have left: temporary files and folders of the
// atomic writers, and the batch's work folder.
void remove_leftovers(const fs::path& root) {
  std::error_code ignored;
  std::vector<fs::path> doomed;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".") && name.find(".tmp-") != std::string::npos) {
      doomed.push_back(it->path());
      if (it->is_directory(ignored)) it.disable_recursion_pending();
    }
  }
  for (const fs::path& path : doomed) fs::remove_all(path, ignored);
}

void fill_from_status(BatchRow& row, const fs::path& folder) {
  try {
    const auto status = nlohmann::json::parse(read_file_limited(folder / "status.json", 1 << 20));
    row.kind = status.value("kind", "");
    row.pages = status.value("pages", 0);
    row.articles = status.value("articles", 0);
    row.warnings = status.value("warnings", 0);
    row.uncertain = status.value("uncertain", 0);
  } catch (const std::exception&) {
    // The outputs were written; the figures are then unknown (zero).
  }
}

std::string failure_reason(const batch::WorkerOutcome& outcome, const BatchOptions& options,
                           const std::string& input) {
  if (outcome.timed_out) return "timed out after " + std::to_string(static_cast<int>(options.timeout_seconds)) + " s (killed)";
  if (outcome.signal) return std::string("crashed (") + strsignal(outcome.signal) + ")";
  std::string last;
  size_t start = 0;
  while (start < outcome.message.size()) {
    size_t end = outcome.message.find('\n', start);
    if (end == std::string::npos) end = outcome.message.size();
    if (end > start) last = outcome.message.substr(start, end - start);
    start = end + 1;
  }
  if (last.starts_with("reissue: ")) last.erase(0, 9);
  if (last.starts_with(input + ": ")) last.erase(0, input.size() + 2);  // the report names the input already
  if (last.find("bad_alloc") != std::string::npos || last.find("out of memory") != std::string::npos ||
      last.find("failed to map segment") != std::string::npos)
    return "ran out of memory (limit " + std::to_string(options.memory_mib) + " MiB)";
  if (outcome.exit_code == 127 && last.empty()) return "the worker could not be started";
  return last.empty() ? "failed with exit status " + std::to_string(outcome.exit_code) : last;
}

class Progress {
 public:
  Progress(std::ostream& log, bool line, size_t total) : log_(log), line_(line), total_(total) {}

  void finished(const BatchRow& row, size_t done) {
    done_ = done;
    if (row.status == "failed") ++failed_;
    if (line_) {
      if (row.status == "failed") log_ << "\r\033[Kfailed: " << row.input << ": " << row.reason << "\n";
      redraw();
    } else {
      log_ << "[" << done << "/" << total_ << "] " << row.status << " " << row.input;
      if (row.status == "failed") log_ << ": " << row.reason;
      else if (row.status == "converted") log_ << " (" << static_cast<int>(row.seconds * 1000) << " ms)";
      log_ << "\n";
    }
    log_.flush();
  }
  void tick() {
    if (line_) redraw();
  }
  void close() {
    if (line_) log_ << "\n";
  }

 private:
  void redraw() {
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = seconds > 0 ? done_ / seconds : 0;
    char buffer[160];
    const double left = rate > 0 ? (total_ - done_) / rate : 0;
    std::snprintf(buffer, sizeof buffer, "\r\033[K[%zu/%zu] %.1f inputs/s, ETA %d:%02d, %d failed", done_, total_, rate,
                  static_cast<int>(left) / 60, static_cast<int>(left) % 60, failed_);
    log_ << buffer;
    log_.flush();
  }
  std::ostream& log_;
  bool line_;
  size_t total_, done_ = 0;
  int failed_ = 0;
  Clock::time_point start_ = Clock::now();
};

}  // namespace

BatchResult run_batch(const BatchOptions& options, std::ostream& log) {
  const auto start = Clock::now();
  std::error_code error;
  if (!fs::is_directory(options.input_root, error))
    throw ReadError(options.input_root.string(), 0, "is not a folder");
  fs::create_directories(options.output_root, error);
  if (error) throw Error(options.output_root.string(), 0, "cannot create the output folder: " + error.message());
  const fs::path input_root = fs::canonical(options.input_root);
  const fs::path output_root = fs::canonical(options.output_root);
  std::string style_bytes = "default";
  if (!options.style.empty()) {
    style_bytes = read_file_limited(options.style, 1 << 20);
    load_style(options.style);  // a bad style sheet stops the batch before any work
  }
  remove_leftovers(output_root);
  const fs::path work = output_root / ".reissue-work";
  fs::remove_all(work, error);
  fs::create_directories(work);

  // The inputs of this shard, without the output folder when it lies inside
  // the input folder.
  std::vector<BatchInput> inputs;
  for (BatchInput& input : discover_inputs(input_root)) {
    const fs::path absolute = input_root / input.relative;
    if (absolute.generic_string().starts_with(output_root.generic_string() + "/")) continue;
    if (options.shards > 1 && shard_of(input.relative, options.shards) != options.shard) continue;
    inputs.push_back(std::move(input));
  }

  const std::string formats = joined(options.formats);
  // The tool's part of the key is its binary: any rebuild redoes the backlog
  // (the version number alone would not change between builds).
  const std::string tool = read_file_limited(options.worker, std::size_t{1} << 30);
  const std::string settings_key = content_key(tool + "\n" + style_bytes + "\n" + formats);
  BatchResult result;
  std::vector<batch::WorkerTask> tasks;
  std::vector<size_t> task_input;
  Progress progress(log, options.progress_line, inputs.size());
  size_t done = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const BatchInput& input = inputs[i];
    const fs::path folder = output_root / input.output;
    std::string key;
    try {
      key = content_key(read_file_limited(input_root / input.relative, std::size_t{512} << 20)) + "-" + settings_key;
    } catch (const Error& unreadable) {
      BatchRow row = row_for(input, "failed");
      row.reason = unreadable.message();
      row.exit_code = 2;
      result.rows.push_back(row);
      progress.finished(row, ++done);
      continue;
    }
    if (!options.force && recorded_key(folder) == key) {
      BatchRow row = row_for(input, "up-to-date");
      fill_from_status(row, folder);
      result.rows.push_back(row);
      progress.finished(row, ++done);
      continue;
    }
    fs::create_directories(folder.parent_path());
    std::vector<std::string> arguments = {"repair", "--in-process", "-q", (input_root / input.relative).string(),
                                          "-o", folder.string(), "--to", formats, "--name",
                                          input.relative.generic_string(), "--key", key, "--scratch", work.string(),
                                          "--single-thread"};  // the batch runs one worker per core
    if (!options.style.empty()) arguments.insert(arguments.end(), {"--style", fs::absolute(options.style).string()});
    tasks.push_back({arguments, work / ("worker-" + std::to_string(tasks.size()) + ".err")});
    task_input.push_back(i);
  }

  batch::WorkerPool pool(options.worker, options.jobs, options.timeout_seconds, options.memory_mib << 20);
  pool.run(
      tasks,
      [&](const batch::WorkerOutcome& outcome) {
        const BatchInput& input = inputs[task_input[outcome.task]];
        BatchRow row = row_for(input, "");
        row.seconds = outcome.seconds;
        row.peak_memory_mib = outcome.peak_memory_mib;
        if (outcome.exit_code == 0 && !outcome.signal && !outcome.timed_out) {
          row.status = "converted";
          fill_from_status(row, output_root / input.output);
        } else {
          row.status = "failed";
          row.reason = failure_reason(outcome, options, row.input);
          row.exit_code = outcome.signal || outcome.timed_out ? 5 : outcome.exit_code;
        }
        result.rows.push_back(row);
        progress.finished(row, ++done);
      },
      [&] { progress.tick(); });
  progress.close();
  fs::remove_all(work, error);

  batch::summarize(result);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const std::string shard =
      options.shards > 1 ? std::to_string(options.shard) + "-of-" + std::to_string(options.shards) : "";
  const std::string stem = shard.empty() ? "report" : "report-" + shard;
  write_file_atomically(output_root / (stem + ".json"),
                        batch::report_json(result, "reissue " + options.tool_version, shard));
  write_file_atomically(output_root / (stem + ".csv"), batch::report_csv(result));
  return result;
}

}  // namespace reissue
