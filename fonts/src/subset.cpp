#include "reissue/error.h"
#include "reissue/fonts.h"

#include <hb-subset.h>
#include <hb.h>
// After hb-subset.h, so that the subset types get their deleters too.
#include <hb-cplusplus.hh>

namespace reissue {

FontSubset subset_font(const Font& font, const std::set<unsigned>& glyphs, const std::set<char32_t>& characters,
                       bool hinting) {
  const hb::unique_ptr<hb_subset_input_t> input(hb_subset_input_create_or_fail());
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
  // Layout tables are useless in a PDF; hinting is kept (it helps on screen).
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                       HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
                       HB_TAG('V', 'O', 'R', 'G'), HB_TAG('D', 'S', 'I', 'G')})
    hb_set_add(drop, tag);
  FontSubset subset;
  subset.cff = font.is_cff();
  if (subset.cff) {
    // Only the CFF table goes into the PDF (FontFile3/CIDFontType0C): not
    // subsetting the others saves most of the time (cmap, metrics and name
    // tables of a CJK font are large).
    hb_tag_t tags[64];
    unsigned offset = 0, count = 64;
    while (count == 64) {
      count = 64;
      hb_face_get_table_tags(font.face(), offset, &count, tags);
      for (unsigned i = 0; i < count; ++i)
        if (tags[i] != HB_TAG('C', 'F', 'F', ' ')) hb_set_add(drop, tags[i]);
      offset += count;
    }
  }
  // TrueType: keep glyph ids, so that codes written before subsetting stay
  // valid (CIDToGIDMap Identity). CFF keeps the original CIDs in its charset.
  unsigned flags = subset.cff ? HB_SUBSET_FLAGS_DESUBROUTINIZE : HB_SUBSET_FLAGS_RETAIN_GIDS;
  if (!hinting) flags |= HB_SUBSET_FLAGS_NO_HINTING;
  hb_subset_input_set_flags(input, flags);
  const hb::unique_ptr<hb_face_t> result(hb_subset_or_fail(font.face(), input));
  if (!result) throw Error(font.path(), 0, "font subsetting failed");
  const hb::unique_ptr<hb_blob_t> blob(subset.cff ? hb_face_reference_table(result, HB_TAG('C', 'F', 'F', ' '))
                                                  : hb_face_reference_blob(result));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  subset.data.assign(data, length);
  if (subset.data.empty()) throw Error(font.path(), 0, "font subsetting produced no data");
  return subset;
}

}  // namespace reissue
