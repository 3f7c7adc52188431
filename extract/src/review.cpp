#include "review.h"

#include "provenance.h"
#include "reissue/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace reissue::extract {

void Review::uncertain(const std::string& kind, int first_line, int last_line, std::string message) {
  ReviewItem item;
  item.kind = kind;
  item.first_line = first_line;
  item.last_line = last_line;
  item.message = std::move(message);
  if (lines_ && first_line > 0) item.excerpt = line_excerpt(*lines_, first_line, std::max(first_line, last_line));
  report_.review.push_back(std::move(item));
}

void Review::set_aside(const std::string& reason, int line, const std::u32string& text) {
  report_.set_aside.push_back({reason, line, u32_to_utf8(text), {}, 0, {}});
}

void Review::replaced(const std::string& reason, int line, const std::u32string& text, const std::u32string& by) {
  report_.set_aside.push_back({reason, line, u32_to_utf8(text), u32_to_utf8(by), 0, {}});
}

void Review::warn_once(const std::string& message) {
  if (std::find(report_.warnings.begin(), report_.warnings.end(), message) == report_.warnings.end())
    report_.warnings.push_back(message);
}

}  // namespace reissue::extract

namespace reissue {

namespace {

// [{"page": 2, "box": [left, top, right, bottom]}, ...], in points rounded to 0.1.
nlohmann::ordered_json boxes_to_json(const std::vector<PageBox>& boxes) {
  auto rounded = [](double value) { return std::round(value * 10) / 10; };
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const PageBox& place : boxes)
    out.push_back({{"page", place.page},
                   {"box", {rounded(place.box.left), rounded(place.box.top), rounded(place.box.right),
                            rounded(place.box.bottom)}}});
  return out;
}

}  // namespace

std::string report_to_json(const ExtractReport& report) {
  nlohmann::ordered_json json;
  json["input"] = report.input;
  json["kind"] = report.input_kind;
  if (!report.encoding.empty()) json["encoding"] = report.encoding;
  json["pages"] = report.pages;
  json["warnings"] = report.warnings;
  auto& review = json["review"] = nlohmann::ordered_json::array();
  for (const ReviewItem& item : report.review) {
    nlohmann::ordered_json entry = {{"kind", item.kind}, {"lines", {item.first_line, item.last_line}}};
    if (item.page > 0) entry["page"] = item.page;
    if (!item.boxes.empty()) entry["boxes"] = boxes_to_json(item.boxes);
    if (!item.element.empty()) entry["element"] = item.element;
    if (!item.excerpt.empty()) entry["excerpt"] = item.excerpt;
    entry["message"] = item.message;
    review.push_back(std::move(entry));
  }
  auto& contradictions = json["contradictions"] = nlohmann::ordered_json::array();
  for (const Problem& problem : report.contradictions)
    contradictions.push_back({{"line", problem.line}, {"message", problem.message}});
  auto& set_aside = json["set_aside"] = nlohmann::ordered_json::array();
  for (const SetAside& item : report.set_aside) {
    nlohmann::ordered_json entry = {{"reason", item.reason}, {"line", item.line}};
    if (item.page > 0) entry["page"] = item.page;
    if (!item.boxes.empty()) entry["boxes"] = boxes_to_json(item.boxes);
    entry["text"] = item.text;
    if (!item.replaced_by.empty()) entry["replaced_by"] = item.replaced_by;
    set_aside.push_back(std::move(entry));
  }
  // A file name from an archive need not be UTF-8: JSON gets U+FFFD there.
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::map<std::string, int> decision_counts(const ExtractReport& report) {
  std::map<std::string, int> counts;
  for (const ReviewItem& item : report.review) ++counts[item.kind];
  for (const SetAside& item : report.set_aside) ++counts[item.reason];
  return counts;
}

std::string report_summary(const ExtractReport& report) {
  std::map<std::string, int> counts;
  for (const ReviewItem& item : report.review) ++counts[item.kind];
  int furniture = 0;
  for (const SetAside& item : report.set_aside) furniture += item.reason == "furniture";
  std::string out = report.input + ": " + std::to_string(report.review.size()) +
                    " decision(s) to review";
  if (!counts.empty()) {
    out += " (";
    bool first = true;
    for (const auto& [kind, count] : counts) {
      out += (first ? "" : ", ") + std::to_string(count) + " " + kind;
      first = false;
    }
    out += ")";
  }
  if (furniture) out += "; " + std::to_string(furniture) + " header/footer line(s) removed";
  out += "\n";
  const size_t shown = std::min<size_t>(report.review.size(), 5);
  for (size_t i = 0; i < shown; ++i) {
    const ReviewItem& item = report.review[i];
    // Where a reader finds it: the page of a PDF (its internal line numbers
    // mean nothing outside), the line of a text.
    std::string place = report.input;
    if (report.input_kind != "text" && item.page > 0) place += ": page " + std::to_string(item.page);
    else if (item.first_line > 0) place += ":" + std::to_string(item.first_line);
    out += "  " + place + ": " + item.kind + ": " + item.message;
    if (!item.excerpt.empty()) out += " [\"" + item.excerpt + "\"]";
    if (!item.element.empty()) out += " at " + item.element;
    out += "\n";
  }
  if (report.review.size() > shown)
    out += "  ... " + std::to_string(report.review.size() - shown) + " more in the report\n";
  for (const std::string& warning : report.warnings) out += report.input + ": warning: " + warning + "\n";
  return out;
}

}  // namespace reissue
