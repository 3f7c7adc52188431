#include "reissue/error.h"
#include "reissue/fonts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H

using namespace reissue;

namespace {
unsigned glyph_of(const Font& font, char32_t c) {
  hb_codepoint_t glyph = 0;
  hb_font_get_nominal_glyph(font.font(), c, &glyph);
  return glyph;
}
}  // namespace

TEST(Fonts, FindsTheSimplifiedChineseFaceOfTheCollection) {
  FontLibrary library;
  const Font& serif = library.get("Noto Serif CJK SC", false);
  EXPECT_NE(serif.path().find("NotoSerifCJK-Regular.ttc"), std::string::npos);
  EXPECT_EQ(serif.index(), 2);  // face 0 is the Japanese one
  EXPECT_TRUE(serif.is_cff());
  EXPECT_EQ(serif.postscript_name(), "NotoSerifCJKsc-Regular");
  // The SC face draws 骨 with the Simplified form: a different glyph than JP's.
  EXPECT_EQ(&library.get("Noto Serif CJK SC", false), &serif);  // cached
  const Font& bold = library.get("Noto Serif CJK SC", true);
  EXPECT_NE(bold.path().find("Bold"), std::string::npos);
  EXPECT_TRUE(serif.covers(U'中'));
  EXPECT_GT(serif.ascender(), 0.8);
  EXPECT_LT(serif.descender(), -0.1);
  EXPECT_DOUBLE_EQ(serif.advance(glyph_of(serif, U'中')), 1.0);
}

TEST(Fonts, MissingFamilyIsAnErrorNotASubstitute) {
  FontLibrary library;
  try {
    library.get("No Such Font Family", false);
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("No Such Font Family: font family is not installed"),
              std::string::npos);
  }
}

TEST(Fonts, FallbackChain) {
  FontLibrary library;
  const Font& latin = library.get("Noto Serif", false);
  const Font* han = library.font_for(U'中', latin, false);
  ASSERT_NE(han, nullptr);
  EXPECT_EQ(han->family(), "Noto Serif CJK SC");
  EXPECT_EQ(library.font_for(U'a', latin, false), &latin);
  EXPECT_EQ(library.font_for(U'\U0010FFFD', latin, false), nullptr);  // private use: nobody
}

TEST(Fonts, CidsOfTheCjkFaceAreReadFromTheCharset) {
  FontLibrary library;
  const Font& serif = library.get("Noto Serif CJK SC", false);
  // CIDs are distinct for distinct glyphs and .notdef is CID 0.
  EXPECT_EQ(serif.cid(0), 0u);
  EXPECT_NE(serif.cid(glyph_of(serif, U'中')), serif.cid(glyph_of(serif, U'国')));
}

TEST(Fonts, SubsetKeepsOnlyWhatIsUsed) {
  FontLibrary library;
  const Font& serif = library.get("Noto Serif CJK SC", false);
  std::set<unsigned> glyphs;
  for (char32_t c : std::u32string(U"全国卫生信息化舆情监测周报")) glyphs.insert(glyph_of(serif, c));
  const FontSubset subset = subset_font(serif, glyphs);
  EXPECT_TRUE(subset.cff);
  EXPECT_GT(subset.data.size(), 1000u);
  EXPECT_LT(subset.data.size(), 40000u);  // the whole face is ~20 MB
  EXPECT_EQ(subset.data.substr(0, 1), std::string(1, '\x01'));  // CFF major version 1

  const Font& latin = library.get("Noto Serif", false);
  const FontSubset ttf = subset_font(latin, {glyph_of(latin, U'A'), glyph_of(latin, U'I')});
  EXPECT_FALSE(ttf.cff);
  EXPECT_EQ(ttf.data.substr(0, 4), std::string("\0\1\0\0", 4));  // a TrueType file
}

// Widening a program (for a PDF font whose widths include the gap after each
// glyph). TrueType advances are read back with HarfBuzz here; CFF widths are
// read back by independent readers in tests/layout: PDFBox Preflight checks
// that the program agrees with /W (pdfa_test.cpp) and MuPDF, which takes
// advances from the program, copies text without a space in the gap
// (copy_text_test.cpp).
TEST(Fonts, WideningATrueTypeSubsetWidensEveryGlyph) {
  FontLibrary library;
  const Font& latin = library.get("Noto Serif", false);
  const unsigned a = glyph_of(latin, U'A'), five = glyph_of(latin, U'5');
  FontSubset subset = subset_font(latin, {a, five}, {}, false);
  ASSERT_TRUE(widen_subset(subset, 250));
  hb_blob_t* blob = hb_blob_create(subset.data.data(), static_cast<unsigned>(subset.data.size()), HB_MEMORY_MODE_READONLY,
                                   nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(face);
  for (unsigned glyph : {a, five})
    EXPECT_EQ(hb_font_get_glyph_h_advance(font, glyph), hb_font_get_glyph_h_advance(latin.font(), glyph) + 250) << glyph;
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
}

TEST(Fonts, WideningACffSubsetKeepsItACffTable) {
  FontLibrary library;
  const Font& serif = library.get("Noto Serif CJK SC", false);
  FontSubset subset = subset_font(serif, {glyph_of(serif, U'年'), glyph_of(serif, U'“')}, {}, false);
  const std::string before = subset.data;
  ASSERT_TRUE(widen_subset(subset, -500));
  EXPECT_GT(subset.data.size(), before.size());  // a Private DICT per font DICT appended
  EXPECT_EQ(subset.data.substr(0, 4), before.substr(0, 4));
}

// A PDF/A CIDSet names every glyph in the program, also those hb-subset
// adds: the variation-sequence glyphs of the characters kept (Noto CJK has
// another glyph for ，。、 among others), a composite glyph's components.
TEST(Fonts, ProgramCidsAreAllThatTheProgramHolds) {
  FontLibrary library;
  const Font& serif = library.get("Noto Serif CJK SC", false);
  std::set<unsigned> glyphs, cids = {0};
  for (char32_t c : std::u32string(U"，。、中")) glyphs.insert(glyph_of(serif, c)), cids.insert(serif.cid(glyph_of(serif, c)));
  const std::set<unsigned> held = program_cids(subset_font(serif, glyphs));
  EXPECT_TRUE(std::includes(held.begin(), held.end(), cids.begin(), cids.end()));
  EXPECT_GT(held.size(), cids.size());  // the variants of ，。、
  const Font& latin = library.get("Noto Serif", false);
  const unsigned a_acute = glyph_of(latin, U'\u00E1');  // a composite: a and the acute
  const std::set<unsigned> outlines = program_cids(subset_font(latin, {a_acute}));
  EXPECT_TRUE(outlines.count(a_acute));
  EXPECT_GE(outlines.size(), 3u);  // .notdef, á and its components
}

TEST(Fonts, WhatCannotBeWidenedIsLeftAsItWas) {
  for (bool cff : {true, false}) {
    FontSubset garbage{std::string("\x01\x00\x04\x01 not a font program", 24), cff};
    const std::string before = garbage.data;
    EXPECT_FALSE(widen_subset(garbage, 250));
    EXPECT_EQ(garbage.data, before);
  }
}

// Cutting a part from the whole subset gives the program subsetting the font
// for that part alone would (the cut only saves time).
TEST(Fonts, PartsCutFromOneSubsetEqualTheirOwnSubsets) {
  FontLibrary library;
  for (const char* family : {"Noto Serif CJK SC", "Noto Serif"}) {
    const Font& font = library.get(family, false);
    std::set<unsigned> whole, part;
    for (char32_t c : std::u32string(U"全国卫生信息化2025年11月AI医疗“”")) whole.insert(glyph_of(font, c));
    for (char32_t c : std::u32string(U"年5I“")) part.insert(glyph_of(font, c));
    whole.erase(0);
    part.erase(0);
    const SubsetSource source(font, whole);
    EXPECT_EQ(source.glyphs(), whole);
    EXPECT_EQ(source.program().data, subset_font(font, whole).data) << family;
    EXPECT_EQ(source.cut(part).data, subset_font(font, part, {}, false).data) << family;
    EXPECT_EQ(source.cut(part, true).data, subset_font(font, part).data) << family;
    EXPECT_LT(source.cut(part).data.size(), source.program().data.size()) << family;
  }
}

// A CFF font not keyed by CIDs (URW's Nimbus Roman, as a style's Latin font
// or a fallback): the PDF's codes are its glyph ids, which a CIDFontType0
// takes as glyph indices, so the subset keeps them. Read back by FreeType
// (which MuPDF and Poppler draw with): each glyph is where it was, by name.
// (Renumbered, 2025 drew as =9=.)
TEST(Fonts, AGlyphNamedCffKeepsItsGlyphIds) {
  FontLibrary library;
  const Font& roman = library.get("Nimbus Roman", false);
  ASSERT_TRUE(roman.is_cff());
  ASSERT_FALSE(roman.cid_keyed());
  std::set<unsigned> glyphs;
  for (char32_t c : std::u32string(U"2025 AI X")) glyphs.insert(glyph_of(roman, c));
  glyphs.erase(0);
  const FontSubset subset = subset_font(roman, glyphs);
  FT_Library freetype = nullptr;
  ASSERT_EQ(FT_Init_FreeType(&freetype), 0);
  FT_Face program = nullptr, original = nullptr;
  ASSERT_EQ(FT_New_Memory_Face(freetype, reinterpret_cast<const FT_Byte*>(subset.data.data()),
                               static_cast<FT_Long>(subset.data.size()), 0, &program),
            0);
  ASSERT_EQ(FT_New_Face(freetype, roman.path().c_str(), roman.index(), &original), 0);
  for (unsigned glyph : glyphs) {
    char in_program[64] = {}, in_font[64] = {};
    FT_Get_Glyph_Name(program, glyph, in_program, sizeof in_program);
    FT_Get_Glyph_Name(original, glyph, in_font, sizeof in_font);
    EXPECT_STREQ(in_program, in_font) << "glyph " << glyph;
  }
  FT_Done_Face(program);
  FT_Done_Face(original);
  FT_Done_FreeType(freetype);
}
