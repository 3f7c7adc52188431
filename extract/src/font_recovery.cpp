#include "font_recovery.h"

#include <GfxFont.h>
#include <GlobalParams.h>
#include <XRef.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include FT_OUTLINE_H
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>

namespace reissue::extract {

namespace {

// ---- RAII for the C handles -------------------------------------------------

struct FreeTypeLibrary {
  FT_Library library = nullptr;
  FreeTypeLibrary() {
    if (FT_Init_FreeType(&library)) library = nullptr;
  }
  ~FreeTypeLibrary() {
    if (library) FT_Done_FreeType(library);
  }
  FreeTypeLibrary(const FreeTypeLibrary&) = delete;
  FreeTypeLibrary& operator=(const FreeTypeLibrary&) = delete;
};

struct DoneFace {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using FacePtr = std::unique_ptr<FT_FaceRec_, DoneFace>;

struct DestroyPattern {
  void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};
struct DestroyObjectSet {
  void operator()(FcObjectSet* set) const { FcObjectSetDestroy(set); }
};
struct DestroyFontSet {
  void operator()(FcFontSet* set) const { FcFontSetDestroy(set); }
};
struct DestroyConfig {
  void operator()(FcConfig* config) const { FcConfigDestroy(config); }
};
using ConfigPtr = std::unique_ptr<FcConfig, DestroyConfig>;

// ---- which code point a glyph stands for -------------------------------------

// ---- the installed face of a name --------------------------------------------

struct Box {
  long x_min = 0, y_min = 0, x_max = 0, y_max = 0;
};

std::optional<Box> outline_box(FT_Face face, FT_UInt glyph) {
  if (FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) return std::nullopt;
  if (face->glyph->format != FT_GLYPH_FORMAT_OUTLINE) return std::nullopt;
  FT_BBox box;
  FT_Outline_Get_CBox(&face->glyph->outline, &box);
  // Boxes in units of 1/1000 em, so faces of different grids compare.
  const double scale = face->units_per_EM ? 1000.0 / face->units_per_EM : 1.0;
  return Box{std::lround(box.xMin * scale), std::lround(box.yMin * scale), std::lround(box.xMax * scale),
             std::lround(box.yMax * scale)};
}

// A glyph's advance in units of 1/1000 em; 0 when the face does not say.
double advance_of(FT_Face face, FT_UInt glyph) {
  if (!face->units_per_EM || FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
    return 0;
  return static_cast<double>(face->glyph->metrics.horiAdvance) * 1000.0 / face->units_per_EM;
}

// One glyph drawn the same way: rewriting a font rounds its coordinates, no more.
bool same_box(const Box& a, const Box& b) {
  constexpr long kTolerance = 2;  // 1/1000 em
  return std::labs(a.x_min - b.x_min) <= kTolerance && std::labs(a.y_min - b.y_min) <= kTolerance &&
         std::labs(a.x_max - b.x_max) <= kTolerance && std::labs(a.y_max - b.y_max) <= kTolerance;
}

using SetPtr = std::unique_ptr<hb_set_t, decltype(&hb_set_destroy)>;
SetPtr make_set() { return SetPtr(hb_set_create(), &hb_set_destroy); }

// Glyphs no cmap reaches, drawn in place of one that it does by a
// substitution (locl, vert, a digit's variant: LibreOffice draws 2025 with
// glyphs of a contextual lookup), stand for that glyph's character. Asked
// glyph by glyph (a closure per lookup and input glyph is most of the cost of
// a face), only of the lookups whose output holds the glyph.
class Substitutions {
 public:
  Substitutions(const std::string& file, int index)
      : blob_(hb_blob_create_from_file_or_fail(file.c_str()), &hb_blob_destroy), face_(nullptr, &hb_face_destroy) {
    if (!blob_) return;
    face_.reset(hb_face_create(blob_.get(), static_cast<unsigned>(index)));
    const unsigned lookups = hb_ot_layout_table_get_lookup_count(face_.get(), HB_OT_TAG_GSUB);
    for (unsigned lookup = 0; lookup < lookups; ++lookup) {
      SetPtr inputs = make_set(), outputs = make_set();
      hb_ot_layout_lookup_collect_glyphs(face_.get(), HB_OT_TAG_GSUB, lookup, nullptr, inputs.get(), nullptr,
                                         outputs.get());
      lookups_.push_back({lookup, std::move(inputs), std::move(outputs), false});
    }
  }

  // The character `target` stands for, from the characters of the glyphs it
  // substitutes (`unicode_of`, which may itself ask: a substitute of a
  // substitute). A glyph reached from glyphs of different characters (欧's
  // regional form from 欧 by 'locl', and from 余 by a contextual lookup)
  // stands for the one whose lookup substitutes it alone (the smallest
  // closure); when that does not decide, for none.
  template <typename UnicodeOf>
  char32_t character_of(hb_codepoint_t target, UnicodeOf&& unicode_of) {
    if (!face_) return 0;
    for (Lookup& lookup : lookups_)
      if (!lookup.expanded && hb_set_has(lookup.outputs.get(), target)) expand(lookup, unicode_of);
    const auto found = candidates_.find(target);
    if (found == candidates_.end() || found->second.empty()) return 0;
    std::vector<std::pair<unsigned, char32_t>> options = found->second;  // (glyphs the closure added, character)
    std::sort(options.begin(), options.end());
    for (const auto& [added, character] : options)
      if (added == options.front().first && character != options.front().second) return 0;
    return options.front().second;
  }

 private:
  struct Lookup {
    unsigned index;
    SetPtr inputs, outputs;
    bool expanded = false;
  };

  // What each input glyph of one lookup can become, once per lookup: the
  // closure of that lookup over that glyph.
  template <typename UnicodeOf>
  void expand(Lookup& lookup, UnicodeOf&& unicode_of) {
    lookup.expanded = true;
    SetPtr lookup_set = make_set(), closure = make_set();
    hb_set_add(lookup_set.get(), lookup.index);
    for (hb_codepoint_t glyph = HB_SET_VALUE_INVALID; hb_set_next(lookup.inputs.get(), &glyph);) {
      const char32_t character = unicode_of(glyph);
      if (!character) continue;
      hb_set_clear(closure.get());
      hb_set_add(closure.get(), glyph);
      hb_ot_layout_lookups_substitute_closure(face_.get(), lookup_set.get(), closure.get());
      const unsigned added = hb_set_get_population(closure.get()) - 1;
      for (hb_codepoint_t out = HB_SET_VALUE_INVALID; hb_set_next(closure.get(), &out);)
        if (out != glyph) candidates_[out].emplace_back(added, character);
    }
  }

  std::unique_ptr<hb_blob_t, decltype(&hb_blob_destroy)> blob_;
  std::unique_ptr<hb_face_t, decltype(&hb_face_destroy)> face_;
  std::vector<Lookup> lookups_;
  std::map<hb_codepoint_t, std::vector<std::pair<unsigned, char32_t>>> candidates_;
};

void add_cmap(FT_Face face, std::vector<char32_t>& unicode_of_glyph, bool sibling);

struct InstalledFace {
  std::string postscript_name;
  std::string file;
  int index = 0;
  FacePtr face;
  bool cid_keyed = false;
  std::vector<char32_t> unicode_of_glyph;  // by GID, from the cmaps; 0: none
  std::vector<uint32_t> glyph_of_cid;      // CID-keyed faces; 0: none
  std::unique_ptr<Substitutions> substitutions;  // made when first needed
  std::map<uint32_t, char32_t> substituted;      // glyphs asked of them, found or not (0)
  FT_Library library = nullptr;                  // FontRecovery's, which outlives its faces
  bool siblings_added = false;

  // The faces of one collection (Noto CJK's JP, KR, SC, TC, HK) share their
  // glyphs; each cmap reaches the variants of its region, so a document set
  // in the SC face but named after the JP one needs them all. Read when the
  // face's own cmap misses a glyph or gives a radical for it.
  void add_siblings() {
    siblings_added = true;
    for (FT_Long other = 0; other < face->num_faces; ++other) {
      if (other == index) continue;
      FT_Face sibling_raw = nullptr;
      if (FT_New_Face(library, file.c_str(), other, &sibling_raw)) continue;
      FacePtr sibling(sibling_raw);
      if (sibling->num_glyphs == face->num_glyphs) add_cmap(sibling.get(), unicode_of_glyph, true);
    }
  }

  char32_t unicode(uint32_t glyph, int depth = 0) {
    if (glyph >= unicode_of_glyph.size()) return 0;
    if (!siblings_added && (!unicode_of_glyph[glyph] || code_point_rank(unicode_of_glyph[glyph]) > 0)) add_siblings();
    if (unicode_of_glyph[glyph] || depth >= 2) return unicode_of_glyph[glyph];
    if (const auto known = substituted.find(glyph); known != substituted.end()) return known->second;
    if (!substitutions) substitutions = std::make_unique<Substitutions>(file, index);
    substituted[glyph] = 0;  // asked: a cycle of substitutes ends here
    const char32_t c = substitutions->character_of(glyph, [&](uint32_t other) { return unicode(other, depth + 1); });
    substituted[glyph] = c;
    return c;
  }
  uint32_t glyph(uint32_t cid) const { return cid < glyph_of_cid.size() ? glyph_of_cid[cid] : 0; }
};

// Adds a face's cmap to the character of each glyph. A later face (a sibling
// in the collection) replaces a character only with a better kind of one: the
// JP face reaches the SC form of 骨 only as the radical U+2EE3, the SC face as
// U+9AA8.
void add_cmap(FT_Face face, std::vector<char32_t>& unicode_of_glyph, bool sibling) {
  if (FT_Select_Charmap(face, FT_ENCODING_UNICODE)) return;
  std::vector<char32_t> own(unicode_of_glyph.size(), 0);
  FT_UInt glyph = 0;
  for (FT_ULong c = FT_Get_First_Char(face, &glyph); glyph != 0; c = FT_Get_Next_Char(face, c, &glyph)) {
    if (glyph >= own.size()) continue;
    if (own[glyph] == 0 || preferred_code_point(static_cast<char32_t>(c), own[glyph])) own[glyph] = static_cast<char32_t>(c);
  }
  for (size_t g = 0; g < own.size(); ++g) {
    if (!own[g]) continue;
    char32_t& current = unicode_of_glyph[g];
    if (!current || (sibling ? code_point_rank(own[g]) < code_point_rank(current) : true)) current = own[g];
  }
}

std::vector<std::string> postscript_candidates(std::string name) {
  // "NotoSerifCJKjp-Regular-VKana" (LibreOffice) and "NotoSerifCJKsc-Regular_81"
  // (pdftops) name a part of the face "NotoSerifCJKjp-Regular".
  std::vector<std::string> out{name};
  while (true) {
    const size_t cut = name.find_last_of("-_");
    if (cut == std::string::npos || cut == 0) break;
    name.resize(cut);
    if (name.find('-') == std::string::npos) break;  // a family alone names no face
    out.push_back(name);
  }
  return out;
}

std::optional<std::pair<std::string, int>> find_installed(FcConfig* config, const std::string& postscript_name) {
  std::unique_ptr<FcPattern, DestroyPattern> pattern(FcPatternCreate());
  std::unique_ptr<FcObjectSet, DestroyObjectSet> objects(FcObjectSetBuild(FC_FILE, FC_INDEX, nullptr));
  if (!pattern || !objects) return std::nullopt;
  FcPatternAddString(pattern.get(), FC_POSTSCRIPT_NAME, reinterpret_cast<const FcChar8*>(postscript_name.c_str()));
  std::unique_ptr<FcFontSet, DestroyFontSet> fonts(FcFontList(config, pattern.get(), objects.get()));
  if (!fonts) return std::nullopt;
  for (int i = 0; i < fonts->nfont; ++i) {
    FcChar8* file = nullptr;
    int index = 0;
    if (FcPatternGetString(fonts->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
    FcPatternGetInteger(fonts->fonts[i], FC_INDEX, 0, &index);
    return std::pair{std::string(reinterpret_cast<const char*>(file)), index};
  }
  return std::nullopt;
}

std::shared_ptr<InstalledFace> load_installed(FT_Library library, const std::string& postscript_name,
                                              const std::string& file, int index) {
  FT_Face raw = nullptr;
  if (FT_New_Face(library, file.c_str(), index, &raw)) return nullptr;
  auto installed = std::make_shared<InstalledFace>();
  installed->postscript_name = postscript_name;
  installed->face.reset(raw);
  FT_Bool cid_keyed = 0;
  installed->cid_keyed = FT_Get_CID_Is_Internally_CID_Keyed(raw, &cid_keyed) == 0 && cid_keyed;
  const auto glyphs = static_cast<size_t>(raw->num_glyphs);
  installed->unicode_of_glyph.assign(glyphs, 0);
  add_cmap(raw, installed->unicode_of_glyph, false);
  installed->library = library;
  installed->file = file;
  installed->index = index;
  if (installed->cid_keyed) {
    for (FT_UInt g = 0; g < glyphs; ++g) {
      FT_UInt cid = 0;
      if (FT_Get_CID_From_Glyph_Index(raw, g, &cid) || cid > 0x10000) continue;
      if (cid >= installed->glyph_of_cid.size()) installed->glyph_of_cid.resize(cid + 1, 0);
      installed->glyph_of_cid[cid] = g;
    }
  }
  return installed;
}

bool known_glyph_name(const char* name) {
  if (!name || !*name || std::strcmp(name, ".notdef") == 0) return false;
  std::string base(name);
  if (const size_t dot = base.find('.'); dot != std::string::npos && dot > 0) base.resize(dot);
  if (globalParams->mapNameToUnicodeText(base.c_str())) return true;
  const auto hex_tail = [&](size_t from, size_t min_len, size_t max_len) {
    const size_t len = base.size() - from;
    if (len < min_len || len > max_len) return false;
    return std::all_of(base.begin() + static_cast<long>(from), base.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  };
  if (base.rfind("uni", 0) == 0 && hex_tail(3, 4, 4)) return true;
  if (base.rfind("u", 0) == 0 && hex_tail(1, 4, 6)) return true;
  return false;
}

std::optional<uint32_t> number_after(const char* name, const char* prefix, int base) {
  const size_t len = std::strlen(prefix);
  if (!name || std::strncmp(name, prefix, len) != 0 || !name[len]) return std::nullopt;
  char* end = nullptr;
  const unsigned long value = std::strtoul(name + len, &end, base);
  if (*end || value > 0xFFFF) return std::nullopt;
  return static_cast<uint32_t>(value);
}

std::string without_subset_tag(const std::string& name) {
  if (name.size() > 7 && name[6] == '+' &&
      std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; }))
    return name.substr(7);
  return name;
}

bool registered_collection(const GooString* collection) {
  if (!collection) return false;
  const std::string text = collection->toStr();
  for (const char* known : {"Adobe-GB1", "Adobe-CNS1", "Adobe-Japan1", "Adobe-Japan2", "Adobe-Korea1", "Adobe-KR"})
    if (text == known) return true;
  return false;
}

}  // namespace

// What recovery keeps of a font: how a code becomes a CID or a glyph, the
// embedded font to check against, the installed face.
struct FontDecoding::Source {
  enum class Kind { none, simple, cid_cff, cid_truetype } kind = Kind::none;
  std::vector<std::string> names;  // simple fonts: glyph name by code
  std::vector<int> cid_to_gid;     // CIDFontType2 with a CIDToGIDMap
  int split_prefix = -1;           // pdftops' "Name_81": the CID's high byte
  std::vector<unsigned char> embedded_bytes;
  FacePtr embedded;                            // the PDF's own font program
  // The program holds no glyph but .notdef (ps2pdf's, for some fonts of
  // LibreOffice's PDFs): the PDF's widths are defaults, not the text's.
  bool empty_program = false;
  std::vector<char32_t> embedded_unicode;      // its own cmap, by GID
  std::unordered_map<uint32_t, uint32_t> embedded_glyph_of_cid;
  std::shared_ptr<InstalledFace> installed;
};

struct FontRecovery::Impl {
  Impl(XRef* xref_in, bool recover_in, bool ignore_in) : xref(xref_in), recover(recover_in), ignore_to_unicode(ignore_in) {}
  XRef* xref;
  bool recover;
  bool ignore_to_unicode;
  FreeTypeLibrary freetype;
  // A configuration of our own, loaded when a font needs recovery and freed
  // with the document: fontconfig's default one lives until the process
  // ends, which the leak checks of the sanitized extractor report.
  ConfigPtr fontconfig;
  bool fontconfig_tried = false;
  std::map<std::pair<int, int>, std::unique_ptr<FontDecoding>> fonts;
  std::map<std::string, std::shared_ptr<InstalledFace>> installed;  // by the name asked for

  std::shared_ptr<InstalledFace> installed_face(const std::string& name) {
    if (auto found = installed.find(name); found != installed.end()) return found->second;
    std::shared_ptr<InstalledFace> face;
    if (!fontconfig_tried) {
      fontconfig_tried = true;
      fontconfig.reset(FcInitLoadConfigAndFonts());
    }
    if (freetype.library && fontconfig)
      for (const std::string& candidate : postscript_candidates(name)) {
        // pdftops' "Name_3c", "Name_4e"... are one installed face, loaded once.
        if (auto found = installed.find(candidate); found != installed.end() && found->second) {
          face = found->second;
          break;
        }
        if (auto file = find_installed(fontconfig.get(), candidate)) {
          face = load_installed(freetype.library, candidate, file->first, file->second);
          if (face) {
            installed[candidate] = face;
            break;
          }
        }
      }
    installed[name] = face;
    return face;
  }

  void load_embedded(const GfxFont& font, FontDecoding::Source& source) {
    Ref id;
    if (!freetype.library || !font.getEmbeddedFontID(&id)) return;
    std::optional<std::vector<unsigned char>> bytes = const_cast<GfxFont&>(font).readEmbFontFile(xref);
    if (!bytes || bytes->empty()) return;
    source.embedded_bytes = std::move(*bytes);
    FT_Face raw = nullptr;
    if (FT_New_Memory_Face(freetype.library, source.embedded_bytes.data(),
                           static_cast<FT_Long>(source.embedded_bytes.size()), 0, &raw))
      return;
    source.embedded.reset(raw);
    source.empty_program = raw->num_glyphs <= 1;
    FT_Bool cid_keyed = 0;
    if (FT_Get_CID_Is_Internally_CID_Keyed(raw, &cid_keyed) == 0 && cid_keyed)
      for (FT_UInt g = 0; g < static_cast<FT_UInt>(raw->num_glyphs); ++g) {
        FT_UInt cid = 0;
        if (FT_Get_CID_From_Glyph_Index(raw, g, &cid) == 0) source.embedded_glyph_of_cid[cid] = g;
      }
    // A TrueType program's own cmap (3,1), when the subset kept one. A
    // symbol cmap (3,0) maps codes, not characters, and is not used.
    for (int i = 0; i < raw->num_charmaps; ++i)
      if (raw->charmaps[i]->encoding == FT_ENCODING_UNICODE) {
        source.embedded_unicode.assign(static_cast<size_t>(raw->num_glyphs), 0);
        add_cmap(raw, source.embedded_unicode, false);
        break;
      }
  }

  // The installed glyph `glyph` is the embedded glyph `embedded_glyph`,
  // checked when the PDF embeds it. A PDF that does not is drawn with the
  // installed face anyway; and a rewrite may embed an empty program (ps2pdf
  // does, for some fonts of LibreOffice's PDFs), leaving the glyph's name and
  // its font's name as the evidence.
  bool same_glyph(const FontDecoding::Source& source, uint32_t installed_glyph, std::optional<uint32_t> embedded_glyph) {
    if (!source.embedded || source.embedded->num_glyphs <= 1) return true;
    if (!embedded_glyph) return false;
    const auto a = outline_box(source.embedded.get(), *embedded_glyph);
    const auto b = outline_box(source.installed->face.get(), installed_glyph);
    return a && b && same_box(*a, *b);
  }

  // A recovered character and the installed glyph it was read from (0: the
  // PDF's own program said).
  struct Found {
    char32_t character = 0;
    uint32_t installed_glyph = 0;
  };

  Found from_installed_cid(const FontDecoding::Source& source, uint32_t cid, std::optional<uint32_t> embedded_glyph) {
    if (!source.installed || !source.installed->cid_keyed) return {};
    const uint32_t glyph = source.installed->glyph(cid);
    if (glyph == 0) return {};
    const char32_t c = source.installed->unicode(glyph);
    if (!c || !same_glyph(source, glyph, embedded_glyph)) return {};
    return {c, glyph};
  }

  std::optional<uint32_t> embedded_glyph_named(const FontDecoding::Source& source, const std::string& name) {
    if (!source.embedded) return std::nullopt;
    const FT_UInt glyph = FT_Get_Name_Index(source.embedded.get(), name.c_str());
    if (glyph == 0) return std::nullopt;
    return glyph;
  }

  Found recover_code(FontDecoding::Source& source, uint32_t code) {
    using Kind = FontDecoding::Source::Kind;
    switch (source.kind) {
      case Kind::none: return {};
      case Kind::simple: {
        if (code >= source.names.size() || source.names[code].empty()) return {};
        const char* name = source.names[code].c_str();
        // LibreOffice names each glyph of a CID-keyed face's subset by its CID.
        if (auto cid = number_after(name, "cid", 10)) return from_installed_cid(source, *cid, embedded_glyph_named(source, name));
        // pdftops splits an Identity-H font into 256-glyph fonts "Name_81"
        // whose glyphs are "c75": CID 0x8175.
        if (source.split_prefix >= 0)
          if (auto low = number_after(name, "c", 16); low && *low < 256)
            return from_installed_cid(source, static_cast<uint32_t>(source.split_prefix) << 8 | *low,
                                      embedded_glyph_named(source, name));
        return {};
      }
      case Kind::cid_cff: {
        std::optional<uint32_t> embedded_glyph;
        if (source.embedded) {
          if (source.embedded_glyph_of_cid.empty()) {
            embedded_glyph = code;  // a bare CFF: Poppler reads CIDs as glyph numbers
          } else if (auto found = source.embedded_glyph_of_cid.find(code); found != source.embedded_glyph_of_cid.end()) {
            embedded_glyph = found->second;
          }
        }
        return from_installed_cid(source, code, embedded_glyph);
      }
      case Kind::cid_truetype: {
        uint32_t glyph = code;
        if (!source.cid_to_gid.empty()) {
          if (code >= source.cid_to_gid.size() || source.cid_to_gid[code] <= 0) return {};
          glyph = static_cast<uint32_t>(source.cid_to_gid[code]);
        }
        if (glyph < source.embedded_unicode.size() && source.embedded_unicode[glyph])
          return {source.embedded_unicode[glyph], 0};
        // Subsets that keep the original glyph numbers: the installed face's
        // cmap, for the glyphs whose outline is the embedded one.
        if (!source.installed) return {};
        const char32_t c = source.installed->unicode(glyph);
        if (!c || !same_glyph(source, glyph, glyph)) return {};
        return {c, glyph};
      }
    }
    return {};
  }

  std::unique_ptr<FontDecoding> build(const GfxFont& font) {
    auto decoding = std::make_unique<FontDecoding>();
    decoding->type3 = font.getType() == fontType3;
    const std::optional<std::string>& name = font.getName();
    decoding->name = name && !name->empty() ? without_subset_tag(*name)
                                            : std::string(decoding->type3 ? "Type 3 font" : "font") + " (object " +
                                                  std::to_string(font.getID()->num) + ")";
    if (font.hasToUnicodeCMap() && !ignore_to_unicode) {
      decoding->own_map = true;
      return decoding;
    }
    auto source = std::make_shared<FontDecoding::Source>();
    if (font.isCIDFont()) {
      const auto& cid_font = static_cast<const GfxCIDFont&>(font);
      if (registered_collection(cid_font.getCollection()) && !ignore_to_unicode) {
        decoding->own_map = true;
        return decoding;
      }
      // Only an Identity encoding says which CID a code is.
      const std::string& encoding = font.getEncodingName();
      if (encoding == "Identity-H" || encoding == "Identity-V") {
        const GfxFontType type = font.getType();
        if (type == fontCIDType0 || type == fontCIDType0C || type == fontCIDType0COT) {
          source->kind = FontDecoding::Source::Kind::cid_cff;
        } else if (type == fontCIDType2 || type == fontCIDType2OT) {
          source->kind = FontDecoding::Source::Kind::cid_truetype;
          if (const int* map = cid_font.getCIDToGID())
            source->cid_to_gid.assign(map, map + cid_font.getCIDToGIDLen());
        }
      }
    } else {
      auto& simple = const_cast<Gfx8BitFont&>(static_cast<const Gfx8BitFont&>(font));
      char** encoding = simple.getEncoding();
      // pdftops splits a CID font into 256-glyph fonts "Name_81"; without
      // ToUnicode, the names a base encoding lends their codes (WinAnsi's
      // "A" for code 0x41) say nothing about the glyphs.
      const std::string& full = decoding->name;
      const size_t cut = full.rfind('_');
      const bool split = cut != std::string::npos && full.size() - cut == 3 &&
                         std::isxdigit(static_cast<unsigned char>(full[cut + 1])) &&
                         std::isxdigit(static_cast<unsigned char>(full[cut + 2]));
      if (split) source->split_prefix = static_cast<int>(std::stoi(full.substr(cut + 1), nullptr, 16));
      decoding->named.assign(256, false);
      source->names.assign(256, {});
      bool all_named = true;
      for (int code = 0; code < 256; ++code) {
        const char* glyph = encoding ? encoding[code] : nullptr;
        if (glyph) source->names[static_cast<size_t>(code)] = glyph;
        decoding->named[static_cast<size_t>(code)] = !ignore_to_unicode && !split && known_glyph_name(glyph);
        if (glyph && !decoding->named[static_cast<size_t>(code)] && std::strcmp(glyph, ".notdef") != 0)
          all_named = false;
      }
      if (all_named && !ignore_to_unicode) {
        decoding->own_map = true;
        return decoding;
      }
      if (!decoding->type3) source->kind = FontDecoding::Source::Kind::simple;
    }
    if (recover && source->kind != FontDecoding::Source::Kind::none) {
      source->installed = installed_face(decoding->name);
      if (source->installed) {
        decoding->recovered_from = source->installed->postscript_name;
        load_embedded(font, *source);
      } else if (source->kind == FontDecoding::Source::Kind::cid_truetype) {
        load_embedded(font, *source);  // its own cmap may still say
      }
    }
    decoding->source = std::move(source);
    return decoding;
  }
};

FontRecovery::FontRecovery(XRef* xref, bool recover, bool ignore_to_unicode)
    : impl_(std::make_unique<Impl>(xref, recover, ignore_to_unicode)) {}

FontRecovery::~FontRecovery() = default;

FontDecoding& FontRecovery::decoding(const GfxFont& font) {
  const Ref* id = font.getID();
  auto& slot = impl_->fonts[{id->num, id->gen}];
  if (!slot) slot = impl_->build(font);
  return *slot;
}

char32_t FontRecovery::recover(FontDecoding& decoding, uint32_t code) {
  if (!impl_->recover || !decoding.source) return 0;
  if (auto found = decoding.recovered.find(code); found != decoding.recovered.end()) return found->second.character;
  FontDecoding::Source& source = *decoding.source;
  const Impl::Found found = impl_->recover_code(source, code);
  FontDecoding::Recovered recovered{found.character, 0};
  // An empty program printed nothing of its own: the text was set with the
  // installed glyph's advance, which the PDF's widths no longer say.
  if (found.character && found.installed_glyph && source.empty_program && source.installed)
    recovered.advance = advance_of(source.installed->face.get(), found.installed_glyph);
  decoding.recovered.emplace(code, recovered);
  return found.character;
}

double FontRecovery::printed_advance(FontDecoding& decoding, uint32_t code) {
  if (!recover(decoding, code)) return 0;
  return decoding.recovered.find(code)->second.advance;
}

}  // namespace reissue::extract
