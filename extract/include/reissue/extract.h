// Recovering an issue from a PDF or from text extracted from one.
//
//   source (Poppler: positioned runs and images; a text file: lines)
//     -> lines -> page furniture removed -> blocks (repair rules)
//     -> structure recognizer -> reissue::Issue, each part with its provenance
//
// Every source feeds the same stages from "lines" on (extract_source.h).
#pragma once

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/issue.h"
#include "reissue/issue_xml.h"

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace reissue {

// A decision the extractor was not sure about, for an archivist to review.
struct ReviewItem {
  std::string kind;  // "latin-join", "paragraph-boundary", "unrecognized-line", "inferred", ...
  int first_line = 0;  // input lines (text) or running line numbers (PDF)
  int last_line = 0;
  std::string message;
  int page = 0;                 // 1-based page of first_line; 0: unknown
  std::vector<PageBox> boxes;   // PDF: where those lines are printed, a box a page
  std::string excerpt;          // the text of those lines as read, shortened
  std::string element;          // XPath of the issue.xml element it is about (issue_parts.h); "" if none
};

// What the extractor set aside as not being content, so that nothing is lost
// silently: structural labels (来源：), brackets around sources, page furniture,
// a hyphen that only broke a word at a line end; and characters it replaced by
// what the newsletter prints (a look-alike: ・ for ·), with their replacement.
struct SetAside {
  std::string reason;  // "label", "furniture", "bracket", "number", "date", "hyphen", "look-alike"
  int line = 0;
  std::string text;
  std::string replaced_by;  // what stands in the text instead; empty: nothing
  int page = 0;               // 1-based page it was on; 0: unknown
  std::vector<PageBox> boxes; // PDF: where it was printed
};

struct ExtractReport {
  std::string input;                // file name
  std::string input_kind;           // "text", "pdf" or "docx"
  std::string encoding;             // text input: the encoding used
  int pages = 0;
  std::vector<ReviewItem> review;   // uncertain decisions
  std::vector<std::string> warnings;
  std::vector<SetAside> set_aside;
  // What makes the recovered issue untrustworthy as a whole (the input holds
  // more than one issue): the XML is still written, but not as a success.
  std::vector<Problem> contradictions;
};

// A figure image recovered from a PDF, to be written at `path` (relative to
// the issue XML, as the figure's src says).
struct ExtractedImage {
  std::string path;
  std::string bytes;  // JPEG as embedded, or PNG
};

struct ExtractResult {
  Issue issue;
  ExtractReport report;
  std::vector<ExtractedImage> images;
};

// Receives the extractor's reasoning, one line of text a call, for tuning the
// rules on a new archive: each line's measured evidence, every paragraph
// boundary. Unset, nothing is formatted; the library itself never prints.
using ExtractDebug = std::function<void(const std::string&)>;

struct ExtractOptions {
  // Text input: an ICU converter name ("UTF-8", "GB18030", "GBK"); empty means
  // detect (BOM, then strict UTF-8, then GB18030).
  std::string encoding;
  // One issue's text is ~100 KB; more than this is many issues run together
  // (or not an issue), refused up front rather than recognized as one.
  std::size_t max_bytes = 16u * 1024 * 1024;
  // PDF input: folder, relative to the XML, for figure images ("issue_images/").
  std::string image_folder = "images";
  int max_pages = 2000;
  std::size_t max_pdf_bytes = 512u * 1024 * 1024;
  ExtractDebug debug;
  // A Hunspell dictionary (PATH.aff, PATH.dic) that tells a Latin word the
  // layout hyphenated at a line end (En-doscopy) from a hyphenated compound
  // (AI-driven). Missing: every such hyphen is kept, with a warning.
  std::string spelling_dictionary = "/usr/share/hunspell/en_US";
  // PDF input: when to read pages by OCR (Tesseract on the page rendered by
  // Poppler). automatic: pages without text, pages whose text layer is
  // unreadable, and OCR'd scans whose invisible text is worse than a fresh
  // reading; always: every page; never: no OCR (such pages are refused, exit 4).
  enum class Ocr { automatic, always, never };
  Ocr ocr = Ocr::automatic;
  // Pages read by OCR at once (one Tesseract thread each); 0: one per core, at most 8.
  int ocr_threads = 0;
};

// The names `--ocr` and the batch settings use: "auto", "always", "never".
const char* ocr_name(ExtractOptions::Ocr mode);

// Text as produced by pdftotext (hard-wrapped, or one paragraph per line).
// Throws ReadError when the bytes cannot be decoded as text.
ExtractResult extract_text(std::string_view bytes, const std::string& name,
                           const ExtractOptions& options = {});

// A PDF, read with Poppler: geometry tells paragraphs, headings and captions
// apart; figures come back as images. Throws ReadError for what cannot be read
// (not a PDF, damaged, needs a password, no pages) and NoTextLayer for scans
// and for pages whose text does not decode to Unicode (fonts without a map).
ExtractResult extract_pdf(std::string_view bytes, const std::string& name,
                          const ExtractOptions& options = {});

// A Word document (DOCX, WordprocessingML), read with libzip and libxml2 as
// untrusted input (limits on entries, sizes and compression ratio; no DTD or
// entities): each paragraph a line with the evidence its styles give, into
// the same recognizer. Throws ReadError for what cannot be read (not a ZIP,
// not a Word document, encrypted, a limit broken, a damaged part).
ExtractResult extract_docx(std::string_view bytes, const std::string& name,
                           const ExtractOptions& options = {});

// PDF, DOCX or text, told apart by content (a %PDF- header, a ZIP package),
// not by the file name; but a file named .pdf or .docx that is not one is a
// damaged or mislabelled file (ReadError), not text, and an issue XML is
// refused (it needs no extraction).
ExtractResult extract_document(std::string_view bytes, const std::string& name,
                               const ExtractOptions& options = {});
bool looks_like_pdf(std::string_view bytes);
bool looks_like_docx(std::string_view bytes);  // a ZIP archive; extract_docx says whether it is a DOCX

// Reads an input for extract_document ("-": standard input) under the limit
// of its kind, told from its first bytes: a text over `max_bytes` is refused
// after that many bytes, not read whole. Throws ReadError naming the limit.
std::string read_document(const std::filesystem::path& path, const ExtractOptions& options = {});
// The limit read_document applies to an input that starts with `head`.
InputLimit input_limit(std::string_view head, const ExtractOptions& options = {});
// An XML document (an issue XML): "<?xml" or a root element first.
bool looks_like_xml(std::string_view bytes);

// The PDF has pages but no text on them (an image-only scan).
class NoTextLayer : public ReadError {
 public:
  using ReadError::ReadError;
  ExitStatus status() const override { return ExitStatus::no_text_layer; }
};

// Where the figures of an issue XML written to `xml_output` go (its figure
// srcs name the folder): NAME_images/ beside the XML, beside the file a link
// names; for a stream ("-", a FIFO, a device), INPUT_images/ in the current
// folder ("stdin_images" for "-"). Always a UTF-8 name, since the XML holds it.
std::filesystem::path figure_folder_for(const std::filesystem::path& xml_output, const std::filesystem::path& input);

// Writes what extraction produced: the figures into `figure_folder` (an
// existing folder is replaced only when it holds nothing but earlier
// figure-N files; an earlier one is removed when there are no figures now
// and the XML goes to a file), then the XML. Nothing beside the XML when it
// goes to /dev/null. Throws WriteError.
void write_extracted(const std::filesystem::path& xml_output, const std::string& xml,
                     const std::vector<ExtractedImage>& images, const std::filesystem::path& figure_folder);

// The review report as JSON (stable key order, UTF-8).
std::string report_to_json(const ExtractReport& report);

// Every decision of the report by kind: review items by their kind, set-aside
// text by its reason (the review page shows each one; batch reports count them).
std::map<std::string, int> decision_counts(const ExtractReport& report);

// A one-paragraph summary for stderr: counts by kind, the first few items.
std::string report_summary(const ExtractReport& report);

}  // namespace reissue
