// What a DOCX paragraph and run look like once Word's inheritance is applied
// (document defaults <- basedOn chain of the paragraph style <- character
// style <- direct formatting), and automatic numbering rendered as Word shows
// it ("1.", "一、", "(a)").
#pragma once

#include "reissue/xml_safe.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reissue::extract {

// Run properties; unset: inherited.
struct RunProperties {
  std::optional<bool> bold;
  // Emphasis: Word's emphasis mark (w:em, 着重号) or italics (w:i), which a
  // Word user means as emphasis; Chinese has no italic (docs/format.md).
  std::optional<bool> emphasis;
  std::optional<bool> hidden;      // w:vanish
  std::optional<double> size;      // points (w:sz, else w:szCs)
  std::string style;               // w:rStyle (direct formatting only)
  void inherit(const RunProperties& base);  // fills what is unset from `base`
};

struct ParagraphProperties {
  std::optional<std::string> justification;  // w:jc
  std::optional<int> outline;                // w:outlineLvl (0: a top heading)
  std::optional<double> first_line;          // points, hanging negative
  std::optional<double> first_line_chars;    // in characters (w:firstLineChars / 100)
  std::optional<int> num_id, level;          // w:numPr
  std::string style;                         // w:pStyle (direct formatting only)
  void inherit(const ParagraphProperties& base);
};

ParagraphProperties paragraph_properties(const xmlNode* pPr);  // a w:pPr (null: none)
RunProperties run_properties(const xmlNode* rPr);              // a w:rPr (null: none)

// styles.xml: each style's own properties and what it is based on.
class StyleSheet {
 public:
  StyleSheet() = default;
  explicit StyleSheet(const xmlDoc* styles);  // null: no styles part
  // The properties a paragraph of style `id` has ("" or unknown: the default
  // paragraph style), document defaults included.
  ParagraphProperties paragraph(const std::string& id) const;
  RunProperties paragraph_run(const std::string& id) const;
  RunProperties character(const std::string& id) const;  // a character style's own chain
  // A heading style by name ("heading 1" -> 0) or by its outline level; -1: not one.
  int heading_level(const std::string& id) const;

 private:
  struct Style {
    std::string name, based_on, type;
    ParagraphProperties paragraph;
    RunProperties run;
  };
  const Style* find(const std::string& id, const char* type) const;  // unknown: the type's default
  const Style* find_exact(const std::string& id) const;
  template <class Take>
  void walk_chain(const Style* style, Take take) const;
  std::map<std::string, Style> styles_;
  std::map<std::string, std::string> default_of_type_;  // "paragraph" -> id
  ParagraphProperties default_paragraph_;
  RunProperties default_run_;
};

// numbering.xml: the label of each numbered paragraph, counted in order.
class Numbering {
 public:
  Numbering() = default;
  explicit Numbering(const xmlDoc* numbering);  // null: no numbering part
  // The label for the next paragraph numbered (num_id, level) as Word shows
  // it, with what follows it: Word's tab as a space, unless the label ends
  // in punctuation ("1." "一、" run into the text as typed ones do); advances
  // the counters. "" for bullets, unknown lists and the format "none".
  std::string next_label(int num_id, int level);

 private:
  struct Level {
    int start = 1;
    std::string format = "decimal";
    std::string text;
    std::string suffix = "tab";
  };
  struct Abstract {
    std::map<int, Level> levels;
  };
  struct Instance {
    int abstract = -1;
    std::map<int, int> start_overrides;
  };
  std::map<int, Abstract> abstracts_;
  std::map<int, Instance> instances_;
  std::map<std::string, std::vector<int>> counters_;  // by list (see next_label)
};

// A counter in a Word number format ("decimal", "chineseCounting",
// "lowerRoman", ...).
std::string format_number(int value, const std::string& format);

}  // namespace reissue::extract
