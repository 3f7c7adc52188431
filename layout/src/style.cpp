#include "reissue/style.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/xml_safe.h"

#include <cstdio>
#include <cstdlib>

namespace reissue {

namespace embedded {
extern const char style_xsd[];
extern const char default_style_xml[];
}  // namespace embedded

const char* const kRoleNames[18] = {"series",       "number",      "publisher",      "date",     "section",
                                    "intro",        "contents",    "contents-source", "article-title",
                                    "article-meta", "link",        "headline",       "dateline", "body",
                                    "heading",      "caption",     "byline",         "footer"};

std::string Color::hex() const {
  char buffer[8];
  auto channel = [](double value) { return static_cast<int>(value * 255 + 0.5); };
  std::snprintf(buffer, sizeof buffer, "%02X%02X%02X", channel(red), channel(green), channel(blue));
  return buffer;
}

const RoleStyle& Style::role(const std::string& role_name) const {
  if (auto found = roles.find(role_name); found != roles.end()) return found->second;
  return roles.at("body");
}

namespace {

// "25mm" -> points. The schema has checked the form.
double length(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  const std::string unit(end);
  if (unit == "mm") return value * 72 / 25.4;
  if (unit == "cm") return value * 72 / 2.54;
  if (unit == "in") return value * 72;
  return value;  // pt
}

Color color(const std::string& text) {
  const long value = std::strtol(text.c_str() + 1, nullptr, 16);
  return {((value >> 16) & 0xFF) / 255.0, ((value >> 8) & 0xFF) / 255.0, (value & 0xFF) / 255.0};
}

std::string attribute_or(const xmlNode* node, const char* name, const char* fallback) {
  const std::string value = xml::attribute(node, name);
  return value.empty() ? fallback : value;
}

}  // namespace

Style load_style_from_memory(std::string_view bytes, const std::string& name) {
  xml::DocPtr doc = xml::parse_untrusted(bytes, name, 1 << 20);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!xml::is_element(root, "style") || !root->ns ||
      !xmlStrEqual(root->ns->href, BAD_CAST "urn:reissue:style:1"))
    throw Error(name, root ? xml::line_of(root) : 0,
                "not a style sheet (expected <style xmlns=\"urn:reissue:style:1\">)");
  const auto problems = xml::validate_with_schema(doc.get(), embedded::style_xsd);
  if (!problems.empty()) throw Error(name, problems.front().line, problems.front().message);
  Style style;
  style.name = xml::attribute(root, "name");
  for (const xmlNode* node = root->children; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (xml::is_element(node, "page")) {
      style.page_width = length(xml::attribute(node, "width"));
      style.page_height = length(xml::attribute(node, "height"));
      style.margin_top = length(xml::attribute(node, "top"));
      style.margin_bottom = length(xml::attribute(node, "bottom"));
      style.margin_left = length(xml::attribute(node, "left"));
      style.margin_right = length(xml::attribute(node, "right"));
      if (style.text_width() < 72 || style.page_height - style.margin_top - style.margin_bottom < 72)
        throw Error(name, xml::line_of(node), "the margins leave less than an inch for the text");
    } else if (xml::is_element(node, "fonts")) {
      style.serif = xml::attribute(node, "serif");
      style.sans = xml::attribute(node, "sans");
      style.latin_serif = xml::attribute(node, "latin-serif");
      style.latin_sans = xml::attribute(node, "latin-sans");
    } else if (xml::is_element(node, "masthead")) {
      style.rule_color = color(xml::attribute(node, "rule-color"));
      style.rule_width = length(xml::attribute(node, "rule-width"));
    } else if (xml::is_element(node, "footer")) {
      style.footer_format = xml::attribute(node, "format");
      style.footer_offset = length(xml::attribute(node, "offset"));
    } else if (xml::is_element(node, "role")) {
      RoleStyle role;
      role.sans = attribute_or(node, "family", "serif") == "sans";
      role.size = length(xml::attribute(node, "size"));
      role.leading = std::strtod(attribute_or(node, "leading", "1.5").c_str(), nullptr);
      const std::string bold = attribute_or(node, "bold", "false");
      role.bold = bold == "true" || bold == "1";
      role.color = color(attribute_or(node, "color", "#000000"));
      const std::string align = attribute_or(node, "align", "justify");
      role.align = align == "left" ? Align::left : align == "center" ? Align::center
                   : align == "right" ? Align::right : Align::justify;
      role.indent_em = std::strtod(attribute_or(node, "indent", "0em").c_str(), nullptr);
      role.space_before = length(attribute_or(node, "space-before", "0pt"));
      role.space_after = length(attribute_or(node, "space-after", "0pt"));
      if (role.size < 4 || role.size > 200)
        throw Error(name, xml::line_of(node), "role size must be between 4 pt and 200 pt");
      if (role.leading < 0.8 || role.leading > 4)
        throw Error(name, xml::line_of(node), "role leading must be between 0.8 and 4");
      style.roles[xml::attribute(node, "name")] = role;
    }
  }
  if (!style.roles.count("body")) throw Error(name, xml::line_of(root), "the style sheet defines no body role");
  return style;
}

Style load_style(const std::filesystem::path& file) {
  return load_style_from_memory(read_file_limited(file, 1 << 20), file.string());
}

const Style& default_style() {
  static const Style style = load_style_from_memory(embedded::default_style_xml, "styles/default.xml");
  return style;
}

}  // namespace reissue
