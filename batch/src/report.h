// The batch report: report.json (with a summary) and report.csv, one row per
// input; shard reports (report-K-of-N.*) merge into one.
#pragma once

#include "reissue/batch.h"

#include <string>

namespace reissue::batch {

std::string report_json(const BatchResult& result, const std::string& tool, const std::string& shard);
std::string report_csv(const BatchResult& result);
// The rows of a report.json; throws std::runtime_error when it is not one.
std::vector<BatchRow> rows_of_report(const std::string& json);
// Counts and totals from the rows.
void summarize(BatchResult& result);

}  // namespace reissue::batch
