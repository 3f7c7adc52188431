#include "reissue/batch.h"

#include "index_page.h"
#include "progress.h"
#include "report.h"
#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/fonts.h"
#include "reissue/isolate.h"
#include "reissue/repair.h"
#include "reissue/style.h"
#include "workers.h"
#include "workspace.h"

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <set>

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

// The shard's inputs and what each needs: the work a run would do, known
// before anything is written (a dry run stops here).
struct Plan {
  fs::path input_root, output_root;
  BatchRun run;
  std::vector<BatchInput> inputs;  // this shard's
  std::vector<std::string> keys;   // per input; empty when unreadable
  BatchResult result;              // rows known up front: up-to-date, unreadable
  std::vector<size_t> to_convert;  // indexes into inputs
};

void require_input_folder(const fs::path& input_root) {
  std::error_code error;
  const fs::file_status status = fs::status(input_root, error);
  if (!fs::exists(status)) throw ReadError(input_root.string(), 0, "does not exist");
  if (!fs::is_directory(status)) throw ReadError(input_root.string(), 0, "is not a folder; give the folder of issues");
}

Plan make_plan(const BatchOptions& options, bool output_may_be_missing) {
  Plan plan;
  std::error_code error;
  require_input_folder(options.input_root);
  plan.input_root = fs::canonical(options.input_root);
  plan.output_root = output_may_be_missing ? fs::weakly_canonical(options.output_root, error)
                                           : fs::canonical(options.output_root, error);
  if (error) throw WriteError(options.output_root.string(), 0, "cannot use the output folder: " + error.message());
  // Outputs among the inputs would be taken as inputs by the next run.
  const auto inside = [](const fs::path& folder, const fs::path& root) {
    return folder == root || folder.generic_string().starts_with(root.generic_string() + "/");
  };
  if (plan.input_root == plan.output_root)
    throw UsageError(options.output_root.string(), 0, "is the input folder; give a separate output folder");
  if (inside(plan.input_root, plan.output_root))
    throw UsageError(options.input_root.string(), 0, "lies inside the output folder; give folders apart");
  std::string style_bytes = "default";
  if (!options.style.empty()) {
    style_bytes = style_sheet_text(options.style);
    load_style(options.style);  // a bad style sheet stops the batch before any work
  }
  const std::string formats = joined(options.formats) + (options.pdfa ? "" : ",no-pdfa");
  BatchRun& run = plan.run;
  run.tool = "reissue " + options.tool_version;
  run.shard = options.shard;
  run.shards = options.shards;
  const std::string ocr = ocr_name(options.ocr);
  run.settings = "to=" + formats + ";style=" + content_key(style_bytes) + ";ocr=" + ocr;

  // The whole backlog, without the output folder when it lies inside the
  // input folder; then this shard's part of it.
  std::string names;
  for (BatchInput& input : discover_inputs(plan.input_root)) {
    const fs::path absolute = plan.input_root / input.relative;
    if (absolute.generic_string().starts_with(plan.output_root.generic_string() + "/")) continue;
    ++run.backlog_inputs;
    names += input.relative.generic_string() + "\n";
    if (shard_of(input.relative, options.shards) == options.shard) plan.inputs.push_back(std::move(input));
  }
  run.backlog_digest = content_key(names);

  // The tool's part of the key is its binary: any rebuild redoes the backlog
  // (the version number alone would not change between builds).
  const std::string tool = read_file_limited(options.tool_binary, std::size_t{1} << 30);
  const std::string settings_key = content_key(tool + "\n" + style_bytes + "\n" + formats + "\n" + ocr);
  for (size_t i = 0; i < plan.inputs.size(); ++i) {
    const BatchInput& input = plan.inputs[i];
    if (!input.unreadable.empty()) {
      BatchRow row = row_for(input, kFailed);
      row.reason = input.unreadable;
      row.exit_code = to_int(ExitStatus::cannot_read);
      plan.result.rows.push_back(row);
      plan.keys.emplace_back();
      continue;
    }
    std::string key;
    try {
      key = content_key(read_file_limited(plan.input_root / input.relative, std::size_t{512} << 20)) + "-" +
            settings_key;
    } catch (const Error& unreadable) {
      BatchRow row = row_for(input, kFailed);
      row.reason = unreadable.message();
      row.exit_code = to_int(unreadable.status());
      plan.result.rows.push_back(row);
      plan.keys.emplace_back();
      continue;
    }
    plan.keys.push_back(key);
    if (!options.force && recorded_key(plan.output_root / input.output) == key &&
        !(options.discard_corrections && holds_correction(plan.output_root / input.output))) {
      BatchRow row = row_for(input, kUpToDate);
      batch::fill_from_status(row, plan.output_root / input.output);
      plan.result.rows.push_back(row);
    } else {
      plan.to_convert.push_back(i);
    }
  }
  plan.result.run = run;
  return plan;
}

// Temporaries a killed run of this shard may have left: the atomic writers'
// ".NAME.tmp-XXXXXX" beside each of its output folders and reports. Other
// shards' temporaries (they may be running now) are not touched.
void remove_own_leftovers(const Plan& plan, const std::string& report_stem) {
  std::map<fs::path, std::set<std::string>> own;  // folder -> names whose temporaries are ours
  for (const BatchInput& input : plan.inputs) {
    const fs::path folder = plan.output_root / input.output;
    own[folder.parent_path()].insert(folder.filename().string());
  }
  for (const char* extension : {".json", ".csv"}) own[plan.output_root].insert(report_stem + extension);
  own[plan.output_root].insert("index.html");
  std::error_code error;
  for (const auto& [folder, names] : own) {
    for (auto it = fs::directory_iterator(folder, error); !error && it != fs::directory_iterator(); it.increment(error)) {
      const std::string name = it->path().filename().string();
      const size_t suffix = name.rfind(".tmp-");
      std::error_code ignored;
      if (name.starts_with(".") && suffix != std::string::npos && names.count(name.substr(1, suffix - 1)))
        fs::remove_all(it->path(), ignored);
    }
    error.clear();
  }
}

// Folders an interrupted run created for inputs it did not finish, if empty:
// from each missing output folder's parent up to the output root.
void remove_empty_folders(const Plan& plan) {
  for (const BatchInput& input : plan.inputs) {
    std::error_code error;
    if (fs::exists(plan.output_root / input.output, error)) continue;
    for (fs::path folder = (plan.output_root / input.output).parent_path();
         folder != plan.output_root && folder.string().size() > plan.output_root.string().size();
         folder = folder.parent_path())
      if (!fs::remove(folder, error)) break;  // not empty (or gone): stop there
  }
}

std::string report_stem(const BatchOptions& options) {
  return options.shards > 1 ? "report-" + std::to_string(options.shard) + "-of-" + std::to_string(options.shards)
                            : "report";
}

// The row of an input whose worker ended.
BatchRow finished_row(const BatchInput& input, const IsolatedOutcome& outcome, const fs::path& output_root) {
  using Status = IsolatedOutcome::Status;
  BatchRow row = row_for(input, kConverted);
  row.seconds = outcome.seconds;
  row.peak_memory_mib = static_cast<double>(outcome.peak_memory_kib) / 1024.0;
  switch (outcome.status) {
    case Status::ok:
      batch::fill_from_status(row, output_root / input.output);
      break;
    case Status::failed: {
      row.status = kFailed;
      row.exit_code = outcome.exit_code;
      row.reason = outcome.message;
      const std::string named = row.input + ": ";  // the report names the input already
      if (row.reason.starts_with(named)) row.reason.erase(0, named.size());
      break;
    }
    case Status::interrupted:
      row.status = kInterrupted;
      row.exit_code = 128 + outcome.signal;
      break;
    case Status::crashed:
    case Status::timed_out:
    case Status::out_of_memory:
      row.status = kFailed;
      row.exit_code = to_int(ExitStatus::aborted);
      row.reason = outcome.message;
      break;
  }
  return row;
}

}  // namespace

BatchResult plan_batch(const BatchOptions& options) {
  std::error_code error;
  if (fs::exists(options.output_root, error) && !fs::is_directory(options.output_root, error))
    throw WriteError(options.output_root.string(), 0, "is a file; give a folder for the outputs");
  Plan plan = make_plan(options, true);
  for (size_t index : plan.to_convert) plan.result.rows.push_back(row_for(plan.inputs[index], kToConvert));
  batch::summarize(plan.result);
  return plan.result;
}

namespace {

// What every worker's repair shares: the outputs asked for, the style sheet
// read once, and the fonts found and loaded once here, so that every forked
// worker starts with them (shared pages) instead of asking fontconfig and
// mapping them again.
RepairOptions shared_repair_options(const BatchOptions& options, const std::optional<Style>& style,
                                    FontLibrary& fonts) {
  const auto asked = [&](const char* format) {
    return std::find(options.formats.begin(), options.formats.end(), format) != options.formats.end();
  };
  RepairOptions repair;
  repair.xml = asked("xml");
  repair.pdf = asked("pdf");
  repair.docx = asked("docx");
  repair.pdfa = options.pdfa;
  repair.style = style;
  repair.ocr = options.ocr;
  repair.parallel = false;  // the batch runs one worker per core
  const Style& sheet = style ? *style : default_style();
  for (const std::string& family : {sheet.serif, sheet.sans, sheet.latin_serif, sheet.latin_sans})
    for (bool bold : {false, true}) {
      try {
        fonts.get(family, bold);
      } catch (const Error&) {
        // A missing font is each input's failure, reported by its worker.
      }
    }
  repair.fonts = &fonts;
  return repair;
}

// One task per input to convert: the same library call as `reissue repair`.
std::vector<batch::WorkerTask> worker_tasks(const Plan& plan, const BatchOptions& options, const RepairOptions& repair,
                                            const fs::path& work_folder) {
  std::vector<batch::WorkerTask> tasks;
  for (size_t index : plan.to_convert) {
    const BatchInput& input = plan.inputs[index];
    const fs::path path = plan.input_root / input.relative, folder = plan.output_root / input.output;
    RepairOptions own = repair;
    own.name = input.relative.generic_string();
    own.key = plan.keys[index];
    own.folder = folder;
    own.discard_corrections = options.discard_corrections;
    tasks.push_back({[&options, path, folder, own] {
                       if (options.before_each) options.before_each(path);
                       write_repair(folder, repair_issue(path, own));
                       return 0;
                     },
                     work_folder / ("worker-" + std::to_string(tasks.size()) + ".err")});
  }
  return tasks;
}

// What can be refused is refused before the output folder is made; then it is.
std::optional<Style> prepare(const BatchOptions& options) {
  require_input_folder(options.input_root);
  std::optional<Style> style;
  if (!options.style.empty()) style = load_style(options.style);
  std::error_code error;
  if (fs::exists(options.output_root, error) && !fs::is_directory(options.output_root, error))
    throw WriteError(options.output_root.string(), 0, "is a file; give a folder for the outputs");
  fs::create_directories(options.output_root, error);
  if (error) throw WriteError(options.output_root.string(), 0, "cannot create the output folder: " + error.message());
  return style;
}

}  // namespace

BatchResult run_batch(const BatchOptions& options, std::ostream& log) {
  const auto start = Clock::now();
  const std::optional<Style> style = prepare(options);
  Plan plan = make_plan(options, false);
  const std::string stem = report_stem(options);
  batch::ShardWorkspace workspace(plan.output_root, options.shard, options.shards);
  remove_own_leftovers(plan, stem);

  BatchResult& result = plan.result;
  batch::Progress progress(log, options.progress_line, plan.inputs.size());
  for (const BatchRow& row : result.rows) progress.finished(row);
  FontLibrary fonts;
  const std::vector<batch::WorkerTask> tasks =
      worker_tasks(plan, options, shared_repair_options(options, style, fonts), workspace.folder());
  std::vector<bool> reported(tasks.size(), false);
  batch::WorkerPool pool(options.jobs, {options.timeout_seconds, options.memory_mib << 20});
  result.run.interrupted_by = pool.run(
      tasks,
      [&](size_t task, const IsolatedOutcome& outcome) {
        reported[task] = true;
        const BatchRow row = finished_row(plan.inputs[plan.to_convert[task]], outcome, plan.output_root);
        result.rows.push_back(row);
        progress.finished(row);
      },
      [&] { progress.tick(); });
  progress.close();
  if (const int signal = result.run.interrupted_by) {
    for (size_t task = 0; task < tasks.size(); ++task) {
      if (reported[task]) continue;
      BatchRow row = row_for(plan.inputs[plan.to_convert[task]], kInterrupted);
      row.exit_code = 128 + signal;
      result.rows.push_back(row);
    }
    remove_own_leftovers(plan, stem);
    remove_empty_folders(plan);
  }

  batch::summarize(result);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  write_file_atomically(plan.output_root / (stem + ".json"), batch::report_json(result));
  write_file_atomically(plan.output_root / (stem + ".csv"), batch::report_csv(result));
  // The page a person opens: one for the whole backlog, so not by a shard
  // (merging the shards' reports writes it).
  if (options.shards == 1) batch::write_batch_index(plan.output_root, result);
  return result;
}

}  // namespace reissue
