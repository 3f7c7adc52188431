// Parsing untrusted XML with libxml2 and validating it against an XSD held
// in memory. Shared by the issue reader and the style sheet reader.
#pragma once

#include "reissue/issue_xml.h"

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reissue::xml {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

// Parses `bytes` with no network, no entity expansion, no external entities,
// and refuses any DOCTYPE. Throws ReadError("name:line: ...") when the bytes are
// not a well-formed, DOCTYPE-free document or exceed `max_bytes`.
DocPtr parse_untrusted(std::string_view bytes, const std::string& name, std::size_t max_bytes);

// Validates against the XSD in `schema_text` (compiled once per distinct text
// pointer). Problems carry line numbers; "{namespace}" prefixes are removed.
std::vector<Problem> validate_with_schema(xmlDoc* doc, const char* schema_text);

// Helpers for walking a parsed document.
bool is_element(const xmlNode* node, const char* local_name);
std::string text_of(const xmlNode* node);  // concatenated text content, raw
std::string attribute(const xmlNode* node, const char* name);  // "" when absent
int line_of(const xmlNode* node);

}  // namespace reissue::xml
