#include "reissue/error.h"
#include "reissue/fonts.h"

#include <hb-subset.h>
#include <hb.h>

namespace reissue {

FontSubset subset_font(const Font& font, const std::set<unsigned>& glyphs) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) throw Error(font.path(), 0, "cannot start font subsetting");
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
  hb_set_add(glyph_set, 0);  // .notdef
  for (unsigned glyph : glyphs) hb_set_add(glyph_set, glyph);
  // Layout tables are useless in a PDF; hinting is kept (it helps on screen).
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                       HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
                       HB_TAG('V', 'O', 'R', 'G'), HB_TAG('D', 'S', 'I', 'G')})
    hb_set_add(drop, tag);
  FontSubset subset;
  subset.cff = font.is_cff();
  // TrueType: keep glyph ids, so that codes written before subsetting stay
  // valid (CIDToGIDMap Identity). CFF keeps the original CIDs in its charset.
  if (!subset.cff) hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS);
  hb_face_t* result = hb_subset_or_fail(font.face(), input);
  hb_subset_input_destroy(input);
  if (!result) throw Error(font.path(), 0, "font subsetting failed");
  hb_blob_t* blob = subset.cff ? hb_face_reference_table(result, HB_TAG('C', 'F', 'F', ' '))
                               : hb_face_reference_blob(result);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  subset.data.assign(data, length);
  hb_blob_destroy(blob);
  hb_face_destroy(result);
  if (subset.data.empty()) throw Error(font.path(), 0, "font subsetting produced no data");
  return subset;
}

}  // namespace reissue
