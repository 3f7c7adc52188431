#include "early_subsets.h"

#include "shaping.h"

#include "reissue/text.h"

#include <hb.h>
#include <hb-cplusplus.hh>

#include <algorithm>
#include <set>
#include <system_error>

namespace reissue::layout {

namespace {

struct Guess {
  std::set<unsigned> glyphs;
  std::set<char32_t> characters;  // drawn with their nominal glyphs (hb-subset's fast path)
  std::set<std::u32string> shaped;  // rows of marks shaped already
};

void guess_text(const std::string& text, const std::vector<Inline>& inlines, const Style& style, Role role,
                FontLibrary& library, std::map<const Font*, Guess>& guesses) {
  const RoleStyle& role_style = style.role(role);
  RoleFonts fonts = fonts_for_role(style, role_style, library);
  std::vector<CharStyle> styles = char_styles(text, inlines);
  const std::u32string characters = utf8_to_u32(text);
  if (styles.size() != characters.size()) styles.clear();
  if (std::any_of(inlines.begin(), inlines.end(), [](const Inline& span) { return span.kind == Inline::Kind::strong; }))
    add_strong_faces(style, role_style, library, fonts);
  ShapeReport ignored;
  const std::vector<const Font*> font_of = fonts_of(characters, fonts, library, ignored, styles);
  const auto same_font = [&](size_t i, const Font* font) { return i < characters.size() && font_of[i] == font; };
  static const hb_language_t chinese = hb_language_from_string("zh-Hans", -1);
  for (size_t i = 0; i < characters.size();) {
    const Font* font = font_of[i];
    if (!font || !font->is_cff()) {  // TrueType (Latin) fonts subset in a few ms anyway
      ++i;
      continue;
    }
    size_t end = i + 1;
    if (!is_han(characters[i]))
      while (same_font(end, font) && !is_han(characters[end])) ++end;
    Guess& guess = guesses[font];
    if (end == i + 1) {
      // One character (a Han character, or a mark between them): its nominal glyph.
      if (const unsigned glyph = font->glyph(characters[i])) {
        guess.glyphs.insert(glyph);
        guess.characters.insert(characters[i]);
      }
      i = end;
      continue;
    }
    // Marks or symbols in a row may be substituted (—— is one ligature
    // glyph, another one between Han characters): shaped as the shaper
    // will, with a neighbour each side for context, once for each such row.
    const size_t from = i > 0 && font_of[i - 1] == font ? i - 1 : i;
    const size_t to = same_font(end, font) ? end + 1 : end;
    std::u32string run = characters.substr(from, to - from);
    for (char32_t& c : run)
      if (!font->covers(c)) c = U'\uFFFD';
    i = end;
    if (!guess.shaped.insert(run).second) continue;
    const hb::unique_ptr<hb_buffer_t> buffer(hb_buffer_create());
    hb_buffer_add_utf32(buffer, reinterpret_cast<const uint32_t*>(run.data()), static_cast<int>(run.size()), 0,
                        static_cast<int>(run.size()));
    hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(buffer);
    hb_buffer_set_language(buffer, chinese);
    hb_shape(font->font(), buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
    for (unsigned g = 0; g < count; ++g) guess.glyphs.insert(infos[g].codepoint);
    guess.characters.insert(run.begin(), run.end());
  }
}

}  // namespace

EarlySubsets::EarlySubsets(const std::vector<ComposedBlock>& blocks, const Style& style, FontLibrary& library) {
  std::map<const Font*, Guess> guesses;
  for (const ComposedBlock& block : blocks)
    if (block.kind == ComposedKind::text) guess_text(block.text, block.inlines, style, block.role, library, guesses);
  if (!style.footer_format.empty()) {
    std::string footer = style.footer_format;  // every digit a page number may have
    for (const char* key : {"{page}", "{pages}"})
      for (size_t at = footer.find(key); at != std::string::npos; at = footer.find(key))
        footer.replace(at, std::string(key).size(), "0123456789");
    guess_text(footer, {}, style, Role::footer, library, guesses);
  }
  for (auto& [font, guess] : guesses) {
    try {
      started_[font] = std::async(std::launch::async, [font = font, guess = std::move(guess)] {
                         return std::shared_ptr<const SubsetSource>(
                             std::make_shared<SubsetSource>(*font, guess.glyphs, guess.characters));
                       }).share();
    } catch (const std::system_error&) {
      // No thread (a memory limit): the font is subset when the pages are done.
    }
  }
}

SubsetFuture EarlySubsets::of(const Font& font) const {
  const auto found = started_.find(&font);
  return found == started_.end() ? SubsetFuture{} : found->second;
}

}  // namespace reissue::layout
