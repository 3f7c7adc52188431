#include "reissue/error.h"
#include "reissue/fonts.h"

#include <hb-subset.h>
#include <hb.h>
// After hb-subset.h, so that the subset types get their deleters too.
#include <hb-cplusplus.hh>

namespace reissue {

namespace {

// An hb-subset input for `glyphs` of `face` (ids in that face), with the
// settings every program gets. `characters` name glyphs by character where
// they can (`font`: the face's cmap).
hb::unique_ptr<hb_subset_input_t> subset_input(const Font& font, hb_face_t* face, bool cff,
                                                const std::set<unsigned>& glyphs, const std::set<char32_t>& characters,
                                                bool hinting) {
  hb::unique_ptr<hb_subset_input_t> input(hb_subset_input_create_or_fail());
  if (!input) throw Error(font.path(), 0, "cannot start font subsetting");
  std::set<unsigned> by_id = glyphs;
  hb_set_t* unicode_set = hb_subset_input_unicode_set(input);
  for (char32_t c : characters) {
    const unsigned glyph = font.glyph(c);
    if (glyph != 0 && glyphs.count(glyph)) {
      hb_set_add(unicode_set, c);
      by_id.erase(glyph);
    }
  }
  by_id.erase(0);  // kept anyway; naming it would force the slow path
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
  for (unsigned glyph : by_id) hb_set_add(glyph_set, glyph);
  // Layout tables are useless in a PDF.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                       HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
                       HB_TAG('V', 'O', 'R', 'G'), HB_TAG('D', 'S', 'I', 'G')})
    hb_set_add(drop, tag);
  if (cff) {
    // Only the CFF table goes into the PDF (FontFile3/CIDFontType0C): not
    // subsetting the others saves most of the time (cmap, metrics and name
    // tables of a CJK font are large). 'maxp' (6 bytes) stays, for a glyph
    // count when the result is cut again.
    hb_tag_t tags[64];
    unsigned offset = 0, count = 64;
    while (count == 64) {
      count = 64;
      hb_face_get_table_tags(face, offset, &count, tags);
      for (unsigned i = 0; i < count; ++i)
        if (tags[i] != HB_TAG('C', 'F', 'F', ' ') && tags[i] != HB_TAG('m', 'a', 'x', 'p')) hb_set_add(drop, tags[i]);
      offset += count;
    }
  }
  // TrueType: keep glyph ids, so that codes written before subsetting stay
  // valid (CIDToGIDMap Identity). A CID-keyed CFF keeps the original CIDs
  // in its charset; any other CFF keeps its glyph ids too (a CIDFontType0
  // over it takes codes for glyph ids: renumbered, digits drew as = and 9).
  unsigned flags = cff ? HB_SUBSET_FLAGS_DESUBROUTINIZE : HB_SUBSET_FLAGS_RETAIN_GIDS;
  if (cff && !font.cid_keyed()) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
  if (!hinting) flags |= HB_SUBSET_FLAGS_NO_HINTING;
  hb_subset_input_set_flags(input, flags);
  return input;
}

// The program to embed from a subset face: the bare CFF table, or the TrueType file.
FontSubset program_of(const Font& font, hb_face_t* subset_face) {
  FontSubset subset;
  subset.cff = font.is_cff();
  const hb::unique_ptr<hb_blob_t> blob(subset.cff ? hb_face_reference_table(subset_face, HB_TAG('C', 'F', 'F', ' '))
                                                  : hb_face_reference_blob(subset_face));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  subset.data.assign(data, length);
  if (subset.data.empty()) throw Error(font.path(), 0, "font subsetting produced no data");
  return subset;
}

}  // namespace

struct SubsetSource::HarfBuzz {
  hb::unique_ptr<hb_subset_plan_t> plan;
  hb::unique_ptr<hb_face_t> face;
};

SubsetSource::SubsetSource(const Font& font, const std::set<unsigned>& glyphs, const std::set<char32_t>& characters,
                           bool hinting)
    : font_(font), glyphs_(glyphs), harfbuzz_(std::make_unique<HarfBuzz>()) {
  const auto input = subset_input(font, font.face(), font.is_cff(), glyphs, characters, hinting);
  harfbuzz_->plan = hb::unique_ptr<hb_subset_plan_t>(hb_subset_plan_create_or_fail(font.face(), input));
  if (harfbuzz_->plan) harfbuzz_->face = hb::unique_ptr<hb_face_t>(hb_subset_plan_execute_or_fail(harfbuzz_->plan));
  if (!harfbuzz_->face) throw Error(font.path(), 0, "font subsetting failed");
}

SubsetSource::~SubsetSource() = default;

FontSubset SubsetSource::program() const { return program_of(font_, harfbuzz_->face); }

FontSubset SubsetSource::cut(const std::set<unsigned>& glyphs, bool hinting) const {
  const hb_map_t* new_id = hb_subset_plan_old_to_new_glyph_mapping(harfbuzz_->plan);
  std::set<unsigned> mapped;
  for (unsigned glyph : glyphs) mapped.insert(hb_map_get(new_id, glyph));
  mapped.erase(HB_MAP_VALUE_INVALID);
  const auto input = subset_input(font_, harfbuzz_->face, font_.is_cff(), mapped, {}, hinting);
  const hb::unique_ptr<hb_face_t> cut(hb_subset_or_fail(harfbuzz_->face, input));
  if (!cut) throw Error(font_.path(), 0, "font subsetting failed");
  return program_of(font_, cut);
}

FontSubset subset_font(const Font& font, const std::set<unsigned>& glyphs, const std::set<char32_t>& characters,
                       bool hinting) {
  return SubsetSource(font, glyphs, characters, hinting).program();
}

}  // namespace reissue
