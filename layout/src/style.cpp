#include "reissue/style.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/text.h"
#include "reissue/xml_safe.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <regex>

namespace reissue {

namespace embedded {
extern const char style_xsd[];
extern const char default_style_xml[];
extern const char large_print_style_xml[];
}  // namespace embedded

std::string Color::hex() const {
  char buffer[8];
  auto channel = [](double value) { return static_cast<int>(value * 255 + 0.5); };
  std::snprintf(buffer, sizeof buffer, "%02X%02X%02X", channel(red), channel(green), channel(blue));
  return buffer;
}

const RoleStyle& Style::role(Role role) const {
  if (auto found = roles.find(role); found != roles.end()) return found->second;
  return roles.at(Role::body);
}

namespace {

// The ranges every value must keep (docs/style.md): wide enough for any real
// newsletter, narrow enough that every line and figure can be placed.
constexpr double kMinPage = 72, kMaxPage = 5000;           // points, each side
constexpr double kMinTextArea = 72;                        // one inch each way
constexpr double kMaxGapStretch = 24;                      // vertical justification: each gap grows at most this
constexpr double kMinSize = 4, kMaxSize = 200;             // points
constexpr double kMinLeading = 0.8, kMaxLeading = 4;       // times the size
constexpr double kMaxIndent = 10;                          // em
constexpr double kMaxRuleWidth = 20;                       // points
constexpr double kCharactersPerLine = 5;                   // a line holds at least this many em after its indent
constexpr double kFooterDescent = 0.25;                    // em below the footer's baseline that must stay on the page
constexpr size_t kMaxDigits = 15;                          // more is a typing accident, not a measurement

std::string points(double value) { return format_decimal(value, 1) + " pt"; }

// A range as messages print it, rounded inwards so that every value the
// message allows is accepted.
std::string range(double low, double high, int decimals, const std::string& unit) {
  const double scale = std::pow(10, decimals);
  return format_decimal(std::ceil(low * scale - 1e-6) / scale, decimals) + unit + " and " +
         format_decimal(std::floor(high * scale + 1e-6) / scale, decimals) + unit;
}

// Digits with an optional decimal point (and a sign, which xs:decimal lets
// through). inf, nan, exponents, hex floats and 400-digit numbers are not
// numbers here, so no value is ever infinite.
std::optional<double> plain_decimal(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  size_t digits = 0, points_seen = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '.') ++points_seen;
    else return std::nullopt;
  }
  if (digits == 0 || digits > kMaxDigits || points_seen > 1) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return negative ? -value : value;
}

// A value as messages quote it: a typing accident of 400 digits is not
// repeated in full.
std::string quoted(const std::string& written) {
  const std::u32string characters = utf8_to_u32(written);
  return "\"" + (characters.size() <= 24 ? written : u32_to_utf8(characters.substr(0, 20)) + "…") + "\"";
}

// One element's attributes, read with messages that name the file, the
// element's line, the attribute and the value as written.
class Attributes {
 public:
  Attributes(const std::string& file, const xmlNode* node) : file_(file), node_(node) {}

  std::string text(const char* name, const char* fallback = "") const {
    const std::string value = xml::attribute(node_, name);
    return value.empty() ? fallback : value;
  }

  [[noreturn]] void refuse(const char* name, const std::string& written, const std::string& why) const {
    throw Error(file_, xml::line_of(node_), std::string(name) + " " + quoted(written) + ": " + why);
  }
  [[noreturn]] void refuse(const std::string& message) const { throw Error(file_, xml::line_of(node_), message); }

  // A length ("25mm") in points, within [low, high] points.
  double length(const char* name, const char* fallback, double low, double high, const std::string& why = "") const {
    const std::string written = text(name, fallback);
    const std::string unit = written.size() > 2 ? written.substr(written.size() - 2) : "";
    const double scale = unit == "pt" ? 1 : unit == "mm" ? 72 / 25.4 : unit == "cm" ? 72 / 2.54 : unit == "in" ? 72 : 0;
    const auto number = plain_decimal(std::string_view(written).substr(0, written.size() - unit.size()));
    if (scale == 0 || !number)
      refuse(name, written, "is not a length: write a number and a unit (pt, mm, cm or in), such as 12pt or 25mm, with "
                            "at most " + std::to_string(kMaxDigits) + " digits");
    const double value = *number * scale;
    if (!(value >= low - 1e-9 && value <= high + 1e-9))
      refuse(std::string(name) + " " + quoted(written) + (unit == "pt" ? "" : " (" + points(value) + ")") +
             ": must be between " + range(low, high, 1, " pt") + (why.empty() ? "" : " (" + why + ")"));
    return value;
  }

  // A plain number (leading) or an em length ("2em"), within [low, high].
  double number(const char* name, const char* fallback, const char* unit, double low, double high,
                const std::string& why = "") const {
    const std::string written = text(name, fallback);
    std::string_view digits = written;
    if (*unit && digits.ends_with(unit)) digits.remove_suffix(std::strlen(unit));
    const auto value = plain_decimal(digits);
    if (!value)
      refuse(name, written, std::string("is not a number: write digits with an optional decimal point, such as 1.5") +
                                unit + ", with at most " + std::to_string(kMaxDigits) + " digits");
    if (!(*value >= low - 1e-9 && *value <= high + 1e-9)) {
      refuse(name, written,
             "must be between " + range(low, high, 2, *unit ? std::string(" ") + unit : "") +
                 (why.empty() ? "" : " (" + why + ")"));
    }
    return *value;
  }

 private:
  const std::string& file_;
  const xmlNode* node_;
};

// The schema lists the same names as the Role vocabulary (a test checks);
// this guards the reader should they ever part.
Role role_of(const Attributes& role_node) {
  const std::string name = role_node.text("name");
  if (const auto role = role_named(name)) return *role;
  std::string known;
  for (Role role : kRoles) known += (known.empty() ? "" : ", ") + std::string(role_name(role));
  role_node.refuse("name", name, "is not a role; the roles are " + known);
}

Color color(const std::string& text) {
  const long value = std::strtol(text.c_str() + 1, nullptr, 16);
  return {((value >> 16) & 0xFF) / 255.0, ((value >> 8) & 0xFF) / 255.0, (value & 0xFF) / 255.0};
}

void read_page(const Attributes& page, Style& style) {
  style.page_width = page.length("width", "", kMinPage, kMaxPage);
  style.page_height = page.length("height", "", kMinPage, kMaxPage);
  style.margin_top = page.length("top", "", 0, style.page_height);
  style.margin_bottom = page.length("bottom", "", 0, style.page_height);
  style.margin_left = page.length("left", "", 0, style.page_width);
  style.margin_right = page.length("right", "", 0, style.page_width);
  const double text_height = style.page_height - style.margin_top - style.margin_bottom;
  style.gap_stretch = page.length("gap-stretch", "0pt", 0, kMaxGapStretch, "a larger gap reads as a break in the text");
  if (style.text_width() < kMinTextArea)
    page.refuse("left " + quoted(page.text("left")) + " and right " + quoted(page.text("right")) +
                " leave a text area " + points(style.text_width()) + " wide: it must be at least " + points(kMinTextArea) +
                " (one inch); make the margins narrower or the page wider");
  if (text_height < kMinTextArea)
    page.refuse("top " + quoted(page.text("top")) + " and bottom " + quoted(page.text("bottom")) +
                " leave a text area " + points(text_height) + " high: it must be at least " + points(kMinTextArea) +
                " (one inch); make the margins smaller or the page taller");
}

RoleStyle read_role(const Attributes& role_node, const Style& style, bool footer) {
  const double text_height = style.page_height - style.margin_top - style.margin_bottom;
  RoleStyle role;
  role.sans = role_node.text("family", "serif") == "sans";
  const std::string bold = role_node.text("bold", "false");
  role.bold = bold == "true" || bold == "1";
  role.color = color(role_node.text("color", "#000000"));
  const std::string align = role_node.text("align", "justify");
  role.align = align == "left" ? Align::left : align == "center" ? Align::center
               : align == "right" ? Align::right : Align::justify;
  role.indent_em = role_node.number("indent", "0em", "em", 0, kMaxIndent);
  // A line must hold a few characters after its indent, and (in the body) a
  // line must fit the text area's height: otherwise text could not be placed.
  const double by_width = style.text_width() / (role.indent_em + kCharactersPerLine);
  const double by_height = footer ? kMaxSize : text_height / kMinLeading;
  const double largest = std::min({kMaxSize, by_width, by_height});
  const std::string size_reason =
      largest == kMaxSize ? ""
      : largest == by_width
          ? "a line of the " + points(style.text_width()) + " text width must hold the indent and " +
                format_decimal(kCharactersPerLine, 0) + " characters"
          : "a line must fit the " + points(text_height) + " height of the text area";
  role.size = role_node.length("size", "", kMinSize, largest, size_reason);
  const double tallest = footer ? kMaxLeading : std::min(kMaxLeading, text_height / role.size);
  role.leading = role_node.number("leading", "1.5", "", kMinLeading, tallest,
                                  tallest < kMaxLeading ? "a line must fit the " + points(text_height) +
                                                              " height of the text area"
                                                        : "");
  role.space_before = role_node.length("space-before", "0pt", 0, text_height, "the height of the text area");
  role.space_after = role_node.length("space-after", "0pt", 0, text_height, "the height of the text area");
  return role;
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
  style.source = name;
  // The schema puts <page> first, so the roles are checked against the page.
  const xmlNode* footer = nullptr;
  for (const xmlNode* node = root->children; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const Attributes attributes(name, node);
    if (xml::is_element(node, "page")) {
      read_page(attributes, style);
    } else if (xml::is_element(node, "fonts")) {
      style.fonts_line = xml::line_of(node);
      style.serif = xml::attribute(node, "serif");
      style.sans = xml::attribute(node, "sans");
      style.latin_serif = xml::attribute(node, "latin-serif");
      style.latin_sans = xml::attribute(node, "latin-sans");
    } else if (xml::is_element(node, "masthead")) {
      style.rule_color = color(xml::attribute(node, "rule-color"));
      style.rule_width = attributes.length("rule-width", "", 0, kMaxRuleWidth);
    } else if (xml::is_element(node, "footer")) {
      style.footer_format = xml::attribute(node, "format");
      style.footer_line = xml::line_of(node);
      footer = node;
    } else if (xml::is_element(node, "role")) {
      const Role role = role_of(attributes);
      style.roles[role] = read_role(attributes, style, role == Role::footer);
    }
  }
  if (!style.roles.count(Role::body)) throw Error(name, xml::line_of(root), "the style sheet defines no body role");
  if (footer) {
    // The footer lives in the bottom margin: its baseline high enough for
    // its descenders, its top below the text area.
    const Attributes attributes(name, footer);
    // Only {page} and {pages} are filled in; anything else in braces is a typo.
    static const std::regex placeholder(R"(\{[^}]*\})");
    for (std::sregex_iterator it(style.footer_format.begin(), style.footer_format.end(), placeholder), end; it != end; ++it)
      if (it->str() != "{page}" && it->str() != "{pages}")
        attributes.refuse("format \"" + style.footer_format + "\": " + it->str() +
                          " is not filled in; the footer knows {page} and {pages}");
    const double size = style.role(Role::footer).size;
    const double lowest = kFooterDescent * size, highest = style.margin_bottom - size;
    if (!style.footer_format.empty() && highest < lowest)
      attributes.refuse("the bottom margin (" + points(style.margin_bottom) + ") has no room for a " + points(size) +
                        " footer; make the bottom margin larger or the footer role smaller");
    style.footer_offset = style.footer_format.empty()
                              ? attributes.length("offset", "", 0, style.page_height)
                              : attributes.length("offset", "", lowest, highest,
                                                  "the footer stays inside the bottom margin");
  }
  return style;
}

namespace {

// A bare name that is no file names a bundled sheet: --style large-print.
bool names_a_bundled_sheet(const std::filesystem::path& file) {
  std::error_code ignored;
  return !file.has_parent_path() && !file.has_extension() && !std::filesystem::exists(file, ignored);
}

}  // namespace

std::string style_sheet_text(const std::filesystem::path& file) {
  if (!names_a_bundled_sheet(file)) return read_file_limited(file, 1 << 20);
  if (const BundledStyle* bundled = find_bundled_style(file.string())) return std::string(bundled->xml);
  std::string names;
  for (const BundledStyle& style : bundled_styles()) names += (names.empty() ? "" : ", ") + std::string(style.name);
  throw ReadError(file.string(), 0, "no such style sheet file, and no bundled sheet of that name (" + names +
                                        "); give a style sheet's path or one of those names");
}

Style load_style(const std::filesystem::path& file) {
  const std::string source = names_a_bundled_sheet(file) ? "styles/" + file.string() + ".xml" : file.string();
  return load_style_from_memory(style_sheet_text(file), source);
}

const Style& default_style() {
  static const Style style = load_style_from_memory(embedded::default_style_xml, "styles/default.xml");
  return style;
}

const std::vector<BundledStyle>& bundled_styles() {
  static const std::vector<BundledStyle> styles = {{"default", embedded::default_style_xml},
                                                   {"large-print", embedded::large_print_style_xml}};
  return styles;
}

const BundledStyle* find_bundled_style(std::string_view name) {
  for (const BundledStyle& style : bundled_styles())
    if (style.name == name) return &style;
  return nullptr;
}

}  // namespace reissue
