#include "report.h"

#include "index_page.h"
#include "status.h"
#include "workspace.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstring>
#include <map>
#include <regex>

namespace reissue::batch {

namespace {

using Json = nlohmann::ordered_json;

// To `decimals` places (dividing by a power of ten, so that 50.3 prints as 50.3).
double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(double value) { return format_decimal(value, 3); }

std::string signal_name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "signal " + std::to_string(signal);
  }
}

std::string shard_name(int shard, int shards) { return std::to_string(shard) + "-of-" + std::to_string(shards); }

}  // namespace

void summarize(BatchResult& result) {
  std::sort(result.rows.begin(), result.rows.end(),
            [](const BatchRow& a, const BatchRow& b) { return a.input < b.input; });
  result.converted = result.to_convert = result.up_to_date = result.failed = result.interrupted = 0;
  result.corrected = 0;
  for (const BatchRow& row : result.rows) {
    result.converted += row.status == kConverted;
    result.to_convert += row.status == kToConvert;
    result.up_to_date += row.status == kUpToDate;
    result.failed += row.status == kFailed;
    result.interrupted += row.status == kInterrupted;
    result.corrected += row.corrected && (row.status == kConverted || row.status == kUpToDate);
  }
}

void fill_from_status(BatchRow& row, const std::filesystem::path& folder) {
  // The outputs were written; without a readable status the figures stay zero.
  if (const std::optional<RepairStatus> status = read_status(folder)) {
    row.kind = status->kind;
    row.pages = status->pages;
    row.articles = status->articles;
    row.warnings = status->warnings;
    row.uncertain = status->uncertain;
    row.decisions = status->decisions;
    row.corrected = status->corrected;
  }
}

std::string report_json(const BatchResult& result) {
  Json json;
  const BatchRun& run = result.run;
  json["tool"] = run.tool;
  if (run.shards > 1 && run.shard > 0) json["shard"] = shard_name(run.shard, run.shards);
  if (run.shard == 0) json["shards"] = run.shards;  // a merged report
  json["settings"] = run.settings;
  json["backlog"] = {{"inputs", run.backlog_inputs}, {"digest", run.backlog_digest}};
  if (run.interrupted_by) json["interrupted"] = signal_name(run.interrupted_by);
  json["summary"] = {{"inputs", result.rows.size()},  {"converted", result.converted},
                     {"up_to_date", result.up_to_date}, {"failed", result.failed},
                     {"interrupted", result.interrupted}, {"corrected", result.corrected}, {"seconds", rounded(result.seconds, 3)}};
  auto& rows = json["inputs"] = Json::array();
  for (const BatchRow& row : result.rows) {
    Json item = {{"input", row.input}, {"output", row.output}, {"status", row.status}};
    if (row.status == kFailed) item["reason"] = row.reason;
    if (row.exit_code) item["exit_code"] = row.exit_code;
    item["kind"] = row.kind;
    item["pages"] = row.pages;
    item["articles"] = row.articles;
    item["warnings"] = row.warnings;
    item["uncertain"] = row.uncertain;
    item["decisions"] = row.decisions;
    if (row.corrected) item["corrected"] = true;
    item["seconds"] = rounded(row.seconds, 3);
    item["peak_memory_mib"] = rounded(row.peak_memory_mib, 1);
    rows.push_back(item);
  }
  // Names from an archive need not be UTF-8: JSON gets U+FFFD for bad bytes
  // (report.csv keeps them as they are).
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string report_csv(const BatchResult& result) {
  std::string out =
      "input,output,status,reason,exit_code,kind,pages,articles,warnings,uncertain,corrected,seconds,peak_memory_mib\n";
  for (const BatchRow& row : result.rows)
    out += csv_field(row.input) + "," + csv_field(row.output) + "," + row.status + "," + csv_field(row.reason) +
           "," + std::to_string(row.exit_code) + "," + row.kind + "," + std::to_string(row.pages) + "," +
           std::to_string(row.articles) + "," + std::to_string(row.warnings) + "," +
           std::to_string(row.uncertain) + "," + (row.corrected ? "yes" : "no") + "," + number(row.seconds) + "," + number(row.peak_memory_mib) + "\n";
  return out;
}

BatchResult read_report(const std::string& text, const std::string& name) {
  BatchResult result;
  try {
    const auto json = nlohmann::json::parse(text);
    BatchRun& run = result.run;
    run.tool = json.value("tool", "");
    const std::string shard = json.value("shard", "");
    if (std::sscanf(shard.c_str(), "%d-of-%d", &run.shard, &run.shards) != 2) run.shard = run.shards = 1;
    run.settings = json.value("settings", "");
    if (json.contains("backlog")) {
      run.backlog_inputs = json.at("backlog").value("inputs", std::size_t{0});
      run.backlog_digest = json.at("backlog").value("digest", "");
    }
    if (json.contains("interrupted")) run.interrupted_by = SIGINT;
    result.seconds = json.at("summary").value("seconds", 0.0);
    for (const auto& item : json.at("inputs")) {
      BatchRow row;
      row.input = item.at("input");
      row.output = item.value("output", "");
      row.status = item.at("status");
      row.reason = item.value("reason", "");
      row.exit_code = item.value("exit_code", 0);
      row.kind = item.value("kind", "");
      row.pages = item.value("pages", 0);
      row.articles = item.value("articles", 0);
      row.warnings = item.value("warnings", 0);
      row.uncertain = item.value("uncertain", 0);
      if (item.contains("decisions") && item["decisions"].is_object())
        for (const auto& [kind, count] : item["decisions"].items())
          if (count.is_number_integer()) row.decisions[kind] = count.get<int>();
      row.corrected = item.value("corrected", false);
      row.seconds = item.value("seconds", 0.0);
      row.peak_memory_mib = item.value("peak_memory_mib", 0.0);
      result.rows.push_back(row);
    }
  } catch (const nlohmann::json::exception& error) {
    throw Error(name, 0, std::string("is not a batch report (") + error.what() + "); remove it or run its shard again");
  }
  summarize(result);
  return result;
}

}  // namespace reissue::batch

namespace reissue {

namespace {

// The shard reports in `root`, grouped by split (N -> K -> file).
std::map<int, std::map<int, std::filesystem::path>> shard_reports(const std::filesystem::path& root) {
  std::error_code error;
  if (!std::filesystem::exists(root, error)) throw ReadError(root.string(), 0, "does not exist");
  if (!std::filesystem::is_directory(root, error)) throw ReadError(root.string(), 0, "is not a folder");
  std::map<int, std::map<int, std::filesystem::path>> found;
  const std::regex shard_report(R"(report-(\d{1,6})-of-(\d{1,6})\.json)");
  for (const auto& entry : std::filesystem::directory_iterator(root, error)) {
    std::smatch match;
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, match, shard_report))
      found[std::stoi(match[2])][std::stoi(match[1])] = entry.path();
  }
  if (error) throw ReadError(root.string(), 0, "cannot list the folder: " + error.message());
  return found;
}

std::string names_of(const std::map<int, std::filesystem::path>& reports) {
  std::string out;
  for (const auto& [k, path] : reports) out += (out.empty() ? "" : ", ") + path.filename().string();
  return out;
}

}  // namespace

BatchResult merge_reports(const std::filesystem::path& output_root) {
  const auto splits = shard_reports(output_root);
  const std::string shown = output_root.string();
  if (splits.empty())
    throw ReadError(shown, 0, "has no shard reports (report-K-of-N.json) to merge; run `reissue batch --shard K/N` first");
  if (splits.size() > 1) {
    std::string listed;
    for (const auto& [n, reports] : splits) listed += "\n  N=" + std::to_string(n) + ": " + names_of(reports);
    throw Error(shown, 0, "holds shard reports of " + std::to_string(splits.size()) +
                              " different splits; remove the stale ones and merge again:" + listed);
  }
  const auto& [shards, reports] = *splits.begin();
  std::string missing;
  for (int k = 1; k <= shards; ++k)
    if (!reports.count(k)) missing += (missing.empty() ? "" : ", ") + std::to_string(k);
  for (const auto& [k, path] : reports)
    if (k < 1 || k > shards) throw Error(path.string(), 0, "names shard " + std::to_string(k) + " of " + std::to_string(shards) + ", which cannot exist");
  if (!missing.empty())
    throw ReadError(shown, 0, "shard(s) " + missing + " of " + std::to_string(shards) +
                                  " have no report; run `reissue batch IN_DIR -o " + shown + " --shard K/" +
                                  std::to_string(shards) + "` for each, then merge again");

  for (int k = 1; k <= shards; ++k) {
    std::string holder;
    if (batch::shard_running(output_root, k, shards, &holder))
      throw UsageError(shown, 0, "shard " + std::to_string(k) + " of " + std::to_string(shards) + " is still running (" +
                                     holder + "); merge once it has finished");
  }
  BatchResult merged;
  std::map<std::string, std::string> owner;  // input -> report that lists it
  for (const auto& [k, path] : reports) {
    const std::string name = path.filename().string();
    const BatchResult shard = batch::read_report(read_file_limited(path, std::size_t{256} << 20), path.string());
    if (k == reports.begin()->first) {
      merged.run = shard.run;
      merged.run.shard = 0;
      merged.run.shards = shards;
    }
    const auto disagree = [&](const std::string& what) {
      return Error(path.string(), 0, what + " is not the same as in " + names_of({*reports.begin()}) +
                                         "'s; the shards were run differently: run them again alike, then merge");
    };
    if (shard.run.tool != merged.run.tool) throw disagree("the reissue version (" + shard.run.tool + ")");
    if (shard.run.settings != merged.run.settings) throw disagree("the settings (--to, --style)");
    if (shard.run.backlog_inputs != merged.run.backlog_inputs || shard.run.backlog_digest != merged.run.backlog_digest)
      throw disagree("the backlog (the input folder's files)");
    if (shard.run.interrupted_by)
      throw Error(path.string(), 0, "shard " + std::to_string(k) + " was interrupted; run it again to finish, then merge");
    for (const BatchRow& row : shard.rows) {
      if (shard_of(row.input, shards) != k)
        throw Error(path.string(), 0, "lists " + row.input + ", which belongs to shard " +
                                          std::to_string(shard_of(row.input, shards)) + " of " + std::to_string(shards));
      if (const auto [it, fresh] = owner.emplace(row.input, name); !fresh)
        throw Error(path.string(), 0, "lists " + row.input + ", which " + it->second + " lists too");
      merged.rows.push_back(row);
    }
    merged.seconds = std::max(merged.seconds, shard.seconds);  // shards run side by side
  }
  if (merged.rows.size() != merged.run.backlog_inputs)
    throw Error(shown, 0, "the shard reports list " + std::to_string(merged.rows.size()) + " inputs, but the backlog has " +
                              std::to_string(merged.run.backlog_inputs) + "; run the shards again, then merge");
  batch::summarize(merged);
  write_file_atomically(output_root / "report.json", batch::report_json(merged));
  write_file_atomically(output_root / "report.csv", batch::report_csv(merged));
  batch::write_batch_index(output_root, merged);
  return merged;
}

}  // namespace reissue
