#include "cff_charset.h"
#include "reissue/error.h"
#include "reissue/fonts.h"

#include <hb-ot.h>
#include <hb.h>
#include <hb-cplusplus.hh>
#include <unistd.h>

namespace reissue {

struct Font::HarfBuzz {
  hb::unique_ptr<hb_blob_t> blob;
  hb::unique_ptr<hb_face_t> face;
  hb::unique_ptr<hb_font_t> font;
};

namespace {

// A readable file that cannot be mapped means the process is out of memory
// (or of address space under a memory limit).
hb::unique_ptr<hb_blob_t> map_font_file(const std::string& path) {
  hb::unique_ptr<hb_blob_t> blob(hb_blob_create_from_file_or_fail(path.c_str()));
  if (blob) return blob;
  if (::access(path.c_str(), R_OK) == 0) throw OutOfMemory(path, 0, "cannot load the font: ran out of memory");
  throw Error(path, 0, "cannot read font file");
}

}  // namespace

Font::Font(std::string path, int index, std::string family, bool bold)
    : path_(std::move(path)), index_(index), family_(std::move(family)), bold_(bold),
      harfbuzz_(std::make_unique<HarfBuzz>()) {
  HarfBuzz& hb = *harfbuzz_;
  hb.blob = map_font_file(path_);
  hb.face = hb::unique_ptr<hb_face_t>(hb_face_create(hb.blob, static_cast<unsigned>(index_)));
  units_per_em_ = hb_face_get_upem(hb.face);
  hb.font = hb::unique_ptr<hb_font_t>(hb_font_create(hb.face));
  hb_ot_font_set_funcs(hb.font);
  hb_font_set_scale(hb.font, static_cast<int>(units_per_em_), static_cast<int>(units_per_em_));
  const hb::unique_ptr<hb_blob_t> cff(hb_face_reference_table(hb.face, HB_TAG('C', 'F', 'F', ' ')));
  unsigned length = 0;
  const char* data = hb_blob_get_data(cff, &length);
  cff_ = length > 0;
  if (cff_) {
    cids_ = fonts::read_cff_cids(std::string_view(data, length));
    cid_keyed_ = !cids_.empty();
    bool identity = true;
    for (size_t gid = 0; gid < cids_.size() && identity; ++gid) identity = cids_[gid] == gid;
    if (identity) cids_.clear();
  }
}

Font::~Font() = default;

hb_face_t* Font::face() const { return harfbuzz_->face.get(); }
hb_font_t* Font::font() const { return harfbuzz_->font.get(); }

std::string Font::postscript_name() const {
  char name[128];
  unsigned size = sizeof name;
  if (hb_ot_name_get_utf8(face(), HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name) == 0)
    return "Font";
  std::string out(name);
  std::erase_if(out, [](char c) { return c <= ' ' || c == '/' || c == '(' || c == ')' || c == '[' || c == ']'; });
  return out.empty() ? "Font" : out;
}

bool Font::covers(char32_t c) const {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(font(), c, &glyph) && glyph != 0;
}

double Font::ascender() const {
  hb_font_extents_t extents{};
  hb_font_get_h_extents(font(), &extents);
  return static_cast<double>(extents.ascender) / units_per_em_;
}

double Font::ideographic_top() const {
  hb_position_t top = 0;
  hb_ot_layout_get_baseline_with_fallback(font(), HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_TOP_OR_RIGHT,
                                          HB_DIRECTION_LTR, HB_SCRIPT_HAN, HB_TAG_NONE, &top);
  return static_cast<double>(top) / units_per_em_;
}

double Font::descender() const {
  hb_font_extents_t extents{};
  hb_font_get_h_extents(font(), &extents);
  return static_cast<double>(extents.descender) / units_per_em_;
}

double Font::advance(unsigned glyph) const {
  return static_cast<double>(hb_font_get_glyph_h_advance(font(), glyph)) / units_per_em_;
}

unsigned Font::glyph(char32_t c) const {
  hb_codepoint_t id = 0;
  return hb_font_get_nominal_glyph(font(), c, &id) ? id : 0;
}

unsigned Font::cid(unsigned glyph) const {
  return glyph < cids_.size() ? cids_[glyph] : glyph;
}

}  // namespace reissue
