#include "index_page.h"

#include "reissue/atomic_file.h"
#include "reissue/html.h"
#include "reissue/text.h"

#include <algorithm>

namespace reissue::batch {

namespace {

// The files of an output folder the index links to, and the --to format
// each needs ("" : written whatever the formats).
struct OutputFile {
  const char* name;
  const char* format;
};
constexpr OutputFile kOutputFiles[] = {
    {"review.html", ""}, {"issue.xml", "xml"}, {"issue.pdf", "pdf"}, {"issue.docx", "docx"}};

// Failures first: what needs a person, then what is not done, then the rest.
int status_rank(const std::string& status) {
  if (status == kFailed) return 0;
  if (status == kInterrupted) return 1;
  if (status == kToConvert) return 2;
  if (status == kConverted) return 3;
  return 4;
}

bool has_output(const std::string& status) { return status == kConverted || status == kUpToDate; }

// "xml,pdf" from the run's settings ("to=xml,pdf;style=...;ocr=auto").
bool format_requested(const BatchRun& run, const std::string& format) {
  const std::string& settings = run.settings;
  const size_t start = settings.starts_with("to=") ? 3 : settings.find(";to=") + 4;
  if (start == std::string::npos + 4) return true;  // unknown: links are offered
  const std::string formats = "," + settings.substr(start, settings.find(';', start) - start) + ",";
  return formats.find("," + format + ",") != std::string::npos;
}

std::string links_html(const BatchResult& result, const BatchRow& row, const OutputExists& exists) {
  if (!has_output(row.status)) return "";
  std::string out;
  for (const OutputFile& file : kOutputFiles) {
    const std::string relative = row.output + "/" + file.name;
    const bool there = exists ? exists(relative) : (*file.format == 0 || format_requested(result.run, file.format));
    if (!there) continue;
    out += "<a href=\"" + html_escape(url_escape_path(relative)) + "\">" + file.name + "</a> ";
  }
  return out;
}

std::string decisions_html(const BatchRow& row) {
  std::string out;
  for (const auto& [kind, count] : row.decisions)
    out += "<span class=\"kind\" data-kind=\"" + html_escape(kind) + "\">" + html_escape(kind) + " <b>" +
           std::to_string(count) + "</b></span> ";
  return out;
}

std::string row_html(const BatchResult& result, const BatchRow& row, const OutputExists& exists) {
  int decisions = 0;
  for (const auto& [kind, count] : row.decisions) decisions += count;
  std::string out = "<tr class=\"row status-" + html_escape(row.status) + "\" data-status=\"" + html_escape(row.status) +
                    "\"" + (row.corrected ? " data-corrected=\"true\"" : "") + ">";
  out += "<td class=\"status\" data-value=\"" + std::to_string(status_rank(row.status)) + "\">" +
         html_escape(row.status) + (row.exit_code ? " <small>(exit " + std::to_string(row.exit_code) + ")</small>" : "") +
         "</td>";
  out += "<td class=\"name\" data-value=\"" + html_escape(row.input) + "\">" + html_escape(row.input) +
         (row.corrected ? " <span class=\"corrected\" title=\"issue.xml corrected by hand\">corrected</span>" : "") +
         (row.reason.empty() ? "" : "<div class=\"reason\">" + html_escape(row.reason) + "</div>") + "</td>";
  out += "<td class=\"pages\" data-value=\"" + std::to_string(row.pages) + "\">" + (row.pages ? std::to_string(row.pages) : "") + "</td>";
  out += "<td class=\"decisions\" data-value=\"" + std::to_string(decisions) + "\"><b>" +
         (has_output(row.status) ? std::to_string(decisions) : "") + "</b> " + decisions_html(row) + "</td>";
  out += "<td class=\"links\">" + links_html(result, row, exists) + "</td>";
  return out + "</tr>\n";
}

constexpr const char* kCss = R"CSS(;font-size:15px;line-height:1.5;color:#222;margin:0;padding:12px 20px;background:#f7f6f3}
h1{font-size:19px;margin:0 0 4px}
.meta{color:#555;font-size:13px;margin:0 0 10px}
.totals span{display:inline-block;margin-right:12px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border-bottom:1px solid #e2e0db;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#ebe8e2;position:sticky;top:0;white-space:nowrap}
th[data-sort]{cursor:pointer}
th[data-sort]::after{content:" \2195";color:#aaa}
th.sorted-asc::after{content:" \2191";color:#333}
th.sorted-desc::after{content:" \2193";color:#333}
td.pages,td.decisions>b{text-align:right}
tr.status-failed td.status{color:#b91c1c;font-weight:bold}
tr.status-interrupted td.status{color:#b45309}
.reason{color:#7f1d1d;font-size:13px}
.kind{display:inline-block;font-size:12px;background:#fff3cd;border-radius:8px;padding:0 6px;margin:1px 2px}
.corrected{font-size:12px;color:#fff;background:#b45309;border-radius:3px;padding:0 4px}
.links a{margin-right:6px}
@media print{th{position:static}th[data-sort]::after{content:""}body{background:#fff}}
)CSS";

// Click a column header to sort by it (again: the other way round).
constexpr const char* kScript = R"JS((function () {
  'use strict';
  var body = document.querySelector('tbody');
  document.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      var column = th.cellIndex, numeric = th.getAttribute('data-sort') === 'number';
      var ascending = !th.classList.contains('sorted-asc');
      document.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
      th.classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute('data-value'), y = b.cells[column].getAttribute('data-value');
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'zh');
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
)JS";

std::string totals_html(const BatchResult& result) {
  std::string out = "<p class=\"totals\">";
  const std::pair<const char*, int> counts[] = {{kConverted, result.converted}, {kUpToDate, result.up_to_date},
                                                {kFailed, result.failed}, {kInterrupted, result.interrupted},
                                                {kToConvert, result.to_convert}};
  for (const auto& [status, count] : counts)
    if (count) out += "<span data-status=\"" + std::string(status) + "\">" + status + ": <b>" + std::to_string(count) + "</b></span>";
  return out + "</p>\n";
}

}  // namespace

std::string batch_index_html(const BatchResult& result, const OutputExists& exists) {
  std::vector<const BatchRow*> rows;
  for (const BatchRow& row : result.rows) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const BatchRow* a, const BatchRow* b) {
    return std::pair(status_rank(a->status), a->input) < std::pair(status_rank(b->status), b->input);
  });
  std::string out = html_document_head("batch: " + std::to_string(result.rows.size()) + " issue(s)",
                                       std::string("body{font-family:") + kCjkFontStack + kCss);
  out += "<body>\n<h1>" + std::to_string(result.rows.size()) + " issue(s)</h1>\n<p class=\"meta\">" +
         html_escape(result.run.tool) + " · " + html_escape(result.run.settings) + " · " +
         format_decimal(result.seconds, 1) + " s</p>\n" + totals_html(result);
  out += "<table id=\"rows\">\n<thead><tr><th data-sort=\"number\">status</th><th data-sort=\"text\">input</th>"
         "<th data-sort=\"number\">pages</th><th data-sort=\"number\">decisions</th><th>outputs</th></tr></thead>\n<tbody>\n";
  for (const BatchRow* row : rows) out += row_html(result, *row, exists);
  return out + "</tbody>\n</table>\n<script>\n" + kScript + "</script>\n</body>\n</html>\n";
}

void write_batch_index(const std::filesystem::path& root, const BatchResult& result) {
  const auto exists = [&](const std::string& relative) {
    std::error_code error;
    return std::filesystem::is_regular_file(root / relative, error);
  };
  write_file_atomically(root / "index.html", batch_index_html(result, exists));
}

}  // namespace reissue::batch
