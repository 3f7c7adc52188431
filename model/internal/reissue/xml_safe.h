// Parsing untrusted XML with libxml2 and validating it against an XSD held
// in memory. Shared by the issue reader and the style sheet reader.
#pragma once

#include "reissue/issue_xml.h"

#include <libxml/tree.h>

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reissue::xml {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

// Parses `bytes` with no network, no entity expansion, no external entities,
// and refuses any DOCTYPE. Throws ReadError("name:line: ...") when the bytes are
// not a well-formed, DOCTYPE-free document or exceed `max_bytes`; the message
// says what is wrong and what to write instead, for people who edit files by
// hand ("not well-formed XML: a bare & must be written &amp;").
DocPtr parse_untrusted(std::string_view bytes, const std::string& name, std::size_t max_bytes);

// The schema's verdict on a document, in sentences ("<b> is not allowed inside
// <title>: <title> holds plain text only, no markup"), each with the line of
// its element. Messages name elements by their tags only, so they suit any
// schema (issues, style sheets).
struct SchemaCheck {
  bool valid = true;  // false also when the only problems are those left to the caller
  std::vector<Problem> problems;
  // Attributes whose values the schema rejected. Readers treat them as absent,
  // so that later rules do not report the same value again.
  std::set<std::pair<const xmlNode*, std::string>> rejected_attributes;
  bool rejected(const xmlNode* element, const char* attribute_name) const {
    return rejected_attributes.count({element, attribute_name}) > 0;
  }
};

// Validates against the XSD in `schema_text` (compiled once per distinct text
// pointer). With report_identity false, key/keyref/unique problems and
// repeated xs:ID values are left out: the caller checks them itself.
SchemaCheck check_with_schema(xmlDoc* doc, const char* schema_text, bool report_identity = true);
std::vector<Problem> validate_with_schema(xmlDoc* doc, const char* schema_text);  // all problems

// Helpers for walking a parsed document.
bool is_element(const xmlNode* node, const char* local_name);
std::string text_of(const xmlNode* node);  // concatenated text content, raw
std::string attribute(const xmlNode* node, const char* name);  // "" when absent
int line_of(const xmlNode* node);

}  // namespace reissue::xml
