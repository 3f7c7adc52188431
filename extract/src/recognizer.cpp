// The one recognizer every source feeds: its stages, in order.
#include "furniture.h"
#include "inline_marks.h"
#include "hyphenation.h"
#include "letter_spacing.h"
#include "lines_from_source.h"
#include "lookalikes.h"
#include "measure.h"
#include "ocr_cleanup.h"
#include "provenance.h"
#include "reissue/extract_source.h"
#include "reissue/text.h"
#include "review.h"
#include "structure.h"

#include <algorithm>
#include <cstdio>

namespace reissue {

namespace {

std::string figure_file_name(const std::string& folder, size_t index, const std::string& extension) {
  std::string name = folder;
  if (!name.empty() && name.back() != '/') name += '/';
  return name + "figure-" + std::to_string(index + 1) + "." + extension;
}

// Each line with its evidence, for tuning the rules on a new archive.
void trace_lines(const extract::LineSet& set, const extract::Review& review) {
  if (!review.tracing()) return;
  for (const extract::Line& line : set.lines) {
    char evidence[96];
    std::snprintf(evidence, sizeof evidence, "%4d p%d ind=%5.2f slack=%5.2f size=%.2f gap=%5.2f%s%s ", line.number,
                  line.page + 1, line.indent, line.slack, line.size_ratio, line.gap_before,
                  line.bold ? " B" : "", line.centered ? " C" : "");
    review.trace(evidence + (line.is_figure() ? std::string("[figure]") : u32_to_utf8(line.text)));
  }
}

}  // namespace

bool SourceDocument::positioned() const {
  return std::any_of(pages.begin(), pages.end(), [](const SourcePage& page) { return !page.runs.empty(); });
}

ExtractResult extract_source(SourceDocument document, const std::string& name, const ExtractOptions& options) {
  ExtractResult result;
  result.report.input = name;
  result.report.input_kind = document.kind;
  result.report.pages = static_cast<int>(document.pages.size());
  result.report.warnings = std::move(document.warnings);
  extract::Review review(result.report, options.debug);

  extract::LineSet set = extract::lines_from_source(document, review);
  review.quote_from(&set);
  document = SourceDocument();  // its items now live in the lines
  if (!set.has_geometry) extract::remove_letter_spacing(set.lines, review);
  extract::clean_ocr_lines(set.lines, review);
  extract::normalize_lookalikes(set.lines, review);
  extract::remove_control_characters(set.lines, review);
  extract::remove_page_furniture(set, extract::masthead_zone_end(set.lines), review);
  extract::restore_figure_order(set);
  extract::mark_soft_hyphens(set.lines, options.spelling_dictionary, review);
  if (!set.has_geometry) extract::measure_text_lines(set);
  trace_lines(set, review);

  // Figures are named in the order the recognizer keeps them.
  const auto keep_figure = [&](SourceImage& image) {
    std::string path = figure_file_name(options.image_folder, result.images.size(), image.extension);
    result.images.push_back({path, std::move(image.bytes)});
    return path;
  };
  extract::note_line_lengths(set);
  result.issue = extract::recognize_structure(set, review, keep_figure);
  extract::apply_source_marks(set, result.issue);
  extract::locate_review_items(set, result.report.review);
  extract::list_doubtful_ocr_words(set, result.report.review);
  extract::describe_review(set, result.issue, result.report);
  return result;
}

}  // namespace reissue
