// Turning libxml2's parser and schema errors into sentences for the people who
// write the files by hand. Private to the model library (xml_safe_parse.cpp).
//
// Translations are keyed on libxml2's error codes (xmlError.code) and built from
// the error's structured fields, its node and the schema itself, never from
// libxml2's message text, which only survives, cleaned, for codes not handled.
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reissue/issue_xml.h"

namespace reissue::xml {

// The first error the parser reported, copied while its context was alive.
struct ParseFailure {
  int domain = 0;
  int code = 0;
  int line = 0;
  int int1 = 0;  // for tag errors: the line of the start tag; for characters: the code point
  std::string str1;
  std::string str2;
  std::string text;                        // libxml2's message, for codes not translated
  std::string before;                      // decoded text just before the parser's position
  std::string after;                       // and just after it
  std::vector<std::string> open_elements;  // outermost first
  std::string root;                        // the root element's name, once it has started
};

// "a bare & must be written &amp;"; the line may be corrected (invalid UTF-8
// is located in `bytes` directly).
Problem describe_parse_failure(const ParseFailure& failure, std::string_view bytes);

// What an XSD says about the documents it describes, as far as messages need it:
// the element tree with content models in order, attributes and their types,
// simple types and identity constraints.
class SchemaOutline {
 public:
  struct Attribute {
    std::string name;
    std::string type;  // as written in the schema: "xs:positiveInteger", "r:IsoDate"
    bool required = false;
  };
  // One step of a content model: an element, or a choice among several.
  struct Group {
    std::vector<std::string> names;
    int min_occurs = 1;
    int max_occurs = 1;  // INT_MAX for unbounded
  };
  struct Element {
    std::string name;
    bool text_only = false;  // a simple type or simple content: no child elements
    std::vector<Group> groups;
    std::vector<Attribute> attributes;
    std::map<std::string, std::unique_ptr<Element>> children;
    // A recursive type's element deep on a path: its children are those of
    // this whole expansion of the type (the tree is finite).
    const Element* same_as = nullptr;
    const Attribute* attribute(std::string_view attribute_name) const;
  };
  struct SimpleType {
    std::string base;
    std::vector<std::string> patterns;
    std::vector<std::string> enumeration;
  };
  struct IdentityConstraint {
    std::string kind;       // key, keyref, unique
    std::string element;    // the selected element's local name
    std::string attribute;  // the field, when it is an attribute
    std::string refer;      // keyref: the key it refers to
  };

  explicit SchemaOutline(const char* schema_text);

  const std::string& target_namespace() const { return target_namespace_; }
  // The declaration an element of a document falls under; nullptr when the
  // element or one of its ancestors is not declared where it stands.
  const Element* declaration_of(const xmlNode* element) const;
  const std::vector<std::unique_ptr<Element>>& roots() const { return roots_; }
  // "a positive whole number (1, 2, 3, ...)", "one of serif, sans".
  std::string describe_type(const std::string& type) const;
  const SimpleType* simple_type(const std::string& type) const;
  const IdentityConstraint* identity_constraint(const std::string& name) const;

 private:
  std::string target_namespace_;
  std::vector<std::unique_ptr<Element>> roots_;
  std::map<std::string, SimpleType> simple_types_;
  std::map<std::string, IdentityConstraint> identity_constraints_;
};

// Schema problems of one document, translated.
class SchemaMessages {
 public:
  // report_identity = false leaves key/keyref/unique problems and repeated
  // xs:ID values to the caller, whose own checks can say more about them.
  SchemaMessages(const SchemaOutline& outline, bool report_identity)
      : outline_(outline), report_identity_(report_identity) {}

  void add(const xmlError& error);

  std::vector<Problem> problems;
  std::set<std::pair<const xmlNode*, std::string>> rejected_attributes;

 private:
  const SchemaOutline& outline_;
  bool report_identity_;
  std::map<const xmlNode*, const xmlNode*> unexpected_child_of_;  // parent -> the child out of place
};

}  // namespace reissue::xml
