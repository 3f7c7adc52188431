// The batch report: report.json (what the run was, a summary, one row per
// input) and report.csv (the rows); shard reports (report-K-of-N.*) merge
// into one after checking that they belong together.
#pragma once

#include "reissue/batch.h"

#include <string>

namespace reissue::batch {

std::string report_json(const BatchResult& result);
std::string report_csv(const BatchResult& result);
// A report.json read back; throws Error (naming `name`) when it is not one.
BatchResult read_report(const std::string& json, const std::string& name);
// Counts from the rows, rows sorted by input.
void summarize(BatchResult& result);
// The figures a finished output folder's status.json records (zero when
// absent or unreadable).
void fill_from_status(BatchRow& row, const std::filesystem::path& folder);

}  // namespace reissue::batch
