#include "report.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <regex>
#include <stdexcept>

namespace reissue::batch {

namespace {

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

}  // namespace

void summarize(BatchResult& result) {
  std::sort(result.rows.begin(), result.rows.end(),
            [](const BatchRow& a, const BatchRow& b) { return a.input < b.input; });
  result.converted = result.up_to_date = result.failed = 0;
  for (const BatchRow& row : result.rows) {
    result.converted += row.status == "converted";
    result.up_to_date += row.status == "up-to-date";
    result.failed += row.status == "failed";
  }
}

std::string report_json(const BatchResult& result, const std::string& tool, const std::string& shard) {
  nlohmann::ordered_json json;
  json["tool"] = tool;
  if (!shard.empty()) json["shard"] = shard;
  json["summary"] = {{"inputs", result.rows.size()},
                     {"converted", result.converted},
                     {"up_to_date", result.up_to_date},
                     {"failed", result.failed},
                     {"seconds", rounded(result.seconds, 3)}};
  auto& rows = json["inputs"] = nlohmann::ordered_json::array();
  for (const BatchRow& row : result.rows) {
    nlohmann::ordered_json item = {{"input", row.input}, {"output", row.output}, {"status", row.status}};
    if (row.status == "failed") item["reason"] = row.reason, item["exit_code"] = row.exit_code;
    item["kind"] = row.kind;
    item["pages"] = row.pages;
    item["articles"] = row.articles;
    item["warnings"] = row.warnings;
    item["uncertain"] = row.uncertain;
    item["seconds"] = rounded(row.seconds, 3);
    item["peak_memory_mib"] = rounded(row.peak_memory_mib, 1);
    rows.push_back(item);
  }
  return json.dump(2) + "\n";
}

std::string report_csv(const BatchResult& result) {
  std::string out = "input,output,status,reason,exit_code,kind,pages,articles,warnings,uncertain,seconds,peak_memory_mib\n";
  for (const BatchRow& row : result.rows)
    out += csv_field(row.input) + "," + csv_field(row.output) + "," + row.status + "," + csv_field(row.reason) + "," +
           std::to_string(row.exit_code) + "," + row.kind + "," + std::to_string(row.pages) + "," +
           std::to_string(row.articles) + "," + std::to_string(row.warnings) + "," + std::to_string(row.uncertain) +
           "," + number(row.seconds) + "," + number(row.peak_memory_mib) + "\n";
  return out;
}

std::vector<BatchRow> rows_of_report(const std::string& text) {
  const auto json = nlohmann::json::parse(text);
  std::vector<BatchRow> rows;
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
    row.seconds = item.value("seconds", 0.0);
    row.peak_memory_mib = item.value("peak_memory_mib", 0.0);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace reissue::batch

namespace reissue {

BatchResult merge_reports(const std::filesystem::path& output_root) {
  BatchResult merged;
  const std::regex shard_report(R"(report-\d+-of-\d+\.json)");
  int reports = 0;
  std::string tool;
  for (const auto& entry : std::filesystem::directory_iterator(output_root)) {
    if (!std::regex_match(entry.path().filename().string(), shard_report)) continue;
    const std::string text = read_file_limited(entry.path(), std::size_t{256} << 20);
    try {
      for (BatchRow& row : batch::rows_of_report(text)) merged.rows.push_back(std::move(row));
      const auto json = nlohmann::json::parse(text);
      merged.seconds += json.at("summary").value("seconds", 0.0);
      tool = json.value("tool", "");
    } catch (const std::exception& error) {
      throw Error(entry.path().string(), 0, std::string("not a batch report: ") + error.what());
    }
    ++reports;
  }
  if (reports == 0) throw ReadError(output_root.string(), 0, "no shard reports (report-K-of-N.json) to merge");
  batch::summarize(merged);
  write_file_atomically(output_root / "report.json", batch::report_json(merged, tool, ""));
  write_file_atomically(output_root / "report.csv", batch::report_csv(merged));
  return merged;
}

}  // namespace reissue
