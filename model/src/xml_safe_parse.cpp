#include "reissue/xml_safe.h"

#include "reissue/error.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <cstring>
#include <map>
#include <mutex>
#include <regex>

namespace reissue::xml {

namespace {

struct ParseState {
  std::string first_error;
  int first_error_line = 0;
  bool doctype = false;
};
thread_local ParseState* current_state = nullptr;

// External entities, DTDs and XIncludes are never loaded, whatever the URL
// (XML_PARSE_NONET alone would still allow file://).
xmlParserInputPtr refuse_external_entity(const char* url, const char*, xmlParserCtxtPtr ctxt) {
  if (current_state && current_state->first_error.empty()) {
    current_state->first_error =
        std::string("external entity refused: ") + (url ? url : "(no URL)");
    current_state->first_error_line = ctxt && ctxt->input ? ctxt->input->line : 0;
  }
  return nullptr;
}

void install_entity_loader_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external_entity);
  });
}

void on_doctype(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(context);
  if (current_state) {
    current_state->doctype = true;
    if (current_state->first_error.empty()) {
      current_state->first_error =
          "DOCTYPE declarations are not allowed (the issue format uses no DTD or entities)";
      current_state->first_error_line = ctxt->input ? ctxt->input->line : 0;
    }
  }
  xmlStopParser(ctxt);
}

void on_parse_error(void*, xmlErrorPtr error) {
  if (!current_state || !error || !current_state->first_error.empty()) return;
  std::string message = error->message ? error->message : "XML error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  current_state->first_error = message;
  current_state->first_error_line = error->line;
}

std::string clean_schema_message(std::string message) {
  static const std::regex namespace_prefix(R"(\{[^}]*\})");
  message = std::regex_replace(message, namespace_prefix, "");
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  return message;
}

void collect_schema_error(void* context, xmlErrorPtr error) {
  auto* problems = static_cast<std::vector<Problem>*>(context);
  if (!error) return;
  problems->push_back({error->line, clean_schema_message(error->message ? error->message : "")});
}

struct CompiledSchema {
  xmlSchemaPtr schema = nullptr;
  CompiledSchema() = default;
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;
  ~CompiledSchema() {
    if (schema) xmlSchemaFree(schema);
  }
};

xmlSchemaPtr compiled_schema(const char* schema_text) {
  static std::mutex mutex;
  static std::map<const char*, CompiledSchema> cache;
  std::lock_guard lock(mutex);
  auto& entry = cache[schema_text];
  if (entry.schema) return entry.schema;
  xmlSchemaParserCtxtPtr parser =
      xmlSchemaNewMemParserCtxt(schema_text, static_cast<int>(std::strlen(schema_text)));
  entry.schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (!entry.schema) throw std::logic_error("built-in XML schema does not compile");
  return entry.schema;
}

}  // namespace

DocPtr parse_untrusted(std::string_view bytes, const std::string& name, std::size_t max_bytes) {
  install_entity_loader_once();
  if (bytes.size() > max_bytes)
    throw ReadError(name, 0, "file is too large (" + std::to_string(bytes.size()) +
                                 " bytes; the limit is " + std::to_string(max_bytes) + ")");
  if (bytes.empty()) throw ReadError(name, 0, "file is empty, not an XML document");

  ParseState state;
  current_state = &state;
  xmlParserCtxtPtr ctxt =
      xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size()));
  if (!ctxt) {
    current_state = nullptr;
    throw ReadError(name, 0, "cannot create XML parser");
  }
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                              XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->externalSubset = on_doctype;
  ctxt->sax->serror = on_parse_error;
  ctxt->sax->initialized = XML_SAX2_MAGIC;
  xmlParseDocument(ctxt);
  DocPtr doc(ctxt->myDoc);
  const bool well_formed = ctxt->wellFormed && !state.doctype && state.first_error.empty();
  ctxt->myDoc = nullptr;
  xmlFreeParserCtxt(ctxt);
  current_state = nullptr;

  if (!well_formed || !doc) {
    std::string message = state.first_error.empty() ? "not well-formed XML" : state.first_error;
    if (!state.doctype) message = "not well-formed XML: " + message;
    throw ReadError(name, state.first_error_line, message);
  }
  return doc;
}

std::vector<Problem> validate_with_schema(xmlDoc* doc, const char* schema_text) {
  std::vector<Problem> problems;
  xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(compiled_schema(schema_text));
  xmlSchemaSetValidStructuredErrors(validator, collect_schema_error, &problems);
  const int result = xmlSchemaValidateDoc(validator, doc);
  xmlSchemaFreeValidCtxt(validator);
  if (result != 0 && problems.empty()) problems.push_back({0, "does not match the schema"});
  return problems;
}

bool is_element(const xmlNode* node, const char* local_name) {
  return node && node->type == XML_ELEMENT_NODE &&
         xmlStrEqual(node->name, BAD_CAST local_name);
}

std::string text_of(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return text;
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, BAD_CAST name);
  std::string text = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return text;
}

int line_of(const xmlNode* node) { return static_cast<int>(xmlGetLineNo(node)); }

}  // namespace reissue::xml
