#include "xml_messages.h"

#include <libxml/parser.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstdio>
#include <cstring>
#include <optional>
#include <regex>

namespace reissue::xml {

namespace {

constexpr const char* kXsdNamespace = "http://www.w3.org/2001/XMLSchema";

std::string str(const xmlChar* text) { return text ? reinterpret_cast<const char*>(text) : ""; }
std::string str(const char* text) { return text ? text : ""; }

std::string_view after_colon(std::string_view qualified) {
  if (!qualified.empty() && qualified.front() == '{') {
    const size_t close = qualified.find('}');
    if (close != std::string_view::npos) return qualified.substr(close + 1);
  }
  const size_t colon = qualified.rfind(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_xml_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_xml_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// Runs of white space as one space: how xs:token-like types see a value.
std::string collapsed(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_xml_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// libxml2 quotes values in full; std::regex (recursive) and readers want less.
constexpr size_t kLongestQuotedMessage = 500;

// A value as it can be quoted in a message: one line, not too long, and never
// cut inside a UTF-8 sequence.
std::string shown(std::string_view value, size_t limit = 40) {
  std::string text = collapsed(value);
  if (text.size() <= limit) return text;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

std::string hex_code_point(unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", value);
  return buffer;
}

bool starts_with_vowel(std::string_view word) {
  return !word.empty() && std::strchr("aeiouAEIOU", word.front()) != nullptr;
}

// "a <body>", "an <article>".
std::string a_tag(const std::string& name) {
  return std::string(starts_with_vowel(name) ? "an <" : "a <") + name + ">";
}

std::string tag_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "<" : ", <") + name + ">";
  return out;
}

// "<body>" or "one of <p>, <heading>".
std::string one_of(const std::vector<std::string>& names) {
  return names.size() == 1 ? "<" + names.front() + ">" : "one of " + tag_list(names);
}

std::string qualified_name(const xmlNode* node) {
  const std::string local = str(node->name);
  return node->ns && node->ns->prefix ? str(node->ns->prefix) + ":" + local : local;
}

std::string tag(const xmlNode* node) { return "<" + qualified_name(node) + ">"; }

std::string namespace_of(const xmlNode* node) { return node->ns ? str(node->ns->href) : ""; }

int line_of_node(const xmlNode* node) { return static_cast<int>(xmlGetLineNo(node)); }

std::string attribute_value(const xmlAttr* attribute) {
  xmlChar* value = xmlNodeListGetString(attribute->doc, attribute->children, 1);
  std::string text = str(value);
  xmlFree(value);
  return text;
}

std::string attribute_name(const xmlAttr* attribute) {
  const std::string local = str(attribute->name);
  return attribute->ns && attribute->ns->prefix ? str(attribute->ns->prefix) + ":" + local : local;
}

const xmlAttr* find_attribute(const xmlNode* element, std::string_view name) {
  for (const xmlAttr* attribute = element->properties; attribute; attribute = attribute->next)
    if (attribute_name(attribute) == name || str(attribute->name) == after_colon(name)) return attribute;
  return nullptr;
}

std::vector<const xmlNode*> element_children(const xmlNode* parent) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* child = parent->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE) out.push_back(child);
  return out;
}

// The first element before `stop` in document order that satisfies `match`.
template <typename Match>
const xmlNode* first_before(const xmlNode* stop, Match match) {
  const xmlNode* node = xmlDocGetRootElement(stop->doc);
  while (node && node != stop) {
    if (node->type == XML_ELEMENT_NODE && match(node)) return node;
    if (node->children) {
      node = node->children;
      continue;
    }
    while (node && !node->next) node = node->parent;
    if (node) node = node->next;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Parser errors

// HTML entities that turn up when text is pasted from web pages.
struct HtmlEntity {
  const char* name;
  unsigned code_point;
};
constexpr std::array kHtmlEntities = {
    HtmlEntity{"nbsp", 0xA0},     HtmlEntity{"ensp", 0x2002},   HtmlEntity{"emsp", 0x2003},
    HtmlEntity{"thinsp", 0x2009}, HtmlEntity{"ndash", 0x2013},  HtmlEntity{"mdash", 0x2014},
    HtmlEntity{"lsquo", 0x2018},  HtmlEntity{"rsquo", 0x2019},  HtmlEntity{"ldquo", 0x201C},
    HtmlEntity{"rdquo", 0x201D},  HtmlEntity{"hellip", 0x2026}, HtmlEntity{"middot", 0xB7},
    HtmlEntity{"bull", 0x2022},   HtmlEntity{"copy", 0xA9},     HtmlEntity{"reg", 0xAE},
    HtmlEntity{"trade", 0x2122},  HtmlEntity{"times", 0xD7},    HtmlEntity{"divide", 0xF7},
    HtmlEntity{"deg", 0xB0},      HtmlEntity{"plusmn", 0xB1},   HtmlEntity{"yen", 0xA5},
    HtmlEntity{"euro", 0x20AC},   HtmlEntity{"laquo", 0xAB},    HtmlEntity{"raquo", 0xBB},
    HtmlEntity{"shy", 0xAD},      HtmlEntity{"permil", 0x2030}, HtmlEntity{"micro", 0xB5},
    HtmlEntity{"sect", 0xA7},     HtmlEntity{"para", 0xB6},     HtmlEntity{"larr", 0x2190},
    HtmlEntity{"rarr", 0x2192},   HtmlEntity{"uarr", 0x2191},   HtmlEntity{"darr", 0x2193},
};

std::string undefined_entity(const std::string& name) {
  for (const HtmlEntity& entity : kHtmlEntities)
    if (name == entity.name)
      return "the entity &" + name + "; is not defined in XML; write the character itself (" +
             hex_code_point(entity.code_point) + ") or &#" + std::to_string(entity.code_point) + ";";
  return "the entity &" + name +
         "; is not defined in XML (only &amp; &lt; &gt; &quot; &apos; are); write the character "
         "itself or a character reference such as &#160;";
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':' ||
         (static_cast<unsigned char>(c) & 0x80);
}

// The name at the end of `text` (before the parser's position), e.g. "when" in `<date when=`.
std::string trailing_name(std::string_view text) {
  size_t end = text.size();
  while (end > 0 && (is_xml_space(text[end - 1]) || text[end - 1] == '=')) --end;
  size_t start = end;
  while (start > 0 && is_name_char(text[start - 1])) --start;
  return std::string(text.substr(start, end - start));
}

// The element whose start tag the parser is in, from the text before its position.
std::string open_start_tag(std::string_view before) {
  const size_t open = before.rfind('<');
  if (open == std::string_view::npos) return "";
  size_t end = open + 1;
  while (end < before.size() && is_name_char(before[end])) ++end;
  return std::string(before.substr(open + 1, end - open - 1));
}

// The character reference the parser stopped in or just after ("&#x;", "&#12a").
std::string character_reference(std::string_view before, std::string_view after) {
  const size_t start = before.rfind("&#");
  if (start == std::string_view::npos) return "";
  std::string reference(before.substr(start));
  for (char c : after) {
    if (reference.back() == ';' || (!std::isalnum(static_cast<unsigned char>(c)) && c != ';')) break;
    reference += c;
  }
  for (size_t i = 2; i < reference.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(reference[i])) &&
        !(reference[i] == ';' && i + 1 == reference.size()))
      return "";
  return reference;
}

// A well-formed reference before a bad character that is not its own
// ("&#160;" then a control character): not the culprit.
bool is_other_character(const std::string& reference, const ParseFailure& failure) {
  if (failure.code != XML_ERR_INVALID_CHAR || reference.back() != ';') return false;
  const bool hex = reference.size() > 2 && (reference[2] == 'x');
  const std::string digits = reference.substr(hex ? 3 : 2, reference.size() - (hex ? 4 : 3));
  if (digits.empty() || digits.size() > 8 ||
      !std::all_of(digits.begin(), digits.end(),
                   [hex](unsigned char c) { return hex ? std::isxdigit(c) : std::isdigit(c); }))
    return false;
  return std::stoul(digits, nullptr, hex ? 16 : 10) != static_cast<unsigned long>(failure.int1);
}

// The name at the start of `text`, e.g. "class" in `class="x">`.
std::string leading_name(std::string_view text) {
  size_t end = 0;
  while (end < text.size() && is_name_char(text[end])) ++end;
  return std::string(text.substr(0, end));
}

// Where the first invalid UTF-8 sequence starts, if any.
std::optional<size_t> first_invalid_utf8(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    int length = 0;
    unsigned min_value = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if (lead >= 0xC2 && lead <= 0xDF)
      length = 2, min_value = 0x80;
    else if (lead >= 0xE0 && lead <= 0xEF)
      length = 3, min_value = 0x800;
    else if (lead >= 0xF0 && lead <= 0xF4)
      length = 4, min_value = 0x10000;
    else
      return i;
    if (i + length > bytes.size()) return i;
    unsigned value = lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      value = (value << 6) | (next & 0x3F);
    }
    if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return i;
    i += length;
  }
  return std::nullopt;
}

// The encoding named in the XML declaration; "" when there is none.
std::string declared_encoding(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.substr(0, 5) != "<?xml") return "";
  // A declaration is short; a bound keeps std::regex (recursive) off huge input.
  const std::string declaration(bytes.substr(0, std::min<size_t>(bytes.find("?>"), 256)));
  static const std::regex encoding(R"(encoding\s*=\s*["']([^"']*)["'])");
  std::smatch match;
  return std::regex_search(declaration, match, encoding) ? match[1].str() : "";
}

bool is_utf8_name(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  return name.empty() || name == "UTF-8" || name == "UTF8";
}

std::string not_utf8(std::string_view bytes, size_t offset) {
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(bytes[offset]));
  return std::string("the file is not valid UTF-8: byte ") + byte + " at byte offset " +
         std::to_string(offset) + " does not belong to a UTF-8 character; save the file as UTF-8";
}

int line_at(std::string_view bytes, size_t offset) {
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

// libxml2's own words when nothing better is known: one line, without the
// names of its internal functions.
std::string cleaned_parser_text(std::string text) {
  static const std::regex function_prefix(R"(\bxml[A-Za-z]+: )");
  text = shown(text, kLongestQuotedMessage);
  text = std::regex_replace(text, function_prefix, "");
  std::replace(text.begin(), text.end(), '\n', ' ');
  text = collapsed(text);
  if (text.empty()) return "the XML is malformed here";
  return text;
}

}  // namespace

Problem describe_parse_failure(const ParseFailure& failure, std::string_view bytes) {
  Problem problem{failure.line, ""};
  std::string& message = problem.message;
  const std::string encoding = declared_encoding(bytes);
  switch (failure.code) {
    case XML_ERR_NAME_REQUIRED:
      // libxml2 uses one code for a name missing after '&', after '<' and in attributes.
      if (!failure.before.empty() && failure.before.back() == '&')
        message = "a bare & must be written &amp;";
      else if (!failure.before.empty() && failure.before.back() == '<')
        message = "a < in text must be written &lt; (a tag name must follow < directly)";
      break;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING: {
      const size_t amp = failure.before.rfind('&');
      const std::string reference = amp == std::string::npos ? "" : failure.before.substr(amp);
      const std::string name = reference.empty() ? "" : reference.substr(1);
      if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos")
        message = "\"" + reference + "\" lacks its closing ';': write " + reference + ";";
      else
        message = "a bare & must be written &amp;" +
                  (reference.empty() ? std::string() : " (\"" + shown(reference) + "\" is not a reference)");
      break;
    }
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      message = undefined_entity(failure.str1);
      break;
    case XML_ERR_LT_IN_ATTRIBUTE:
      message = "a < inside an attribute value must be written &lt;";
      break;
    case XML_ERR_ATTRIBUTE_NOT_STARTED: {
      const std::string name = trailing_name(failure.before);
      std::string value;
      for (char c : failure.after) {
        if (is_xml_space(c) || c == '>' || c == '/') break;
        value += c;
      }
      message = "attribute values must be in quotes";
      if (!name.empty()) message += ": write " + name + "=\"" + (value.empty() ? "..." : shown(value)) + "\"";
      break;
    }
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
      message = "an attribute value has no closing quote";
      break;
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
      message = "the attribute " + failure.str1 + " has no value: write " + failure.str1 + "=\"...\"";
      break;
    case XML_ERR_ATTRIBUTE_REDEFINED:
    case XML_NS_ERR_ATTRIBUTE_REDEFINED: {
      const std::string name = failure.str2.empty() ? failure.str1 : failure.str1 + ":" + failure.str2;
      const std::string element = open_start_tag(failure.before);
      message = (element.empty() ? "an element" : "<" + element + ">") + " has the attribute " + name +
                " twice; keep one";
      break;
    }
    case XML_ERR_SPACE_REQUIRED: {
      const std::string element = open_start_tag(failure.before);
      const std::string next = leading_name(failure.after);
      if (!element.empty() && element.front() != '?' && !next.empty())
        message = "attributes must be separated by a space: put one before " + next + " in <" + element + ">";
      else
        message = "a space is missing here";
      break;
    }
    case XML_ERR_TAG_NAME_MISMATCH: {
      const std::string& open = failure.str1;
      const std::string& close = failure.str2;
      if (close == "unparsable") {  // libxml2's stand-in when the end tag has no valid name
        message = "the end tag here has no valid name: write </" + open + ">";
        break;
      }
      const std::string opened_at =
          failure.int1 > 0 ? " (opened at line " + std::to_string(failure.int1) + ")" : "";
      // The end tag of an outer element: the inner one was left open.
      const bool closes_outer = failure.open_elements.size() > 1 &&
                                std::find(failure.open_elements.begin(), failure.open_elements.end() - 1,
                                          close) != failure.open_elements.end() - 1;
      if (closes_outer)
        message =
            "<" + open + ">" + opened_at + " is not closed before </" + close + ">: add </" + open + ">";
      else
        message = "the end tag </" + close + "> does not match <" + open + ">" + opened_at + ": write </" +
                  open + ">";
      break;
    }
    case XML_ERR_TAG_NOT_FINISHED: {
      std::string closers;
      for (auto name = failure.open_elements.rbegin(); name != failure.open_elements.rend(); ++name)
        closers += "</" + *name + ">";
      if (closers.empty()) closers = "</" + failure.str1 + ">";
      message = "the file ends before <" + failure.str1 + ">" +
                (failure.int1 > 0 ? " (opened at line " + std::to_string(failure.int1) + ")" : "") +
                " is closed: add " + closers;
      break;
    }
    case XML_ERR_GT_REQUIRED:
      message = "the start tag <" + failure.str1 + ">" +
                (failure.int1 > 0 ? " at line " + std::to_string(failure.int1) : "") +
                " is not finished: end it with > (or /> for an empty element)";
      break;
    case XML_ERR_DOCUMENT_END:
      message = "there is more after the end of the root element" +
                (failure.root.empty() ? std::string() : " </" + failure.root + ">") +
                ": a file holds one root element and nothing after it";
      break;
    case XML_ERR_DOCUMENT_START:
    case XML_ERR_DOCUMENT_EMPTY:
      message =
          "there is no root element: after the <?xml ...?> line the file must hold one element "
          "that contains everything else";
      break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_HEX_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
      if (const std::string reference = character_reference(failure.before, failure.after);
          !reference.empty() && failure.code != XML_ERR_INVALID_ENCODING &&
          !is_other_character(reference, failure)) {
        message = "\"" + shown(reference) +
                  "\" is not a valid character reference: write &#160; (decimal) or &#xA0; (hexadecimal) "
                  "for a character XML allows, and a bare & as &amp;";
        break;
      }
      if (failure.code == XML_ERR_INVALID_HEX_CHARREF || failure.code == XML_ERR_INVALID_DEC_CHARREF) break;
      if (is_utf8_name(encoding)) {
        // The parser reads in order: bad bytes after the place it stopped are not its complaint.
        const auto offset = first_invalid_utf8(bytes);
        if (offset && (failure.line == 0 || line_at(bytes, *offset) <= failure.line)) {
          problem.line = line_at(bytes, *offset);
          message = not_utf8(bytes, *offset);
          break;
        }
      }
      // int1 holds the offending code point (U+0000 included) for the other two codes.
      if (failure.code != XML_ERR_INVALID_ENCODING)
        message = "the character " + hex_code_point(static_cast<unsigned>(failure.int1)) +
                  " is not allowed in XML; remove it";
      break;
    case XML_I18N_CONV_FAILED:
      message = (encoding.empty()
                     ? std::string("the file cannot be decoded")
                     : "the file declares encoding=\"" + encoding + "\" but is not valid " + encoding) +
                "; save it as UTF-8 and declare encoding=\"UTF-8\"";
      break;
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      message = "the encoding \"" + failure.str1 +
                "\" named in the <?xml ...?> line is not supported; save the file as UTF-8 and declare "
                "encoding=\"UTF-8\"";
      break;
    case XML_ERR_RESERVED_XML_NAME:
      message =
          "the <?xml ...?> declaration must be the very first thing in the file: remove what is "
          "before it";
      break;
    case XML_ERR_MISPLACED_CDATA_END:
      message = "the sequence ]]> is not allowed in text: write ]]&gt;";
      break;
    case XML_ERR_COMMENT_NOT_FINISHED:
      message = "a comment <!-- is not closed with -->";
      break;
    case XML_ERR_HYPHEN_IN_COMMENT:
      message = "-- is not allowed inside a comment <!-- ... -->";
      break;
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
      message = "the namespace prefix " + failure.str1 + ": (in " + failure.str1 + ":" + failure.str2 +
                ") is not declared: add xmlns:" + failure.str1 + "=\"...\" or remove the prefix";
      break;
    default:
      break;
  }
  if (message.empty()) message = cleaned_parser_text(failure.text);
  return problem;
}

// ---------------------------------------------------------------------------
// The schema outline

namespace {

bool is_xsd(const xmlNode* node, const char* local_name) {
  return node && node->type == XML_ELEMENT_NODE && node->ns &&
         xmlStrEqual(node->ns->href, BAD_CAST kXsdNamespace) && xmlStrEqual(node->name, BAD_CAST local_name);
}

std::string schema_attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, BAD_CAST name);
  std::string text = str(value);
  xmlFree(value);
  return text;
}

int occurs(const xmlNode* node, const char* name) {
  const std::string value = schema_attribute(node, name);
  if (value.empty()) return 1;
  if (value == "unbounded") return INT_MAX;
  return std::atoi(value.c_str());
}

struct XsdDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// Builds the element tree of an XSD (trusted text, compiled into the binary).
class OutlineBuilder {
 public:
  explicit OutlineBuilder(const xmlNode* schema) {
    for (const xmlNode* node = schema->children; node; node = node->next) {
      if (is_xsd(node, "complexType"))
        complex_types_[schema_attribute(node, "name")] = node;
      else if (is_xsd(node, "element"))
        global_elements_[schema_attribute(node, "name")] = node;
    }
  }

  std::unique_ptr<SchemaOutline::Element> build(const xmlNode* declaration, int depth) {
    auto element = std::make_unique<SchemaOutline::Element>();
    const std::string ref = schema_attribute(declaration, "ref");
    if (!ref.empty()) {
      const auto global = global_elements_.find(std::string(after_colon(ref)));
      if (global == global_elements_.end() || depth > kMaxDepth) return element;
      declaration = global->second;
    }
    element->name = schema_attribute(declaration, "name");
    if (depth > kMaxDepth) return element;
    const std::string type = schema_attribute(declaration, "type");
    if (!type.empty()) {
      const auto complex = complex_types_.find(std::string(after_colon(type)));
      if (complex == complex_types_.end()) {
        element->text_only = true;
      } else if (std::count(expanding_.begin(), expanding_.end(), complex->second) < 2) {
        expanding_.push_back(complex->second);
        fill_from_complex_type(*element, complex->second, depth);
        expanding_.pop_back();
        expanded_.try_emplace(complex->second, element.get());
      } else {
        // A recursive type (inline markup: <em> inside <em>) is expanded twice
        // on a path; eagerly it would never end. Deeper, the element gets the
        // same groups and attributes once a whole expansion exists (finish).
        unexpanded_.push_back({element.get(), complex->second});
      }
      return element;
    }
    for (const xmlNode* child = declaration->children; child; child = child->next) {
      if (is_xsd(child, "complexType"))
        fill_from_complex_type(*element, child, depth);
      else if (is_xsd(child, "simpleType"))
        element->text_only = true;
    }
    return element;
  }

 private:
  // Named types may refer to each other (the tree is built eagerly); the
  // format's schemas are five levels deep.
  static constexpr int kMaxDepth = 16;

  void fill_from_complex_type(SchemaOutline::Element& element, const xmlNode* type, int depth) {
    for (const xmlNode* child = type->children; child; child = child->next) {
      if (is_xsd(child, "simpleContent")) {
        element.text_only = true;
        for (const xmlNode* derivation = child->children; derivation; derivation = derivation->next)
          add_attributes(element, derivation);
      } else if (is_xsd(child, "complexContent")) {
        for (const xmlNode* derivation = child->children; derivation; derivation = derivation->next) {
          if (derivation->type != XML_ELEMENT_NODE) continue;
          const auto base =
              complex_types_.find(std::string(after_colon(schema_attribute(derivation, "base"))));
          if (is_xsd(derivation, "extension") && base != complex_types_.end())
            fill_from_complex_type(element, base->second, depth + 1);
          fill_from_complex_type(element, derivation, depth + 1);
        }
      } else if (is_xsd(child, "sequence") || is_xsd(child, "choice") || is_xsd(child, "all")) {
        add_groups(element, child, depth);
      } else if (is_xsd(child, "attribute")) {
        add_attribute(element, child);
      }
    }
  }

  void add_attributes(SchemaOutline::Element& element, const xmlNode* holder) {
    for (const xmlNode* node = holder->children; node; node = node->next)
      if (is_xsd(node, "attribute")) add_attribute(element, node);
  }

  static void add_attribute(SchemaOutline::Element& element, const xmlNode* node) {
    SchemaOutline::Attribute attribute;
    attribute.name = schema_attribute(node, "name");
    if (attribute.name.empty()) attribute.name = std::string(after_colon(schema_attribute(node, "ref")));
    attribute.type = schema_attribute(node, "type");
    attribute.required = schema_attribute(node, "use") == "required";
    element.attributes.push_back(attribute);
  }

  void add_groups(SchemaOutline::Element& element, const xmlNode* compositor, int depth) {
    if (!is_xsd(compositor, "sequence")) {
      SchemaOutline::Group group{{}, occurs(compositor, "minOccurs"), occurs(compositor, "maxOccurs")};
      collect_names(element, compositor, group.names, depth);
      if (is_xsd(compositor, "all")) group.max_occurs = static_cast<int>(group.names.size());
      element.groups.push_back(group);
      return;
    }
    for (const xmlNode* particle = compositor->children; particle; particle = particle->next) {
      if (particle->type != XML_ELEMENT_NODE) continue;
      const int min = occurs(particle, "minOccurs");
      const int max = occurs(particle, "maxOccurs");
      if (is_xsd(particle, "sequence") && min == 1 && max == 1) {
        add_groups(element, particle, depth);
      } else if (is_xsd(particle, "element") || is_xsd(particle, "choice") || is_xsd(particle, "all") ||
                 is_xsd(particle, "sequence")) {
        SchemaOutline::Group group{{}, min, max};
        collect_names(element, particle, group.names, depth);
        element.groups.push_back(group);
      }
    }
  }

  void collect_names(SchemaOutline::Element& element, const xmlNode* particle,
                     std::vector<std::string>& names, int depth) {
    if (is_xsd(particle, "element")) {
      auto child = build(particle, depth + 1);
      const std::string name = child->name;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      if (!element.children.count(name)) element.children[name] = std::move(child);
      return;
    }
    for (const xmlNode* child = particle->children; child; child = child->next)
      if (child->type == XML_ELEMENT_NODE) collect_names(element, child, names, depth);
  }

  std::map<std::string, const xmlNode*> complex_types_;
  std::map<std::string, const xmlNode*> global_elements_;
  std::vector<const xmlNode*> expanding_;  // named types being expanded on the current path
  std::map<const xmlNode*, const SchemaOutline::Element*> expanded_;  // a whole expansion of each type
  std::vector<std::pair<SchemaOutline::Element*, const xmlNode*>> unexpanded_;

 public:
  // Recursion cut short: what the element may hold, from a whole expansion.
  void finish() {
    for (auto& [element, type] : unexpanded_) {
      const auto whole = expanded_.find(type);
      if (whole == expanded_.end()) continue;
      element->groups = whole->second->groups;
      element->attributes = whole->second->attributes;
      element->same_as = whole->second;
    }
  }
};

std::string last_step(std::string xpath) {
  const size_t slash = xpath.rfind('/');
  if (slash != std::string::npos) xpath = xpath.substr(slash + 1);
  if (!xpath.empty() && xpath.front() == '@') xpath = xpath.substr(1);
  return std::string(after_colon(xpath));
}

template <typename Visit>
void visit_xsd_elements(const xmlNode* node, Visit visit) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    visit(node);
    visit_xsd_elements(node->children, visit);
  }
}

}  // namespace

const SchemaOutline::Attribute* SchemaOutline::Element::attribute(std::string_view attribute_name) const {
  for (const Attribute& candidate : attributes)
    if (candidate.name == attribute_name) return &candidate;
  return nullptr;
}

SchemaOutline::SchemaOutline(const char* schema_text) {
  std::unique_ptr<xmlDoc, XsdDocDeleter> doc(
      xmlReadMemory(schema_text, static_cast<int>(std::strlen(schema_text)), "schema.xsd", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  const xmlNode* schema = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!is_xsd(schema, "schema")) return;
  target_namespace_ = schema_attribute(schema, "targetNamespace");
  OutlineBuilder builder(schema);
  for (const xmlNode* node = schema->children; node; node = node->next) {
    if (is_xsd(node, "element")) roots_.push_back(builder.build(node, 0));
    builder.finish();
    if (!is_xsd(node, "simpleType")) continue;
    SimpleType type;
    visit_xsd_elements(node->children, [&](const xmlNode* facet) {
      if (is_xsd(facet, "restriction"))
        type.base = schema_attribute(facet, "base");
      else if (is_xsd(facet, "pattern"))
        type.patterns.push_back(schema_attribute(facet, "value"));
      else if (is_xsd(facet, "enumeration"))
        type.enumeration.push_back(schema_attribute(facet, "value"));
    });
    simple_types_[schema_attribute(node, "name")] = type;
  }
  visit_xsd_elements(schema->children, [&](const xmlNode* node) {
    if (!is_xsd(node, "key") && !is_xsd(node, "keyref") && !is_xsd(node, "unique")) return;
    IdentityConstraint constraint;
    constraint.kind = str(node->name);
    constraint.refer = std::string(after_colon(schema_attribute(node, "refer")));
    for (const xmlNode* child = node->children; child; child = child->next) {
      if (is_xsd(child, "selector")) constraint.element = last_step(schema_attribute(child, "xpath"));
      if (is_xsd(child, "field")) {
        const std::string xpath = schema_attribute(child, "xpath");
        if (xpath.find('@') != std::string::npos) constraint.attribute = last_step(xpath);
      }
    }
    identity_constraints_[schema_attribute(node, "name")] = constraint;
  });
}

const SchemaOutline::Element* SchemaOutline::declaration_of(const xmlNode* element) const {
  std::vector<const xmlNode*> path;
  for (const xmlNode* node = element; node && node->type == XML_ELEMENT_NODE; node = node->parent)
    path.push_back(node);
  if (path.empty()) return nullptr;
  const Element* current = nullptr;
  for (auto node = path.rbegin(); node != path.rend(); ++node) {
    if (namespace_of(*node) != target_namespace_) return nullptr;
    const std::string name = str((*node)->name);
    if (!current) {
      for (const auto& root : roots_)
        if (root->name == name) current = root.get();
    } else {
      const Element* holder = current->same_as ? current->same_as : current;
      const auto child = holder->children.find(name);
      current = child == holder->children.end() ? nullptr : child->second.get();
    }
    if (!current) return nullptr;
  }
  return current;
}

const SchemaOutline::SimpleType* SchemaOutline::simple_type(const std::string& type) const {
  const auto found = simple_types_.find(std::string(after_colon(type)));
  return found == simple_types_.end() ? nullptr : &found->second;
}

const SchemaOutline::IdentityConstraint* SchemaOutline::identity_constraint(const std::string& name) const {
  const auto found = identity_constraints_.find(std::string(after_colon(name)));
  return found == identity_constraints_.end() ? nullptr : &found->second;
}

namespace {

bool is_builtin(const std::string& type) { return type.rfind("xs:", 0) == 0 || type.rfind("xsd:", 0) == 0; }

std::string describe_builtin(std::string_view local) {
  if (local.empty()) return "a valid value";
  if (local == "positiveInteger") return "a positive whole number (1, 2, 3, ...)";
  if (local == "nonNegativeInteger") return "a whole number (0, 1, 2, ...)";
  if (local == "integer" || local == "int" || local == "long") return "a whole number";
  if (local == "decimal" || local == "double" || local == "float") return "a number such as 1.5";
  if (local == "boolean") return "true or false";
  if (local == "date") return "a real date written YYYY-MM-DD, such as 2025-11-14";
  if (local == "ID")
    return "a name used once in the file, starting with a letter or _ and going on with letters, digits, "
           "-, _ or . (such as a1)";
  if (local == "NCName")
    return "a name starting with a letter or _ and going on with letters, digits, -, _ or . (such as a1)";
  if (local == "anyURI") return "a URI";
  if (local == "string" || local == "token") return "text";
  return "a valid " + std::string(local);
}

}  // namespace

std::string SchemaOutline::describe_type(const std::string& type) const {
  const std::string_view local = after_colon(type);
  // The types of the format's own schemas (issue.xsd, style.xsd), named the way
  // editors think of them; any other type is described from its facets.
  if (local == "IsoDate") return "a real date written YYYY-MM-DD, such as 2025-11-14";
  if (local == "HttpUrl") return "an absolute http:// or https:// URL";
  if (local == "Length") return "a length such as 12pt, 20mm, 2.5cm or 1in";
  if (local == "EmLength") return "a length in em such as 2em or 0.5em";
  if (local == "Color") return "a colour written #RRGGBB, such as #1F4E79";
  if (is_builtin(type)) return describe_builtin(local);
  if (const SimpleType* simple = simple_type(type)) {
    if (!simple->enumeration.empty()) {
      std::string out = "one of ";
      for (size_t i = 0; i < simple->enumeration.size(); ++i) out += (i ? ", " : "") + simple->enumeration[i];
      return out;
    }
    std::string out = is_builtin(simple->base) || simple->base.empty()
                          ? describe_builtin(after_colon(simple->base))
                          : describe_type(simple->base);
    for (const std::string& pattern : simple->patterns) out += " matching the pattern " + pattern;
    return out;
  }
  return "a valid " + std::string(local);
}

// ---------------------------------------------------------------------------
// Schema errors

namespace {

// How a parent's children fit its content model, replayed to tell which child
// libxml2 meant and what was expected there (libxml2 does not always list it).
struct ContentMatch {
  const xmlNode* unexpected = nullptr;
  std::vector<std::string> expected;  // what may stand where `unexpected` is
  std::string previous;               // the last child that fit
  std::vector<std::string> missing;   // a required step not reached by the end
};

std::vector<std::string> expected_from(const SchemaOutline::Element& declaration, size_t group, int count) {
  std::vector<std::string> names;
  for (size_t g = group; g < declaration.groups.size(); ++g) {
    const SchemaOutline::Group& step = declaration.groups[g];
    const int used = g == group ? count : 0;
    if (used < step.max_occurs)
      for (const std::string& name : step.names)
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    if (used < step.min_occurs) break;
  }
  return names;
}

ContentMatch match_content(const SchemaOutline::Element& declaration, const xmlNode* parent,
                           const std::string& target_namespace) {
  ContentMatch match;
  const auto& groups = declaration.groups;
  size_t group = 0;
  int count = 0;
  for (const xmlNode* child : element_children(parent)) {
    const std::string name = str(child->name);
    const bool in_namespace = namespace_of(child) == target_namespace;
    size_t g = group;
    int used = count;
    bool fits = false;
    while (g < groups.size()) {
      const auto& names = groups[g].names;
      if (in_namespace && used < groups[g].max_occurs &&
          std::find(names.begin(), names.end(), name) != names.end()) {
        fits = true;
        break;
      }
      if (used < groups[g].min_occurs) break;
      ++g;
      used = 0;
    }
    if (!fits) {
      match.unexpected = child;
      match.expected = expected_from(declaration, group, count);
      return match;
    }
    group = g;
    count = used + 1;
    match.previous = name;
  }
  for (size_t g = group; g < groups.size(); ++g)
    if ((g == group ? count : 0) < groups[g].min_occurs) {
      match.missing = groups[g].names;
      break;
    }
  return match;
}

bool declares_child(const SchemaOutline::Element& declaration, const std::string& name) {
  return (declaration.same_as ? *declaration.same_as : declaration).children.count(name) > 0;
}

std::string content_order(const SchemaOutline::Element& declaration) {
  std::string out;
  for (const SchemaOutline::Group& group : declaration.groups) {
    std::string step;
    for (const std::string& name : group.names) step += (step.empty() ? "<" : "/<") + name + ">";
    out += (out.empty() ? "" : ", ") + step;
  }
  return out;
}

std::string unexpected_child(const xmlNode* child, const xmlNode* parent,
                             const SchemaOutline::Element& declaration, const ContentMatch& match,
                             const std::string& target_namespace) {
  const std::string name = str(child->name);
  if (namespace_of(child) != target_namespace && declares_child(declaration, name))
    return tag(child) + " is not in the namespace " + target_namespace + " like the rest of " + tag(parent) +
           (child->ns ? "" : " (it has xmlns=\"\")") + ": check its xmlns";
  std::string message = tag(child) + " is not allowed here in " + tag(parent);
  if (declaration.text_only || declaration.groups.empty())
    return tag(child) + " is not allowed inside " + tag(parent) + ": " + tag(parent) + " holds no elements";
  if (namespace_of(child) == target_namespace && declares_child(declaration, name) &&
      declaration.groups.size() > 1)
    message += " (the order is " + content_order(declaration) + ")";
  if (!match.expected.empty())
    message += "; expected " + one_of(match.expected);
  else if (!match.previous.empty())
    message += "; nothing more may follow <" + match.previous + ">";
  return message;
}

// The line where the first non-space character of a text node stands, counted
// from a neighbour whose line is known (an element's is its start tag's; a text
// node's own is wherever the parser was when it made the node).
int text_line(const xmlNode* text) {
  const std::string content = str(text->content);
  const auto first = content.begin() + static_cast<std::ptrdiff_t>(
                                           std::min(content.find_first_not_of(" \t\r\n"), content.size()));
  const xmlNode* parent = text->parent;
  if (!text->prev && parent)
    return line_of_node(parent) + static_cast<int>(std::count(content.begin(), first, '\n'));
  if (text->next && text->next->type == XML_ELEMENT_NODE)
    return line_of_node(text->next) - static_cast<int>(std::count(first, content.end(), '\n'));
  return parent ? line_of_node(parent) : line_of_node(text);
}

// "['a22']" -> "a22": the key sequence libxml2 puts in an identity error.
std::string key_value(std::string text) {
  if (text.size() >= 4 && text.rfind("['", 0) == 0 && text.compare(text.size() - 2, 2, "']") == 0)
    return text.substr(2, text.size() - 4);
  return text;
}

// "unique identity-constraint '{ns}roleOnce'" -> "{ns}roleOnce".
std::string quoted_part(const std::string& text) {
  const size_t open = text.find('\'');
  const size_t close = text.rfind('\'');
  return open != std::string::npos && close > open ? text.substr(open + 1, close - open - 1) : text;
}

// libxml2's schema message with namespaces removed (a brace group holding a
// colon is a namespace; pattern quantifiers such as {6} have none) and the
// element named as a tag.
std::string cleaned_schema_text(std::string text) {
  static const std::regex namespace_prefix(R"(\{[^{}\s,]*:[^{}\s]*\})");
  static const std::regex element_name(R"(Element '([^']+)')");
  text = shown(text, kLongestQuotedMessage);
  text = std::regex_replace(text, namespace_prefix, "");
  text = std::regex_replace(text, element_name, "<$1>");
  std::replace(text.begin(), text.end(), '\n', ' ');
  return trimmed(text);
}

bool is_value_error(int code) {
  return (code >= XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1 && code <= XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3) ||
         (code >= XML_SCHEMAV_CVC_FACET_VALID && code <= XML_SCHEMAV_CVC_ENUMERATION_VALID) ||
         code == XML_SCHEMAV_CVC_ATTRIBUTE_3;
}

}  // namespace

void SchemaMessages::add(const xmlError& error) {
  const xmlNode* node = static_cast<const xmlNode*>(error.node);
  const xmlAttr* attribute = nullptr;
  if (node && node->type == XML_ATTRIBUTE_NODE) {
    attribute = reinterpret_cast<const xmlAttr*>(node);
    node = node->parent;
  }
  if (node && node->type != XML_ELEMENT_NODE) node = nullptr;
  int line = node ? line_of_node(node) : error.line;
  const std::string str1 = str(error.str1), str2 = str(error.str2), str3 = str(error.str3);
  const std::string& ns = outline_.target_namespace();
  const SchemaOutline::Element* declaration = node ? outline_.declaration_of(node) : nullptr;
  std::string message;

  switch (error.code) {
    case XML_SCHEMAV_ELEMENT_CONTENT: {
      if (!node) break;
      // libxml2 names either the child that may not stand here or the parent
      // that lacks a required child; replaying the content model tells which.
      const xmlNode* parent = node->parent && node->parent->type == XML_ELEMENT_NODE ? node->parent : nullptr;
      if (const SchemaOutline::Element* parent_declaration =
              parent ? outline_.declaration_of(parent) : nullptr) {
        // Each child of a large parent may have its own problem: replay the parent once.
        auto known = unexpected_child_of_.find(parent);
        ContentMatch match;
        if (known == unexpected_child_of_.end() || known->second == node) {
          match = match_content(*parent_declaration, parent, ns);
          unexpected_child_of_[parent] = match.unexpected;
        }
        if (match.unexpected == node) {
          message = unexpected_child(node, parent, *parent_declaration, match, ns);
          break;
        }
      }
      if (!declaration) break;
      const ContentMatch match = match_content(*declaration, node, ns);
      if (match.unexpected) {
        line = line_of_node(match.unexpected);
        message = unexpected_child(match.unexpected, node, *declaration, match, ns);
      } else if (!match.missing.empty()) {
        message = tag(node) + " needs " +
                  (match.missing.size() == 1 ? a_tag(match.missing.front()) : one_of(match.missing));
        if (!match.previous.empty()) message += " after <" + match.previous + ">";
      }
      break;
    }
    case XML_SCHEMAV_CVC_TYPE_3_1_2:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2: {
      if (!node) break;
      const auto children = element_children(node);
      if (children.empty()) break;
      line = line_of_node(children.front());
      message = tag(children.front()) + " is not allowed inside " + tag(node) + ": " + tag(node) +
                " holds plain text only, no markup";
      break;
    }
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
      if (node) message = tag(node) + " must be empty: write it as <" + qualified_name(node) + " .../>";
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3: {
      if (!node) break;
      std::string text;
      for (const xmlNode* child = node->children; child && text.empty(); child = child->next)
        if (child->type == XML_TEXT_NODE && !trimmed(str(child->content)).empty()) {
          text = trimmed(str(child->content));
          line = text_line(child);
        }
      // The children that hold text, in the schema's order.
      std::vector<std::string> holders;
      if (declaration)
        for (const auto& group : declaration->groups)
          for (const std::string& name : group.names)
            if (declaration->children.at(name)->text_only) holders.push_back(name);
      message = "text \"" + shown(text) + "\" is not allowed directly in " + tag(node);
      message += holders.empty() ? "; remove it" : ": put it inside " + one_of(holders);
      break;
    }
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2: {
      if (!node) break;
      const xmlAttr* extra = attribute ? attribute : find_attribute(node, str1);
      const std::string name = extra ? attribute_name(extra) : std::string(after_colon(str1));
      message = tag(node) + " does not take the attribute " + name;
      if (declaration) {
        std::string allowed;
        for (const auto& candidate : declaration->attributes)
          allowed += (allowed.empty() ? "" : ", ") + candidate.name;
        message += allowed.empty() ? " (it takes no attributes)" : " (its attributes: " + allowed + ")";
      }
      break;
    }
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4: {
      if (!node) break;
      message = tag(node) + " needs the attribute " + str1;
      const SchemaOutline::Attribute* declared = declaration ? declaration->attribute(str1) : nullptr;
      if (declared && !declared->type.empty()) message += ": " + outline_.describe_type(declared->type);
      break;
    }
    case XML_SCHEMAV_CVC_IDC: {
      if (!report_identity_) return;
      if (!str3.empty()) {
        // keyref: str1 the referring element, str2 the key sequence, str3 the keyref.
        const auto* keyref = outline_.identity_constraint(str3);
        const auto* key = keyref ? outline_.identity_constraint(keyref->refer) : nullptr;
        const std::string referrer(after_colon(str1));
        const std::string value = shown(key_value(str2));
        message =
            "<" + referrer +
            (keyref && !keyref->attribute.empty() ? " " + keyref->attribute + "=\"" + value + "\"" : "") +
            "> refers to \"" + value + "\", which does not exist";
        if (key && !key->element.empty())
          message += ": no <" + key->element + ">" +
                     (key->attribute.empty() ? "" : " has " + key->attribute + "=\"" + value + "\"");
      } else if (!str2.empty() && node) {
        // key or unique: str1 the key sequence, str2 names the constraint.
        const auto* constraint = outline_.identity_constraint(quoted_part(str2));
        const std::string value = key_value(str1);
        const std::string field = constraint ? constraint->attribute : "";
        const std::string node_name = str(node->name);
        const xmlNode* first = field.empty() ? nullptr : first_before(node, [&](const xmlNode* candidate) {
          if (str(candidate->name) != node_name) return false;
          const xmlAttr* same = find_attribute(candidate, field);
          return same && collapsed(attribute_value(same)) == value;
        });
        message =
            "<" + qualified_name(node) + (field.empty() ? "" : " " + field + "=\"" + shown(value) + "\"") +
            "> is given twice" +
            (first ? " (lines " + std::to_string(line_of_node(first)) + " and " + std::to_string(line) + ")"
                   : "") +
            (field.empty() ? "; it must be unique" : "; each <" + node_name + "> needs a different " + field);
      } else {
        // A field that is missing or invalid: that attribute's own problem says so.
        return;
      }
      break;
    }
    case XML_SCHEMAV_CVC_ELT_1: {
      if (!node) break;
      std::string expected;
      for (const auto& root : outline_.roots())
        expected += (expected.empty() ? "<" : " or <") + root->name + " xmlns=\"" + ns + "\">";
      message = "the root element " + tag(node) +
                (node->ns ? " (namespace " + namespace_of(node) + ")" : " (no namespace)") +
                " is not what this file must hold: expected " + expected;
      break;
    }
    default:
      if (!is_value_error(error.code) || !node) break;
      {
        const xmlAttr* subject = attribute;
        for (const xmlAttr* candidate = node->properties; candidate && !subject;
             candidate = candidate->next) {
          const std::string value = attribute_value(candidate);
          if (value == str1 || collapsed(value) == collapsed(str1)) subject = candidate;
        }
        if (!subject) break;
        const std::string name = attribute_name(subject);
        const std::string value = attribute_value(subject);
        const SchemaOutline::Attribute* declared = declaration ? declaration->attribute(name) : nullptr;
        // Not one of the schema's attributes (xsi:type, say): libxml2's words say more.
        if (!declared || declared->type.empty()) break;
        const std::string& type = declared->type;
        // libxml2 reports a repeated xs:ID value as an invalid ID.
        const bool repeated_id =
            after_colon(type) == "ID" && xmlValidateNCName(BAD_CAST value.c_str(), 0) == 0;
        if (repeated_id) {
          if (!report_identity_) return;
          const xmlNode* first = first_before(node, [&](const xmlNode* candidate) {
            const xmlAttr* same = find_attribute(candidate, name);
            return same && trimmed(attribute_value(same)) == trimmed(value);
          });
          message =
              "<" + qualified_name(node) + " " + name + "=\"" + shown(value) + "\">: the id " +
              trimmed(value) + " is used twice" +
              (first ? " (lines " + std::to_string(line_of_node(first)) + " and " + std::to_string(line) + ")"
                     : "") +
              "; ids must be unique";
          break;
        }
        rejected_attributes.insert({node, name});
        message = "<" + qualified_name(node) + " " + name + "=\"" + shown(value) + "\">: " + name +
                  " must be " + outline_.describe_type(type);
        if (error.code == XML_SCHEMAV_CVC_PATTERN_VALID && !str2.empty() &&
            message.find(str2) == std::string::npos)
          message += " (pattern " + str2 + ")";
      }
      break;
  }
  if (message.empty()) message = cleaned_schema_text(str(error.message));
  if (message.empty()) message = "does not match the schema";
  problems.push_back({line, message});
}

}  // namespace reissue::xml
