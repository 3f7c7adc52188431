#include "reissue/repair.h"

#include "reissue/atomic_file.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/figure_set.h"
#include "reissue/fonts.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"
#include "reissue/typeset.h"
#include "status.h"
#include "workers.h"


#include <map>
#include <set>

namespace reissue {

namespace fs = std::filesystem;

namespace {

// The figures' images (src -> bytes) in the order the outputs list them.
using Images = std::vector<std::pair<std::string, std::string>>;

// What a repair reads from its input: the issue, its figures' images and the
// extraction's review.
struct Recovered {
  Issue issue;
  Images images;
  std::string review = "{}\n";
};

// Issue XML (an editor's new issue): validated, then published as it is.
// Its figure images come along into the output folder.
Recovered read_xml_input(const fs::path& input, const std::string& bytes, const std::string& name,
                         RepairResult& result) {
  LoadResult loaded = load_issue_from_memory(bytes, name);
  if (!loaded.ok()) {
    const Problem first = loaded.problems.empty() ? Problem{0, "not a valid issue"} : loaded.problems.front();
    throw Error(name, first.line, first.message);
  }
  Recovered recovered{std::move(*loaded.issue), {}, "{}\n"};
  result.kind = "xml";
  std::set<std::string> seen;
  for (const Article& article : recovered.issue.articles)
    for (const Block& block : article.blocks)
      if (!block.image.empty() && seen.insert(block.image).second)
        recovered.images.push_back({block.image, read_file_limited(issue_folder(input) / block.image, 64u << 20)});
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
  result.summary = report_summary(extracted.report);
  Recovered recovered{std::move(extracted.issue), {}, report_to_json(extracted.report)};
  for (ExtractedImage& image : extracted.images) recovered.images.push_back({image.path, std::move(image.bytes)});
  return recovered;
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
  if (options.pdf) status.typeset_pages = typeset_pages;
  for (const auto& [file, content] : result.files) status.files[file] = content_key(content);
  return batch::status_json(status);
}

}  // namespace

RepairResult repair_issue(const fs::path& input, const RepairOptions& options) {
  const std::string name = options.name.empty() ? input.string() : options.name;
  ExtractOptions extract;
  extract.encoding = options.encoding;
  extract.image_folder = "images";
  extract.ocr = options.ocr;
  extract.ocr_threads = options.parallel ? 0 : 1;
  const std::string bytes = read_file_limited(input, [&](std::string_view head) {
    if (looks_like_xml(head) && !looks_like_pdf(head)) return InputLimit{XmlLimits().max_bytes, "an issue XML", ""};
    return input_limit(head, extract);
  });
  RepairResult result;
  Recovered recovered = looks_like_xml(bytes) && !looks_like_pdf(bytes)
                            ? read_xml_input(input, bytes, name, result)
                            : extract_input(bytes, name, extract, result);
  result.articles = static_cast<int>(recovered.issue.articles.size());

  if (options.xml) {  // figures travel with the XML only
    result.files = recovered.images;
    result.files.push_back({"issue.xml", write_issue_xml(recovered.issue)});
  }
  const int typeset_pages = publish(recovered, name, options, result);
  result.files.push_back({"review.json", recovered.review});
  result.files.push_back({"status.json", status_for(name, options, result, typeset_pages)});
  return result;
}

std::string foreign_to_repair(const fs::path& folder) {
  const std::optional<batch::RepairStatus> status = batch::read_status(folder);
  std::error_code error;
  if (!status) {  // not a repair's: name something in it
    for (const auto& entry : fs::directory_iterator(folder, error)) return entry.path().filename().string();
    return "";
  }
  // Only what the repair wrote: a file added by hand (notes, a correction
  // beside the outputs) makes it the user's folder.
  for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    const std::string relative = it->path().lexically_relative(folder).generic_string();
    if (!it->is_directory(error) && relative != "status.json" && !status->files.count(relative)) return relative;
  }
  return error ? "a part that cannot be read" : "";
}

bool is_repair_folder(const fs::path& folder) { return batch::read_status(folder).has_value(); }

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
