// Reading, validating and writing the issue XML (docs/format.md).
//
// Reading is safe for untrusted files: no network, no entity expansion, no
// external entities or DTDs (any DOCTYPE is refused), a size limit.
#pragma once

#include "reissue/issue.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reissue {

inline constexpr const char* kIssueNamespace = "urn:reissue:issue:1";

struct XmlLimits {
  std::size_t max_bytes = 32u * 1024 * 1024;  // an issue is ~100 KB; 32 MiB is generous
};

// One problem found in an issue file; line 0 means the whole file.
struct Problem {
  int line = 0;
  std::string message;
};

struct LoadResult {
  // Set only when the file is schema-valid and every value fits the model (the
  // model is then complete); `problems` may still hold rule problems. Unset
  // otherwise, even though the rules did run on what could be read.
  std::optional<Issue> issue;
  // When `issue` is unset because of problems: what could be read, for checks
  // that do not need a complete model (validate looks at its figures).
  std::optional<Issue> partial;
  // Every problem of the file from one run: schema, reading ("n=... is too
  // large") and rule problems together, sorted by line, each once. Messages are
  // sentences for editors, with what to write instead where that is known.
  std::vector<Problem> problems;
  // What is allowed but probably a mistake (an intro whose count or period
  // disagrees with the articles: intro_warnings in placeholders.h), sorted by
  // line. Warnings do not make a file invalid.
  std::vector<Problem> warnings;
  bool ok() const { return issue.has_value() && problems.empty(); }
};

// Parses and validates. Throws ReadError when the file cannot be read or is not
// well-formed XML (or declares a DOCTYPE): "could not read", with the first
// such problem in words ("not well-formed XML: a bare & must be written &amp;").
// Content problems are returned, not thrown.
LoadResult load_issue(const std::filesystem::path& file, const XmlLimits& limits = {});
LoadResult load_issue_from_memory(std::string_view xml, const std::string& name,
                                  const XmlLimits& limits = {});

// load_issue for consumers that need a valid issue: throws Error for the first
// problem (and says how many there are).
Issue read_issue(const std::filesystem::path& file, const XmlLimits& limits = {});

// The rules the schema cannot express, and the schema's identity constraints
// said in the format's terms (a repeated article id or n, a contents entry
// pointing to no article); used by load_issue and by producers (the extractor
// checks its own output with it).
std::vector<Problem> check_semantics(const Issue& issue);

// The folder an issue file's figure paths are relative to: the folder of the
// file the path finally names (symbolic links followed, so that the XML and
// its figures stay together), the current folder for standard input ("-").
std::filesystem::path issue_folder(const std::filesystem::path& issue_file);

// Deterministic serialization: same model, byte-identical output.
std::string write_issue_xml(const Issue& issue);
void save_issue(const Issue& issue, const std::filesystem::path& file);  // atomic

}  // namespace reissue
