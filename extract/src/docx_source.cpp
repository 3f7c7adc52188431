#include "docx_source.h"

#include "docx_properties.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace reissue::extract {

namespace {

const xmlNode* child(const xmlNode* node, const char* local_name) {
  for (const xmlNode* c = node ? node->children : nullptr; c; c = c->next)
    if (xml::is_element(c, local_name)) return c;
  return nullptr;
}

// An attribute in the relationships namespace (r:id, r:embed), told from a
// w:id of the same local name.
std::string relationship_attribute(const xmlNode* node, const char* local_name) {
  for (const xmlAttr* attr = node->properties; attr; attr = attr->next)
    if (xmlStrEqual(attr->name, BAD_CAST local_name) && attr->ns && attr->ns->href &&
        xmlStrstr(attr->ns->href, BAD_CAST "relationships")) {
      xmlChar* value = xmlNodeListGetString(node->doc, attr->children, 1);
      std::string out = value ? reinterpret_cast<const char*>(value) : "";
      xmlFree(value);
      return out;
    }
  return "";
}

std::string image_extension(const std::string& bytes) {
  if (bytes.size() > 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) return "png";
  if (bytes.size() > 3 && bytes.compare(0, 3, "\xFF\xD8\xFF") == 0) return "jpg";
  return "";
}

// The URL of a HYPERLINK field instruction (HYPERLINK "https://..." \o "tip");
// "" for other fields and for links within the document (\l).
std::string hyperlink_of_field(const std::string& instruction) {
  const size_t at = instruction.find("HYPERLINK");
  if (at == std::string::npos || instruction.find("\\l", at) != std::string::npos) return "";
  size_t from = instruction.find_first_not_of(' ', at + 9);
  if (from == std::string::npos) return "";
  size_t to;
  if (instruction[from] == '"') to = instruction.find('"', ++from);
  else to = instruction.find(' ', from);
  return instruction.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// A line being collected from a paragraph's runs.
struct OpenLine {
  std::u32string text;
  std::vector<std::string> links;
  std::vector<SourceMark> marks;
  // The mark each kind's text is going into, or -1 (a run without it ended it).
  int strong = -1, emphasis = -1, link = -1;
  double size_weight = 0;  // sum of size times characters
  int characters = 0, bold_characters = 0;
};

// A line with its size in points, before the body size is known.
struct RawLine {
  SourceLine line;
  double size = 0;  // points; 0: unknown
  double first_line_points = 0;
  double first_line_chars = 0;
};

// A field (fldChar begin ... separate ... end): its instruction, and whether
// the result is being read.
struct Field {
  std::string instruction;
  bool in_result = false;
};

class DocumentReader {
 public:
  DocumentReader(Package& package, const std::string& document_part, const DocxLimits& limits)
      : package_(package), part_(document_part), limits_(limits) {}

  SourceDocument read() {
    load_styles_and_numbering();
    const std::optional<std::string> bytes = package_.read(part_);
    if (!bytes) throw ReadError(package_.name(), 0, part_ + ": the document part is missing (a damaged DOCX)");
    const xml::DocPtr doc = parse_part(*bytes, package_.name(), part_);
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    const xmlNode* body = child(root, "body");
    if (!body) throw ReadError(package_.name(), 0, part_ + ": no w:body (not a WordprocessingML document)");
    block_content(body);
    return finish();
  }

 private:
  void load_styles_and_numbering() {
    relationships_ = package_.relationships(part_);
    std::string styles_part = "word/styles.xml", numbering_part = "word/numbering.xml";
    for (const auto& [id, relationship] : relationships_) {
      if (relationship.external) continue;
      if (relationship.type == "styles") styles_part = relationship.target;
      if (relationship.type == "numbering") numbering_part = relationship.target;
    }
    if (const auto styles = package_.read(styles_part)) styles_ = StyleSheet(parse_part(*styles, package_.name(), styles_part).get());
    if (const auto numbering = package_.read(numbering_part))
      numbering_ = Numbering(parse_part(*numbering, package_.name(), numbering_part).get());
  }

  // Paragraphs, tables (each cell's content in order), content controls.
  void block_content(const xmlNode* parent) {
    for (const xmlNode* node = parent->children; node; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      const char* name = reinterpret_cast<const char*>(node->name);
      if (xml::is_element(node, "p")) paragraph(node);
      else if (xml::is_element(node, "AlternateContent")) alternate(node, &DocumentReader::block_content);
      else if (std::string_view(name) == "tbl" || std::string_view(name) == "tr" || std::string_view(name) == "tc" ||
               std::string_view(name) == "sdt" || std::string_view(name) == "sdtContent" ||
               std::string_view(name) == "customXml" || std::string_view(name) == "ins" ||
               std::string_view(name) == "moveTo" || std::string_view(name) == "txbxContent")
        block_content(node);
    }
  }

  // Markup compatibility: the first choice (what Word wrote for readers that
  // know it); the fallback repeats the same content for older ones.
  void alternate(const xmlNode* node, void (DocumentReader::*walk)(const xmlNode*)) {
    const xmlNode* choice = child(node, "Choice");
    if (!choice) choice = child(node, "Fallback");
    if (choice) (this->*walk)(choice);
  }

  void paragraph(const xmlNode* p) {
    const ParagraphProperties direct = paragraph_properties(child(p, "pPr"));
    paragraph_ = direct;
    paragraph_.inherit(styles_.paragraph(direct.style));
    paragraph_run_ = styles_.paragraph_run(direct.style);
    heading_ = paragraph_.outline.value_or(styles_.heading_level(direct.style));
    if (const xmlNode* pPr = child(p, "pPr"); pPr && child(pPr, "pageBreakBefore")) page_break();
    after_break_ = false;
    if (paragraph_.num_id && *paragraph_.num_id != 0)
      add_text(utf8_to_u32(numbering_.next_label(*paragraph_.num_id, paragraph_.level.value_or(0))), paragraph_run_);
    text_boxes_.clear();
    inline_content(p);
    end_line();
    // Text boxes anchored in the paragraph follow it.
    const std::vector<const xmlNode*> boxes = std::move(text_boxes_);
    for (const xmlNode* box : boxes) block_content(box);
  }

  // Runs and what holds runs: hyperlinks, insertions, smart tags, content
  // controls, simple fields. Deletions and moved-away text are left out.
  void inline_content(const xmlNode* parent) {
    for (const xmlNode* node = parent->children; node; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = reinterpret_cast<const char*>(node->name);
      if (name == "r") run(node);
      else if (name == "hyperlink") hyperlink(node);
      else if (name == "fldSimple") simple_field(node);
      else if (name == "AlternateContent") alternate(node, &DocumentReader::inline_content);
      else if (name == "ins" || name == "moveTo" || name == "smartTag" || name == "sdt" || name == "sdtContent" ||
               name == "customXml" || name == "dir" || name == "bdo")
        inline_content(node);
      else if (name == "del" || name == "moveFrom") deleted_ = true;
    }
  }

  void hyperlink(const xmlNode* node) {
    const std::string id = relationship_attribute(node, "id");
    const auto found = relationships_.find(id);
    const std::string saved = std::exchange(link_, found != relationships_.end() && found->second.external ? found->second.target : link_);
    inline_content(node);
    link_ = saved;
  }

  void simple_field(const xmlNode* node) {
    const std::string target = hyperlink_of_field(xml::attribute(node, "instr"));
    const std::string saved = std::exchange(link_, target.empty() ? link_ : target);
    inline_content(node);
    link_ = saved;
  }

  bool showing_field_result() const {
    return std::all_of(fields_.begin(), fields_.end(), [](const Field& field) { return field.in_result; });
  }

  std::string field_link() const {
    for (auto field = fields_.rbegin(); field != fields_.rend(); ++field)
      if (const std::string url = hyperlink_of_field(field->instruction); !url.empty()) return url;
    return "";
  }

  void field_character(const xmlNode* node) {
    const std::string type = xml::attribute(node, "fldCharType");
    if (type == "begin") {
      if (fields_.size() < 64) fields_.push_back({});
    } else if (type == "separate") {
      if (!fields_.empty()) fields_.back().in_result = true;
    } else if (type == "end") {
      if (!fields_.empty()) fields_.pop_back();
    }
  }

  void run(const xmlNode* r) {
    RunProperties properties = run_properties(child(r, "rPr"));
    properties.inherit(styles_.character(properties.style));
    properties.inherit(paragraph_run_);
    const bool hidden = properties.hidden.value_or(false);
    for (const xmlNode* node = r->children; node; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = reinterpret_cast<const char*>(node->name);
      if (name == "fldChar") {
        field_character(node);
        continue;
      }
      if (name == "instrText") {
        if (!fields_.empty() && !fields_.back().in_result && fields_.back().instruction.size() < 4096)
          fields_.back().instruction += xml::text_of(node);
        continue;
      }
      if (name == "AlternateContent") {
        if (const xmlNode* choice = child(node, "Choice") ? child(node, "Choice") : child(node, "Fallback")) pictures(choice);
        continue;
      }
      if (hidden || !showing_field_result()) continue;
      if (name == "t") add_text(utf8_to_u32(xml::text_of(node)), properties);
      else if (name == "tab" || name == "ptab") add_text(U" ", properties);
      else if (name == "noBreakHyphen") add_text(U"-", properties);
      else if (name == "sym") add_text(symbol(node), properties);
      else if (name == "br" || name == "cr") line_break(xml::attribute(node, "type"));
      else if (name == "drawing" || name == "pict" || name == "object") pictures(node);
      else if (name == "footnoteReference" || name == "endnoteReference") notes_ = true;
      else if (name == "delText") deleted_ = true;
      // softHyphen: only where Word breaks a word; lastRenderedPageBreak:
      // where it last broke a page, not a break in the document.
    }
  }

  std::u32string symbol(const xmlNode* node) {
    const std::string code = xml::attribute(node, "char");
    char32_t value = 0;
    for (char c : code) {
      const int digit = std::isxdigit(static_cast<unsigned char>(c)) ? std::stoi(std::string(1, c), nullptr, 16) : -1;
      if (digit < 0 || value > 0x10FFF) return U"";
      value = value * 16 + static_cast<char32_t>(digit);
    }
    // Symbol fonts' private-use codes (F020-F0FF) have no Unicode meaning.
    if (value == 0 || (value >= 0xE000 && value <= 0xF8FF) || value > 0x10FFFF) return U"";
    return std::u32string(1, value);
  }

  void line_break(const std::string& type) {
    if (type == "page") page_break();
    else if (type == "column") {}
    end_line();
    after_break_ = true;
  }

  void page_break() {
    end_line();
    ++page_;
  }

  // Images (a:blip r:embed; VML v:imagedata r:id) and text boxes in a drawing.
  void pictures(const xmlNode* node) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = reinterpret_cast<const char*>(c->name);
      if (name == "txbxContent") {
        text_boxes_.push_back(c);
        continue;
      }
      if (name == "blip" || name == "imagedata") {
        const std::string id = relationship_attribute(c, name == "blip" ? "embed" : "id");
        if (!id.empty()) figure(id);
        continue;
      }
      pictures(c);
    }
  }

  void figure(const std::string& id) {
    const auto found = relationships_.find(id);
    if (found == relationships_.end() || found->second.external) return;
    std::optional<std::string> bytes = package_.read(found->second.target);
    if (!bytes) {
      warn_once("an image part is missing (" + found->second.target + "): the figure is left out");
      return;
    }
    const std::string extension = image_extension(*bytes);
    if (extension.empty()) {
      warn_once("figures that are not JPEG or PNG (" + found->second.target + "...) are left out");
      return;
    }
    end_line();
    SourceImage image;
    image.bytes = std::move(*bytes);
    image.extension = extension;
    images_by_page_[page_].push_back(std::move(image));
    RawLine raw;
    raw.line.figure = static_cast<int>(images_by_page_[page_].size() - 1);
    raw.line.page = page_;
    lines_.push_back(std::move(raw));
    after_break_ = false;
  }

  void add_text(std::u32string_view text, const RunProperties& properties) {
    if (text.empty()) return;
    text_size_ += text.size();
    if (text_size_ > limits_.max_text)
      throw ReadError(package_.name(), 0, part_ + ": holds more than " + std::to_string(limits_.max_text) +
                                              " characters of text, more than one issue: give one file per issue");
    open_.text += text;
    int visible = 0;
    for (char32_t c : text) visible += !is_space(c);
    open_.characters += visible;
    if (properties.bold.value_or(false)) open_.bold_characters += visible;
    open_.size_weight += properties.size.value_or(10) * visible;
    const std::string link = !link_.empty() ? link_ : field_link();
    if (visible && !link.empty() && std::find(open_.links.begin(), open_.links.end(), link) == open_.links.end())
      open_.links.push_back(link);
    mark(open_.strong, Inline::Kind::strong, properties.bold.value_or(false), text, "");
    mark(open_.emphasis, Inline::Kind::emphasis, properties.emphasis.value_or(false), text, "");
    mark(open_.link, Inline::Kind::link, !link.empty(), text, link);
  }

  // Text in a kind of markup starts or continues its mark; other text ends it.
  void mark(int& current, Inline::Kind kind, bool on, std::u32string_view text, const std::string& href) {
    if (!on) {
      if (std::any_of(text.begin(), text.end(), [](char32_t c) { return !is_space(c); })) current = -1;
      return;
    }
    if (current >= 0 && open_.marks[static_cast<size_t>(current)].href == href) {
      open_.marks[static_cast<size_t>(current)].text += text;
      return;
    }
    open_.marks.push_back({kind, std::u32string(text), href, open_.text.size() - text.size()});
    current = static_cast<int>(open_.marks.size()) - 1;
  }

  // The collected line, trimmed; full-width spaces and tabs before its text
  // are an indent typed by hand.
  void end_line() {
    OpenLine open = std::exchange(open_, OpenLine());
    std::u32string text = to_nfc(std::move(open.text));
    size_t lead = 0;
    while (lead < text.size() && is_space(text[lead])) ++lead;
    int typed_indent = 0;
    for (size_t i = 0; i < lead; ++i) typed_indent += text[i] == U'\u3000' ? 1 : 0;
    size_t end = text.size();
    while (end > lead && is_space(text[end - 1])) --end;
    if (end == lead) return;  // an empty paragraph: spacing, not content
    RawLine raw;
    raw.line.text = text.substr(lead, end - lead);
    raw.line.page = page_;
    raw.line.bold = open.characters > 0 && open.bold_characters == open.characters;
    raw.line.centered = paragraph_.justification.value_or("") == "center";
    raw.line.outline = heading_;
    raw.line.after_break = after_break_;
    raw.line.links = std::move(open.links);
    raw.line.marks = std::move(open.marks);
    for (SourceMark& mark : raw.line.marks) mark.at = mark.at > lead ? mark.at - lead : 0;
    raw.size = open.characters ? open.size_weight / open.characters : 0;
    if (!after_break_) {
      raw.first_line_points = paragraph_.first_line.value_or(0);
      raw.first_line_chars = paragraph_.first_line_chars.value_or(0) + typed_indent;
    } else {
      raw.first_line_chars = typed_indent;
    }
    lines_.push_back(std::move(raw));
  }

  void warn_once(const std::string& warning) {
    if (warned_.insert(warning.substr(0, warning.find('('))).second) warnings_.push_back(warning);
  }

  // The body size (the size of most characters) and what is relative to it.
  SourceDocument finish() {
    std::map<long, double> sizes;
    for (const RawLine& raw : lines_)
      if (raw.size > 0) sizes[std::lround(raw.size * 2)] += static_cast<double>(raw.line.text.size());
    double body = 12;
    double most = -1;
    for (const auto& [half_points, weight] : sizes)
      if (weight > most) most = weight, body = static_cast<double>(half_points) / 2;
    SourceDocument document;
    document.kind = "docx";
    document.whole_paragraphs = true;
    document.pages.resize(static_cast<size_t>(page_) + 1);
    for (auto& [page, images] : images_by_page_) document.pages[static_cast<size_t>(page)].images = std::move(images);
    int number = 0;
    for (RawLine& raw : lines_) {
      SourceLine& line = raw.line;
      line.line = ++number;
      if (raw.size > 0) line.size_ratio = raw.size / body;
      line.indent = raw.first_line_chars + raw.first_line_points / body;
      document.lines.push_back(std::move(line));
    }
    if (deleted_) warnings_.push_back("tracked deletions are left out (the document as if the changes were accepted)");
    if (notes_) warnings_.push_back("footnotes and endnotes are left out");
    document.warnings = std::move(warnings_);
    return document;
  }

  Package& package_;
  std::string part_;
  DocxLimits limits_;
  Relationships relationships_;
  StyleSheet styles_;
  Numbering numbering_;

  ParagraphProperties paragraph_;
  RunProperties paragraph_run_;
  int heading_ = -1;
  bool after_break_ = false;
  std::string link_;
  std::vector<Field> fields_;
  std::vector<const xmlNode*> text_boxes_;
  OpenLine open_;
  int page_ = 0;
  std::size_t text_size_ = 0;

  std::vector<RawLine> lines_;
  std::map<int, std::vector<SourceImage>> images_by_page_;
  std::vector<std::string> warnings_;
  std::set<std::string> warned_;
  bool deleted_ = false, notes_ = false;
};

// The main part the package names (the officeDocument relationship), or a
// plain word on what the ZIP is instead.
std::string document_part(Package& package) {
  const Relationships relationships = package.relationships("");
  for (const auto& [id, relationship] : relationships)
    if (relationship.type == "officeDocument" && !relationship.external) {
      // Spreadsheets and presentations have their main parts under xl/ and ppt/.
      if (relationship.target.rfind("xl/", 0) != 0 && relationship.target.rfind("ppt/", 0) != 0)
        return relationship.target;
      throw ReadError(package.name(), 0, "is an Office document but not a Word document (its main part is " +
                                             relationship.target + "): give a .docx");
    }
  if (package.has("word/document.xml")) return "word/document.xml";
  if (package.has("mimetype") && package.has("content.xml"))
    throw ReadError(package.name(), 0, "is an OpenDocument file, not a DOCX: save it as Word (.docx) first");
  throw ReadError(package.name(), 0, "is a ZIP archive but not a Word document (no word/document.xml)");
}

}  // namespace

SourceDocument docx_source(std::string_view bytes, const std::string& name, const DocxLimits& limits) {
  Package package(bytes, name, limits.package);
  const std::string part = document_part(package);
  SourceDocument document = DocumentReader(package, part, limits).read();
  return document;
}

}  // namespace reissue::extract
