// The entry points by input kind: each checks what only its kind can tell,
// runs its source and hands the pages to the one recognizer (recognizer.cpp).
#include "docx_source.h"
#include "ocr_choice.h"
#include "pdf_source.h"
#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/extract_source.h"
#include "text_source.h"

#include <filesystem>

namespace reissue {

namespace {

// "pages 1-5: why; page 7: why": runs of pages with the same trouble.
std::string unreadable_pages(const SourceDocument& source) {
  std::string out;
  const auto& pages = source.pages;
  for (size_t first = 0; first < pages.size();) {
    if (pages[first].unreadable.empty()) {
      ++first;
      continue;
    }
    size_t last = first;
    while (last + 1 < pages.size() && pages[last + 1].unreadable == pages[first].unreadable) ++last;
    if (!out.empty()) out += "; ";
    out += first == last ? "page " + std::to_string(first + 1)
                         : "pages " + std::to_string(first + 1) + "-" + std::to_string(last + 1);
    out += ": " + pages[first].unreadable;
    first = last + 1;
  }
  return out;
}

// One issue's PDF or DOCX is never this large; refused before it is parsed.
void check_size(std::string_view bytes, const std::string& name, std::size_t limit, const char* kind) {
  if (bytes.size() > limit)
    throw ReadError(name, 0, std::string("is too large for one issue's ") + kind + " (" + human_size(bytes.size()) +
                                 "; the limit is " + human_size(limit) + ")");
}

}  // namespace

const char* ocr_name(ExtractOptions::Ocr mode) {
  switch (mode) {
    case ExtractOptions::Ocr::always: return "always";
    case ExtractOptions::Ocr::never: return "never";
    case ExtractOptions::Ocr::automatic: break;
  }
  return "auto";
}

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

ExtractResult extract_pdf(std::string_view bytes, const std::string& name, const ExtractOptions& options) {
  check_size(bytes, name, options.max_pdf_bytes, "PDF");
  extract::PdfLimits limits;
  limits.max_pages = options.max_pages;
  SourceDocument source = extract::read_pdf(bytes, name, limits);
  // Scans, unreadable pages and OCR'd scans whose layer a fresh reading beats
  // are read by OCR (unless options.ocr says never).
  extract::read_pages_by_ocr(bytes, name, source, options);
  // Text that does not decode is never returned as a success: without OCR
  // the user goes back to the PDF before the rewrite.
  if (const std::string unreadable = unreadable_pages(source); !unreadable.empty())
    throw NoTextLayer(name, 0,
                      "no text layer that can be trusted: " + unreadable +
                          ". Run OCR on these pages, or use the original PDF (before Ghostscript or ps2pdf rewrote it)");
  // What the review says about each page's text: help it needed, OCR.
  std::vector<ReviewItem> notes;
  const auto note = [&](size_t index, const std::string& kind, const std::string& message) {
    ReviewItem item;
    item.kind = kind;
    item.page = static_cast<int>(index) + 1;
    item.message = "page " + std::to_string(item.page) + ": " + message;
    const SourcePage& page = source.pages[index];
    if (kind == "ocr" && page.width > 0) item.boxes.push_back({item.page, {0, 0, page.width, page.height}});
    notes.push_back(std::move(item));
  };
  for (size_t i = 0; i < source.pages.size(); ++i) {
    if (!source.pages[i].text_note.empty()) note(i, "text-layer", source.pages[i].text_note);
    if (!source.pages[i].ocr_reason.empty()) note(i, "ocr", source.pages[i].ocr_reason);
  }
  size_t runs = 0, images = 0;
  bool read_by_ocr = false;
  for (const SourcePage& page : source.pages)
    runs += page.runs.size(), images += page.images.size(), read_by_ocr = read_by_ocr || !page.ocr_reason.empty();
  if (runs == 0)
    throw NoTextLayer(name, 0,
                      "no text layer: none of the PDF's " + std::to_string(source.pages.size()) + " page(s) has text" +
                          (read_by_ocr ? ", and OCR read none" : images ? " (only images: a scan?); run OCR first" : ""));
  ExtractResult result = extract_source(std::move(source), name, options);
  for (ReviewItem& item : notes) result.report.review.push_back(std::move(item));
  return result;
}

ExtractResult extract_text(std::string_view bytes, const std::string& name, const ExtractOptions& options) {
  if (bytes.size() > options.max_bytes)
    throw ReadError(name, 0, "is too large for one issue's text (" + human_size(bytes.size()) + "; the limit is " +
                                 human_size(options.max_bytes) +
                                 ", an issue is usually under 1 MiB): give one file per issue");
  if (bytes.empty()) throw ReadError(name, 0, "file is empty");
  const extract::DecodedText decoded = extract::decode_text(bytes, name, options.encoding);
  ExtractResult result = extract_source(extract::text_source(decoded.utf8(), name), name, options);
  result.report.encoding = decoded.encoding;
  return result;
}

ExtractResult extract_docx(std::string_view bytes, const std::string& name, const ExtractOptions& options) {
  check_size(bytes, name, options.max_pdf_bytes, "DOCX");
  extract::DocxLimits limits;
  limits.max_text = options.max_bytes;
  SourceDocument source = extract::docx_source(bytes, name, limits);
  if (source.lines.empty()) throw ReadError(name, 0, "the document holds no text");
  return extract_source(std::move(source), name, options);
}

bool looks_like_docx(std::string_view bytes) { return extract::looks_like_zip(bytes); }

InputLimit input_limit(std::string_view head, const ExtractOptions& options) {
  if (looks_like_pdf(head)) return {options.max_pdf_bytes, "one issue's PDF", ""};
  if (looks_like_docx(head)) return {options.max_pdf_bytes, "one issue's DOCX", ""};
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
  if (looks_like_docx(bytes)) return extract_docx(bytes, name, options);
  std::string extension = std::filesystem::path(name).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".docx")
    throw ReadError(name, 0, "is named .docx but is not a ZIP package (a DOCX is one): damaged or mislabelled");
  if (extension == ".pdf") throw ReadError(name, 0, "is named .pdf but is not a PDF (no %PDF- header): damaged or mislabelled");
  if (looks_like_xml(bytes))
    throw ReadError(name, 0, "is an XML file, not a PDF or a text extracted from one: an issue XML needs no "
                             "extraction (check it with `reissue validate`, publish it with `reissue repair`)");
  return extract_text(bytes, name, options);
}

}  // namespace reissue
