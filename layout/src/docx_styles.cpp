#include "docx_styles.h"

#include "reissue/xml_writer.h"

#include <array>
#include <cmath>

namespace reissue::layout {

namespace {

struct WordStyle {
  const char* id;
  const char* name;   // Word's built-in names (lower case "heading 1") where one fits
  int outline = -1;   // outline level: article titles 0, sub-headings 1 (navigation pane, TOC)
  bool keep_next = false;
};

// One per role, in the order of the Role enum. Section labels (本期导语：,
// 一、信息目录) get no outline level, so that Word's navigation pane and TOC
// list the articles, as the PDF's bookmarks do.
constexpr std::array<WordStyle, kRoleCount> kWordStyles = {{
    {"Title", "Title", -1, true},                      // series
    {"IssueNumber", "Issue Number", -1, true},         // number
    {"Publisher", "Publisher", -1, true},              // publisher
    {"IssueDate", "Issue Date", -1, true},             // date
    {"SectionLabel", "Section Label", -1, true},       // section
    {"Intro", "Intro", -1, false},                     // intro
    {"ContentsEntry", "Contents Entry", -1, false},    // contents
    {"ContentsSource", "Contents Source", -1, false},  // contents-source
    {"Heading1", "heading 1", 0, true},                // article-title
    {"ArticleMeta", "Article Meta", -1, true},         // article-meta
    {"ArticleLink", "Article Link", -1, true},         // link
    {"Headline", "Headline", -1, true},                // headline
    {"Dateline", "Dateline", -1, true},                // dateline
    {"BodyText", "Body Text", -1, false},              // body
    {"Heading2", "heading 2", 1, true},                // heading
    {"Caption", "caption", -1, false},                 // caption
    {"Byline", "Byline", -1, false},                   // byline
    {"Footer", "footer", -1, false},                   // footer
}};

const WordStyle& word_style(Role role) { return kWordStyles[static_cast<std::size_t>(role)]; }

const char* justification(Align align) {
  switch (align) {
    case Align::left: return "left";
    case Align::center: return "center";
    case Align::right: return "right";
    case Align::justify: break;
  }
  return "both";
}

void write_fonts(xml::Writer& out, const Style& style, bool sans) {
  const std::string& latin = sans ? style.latin_sans : style.latin_serif;
  out.start("w:rFonts");
  out.attribute("w:ascii", latin);
  out.attribute("w:eastAsia", sans ? style.sans : style.serif);
  out.attribute("w:hAnsi", latin);
  out.attribute("w:cs", latin);
  out.end();
}

void write_size(xml::Writer& out, double points) {
  const std::string half_points = std::to_string(std::lround(points * 2));
  out.empty("w:sz", "w:val", half_points);
  out.empty("w:szCs", "w:val", half_points);
}

// Paragraph and run properties of one role, children in the schema's order
// (Word rejects a file whose w:pPr children are out of order).
void write_role_properties(xml::Writer& out, const Style& style, const RoleStyle& role, const WordStyle& word,
                           bool contents) {
  out.start("w:pPr");
  if (word.keep_next) out.empty("w:keepNext");
  if (word.outline >= 0) out.empty("w:keepLines");
  if (contents) {  // the article's page number at the right margin
    out.start("w:tabs");
    out.start("w:tab");
    out.attribute("w:val", "right");
    out.attribute("w:pos", std::to_string(twips(style.text_width())));
    out.end();
    out.end();
  }
  out.start("w:spacing");
  out.attribute("w:before", std::to_string(twips(role.space_before)));
  out.attribute("w:after", std::to_string(twips(role.space_after)));
  // Exact line height, as in the PDF (auto would depend on the font's metrics).
  out.attribute("w:line", std::to_string(twips(role.size * role.leading)));
  out.attribute("w:lineRule", "exact");
  out.end();
  out.start("w:ind");
  // LibreOffice 7.4 ignores firstLineChars, so both are written.
  out.attribute("w:firstLineChars", std::to_string(std::lround(role.indent_em * 100)));
  out.attribute("w:firstLine", std::to_string(twips(role.indent_em * role.size)));
  out.end();
  out.empty("w:jc", "w:val", justification(role.align));
  if (word.outline >= 0) out.empty("w:outlineLvl", "w:val", std::to_string(word.outline));
  out.end();

  out.start("w:rPr");
  write_fonts(out, style, role.sans);
  if (role.bold) {
    out.empty("w:b");
    out.empty("w:bCs");
  }
  if (!role.color.black()) out.empty("w:color", "w:val", role.color.hex());
  write_size(out, role.size);
  out.end();
}

void write_style_header(xml::Writer& out, const char* id, const char* name, bool custom) {
  out.start("w:style");
  out.attribute("w:type", "paragraph");
  if (custom) out.attribute("w:customStyle", "1");
  out.attribute("w:styleId", id);
  out.empty("w:name", "w:val", name);
  out.empty("w:basedOn", "w:val", "Normal");
  out.empty("w:next", "w:val", "BodyText");
  out.empty("w:qFormat");
}

bool is_builtin(const std::string& name) {
  return name == "Title" || name == "Body Text" || name.rfind("heading", 0) == 0 || name == "caption" ||
         name == "footer";
}

}  // namespace

long twips(double points) { return std::lround(points * 20); }

std::string docx_style_id(Role role) { return word_style(role).id; }

const std::string& docx_chinese_font(const Style& style, Role role) {
  return style.role(role).sans ? style.sans : style.serif;
}

std::string docx_styles_xml(const Style& style) {
  xml::Writer out(false);
  out.start_document(true);
  out.start("w:styles");
  out.attribute("xmlns:w", kWordNamespace);

  // Defaults: body fonts and size, Chinese language, East Asian line rules.
  const RoleStyle& body = style.role(Role::body);
  out.start("w:docDefaults");
  out.start("w:rPrDefault");
  out.start("w:rPr");
  write_fonts(out, style, false);
  write_size(out, body.size);
  out.start("w:lang");
  out.attribute("w:val", "en-US");
  out.attribute("w:eastAsia", "zh-CN");
  out.end();
  out.end();
  out.end();
  out.start("w:pPrDefault");
  out.start("w:pPr");
  out.empty("w:widowControl");
  out.empty("w:kinsoku");
  // Word's default, written out: a line-end comma may hang into the margin.
  // LibreOffice 7.4 reads this element the other way round and is known to
  // drop punctuation it lets hang; with this setting it keeps every mark
  // (the LibreOffice test in tests/layout/docx_test.cpp counts them).
  out.empty("w:overflowPunct");
  out.empty("w:autoSpaceDE");
  out.empty("w:autoSpaceDN");
  out.end();
  out.end();
  out.end();

  out.start("w:style");
  out.attribute("w:type", "paragraph");
  out.attribute("w:default", "1");
  out.attribute("w:styleId", "Normal");
  out.empty("w:name", "w:val", "Normal");
  out.empty("w:qFormat");
  out.end();

  for (Role role : kRoles) {
    const WordStyle& word = word_style(role);
    write_style_header(out, word.id, word.name, !is_builtin(word.name));
    write_role_properties(out, style, style.role(role), word, role == Role::contents);
    out.end();
  }

  // Figures: centred images, line height from the image (an exact line
  // height would crop it).
  write_style_header(out, kDocxFigureStyle, "Figure", true);
  out.start("w:pPr");
  out.empty("w:keepNext");
  out.start("w:spacing");
  out.attribute("w:before", std::to_string(twips(style.role(Role::caption).space_before)));
  out.attribute("w:after", "0");
  out.attribute("w:line", "240");
  out.attribute("w:lineRule", "auto");
  out.end();
  out.empty("w:jc", "w:val", "center");
  out.end();
  out.end();

  out.end();
  return out.finish();
}

std::string docx_settings_xml() {
  xml::Writer out(false);
  out.start_document(true);
  out.start("w:settings");
  out.attribute("xmlns:w", kWordNamespace);
  out.empty("w:zoom", "w:percent", "100");
  out.empty("w:defaultTabStop", "w:val", "420");
  out.empty("w:characterSpacingControl", "w:val", "compressPunctuation");
  // The contents' page numbers are PAGEREF fields: Word computes them when
  // it opens the file (LibreOffice always does).
  out.empty("w:updateFields", "w:val", "true");
  out.start("w:compat");
  out.start("w:compatSetting");
  out.attribute("w:name", "compatibilityMode");
  out.attribute("w:uri", "http://schemas.microsoft.com/office/word");
  out.attribute("w:val", "15");
  out.end();
  out.end();
  out.start("w:themeFontLang");
  out.attribute("w:val", "en-US");
  out.attribute("w:eastAsia", "zh-CN");
  out.end();
  out.end();
  return out.finish();
}

}  // namespace reissue::layout
