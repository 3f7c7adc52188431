// The PDF path: Poppler -> lines with geometry -> furniture -> structure, then
// figures and link annotations are attached.
#include "furniture.h"
#include "pdf_layout.h"
#include "pdf_source.h"
#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/text.h"
#include "structure.h"

#include <filesystem>

#include <cstdio>
#include <cstdlib>

namespace reissue {

namespace {

// REISSUE_DEBUG_PDF=1 prints each line with its evidence (for tuning on new archives).
void dump_lines(const extract::LineSet& set, const extract::PdfLayoutStats& stats) {
  if (!std::getenv("REISSUE_DEBUG_PDF")) return;
  std::fprintf(stderr, "body %.2fpt margins %.1f..%.1f leading %.2f measure %.1fem\n", stats.body_size,
               stats.left_margin, stats.right_margin, stats.leading, set.full_width);
  for (const extract::Line& line : set.lines)
    std::fprintf(stderr, "%4d p%d ind=%5.2f slack=%5.2f size=%.2f gap=%5.2f%s%s %s\n", line.number, line.page,
                 line.indent.value_or(0), line.slack, line.size_ratio, line.gap_before, line.bold ? " B" : "",
                 line.centered ? " C" : "", u32_to_utf8(line.text).c_str());
}

std::string figure_file_name(const std::string& folder, size_t index, const std::string& extension) {
  std::string name = folder;
  if (!name.empty() && name.back() != '/') name += '/';
  return name + "figure-" + std::to_string(index + 1) + "." + extension;
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

ExtractResult extract_pdf(std::string_view bytes, const std::string& name, const ExtractOptions& options) {
  if (bytes.size() > options.max_pdf_bytes)
    throw ReadError(name, 0, "is too large for one issue's PDF (" + human_size(bytes.size()) + "; the limit is " +
                                 human_size(options.max_pdf_bytes) + ")");
  extract::PdfLimits limits;
  limits.max_pages = options.max_pages;
  const extract::PdfContent content = extract::read_pdf(bytes, name, limits);

  ExtractResult result;
  result.report.input = name;
  result.report.input_kind = "pdf";
  result.report.pages = static_cast<int>(content.pages.size());
  for (const std::string& warning : content.warnings) result.report.warnings.push_back(warning);
  size_t text_lines = 0, images = 0;
  for (const extract::PdfPage& page : content.pages) text_lines += page.lines.size(), images += page.images.size();
  if (text_lines == 0)
    throw NoTextLayer(name, 0,
                      "no text layer: none of the PDF's " + std::to_string(content.pages.size()) +
                          " page(s) has text" + (images ? " (only images: a scan?); run OCR first" : ""));
  extract::Review review(result.report);
  std::vector<const extract::PdfImage*> figures;
  extract::PdfLayoutStats stats;
  extract::LineSet set = extract::lines_from_pdf(content, figures, &stats);
  extract::remove_control_characters(set.lines, review);
  dump_lines(set, stats);
  set.running_signatures =
      extract::remove_page_furniture(set.lines, extract::masthead_zone_end(set.lines), review);
  result.issue = extract::recognize_structure(set, review);

  // Figures: the recognizer left "#N" for image N; give each its file.
  for (Article& article : result.issue.articles)
    for (Block& block : article.blocks) {
      if (block.kind != BlockKind::figure || block.image.empty() || block.image[0] != '#') continue;
      const size_t index = std::stoul(block.image.substr(1));
      const extract::PdfImage* image = figures.at(index);
      block.image = figure_file_name(options.image_folder, result.images.size(), image->extension);
      result.images.push_back({block.image, image->bytes});
    }
  return result;
}

InputLimit input_limit(std::string_view head, const ExtractOptions& options) {
  if (looks_like_pdf(head)) return {options.max_pdf_bytes, "one issue's PDF", ""};
  return {options.max_bytes, "one issue's text", "an issue is usually under 1 MiB; give one file per issue"};
}

std::string read_document(const std::filesystem::path& path, const ExtractOptions& options) {
  return read_file_limited(path, [&](std::string_view head) { return input_limit(head, options); });
}

bool looks_like_xml(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const size_t start = bytes.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos &&
         (bytes.substr(start, 5) == "<?xml" || bytes.substr(start, 6) == "<issue");
}

ExtractResult extract_document(std::string_view bytes, const std::string& name, const ExtractOptions& options) {
  if (looks_like_pdf(bytes)) return extract_pdf(bytes, name, options);
  std::string extension = std::filesystem::path(name).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".pdf") throw ReadError(name, 0, "is named .pdf but is not a PDF (no %PDF- header): damaged or mislabelled");
  if (looks_like_xml(bytes))
    throw ReadError(name, 0, "is an XML file, not a PDF or a text extracted from one: an issue XML needs no "
                             "extraction (check it with `reissue validate`, publish it with `reissue repair`)");
  return extract_text(bytes, name, options);
}

}  // namespace reissue
