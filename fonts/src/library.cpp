#include "reissue/error.h"
#include "reissue/fonts.h"

#include <fontconfig/fontconfig.h>

#include <mutex>
#include <optional>

namespace reissue {

namespace {

std::once_flag fontconfig_once;

struct PatternDeleter {
  void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};
struct CharSetDeleter {
  void operator()(FcCharSet* charset) const { FcCharSetDestroy(charset); }
};
using Pattern = std::unique_ptr<FcPattern, PatternDeleter>;
using CharSet = std::unique_ptr<FcCharSet, CharSetDeleter>;

struct Match {
  std::string file;
  int index = 0;
  std::string family;
};

std::optional<Match> match(FcPattern* pattern) {
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  const Pattern found(FcFontMatch(nullptr, pattern, &result));
  if (!found) return std::nullopt;
  Match out;
  FcChar8* file = nullptr;
  FcChar8* family = nullptr;
  if (FcPatternGetString(found.get(), FC_FILE, 0, &file) == FcResultMatch) out.file = reinterpret_cast<char*>(file);
  if (FcPatternGetString(found.get(), FC_FAMILY, 0, &family) == FcResultMatch)
    out.family = reinterpret_cast<char*>(family);
  FcPatternGetInteger(found.get(), FC_INDEX, 0, &out.index);
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
  const auto key = std::make_pair(family, bold);
  if (const auto known = families_.find(key); known != families_.end()) return *known->second;
  // A family found missing stays missing: the fallback chain asks again for every character.
  if (const auto missing = missing_families_.find(key); missing != missing_families_.end())
    throw Error(family, 0, missing->second);
  const Pattern pattern(FcPatternCreate());
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddInteger(pattern.get(), FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  const auto found = match(pattern.get());
  // fontconfig always answers with something; a different family is a miss.
  if (!found || found->family != family) {
    const std::string why = "font family is not installed (fontconfig offers \"" +
                            (found ? found->family : std::string("nothing")) +
                            "\"); install it or name another in the style sheet";
    missing_families_.emplace(key, why);
    throw Error(family, 0, why);
  }
  const Font& font = face(found->file, found->index, family, bold);
  families_.emplace(key, &font);
  return font;
}

const Font& FontLibrary::face(const std::string& file, int index, const std::string& family, bool bold) {
  for (const auto& loaded : fonts_)
    if (loaded->path() == file && loaded->index() == index && loaded->bold() == bold) return *loaded;
  fonts_.push_back(std::make_unique<Font>(file, index, family, bold));
  return *fonts_.back();
}

const Font* FontLibrary::font_for(char32_t c, const Font& preferred, bool bold) {
  if (preferred.covers(c)) return &preferred;
  for (const char* family : kFallbacks) {
    try {
      const Font& font = get(family, bold);
      if (font.covers(c)) return &font;
    } catch (const Error&) {
      // not installed (or not loadable): try the next one
    }
  }
  return fontconfig_font_for(c, bold);
}

const Font* FontLibrary::fontconfig_font_for(char32_t c, bool bold) {
  const auto key = std::make_pair(c, bold);
  if (const auto known = characters_.find(key); known != characters_.end()) return known->second;
  const Pattern pattern(FcPatternCreate());
  const CharSet charset(FcCharSetCreate());
  FcCharSetAddChar(charset.get(), c);
  FcPatternAddCharSet(pattern.get(), FC_CHARSET, charset.get());
  FcPatternAddInteger(pattern.get(), FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  const auto found = match(pattern.get());
  const Font* font = nullptr;
  if (found) {
    try {
      font = &face(found->file, found->index, found->family, bold);
    } catch (const Error&) {
      return nullptr;  // not kept: a font that could not be loaded now may load later
    }
  }
  if (font && !font->covers(c)) font = nullptr;
  characters_.emplace(key, font);
  return font;
}

}  // namespace reissue
