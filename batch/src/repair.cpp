#include "reissue/repair.h"

#include "reissue/atomic_file.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/figure_set.h"
#include "reissue/fonts.h"
#include "reissue/issue_parts.h"
#include "reissue/issue_xml.h"
#include "reissue/review_page.h"
#include "reissue/text.h"
#include "reissue/typeset.h"
#include "status.h"
#include "workers.h"


#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace reissue {

namespace fs = std::filesystem;

namespace {

// The figures' images (src -> bytes) in the order the outputs list them.
using Images = std::vector<std::pair<std::string, std::string>>;

// What a repair reads from its input: the issue, its figures' images, the
// extraction's review and, when the issue is an archivist's correction, its
// XML as they wrote it (kept byte for byte).
struct Recovered {
  Issue issue;
  Images images;
  std::optional<ExtractReport> report;  // none for issue XML input
  std::string corrected_xml;            // non-empty: the issue is this correction
  std::string extraction_failure;       // a correction of an input that no longer extracts
};

// The figures an issue names, read from the folder its XML lives in.
Images read_figures_of(const Issue& issue, const fs::path& folder) {
  Images images;
  std::set<std::string> seen;
  for (const Article& article : issue.articles)
    for (const Block& block : article.blocks)
      if (!block.image.empty() && seen.insert(block.image).second)
        images.push_back({block.image, read_file_limited(folder / block.image, 64u << 20)});
  return images;
}

// Issue XML (an editor's new issue): validated, then published as it is.
// Its figure images come along into the output folder.
Issue load_valid_issue(const std::string& bytes, const std::string& name) {
  LoadResult loaded = load_issue_from_memory(bytes, name);
  if (!loaded.ok()) {
    const Problem first = loaded.problems.empty() ? Problem{0, "not a valid issue"} : loaded.problems.front();
    throw Error(name, first.line, first.message);
  }
  return std::move(*loaded.issue);
}

Recovered read_xml_input(const fs::path& input, const std::string& bytes, const std::string& name,
                         RepairResult& result) {
  Recovered recovered;
  recovered.issue = load_valid_issue(bytes, name);
  result.kind = "xml";
  recovered.images = read_figures_of(recovered.issue, issue_folder(input));
  return recovered;
}

// A PDF or text: extracted, and the recovered structure checked like an editor's file.
Recovered extract_input(const std::string& bytes, const std::string& name, const ExtractOptions& options,
                        RepairResult& result) {
  ExtractResult extracted = extract_document(bytes, name, options);
  std::vector<Problem> problems = extracted.report.contradictions;
  for (Problem& problem : check_semantics(extracted.issue)) problems.push_back(std::move(problem));
  if (!problems.empty())
    throw Error(name, problems.front().line, "the recovered structure is not valid: " + problems.front().message);
  result.kind = extracted.report.input_kind;
  result.pages = extracted.report.pages;
  result.warnings = static_cast<int>(extracted.report.warnings.size());
  result.uncertain = static_cast<int>(extracted.report.review.size());
  result.decisions = decision_counts(extracted.report);
  result.summary = report_summary(extracted.report);
  Recovered recovered{std::move(extracted.issue), {}, std::move(extracted.report), "", ""};
  for (ExtractedImage& image : extracted.images) recovered.images.push_back({image.path, std::move(image.bytes)});
  return recovered;
}

// The issue.xml an archivist corrected in an earlier repair's folder: one
// that differs from what that repair wrote, or that it already published as
// a correction. Nothing when there is no earlier repair or no issue.xml (a
// removed issue.xml asks for a fresh extraction).
std::optional<std::string> correction_in(const fs::path& folder) {
  if (folder.empty()) return std::nullopt;
  const std::optional<batch::RepairStatus> status = batch::read_status(folder);
  std::error_code error;
  if (!status || !fs::exists(folder / "issue.xml", error)) return std::nullopt;
  std::string xml = read_file_limited(folder / "issue.xml", XmlLimits().max_bytes);
  const auto written = status->files.find("issue.xml");
  if (status->corrected || written == status->files.end() || written->second != content_key(xml)) return xml;
  return std::nullopt;
}

// Parts of the corrected issue the archivist left as extracted keep their
// place in the input (for the review page); changed or added ones have none.
// Matched by element and text, in document order.
void carry_provenance(Issue& corrected, const Issue& extracted) {
  const std::vector<IssuePart> from = issue_parts(extracted);
  size_t next = 0;
  for (const IssuePart& part : issue_parts(corrected)) {
    auto same = [&](const IssuePart& other) { return other.element == part.element && other.text == part.text; };
    auto found = std::find_if(from.begin() + static_cast<long>(next), from.end(), same);
    if (found == from.end()) found = std::find_if(from.begin(), from.end(), same);
    // The parts belong to `corrected`, which this function may change.
    Provenance& place = const_cast<Provenance&>(*part.provenance);
    if (found == from.end()) {
      place = Provenance();
      continue;
    }
    place = *found->provenance;
    next = static_cast<size_t>(found - from.begin()) + 1;
  }
}

// The correction replaces what was recovered: its issue, its figures (from
// the folder, where the archivist may have changed them) and its bytes.
void use_correction(std::string xml, const fs::path& folder, Recovered& recovered, RepairResult& result) {
  const std::string name = (folder / "issue.xml").string();
  Issue issue;
  try {
    issue = load_valid_issue(xml, name);
  } catch (const Error& invalid) {
    throw Error(invalid.file(), invalid.line(),
                invalid.message() + " (this issue.xml was corrected by hand after the last repair: fix it, or run "
                                    "again with --discard-corrections to extract the input anew)");
  }
  carry_provenance(issue, recovered.issue);
  recovered.images = read_figures_of(issue, folder);
  recovered.issue = std::move(issue);
  recovered.corrected_xml = std::move(xml);
  result.corrected = true;
  result.summary += name + ": kept as corrected by hand; the PDF, DOCX and review were made from it " +
                    "(--discard-corrections extracts the input again)\n";
}

// The PDF and DOCX, written from the images in memory: nothing goes through
// the disk. Returns the PDF's page count.
int publish(const Recovered& recovered, const std::string& name, const RepairOptions& options,
            RepairResult& result) {
  if (!options.pdf && !options.docx) return 0;
  const Style& style = options.style ? *options.style : default_style();
  const Figures figures =
      figures_from_memory(recovered.issue, std::map<std::string, std::string>(recovered.images.begin(),
                                                                              recovered.images.end()));
  int typeset_pages = 0;
  if (options.pdf) {
    TypesetReport report;
    TypesetOptions typeset;
    typeset.issue_name = name;
    typeset.parallel = options.parallel;
    typeset.pdfa = options.pdfa;
    FontLibrary own_fonts;
    FontLibrary& fonts = options.fonts ? *options.fonts : own_fonts;
    result.files.push_back({"issue.pdf", typeset_pdf(recovered.issue, style, figures, fonts, &report, typeset)});
    typeset_pages = report.pages;
    // Characters no font has are drawn as U+FFFD: a loss the report must show.
    if (!report.uncovered.empty()) {
      ++result.warnings;
      result.summary += name + ": warning: no installed font has these characters (drawn as U+FFFD in the PDF): " +
                        u32_to_utf8(report.uncovered) + "\n";
    }
  }
  if (options.docx) result.files.push_back({"issue.docx", write_docx(recovered.issue, style, figures)});
  return typeset_pages;
}

// What the folder holds, so that a later run can tell it is still whole.
std::string status_for(const std::string& name, const RepairOptions& options, const RepairResult& result,
                       int typeset_pages) {
  batch::RepairStatus status;
  status.input = name;
  status.key = options.key;
  status.kind = result.kind;
  status.pages = result.pages;
  status.articles = result.articles;
  status.warnings = result.warnings;
  status.uncertain = result.uncertain;
  status.decisions = result.decisions;
  status.corrected = result.corrected;
  if (options.pdf) status.typeset_pages = typeset_pages;
  for (const auto& [file, content] : result.files) status.files[file] = content_key(content);
  return batch::status_json(status);
}

// The review report as written: the extraction's, saying when the issue
// published is a correction (its decisions then describe the extraction).
std::string review_json(const Recovered& recovered) {
  if (!recovered.report) return "{}\n";
  std::string json = report_to_json(*recovered.report);
  if (!recovered.corrected_xml.empty()) {
    auto parsed = nlohmann::ordered_json::parse(json);
    parsed["corrected"] = true;
    if (!recovered.extraction_failure.empty()) parsed["extraction_failure"] = recovered.extraction_failure;
    json = parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  return json;
}

}  // namespace

RepairResult repair_issue(const fs::path& input, const RepairOptions& options) {
  const std::string name = options.name.empty() ? input.string() : options.name;
  ExtractOptions extract;
  extract.encoding = options.encoding;
  extract.image_folder = "images";
  extract.ocr = options.ocr;
  extract.ocr_threads = options.parallel ? 0 : 1;
  std::optional<std::string> correction;
  if (!options.discard_corrections) correction = correction_in(options.folder);
  const std::string bytes = read_file_limited(input, [&](std::string_view head) {
    if (looks_like_xml(head) && !looks_like_pdf(head)) return InputLimit{XmlLimits().max_bytes, "an issue XML", ""};
    return input_limit(head, extract);
  });
  RepairResult result;
  Recovered recovered;
  if (looks_like_xml(bytes) && !looks_like_pdf(bytes)) {
    recovered = read_xml_input(input, bytes, name, result);
  } else {
    try {
      recovered = extract_input(bytes, name, extract, result);
    } catch (const Error& failure) {
      // A correction does not need the input extracted again: it is published
      // with the failure noted instead of the review.
      if (!correction) throw;
      recovered.extraction_failure = failure.what();
      result.summary += std::string(failure.what()) + "\n";
    }
  }
  if (correction) use_correction(std::move(*correction), options.folder, recovered, result);
  result.articles = static_cast<int>(recovered.issue.articles.size());

  // Figures travel with the XML only; a correction is never left behind.
  if (options.xml || result.corrected) {
    result.files = recovered.images;
    result.files.push_back(
        {"issue.xml", result.corrected ? recovered.corrected_xml : write_issue_xml(recovered.issue)});
  }
  const int typeset_pages = publish(recovered, name, options, result);
  if (recovered.report) {
    // The review page: the original's pages beside what is published.
    ReviewPageOptions page;
    page.threads = options.parallel ? 0 : 1;
    page.corrected = result.corrected;
    page.encoding = options.encoding;
    page.display_name = name;
    result.files.push_back({"review.html", review_page_html(recovered.issue, *recovered.report, bytes, page)});
  }
  result.files.push_back({"review.json", review_json(recovered)});
  result.files.push_back({"status.json", status_for(name, options, result, typeset_pages)});
  return result;
}

namespace {

// The figures a corrected issue.xml names: the archivist may have added them,
// and they are part of the correction, not a stranger's files.
std::set<std::string> figures_of_correction(const fs::path& folder) {
  std::set<std::string> figures;
  try {
    const std::optional<std::string> xml = correction_in(folder);
    if (!xml) return figures;
    const LoadResult loaded = load_issue_from_memory(*xml, "issue.xml");
    if (!loaded.issue) return figures;
    for (const auto& [src, bytes] : read_figures_of(*loaded.issue, folder)) figures.insert(src);
  } catch (const Error&) {
    // An unreadable correction is reported by the repair itself.
  }
  return figures;
}

}  // namespace

std::string foreign_to_repair(const fs::path& folder) {
  const std::optional<batch::RepairStatus> status = batch::read_status(folder);
  std::error_code error;
  if (!status) {  // not a repair's: name something in it
    for (const auto& entry : fs::directory_iterator(folder, error)) return entry.path().filename().string();
    return "";
  }
  // Only what the repair wrote (and figures a correction added): a file added
  // by hand (notes, a second version beside the outputs) makes it the user's folder.
  const std::set<std::string> corrected_figures = figures_of_correction(folder);
  for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    const std::string relative = it->path().lexically_relative(folder).generic_string();
    if (!it->is_directory(error) && relative != "status.json" && !status->files.count(relative) &&
        !corrected_figures.count(relative))
      return relative;
  }
  return error ? "a part that cannot be read" : "";
}

bool is_repair_folder(const fs::path& folder) { return batch::read_status(folder).has_value(); }

bool holds_correction(const fs::path& folder) {
  try {
    return correction_in(folder).has_value();
  } catch (const Error&) {
    return true;  // an issue.xml that cannot be read is not replaced either
  }
}

void write_repair(const fs::path& folder, const RepairResult& result) {
  // Never replace a folder of the user's: only an empty one or an earlier repair.
  write_directory_atomically(folder, result.files, foreign_to_repair);
}

std::string recorded_key(const fs::path& folder) {
  const std::optional<batch::RepairStatus> status = batch::read_status(folder);
  if (!status) return "";
  // Every file the run wrote must still be there as it wrote it.
  try {
    for (const auto& [file, digest] : status->files)
      if (content_key(read_file_limited(folder / file, std::size_t{1} << 30)) != digest) return "";
  } catch (const Error&) {
    return "";
  }
  return status->key;
}

}  // namespace reissue
