#include "reissue/repair.h"

#include "reissue/atomic_file.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/issue_xml.h"
#include "reissue/text.h"
#include "reissue/typeset.h"
#include "status.h"
#include "workers.h"


#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <set>

namespace reissue {

namespace fs = std::filesystem;

namespace {

// Issue XML (an editor's new issue): validated, then published as it is.
// Its figure images come along into the output folder.
void read_xml_input(const fs::path& input, const std::string& bytes, const std::string& name, Issue& issue,
                    RepairResult& result) {
  LoadResult loaded = load_issue_from_memory(bytes, name);
  if (!loaded.ok()) {
    const Problem first = loaded.problems.empty() ? Problem{0, "not a valid issue"} : loaded.problems.front();
    throw Error(name, first.line, first.message);
  }
  issue = std::move(*loaded.issue);
  result.kind = "xml";
  for (const Article& article : issue.articles)
    for (const Block& block : article.blocks)
      if (!block.image.empty())
        result.files.push_back({block.image, read_file_limited(issue_folder(input) / block.image, 64u << 20)});
}

}  // namespace

RepairResult repair_issue(const fs::path& input, const RepairOptions& options) {
  const std::string name = options.name.empty() ? input.string() : options.name;
  ExtractOptions extract;
  extract.encoding = options.encoding;
  extract.image_folder = "images";
  const std::string bytes = read_file_limited(input, [&](std::string_view head) {
    if (looks_like_xml(head) && !looks_like_pdf(head)) return InputLimit{XmlLimits().max_bytes, "an issue XML", ""};
    return input_limit(head, extract);
  });
  RepairResult result;
  Issue issue;
  std::string review = "{}\n";
  if (looks_like_xml(bytes) && !looks_like_pdf(bytes)) {
    read_xml_input(input, bytes, name, issue, result);
  } else {
    ExtractResult extracted = extract_document(bytes, name, extract);
    // The extractor's output is checked like an editor's file.
    std::vector<Problem> problems = extracted.report.contradictions;
    for (Problem& problem : check_semantics(extracted.issue)) problems.push_back(std::move(problem));
    if (!problems.empty())
      throw Error(name, problems.front().line, "the recovered structure is not valid: " + problems.front().message);
    issue = std::move(extracted.issue);
    result.kind = extracted.report.input_kind;
    result.pages = extracted.report.pages;
    result.warnings = static_cast<int>(extracted.report.warnings.size());
    result.uncertain = static_cast<int>(extracted.report.review.size());
    result.summary = report_summary(extracted.report);
    review = report_to_json(extracted.report);
    for (ExtractedImage& image : extracted.images) result.files.push_back({image.path, std::move(image.bytes)});
  }
  result.articles = static_cast<int>(issue.articles.size());

  // Figures are read from the files gathered so far, through a scratch folder
  // the writers can open (they read images relative to the issue).
  const Style& style = options.style ? *options.style : default_style();
  const fs::path scratch_parent = options.scratch_parent.empty() ? fs::temp_directory_path() : options.scratch_parent;
  const std::string scratch_pattern = (scratch_parent / "reissue-repair-XXXXXX").string();
  std::vector<char> scratch_name(scratch_pattern.begin(), scratch_pattern.end());
  scratch_name.push_back('\0');
  if (!::mkdtemp(scratch_name.data()))
    throw Error(scratch_pattern, 0, std::string("cannot create a scratch folder: ") + std::strerror(errno));
  const fs::path scratch(scratch_name.data());
  struct Cleanup {
    fs::path path;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } cleanup{scratch};
  for (const auto& [file, content] : result.files) {
    fs::create_directories((scratch / file).parent_path());
    write_file_atomically(scratch / file, content);
  }
  if (!options.xml) result.files.clear();  // figures travel with the XML only

  int typeset_pages = 0;
  if (options.xml) result.files.push_back({"issue.xml", write_issue_xml(issue)});
  if (options.pdf) {
    TypesetReport report;
    TypesetOptions typeset;
    typeset.issue_name = name;
    typeset.parallel = options.parallel;
    result.files.push_back({"issue.pdf", typeset_pdf(issue, style, scratch, &report, typeset)});
    typeset_pages = report.pages;
    // Characters no font has are drawn as U+FFFD: a loss the report must show.
    if (!report.uncovered.empty()) {
      ++result.warnings;
      result.summary += name + ": warning: no installed font has these characters (drawn as U+FFFD in the PDF): " +
                        u32_to_utf8(report.uncovered) + "\n";
    }
  }
  if (options.docx) result.files.push_back({"issue.docx", write_docx(issue, style, scratch)});
  result.files.push_back({"review.json", review});

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
  result.files.push_back({"status.json", batch::status_json(status)});
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
