// Structure-aware style sheets: random bytes rarely pass the style schema, so
// here the bytes choose the values of a sheet shaped like styles/default.xml
// (numbers, lengths and their units, enumerations, colours, fonts, which roles
// appear and in what order, the footer format). The sheet is read and then
// typesets a small fixed issue to PDF and DOCX, so that the values reach the
// layout code.
#include "fuzz_support.h"
#include "reissue/docx.h"
#include "reissue/error.h"
#include "reissue/figure_set.h"
#include "reissue/fonts.h"
#include "reissue/style.h"
#include "reissue/typeset.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using reissue::fuzz::ByteReader;

template <size_t N>
std::string choose(ByteReader& in, const std::array<const char*, N>& values) {
  return values[in.pick(N)];
}

// Text for attributes: printable ASCII and a few CJK characters, escaped.
std::string text(ByteReader& in, size_t max_length) {
  static constexpr std::array<const char*, 8> kWide = {"第", "页", "共", "报", "　", "“", "”", "—"};
  std::string out;
  const size_t length = in.pick(max_length + 1);
  for (size_t i = 0; i < length && !in.empty(); ++i) {
    const uint8_t byte = in.byte();
    const char c = static_cast<char>(0x20 + byte % 0x5F);
    if (byte >= 0xF8) out += kWide[byte - 0xF8];
    else if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '"') out += "&quot;";
    else out.push_back(c);
  }
  return out;
}

std::string digits(ByteReader& in, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + in.byte() % 10));
  return out;
}

// A value between low and high, chosen by two bytes; 2% short of high, so
// that rounding to a few decimals in another unit stays inside.
double between(ByteReader& in, double low, double high) {
  const unsigned fraction = in.two_bytes();
  return low + (high - low) * 0.98 * fraction / 65535.0;
}

// With at least `least` decimals, and up to three more.
std::string decimals(double value, ByteReader& in, int least = 0) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", least + static_cast<int>(in.pick(4)), value);
  return text;
}

std::string color(ByteReader& in) {
  static constexpr char kHex[] = "0123456789ABCDEFabcdef";
  std::string out = "#";
  for (int i = 0; i < 6; ++i) out.push_back(kHex[in.pick(sizeof kHex - 1)]);
  return out;
}

std::string attribute(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + value + "\"";
}

// Writes one sheet. Most sheets are plausible: every value inside the ranges
// the style reader accepts (so that they reach the layout code). One sheet in
// four is wild: any value may then be any number the schema allows, which the
// reader must refuse with a message, or survive.
class SheetWriter {
 public:
  explicit SheetWriter(ByteReader& in) : in_(in), wild_(in.pick(4) == 3) {}

  std::string sheet() {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<style xmlns=\"urn:reissue:style:1\"" +
                      attribute("name", text(in_, 16)) + ">\n";
    // The page first: the margins leave a text area, the footer sits in the
    // bottom margin, and text sizes fit the text area.
    const double width = between(in_, 100, 1500), height = between(in_, 100, 1500);
    const double top = between(in_, 0, (height - 72) / 2), bottom = between(in_, 0, (height - 72) / 2);
    const double left = between(in_, 0, (width - 72) / 2), right = between(in_, 0, (width - 72) / 2);
    text_width_ = width - left - right;
    text_height_ = height - top - bottom;
    // One value per statement: see ByteReader::two_bytes.
    std::string page = "  <page" + attribute("width", length(width));
    page += attribute("height", length(height));
    page += attribute("top", length(top));
    page += attribute("bottom", length(bottom));
    page += attribute("left", length(left));
    page += attribute("right", length(right));
    xml += page + "/>\n";
    std::string fonts = "  <fonts" + attribute("serif", font());
    fonts += attribute("sans", font());
    fonts += attribute("latin-serif", font());
    fonts += attribute("latin-sans", font());
    xml += fonts + "/>\n";
    std::string masthead = "  <masthead" + attribute("rule-color", color(in_));
    masthead += attribute("rule-width", length(between(in_, 0, 20)));
    xml += masthead + "/>\n";
    std::string footer = "  <footer" + attribute("format", footer_format());
    footer += attribute("offset", length(between(in_, std::max(1.0, bottom / 5), std::max(1.0, bottom / 2))));
    xml += footer + "/>\n";
    // Which roles appear, and in which order (at least one: the schema wants one).
    std::array<std::string_view, reissue::kRoleCount> roles;
    std::transform(reissue::kRoles.begin(), reissue::kRoles.end(), roles.begin(), reissue::role_name);
    for (size_t i = roles.size() - 1; i > 0; --i) std::swap(roles[i], roles[in_.pick(i + 1)]);
    const size_t count = 1 + in_.pick(roles.size());
    // The body role is required (other roles fall back to it).
    const auto body = std::find(roles.begin(), roles.end(), std::string_view("body"));
    if (!wild_ && body >= roles.begin() + static_cast<long>(count)) std::swap(*body, roles[count - 1]);
    for (size_t i = 0; i < count; ++i) xml += role(roles[i]);
    return xml + "</style>\n";
  }

 private:
  bool wild_value() { return wild_ && in_.pick(8) == 7; }

  // Any non-negative decimal the schema's length pattern allows: 0, 12.5,
  // 297, a huge run of nines, a long fraction.
  std::string number() {
    static constexpr std::array<const char*, 16> kTypical = {
        "0", "0.0", "0.001", "1", "1.5", "2", "6", "9", "12", "14", "25", "100", "297", "300", "1000", "99999"};
    switch (in_.pick(5)) {
      case 0:
      case 1:
        return choose(in_, kTypical);
      case 2: {
        const std::string whole = digits(in_, 1 + in_.pick(4));
        return whole + "." + digits(in_, 1 + in_.pick(3));
      }
      case 3:
        return digits(in_, 1 + in_.pick(12));
      default:
        return in_.flag() ? std::string(1 + in_.pick(400), '9') : "0." + std::string(1 + in_.pick(40), '0') + "1";
    }
  }

  // Short, unless wild: the footer must fit on one line.
  std::string footer_format() {
    static constexpr std::array<const char*, 10> kPieces = {"第 ", "{page}", " 页 共 ", "{pages}", " 页", " / ",
                                                            "{", "}", "{page", "{{pages}}"};
    std::string out;
    for (size_t pieces = in_.pick(wild_ ? 8 : 5); pieces > 0; --pieces)
      out += in_.pick(6) == 0 ? text(in_, wild_ ? 40 : 6) : choose(in_, kPieces);
    return out;
  }

  // `points` written in any unit.
  std::string length(double points) {
    static constexpr std::array<const char*, 4> kUnits = {"pt", "mm", "cm", "in"};
    static constexpr std::array<double, 4> kPoints = {1, 72 / 25.4, 72 / 2.54, 72};
    static constexpr std::array<int, 4> kLeastDecimals = {0, 1, 2, 3};  // so that rounding stays within 2%
    const size_t unit = in_.pick(kUnits.size());
    if (wild_value()) return number() + kUnits[unit];
    return decimals(points / kPoints[unit], in_, kLeastDecimals[unit]) + kUnits[unit];
  }

  std::string scalar(double low, double high, const char* unit) {
    if (wild_value()) return number() + unit;
    return decimals(between(in_, low, high), in_) + unit;
  }

  // xs:decimal: signs and a bare fraction are allowed too.
  std::string leading() {
    static constexpr std::array<const char*, 4> kSigns = {"", "", "-", "+"};
    if (!wild_value()) return scalar(0.8, 4, "");
    const std::string sign = choose(in_, kSigns);
    return sign + (in_.flag() ? "." + digits(in_, 1 + in_.pick(3)) : number());
  }

  // Mostly a family that is installed (setup.sh), so that typesetting runs.
  std::string font() {
    static constexpr std::array<const char*, 4> kInstalled = {"Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif",
                                                              "Noto Sans"};
    static constexpr std::array<const char*, 4> kOthers = {"", "No Such Font", "DejaVu Sans", "serif"};
    if (!wild_value()) return choose(in_, kInstalled);
    return in_.flag() ? text(in_, 24) : choose(in_, kOthers);
  }

  std::string role(std::string_view name) {
    static constexpr std::array<const char*, 2> kFamilies = {"serif", "sans"};
    static constexpr std::array<const char*, 4> kAligns = {"justify", "left", "center", "right"};
    static constexpr std::array<const char*, 4> kBooleans = {"true", "false", "1", "0"};
    std::string out = "  <role" + attribute("name", std::string(name));
    // Each optional attribute is present or left to the schema's default.
    if (in_.flag()) out += attribute("family", choose(in_, kFamilies));
    const double indent = in_.flag() ? between(in_, 0, 10) : 0;
    // A line holds the indent and five characters.
    const double largest = std::max(4.0, std::min(200.0, text_width_ / (5 + indent)));
    out += attribute("size", length(between(in_, 4, in_.pick(4) == 0 ? largest : std::min(largest, 30.0))));
    if (in_.flag()) out += attribute("leading", leading());
    if (in_.flag()) out += attribute("bold", choose(in_, kBooleans));
    if (in_.flag()) out += attribute("color", color(in_));
    if (in_.flag()) out += attribute("align", choose(in_, kAligns));
    if (indent > 0) out += attribute("indent", wild_value() ? number() + "em" : decimals(indent, in_) + "em");
    if (in_.flag()) out += attribute("space-before", length(between(in_, 0, text_height_)));
    if (in_.flag()) out += attribute("space-after", length(between(in_, 0, text_height_)));
    return out + "/>\n";
  }

  ByteReader& in_;
  const bool wild_;
  double text_width_ = 0, text_height_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reissue;
  ByteReader in(data, size);
  const std::string xml = SheetWriter(in).sheet();
  // The bytes are not the sheet: REISSUE_FUZZ_SHOW=1 prints the sheet they chose.
  static const bool show = std::getenv("REISSUE_FUZZ_SHOW") != nullptr;
  if (show) std::fprintf(stderr, "%s", xml.c_str());
  try {
    const Style style = load_style_from_memory(xml, "fuzz-style.xml");
    TypesetOptions options;
    options.parallel = false;  // one input at a time; threads only slow the sanitizers down
    // The issue, its figures and the fonts are the same for every input.
    static const Figures figures = read_figures(fuzz::small_issue(), fuzz::image_folder());
    static FontLibrary fonts;
    typeset_pdf(fuzz::small_issue(), style, figures, fonts, nullptr, options);
    write_docx(fuzz::small_issue(), style, figures);
  } catch (const Error& error) {
    if (show) std::fprintf(stderr, "refused: %s\n", error.what());
    fuzz::refused(error);
  }
  return 0;
}
