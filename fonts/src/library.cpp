#include "reissue/error.h"
#include "reissue/fonts.h"

#include <fontconfig/fontconfig.h>

#include <mutex>
#include <optional>

namespace reissue {

namespace {

std::once_flag fontconfig_once;

struct Match {
  std::string file;
  int index = 0;
  std::string family;
};

std::optional<Match> match(FcPattern* pattern) {
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* found = FcFontMatch(nullptr, pattern, &result);
  if (!found) return std::nullopt;
  Match out;
  FcChar8* file = nullptr;
  FcChar8* family = nullptr;
  if (FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch) out.file = reinterpret_cast<char*>(file);
  if (FcPatternGetString(found, FC_FAMILY, 0, &family) == FcResultMatch) out.family = reinterpret_cast<char*>(family);
  FcPatternGetInteger(found, FC_INDEX, 0, &out.index);
  FcPatternDestroy(found);
  if (out.file.empty()) return std::nullopt;
  return out;
}

// Families tried, in order, for a character the requested font lacks.
constexpr const char* kFallbacks[] = {"Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif", "Noto Sans",
                                      "DejaVu Sans"};

}  // namespace

FontLibrary::FontLibrary() { std::call_once(fontconfig_once, [] { FcInit(); }); }
FontLibrary::~FontLibrary() = default;

const Font& FontLibrary::get(const std::string& family, bool bold) {
  for (const auto& font : fonts_)
    if (font->family() == family && font->bold() == bold) return *font;
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  const auto found = match(pattern);
  FcPatternDestroy(pattern);
  // fontconfig always answers with something; a different family is a miss.
  if (!found || found->family != family)
    throw Error(family, 0, "font family is not installed (fontconfig offers \"" +
                               (found ? found->family : std::string("nothing")) +
                               "\"); install it or name another in the style sheet");
  fonts_.push_back(std::make_unique<Font>(found->file, found->index, family, bold));
  return *fonts_.back();
}

const Font* FontLibrary::font_for(char32_t c, const Font& preferred, bool bold) {
  if (preferred.covers(c)) return &preferred;
  for (const char* family : kFallbacks) {
    try {
      const Font& font = get(family, bold);
      if (font.covers(c)) return &font;
    } catch (const Error&) {
      // not installed: try the next one
    }
  }
  return fontconfig_font_for(c, bold);
}

const Font* FontLibrary::fontconfig_font_for(char32_t c, bool bold) {
  FcPattern* pattern = FcPatternCreate();
  FcCharSet* charset = FcCharSetCreate();
  FcCharSetAddChar(charset, c);
  FcPatternAddCharSet(pattern, FC_CHARSET, charset);
  FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  const auto found = match(pattern);
  FcCharSetDestroy(charset);
  FcPatternDestroy(pattern);
  if (!found) return nullptr;
  for (const auto& font : fonts_)
    if (font->path() == found->file && font->index() == found->index) return font->covers(c) ? font.get() : nullptr;
  try {
    fonts_.push_back(std::make_unique<Font>(found->file, found->index, found->family, bold));
  } catch (const Error&) {
    return nullptr;
  }
  return fonts_.back()->covers(c) ? fonts_.back().get() : nullptr;
}

}  // namespace reissue
