// The style sheet (docs/style.md): page, fonts and one style per role. Shared
// by the PDF typesetter and the DOCX writer; editors change it without
// recompiling.
#pragma once

#include "reissue/role.h"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace reissue {

struct Color {
  double red = 0, green = 0, blue = 0;  // 0..1
  std::string hex() const;              // "C00000"
  bool black() const { return red == 0 && green == 0 && blue == 0; }
};

enum class Align { justify, left, center, right };

// How one kind of block is set. Lengths in points.
struct RoleStyle {
  bool sans = false;
  double size = 12;
  double leading = 1.5;  // line height as a multiple of the size
  bool bold = false;
  Color color;
  Align align = Align::justify;
  double indent_em = 0;  // first-line indent
  double space_before = 0, space_after = 0;
};

struct Style {
  std::string name;
  std::string source;  // the file it was read from, for messages
  double page_width = 595.28, page_height = 841.89;
  double margin_top = 70.87, margin_bottom = 70.87, margin_left = 70.87, margin_right = 70.87;
  // How far each gap between two blocks (one that does not keep them
  // together) may grow so that a page ends at the foot of its text area:
  // vertical justification. A gap that has space of its own may also grow by
  // that much. 0: pages end where their text ends (ragged bottom).
  double gap_stretch = 0;
  std::string serif, sans, latin_serif, latin_sans;  // font families
  Color rule_color;
  double rule_width = 1.5;
  std::string footer_format;  // {page}, {pages}
  double footer_offset = 34;  // from the bottom edge to the footer's baseline
  int footer_line = 0;        // of <footer> in the sheet, for messages
  int fonts_line = 0;         // of <fonts>, for messages
  std::map<Role, RoleStyle> roles;  // a sheet always has Role::body

  // The style of a role; roles a sheet leaves out are set as body text.
  const RoleStyle& role(Role role) const;
  double text_width() const { return page_width - margin_left - margin_right; }
};

// Reads and validates a style sheet; throws ReadError / Error with file:line.
// Every value is range-checked (docs/style.md): pages 72-5000 pt, a text area
// of at least an inch, sizes 4-200 pt, leading 0.8-4, spaces at most the text
// area's height, and so on. A bare name that is not a file ("large-print")
// names a bundled sheet (bundled_styles below).
Style load_style(const std::filesystem::path& file);
// The text of the sheet `file` names (a file, or a bundled sheet's name), as
// load_style reads it: for digests of what a batch was run with.
std::string style_sheet_text(const std::filesystem::path& file);
Style load_style_from_memory(std::string_view xml, const std::string& name);
// The newsletter's own look (styles/default.xml, compiled in).
const Style& default_style();

// The style sheets compiled into the binary, as in styles/: "default" and
// "large-print", for editors to start a sheet of their own from
// (`reissue style --print NAME`) without the source checkout.
struct BundledStyle {
  std::string_view name;
  std::string_view xml;
};
const std::vector<BundledStyle>& bundled_styles();
const BundledStyle* find_bundled_style(std::string_view name);  // nullptr: no such sheet

}  // namespace reissue
