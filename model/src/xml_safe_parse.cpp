#include "reissue/xml_safe.h"

#include "reissue/error.h"
#include "xml_messages.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <cstring>
#include <map>
#include <mutex>
#include <optional>

namespace reissue::xml {

namespace {

struct ParseState {
  std::optional<ParseFailure> first_failure;
  std::string refusal;  // DOCTYPE or external entity: said as it is, not translated
  int refusal_line = 0;
  bool doctype = false;
};
thread_local ParseState* current_state = nullptr;

void refuse(std::string message, int line) {
  if (!current_state || current_state->first_failure || !current_state->refusal.empty()) return;
  current_state->refusal = std::move(message);
  current_state->refusal_line = line;
}

// External entities, DTDs and XIncludes are never loaded, whatever the URL
// (XML_PARSE_NONET alone would still allow file://).
xmlParserInputPtr refuse_external_entity(const char* url, const char*, xmlParserCtxtPtr ctxt) {
  refuse(std::string("external entity refused: ") + (url ? url : "(no URL)"),
         ctxt && ctxt->input ? ctxt->input->line : 0);
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
  if (current_state) current_state->doctype = true;
  refuse("DOCTYPE declarations are not allowed (the issue format uses no DTD or entities)",
         ctxt->input ? ctxt->input->line : 0);
  xmlStopParser(ctxt);
}

std::string text(const xmlChar* value) { return value ? reinterpret_cast<const char*>(value) : ""; }

// Keeps what the messages need from the parser's first error while its context
// (position, open elements) still describes the place of the error.
void capture_failure(xmlParserCtxtPtr ctxt, const xmlError& error) {
  if (!current_state || !current_state->refusal.empty()) return;
  if (current_state->first_failure) {
    // A conversion error has no line; the parser stumbles right where it stopped.
    if (current_state->first_failure->line == 0) current_state->first_failure->line = error.line;
    return;
  }
  ParseFailure failure;
  failure.domain = error.domain;
  failure.code = error.code;
  failure.line = error.line;
  failure.int1 = error.int1;
  failure.str1 = error.str1 ? error.str1 : "";
  failure.str2 = error.str2 ? error.str2 : "";
  failure.text = error.message ? error.message : "";
  if (ctxt && ctxt->input && ctxt->input->cur && ctxt->input->base && ctxt->input->end) {
    constexpr std::ptrdiff_t kContext = 200;
    const xmlChar* cur = ctxt->input->cur;
    const xmlChar* from = cur - std::min(kContext, cur - ctxt->input->base);
    const xmlChar* to = cur + std::min(kContext, ctxt->input->end - cur);
    failure.before.assign(reinterpret_cast<const char*>(from), cur - from);
    failure.after.assign(reinterpret_cast<const char*>(cur), to - cur);
  }
  if (ctxt) {
    for (int i = 0; i < ctxt->nameNr; ++i) failure.open_elements.push_back(text(ctxt->nameTab[i]));
    if (const xmlNode* root = ctxt->myDoc ? xmlDocGetRootElement(ctxt->myDoc) : nullptr)
      failure.root = text(root->name);
  }
  current_state->first_failure = std::move(failure);
}

void on_parse_error(void* context, xmlErrorPtr error) {
  if (error) capture_failure(static_cast<xmlParserCtxtPtr>(context), *error);
}

// Errors libxml2 raises outside the parser context while parsing (character
// set conversion, I/O): caught here rather than printed on stderr.
void on_other_error(void*, xmlErrorPtr error) {
  if (error) capture_failure(nullptr, *error);
}

// Sets the thread's structured error handler for one parse and restores it.
class ErrorChannel {
 public:
  ErrorChannel() : saved_handler_(xmlStructuredError), saved_context_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(nullptr, on_other_error);
  }
  ~ErrorChannel() { xmlSetStructuredErrorFunc(saved_context_, saved_handler_); }
  ErrorChannel(const ErrorChannel&) = delete;
  ErrorChannel& operator=(const ErrorChannel&) = delete;

 private:
  xmlStructuredErrorFunc saved_handler_;
  void* saved_context_;
};

void collect_schema_error(void* context, xmlErrorPtr error) {
  if (error) static_cast<SchemaMessages*>(context)->add(*error);
}

// libxml2 handles freed however a scope is left.
template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* handle) const { Free(handle); }
};
using ParserContext = std::unique_ptr<xmlParserCtxt, Freer<xmlParserCtxt, xmlFreeParserCtxt>>;
using SchemaParserContext = std::unique_ptr<xmlSchemaParserCtxt, Freer<xmlSchemaParserCtxt, xmlSchemaFreeParserCtxt>>;
using SchemaValidContext = std::unique_ptr<xmlSchemaValidCtxt, Freer<xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt>>;
void free_string(xmlChar* text) { xmlFree(text); }
using XmlString = std::unique_ptr<xmlChar, Freer<xmlChar, free_string>>;

std::string to_string(const XmlString& text) { return text ? reinterpret_cast<const char*>(text.get()) : ""; }

struct CompiledSchema {
  xmlSchemaPtr schema = nullptr;
  std::unique_ptr<SchemaOutline> outline;
  CompiledSchema() = default;
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;
  ~CompiledSchema() {
    if (schema) xmlSchemaFree(schema);
  }
};

const CompiledSchema& compiled_schema(const char* schema_text) {
  static std::mutex mutex;
  static std::map<const char*, CompiledSchema> cache;
  std::lock_guard lock(mutex);
  auto& entry = cache[schema_text];
  if (entry.schema) return entry;
  const SchemaParserContext parser(xmlSchemaNewMemParserCtxt(schema_text, static_cast<int>(std::strlen(schema_text))));
  entry.schema = parser ? xmlSchemaParse(parser.get()) : nullptr;
  if (!entry.schema) throw InternalError("libxml2", "the built-in XML schema does not compile");
  entry.outline = std::make_unique<SchemaOutline>(schema_text);
  return entry;
}

}  // namespace

DocPtr parse_untrusted(std::string_view bytes, const std::string& name, std::size_t max_bytes) {
  install_entity_loader_once();
  if (bytes.size() > max_bytes)
    throw ReadError(name, 0, "file is too large (" + std::to_string(bytes.size()) +
                                 " bytes; the limit is " + std::to_string(max_bytes) + ")");
  if (bytes.empty()) throw ReadError(name, 0, "file is empty, not an XML document");

  ParseState state;
  struct CurrentState {  // the parser's callbacks report into `state` while it runs
    explicit CurrentState(ParseState* parse) { current_state = parse; }
    ~CurrentState() { current_state = nullptr; }
  } current(&state);
  const ParserContext context(xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size())));
  if (!context) throw InternalError("libxml2", "cannot create an XML parser");
  xmlParserCtxtPtr ctxt = context.get();
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                              XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->externalSubset = on_doctype;
  ctxt->sax->serror = on_parse_error;
  ctxt->sax->initialized = XML_SAX2_MAGIC;
  {
    ErrorChannel channel;
    xmlParseDocument(ctxt);
  }
  DocPtr doc(ctxt->myDoc);
  const bool well_formed = ctxt->wellFormed && state.refusal.empty() && !state.first_failure;
  ctxt->myDoc = nullptr;

  if (!state.refusal.empty()) throw ReadError(name, state.refusal_line, state.refusal);
  if (!well_formed || !doc) {
    if (!state.first_failure) throw ReadError(name, 0, "not well-formed XML");
    const Problem problem = describe_parse_failure(*state.first_failure, bytes);
    throw ReadError(name, problem.line, "not well-formed XML: " + problem.message);
  }
  return doc;
}

SchemaCheck check_with_schema(xmlDoc* doc, const char* schema_text, bool report_identity) {
  const CompiledSchema& compiled = compiled_schema(schema_text);
  SchemaMessages messages(*compiled.outline, report_identity);
  const SchemaValidContext validator(xmlSchemaNewValidCtxt(compiled.schema));
  if (!validator) throw InternalError("libxml2", "cannot create a schema validator");
  xmlSchemaSetValidStructuredErrors(validator.get(), collect_schema_error, &messages);
  const int result = xmlSchemaValidateDoc(validator.get(), doc);
  if (result != 0 && messages.problems.empty() && report_identity)
    messages.problems.push_back({0, "does not match the schema"});
  return {result == 0, std::move(messages.problems), std::move(messages.rejected_attributes)};
}

std::vector<Problem> validate_with_schema(xmlDoc* doc, const char* schema_text) {
  return check_with_schema(doc, schema_text).problems;
}

bool is_element(const xmlNode* node, const char* local_name) {
  return node && node->type == XML_ELEMENT_NODE &&
         xmlStrEqual(node->name, BAD_CAST local_name);
}

std::string text_of(const xmlNode* node) { return to_string(XmlString(xmlNodeGetContent(node))); }

std::string attribute(const xmlNode* node, const char* name) {
  return to_string(XmlString(xmlGetProp(node, BAD_CAST name)));
}

int line_of(const xmlNode* node) { return static_cast<int>(xmlGetLineNo(node)); }

}  // namespace reissue::xml
