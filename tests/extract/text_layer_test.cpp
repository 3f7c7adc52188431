// Judging a PDF page's text layer, and recovering text from the fonts when a
// rewrite (Ghostscript, pdftops + ps2pdf) dropped the ToUnicode maps. The
// rewrites are committed under tests/data/rewrites (README: how each was made).
#include "../../extract/src/font_recovery.h"
#include "../../extract/src/pdf_source.h"
#include "../../extract/src/text_layer.h"
#include "reissue/extract.h"
#include "reissue/text.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

fs::path rewrites() { return test::source_dir() / "tests/data/rewrites"; }
fs::path corpus() { return test::source_dir() / "tests/data/corpus"; }

SourceDocument read(const fs::path& file, bool recover = true, bool ignore_to_unicode = false) {
  extract::PdfLimits limits;
  limits.extract_images = false;
  limits.recover_fonts = recover;
  limits.ignore_to_unicode = ignore_to_unicode;
  return extract::read_pdf(test::read_text(file), file.filename().string(), limits);
}

std::string page_text(const SourcePage& page) {
  std::u32string text;
  for (const SourceRun& run : page.runs) text += run.text + U" ";
  return u32_to_utf8(text);
}

bool fonts_installed(const std::string& postscript_name) {
  // The recovery tests need the Noto CJK faces setup.sh installs.
  return test::run_command("fc-list ':postscriptname=" + postscript_name + "' file | grep -q .").exit_code == 0;
}

}  // namespace

// ---- the judgement -----------------------------------------------------------

TEST(TextLayer, CleanCorpusPagesAreReadable) {
  for (const char* number : {"000", "001", "002", "003"}) {
    const SourceDocument document = read(corpus() / ("corpus-" + std::string(number) + ".pdf"));
    for (size_t i = 0; i < document.pages.size(); ++i) {
      EXPECT_EQ(document.pages[i].unreadable, "") << number << " page " << i + 1;
      EXPECT_EQ(document.pages[i].text_note, "") << number << " page " << i + 1;
      EXPECT_FALSE(document.pages[i].runs.empty());
    }
  }
}

TEST(TextLayer, RewriteWithoutRecoveryIsUnreadable) {
  const SourceDocument document = read(rewrites() / "corpus-000.ps2pdf.pdf", /*recover=*/false);
  ASSERT_EQ(document.pages.size(), 5u);
  for (const SourcePage& page : document.pages) {
    EXPECT_NE(page.unreadable.find("have no map to Unicode"), std::string::npos) << page.unreadable;
    EXPECT_NE(page.unreadable.find("NotoSerifCJKjp-Regular-VKana"), std::string::npos) << page.unreadable;
    EXPECT_TRUE(page.runs.empty());  // nothing undecodable reaches the recognizer
  }
  // Ghostscript drops some fonts' maps only: the pages using them are unreadable.
  const SourceDocument gs = read(rewrites() / "corpus-003.gs.pdf", /*recover=*/false);
  EXPECT_TRUE(std::any_of(gs.pages.begin(), gs.pages.end(), [](const SourcePage& p) { return !p.unreadable.empty(); }));
}

TEST(TextLayer, UndecodedShareDecides) {
  extract::PageTextCounts counts;
  counts.chars = 1000;
  counts.from_pdf = 995;
  counts.undecoded = 5;
  counts.undecoded_fonts["Wingdings"] = 5;
  extract::TextLayerVerdict verdict = extract::judge_text_layer(counts);
  EXPECT_TRUE(verdict.readable);  // 0.5%: a few symbols
  EXPECT_NE(verdict.note.find("5 of 1000 characters of the fonts Wingdings could not be decoded"), std::string::npos)
      << verdict.note;
  counts.undecoded = 11;
  verdict = extract::judge_text_layer(counts);
  EXPECT_FALSE(verdict.readable);  // 1.1%
  EXPECT_NE(verdict.problem.find("the fonts Wingdings have no map to Unicode"), std::string::npos) << verdict.problem;
  extract::PageTextCounts few;
  few.chars = 20;
  few.undecoded = 2;
  EXPECT_TRUE(extract::judge_text_layer(few).readable);  // fewer than three glyphs never condemn a page
}

TEST(TextLayer, AsciiNoiseIsDetected) {
  // A CJK font read as its codes: ASCII, every character a full em wide.
  extract::PageTextCounts noise;
  noise.chars = noise.from_pdf = noise.ascii = noise.ascii_full_width = 300;
  const extract::TextLayerVerdict verdict = extract::judge_text_layer(noise);
  EXPECT_FALSE(verdict.readable);
  EXPECT_NE(verdict.problem.find("ASCII set a full em wide"), std::string::npos) << verdict.problem;
  // Latin text in proportional widths, with a few wide capitals (W, M).
  extract::PageTextCounts latin;
  latin.chars = latin.from_pdf = latin.ascii = 300;
  latin.ascii_full_width = 12;
  EXPECT_TRUE(extract::judge_text_layer(latin).readable);
}

TEST(TextLayer, PrivateUseAndControlCharactersAreUndecodable) {
  extract::PageTextCounts pua;
  pua.chars = pua.from_pdf = 400;
  pua.private_use = 380;
  EXPECT_NE(extract::judge_text_layer(pua).problem.find("Private Use Area"), std::string::npos);
  extract::PageTextCounts control;
  control.chars = control.from_pdf = 400;
  control.control = 200;
  EXPECT_NE(extract::judge_text_layer(control).problem.find("control characters"), std::string::npos);
}

TEST(TextLayer, GlyphNamesAreNoise) {
  std::vector<SourceRun> runs(6);
  runs[0].text = U"cid43817";
  runs[1].text = U"uni4E2Duni6587";
  runs[2].text = U"(cid:12)(cid:7)";
  runs[3].text = U"G20";     // text
  runs[4].text = U"good";    // text
  runs[5].text = U"g2";      // too short to be a glyph name
  EXPECT_EQ(extract::glyph_name_characters(runs), 8 + 14 + 15);
  extract::PageTextCounts counts;
  counts.chars = counts.from_pdf = 100;
  counts.glyph_names = 60;
  EXPECT_NE(extract::judge_text_layer(counts).problem.find("glyph names"), std::string::npos);
}

TEST(TextLayer, PreferredCodePoint) {
  EXPECT_TRUE(extract::preferred_code_point(U'\u751F', U'\u2F63'));   // 生 before the Kangxi radical
  EXPECT_TRUE(extract::preferred_code_point(U'\u8AAA', U'\uF95F'));   // unified before compatibility
  EXPECT_FALSE(extract::preferred_code_point(U'\uE000', U'\u4E00'));  // private use last
}

// Chromium prints with Type 3 fonts, which carry ToUnicode: readable. Their
// pdftops + ps2pdf rewrite does not: unreadable, and nothing recovers a Type 3 font.
TEST(TextLayer, Type3FontsAreJudgedByTheirMaps) {
  const SourceDocument chromium = read(rewrites() / "type3-chromium.pdf");
  ASSERT_FALSE(chromium.pages.empty());
  EXPECT_EQ(chromium.pages[0].unreadable, "");
  EXPECT_NE(page_text(chromium.pages[0]).find("卫生健康大数据"), std::string::npos) << page_text(chromium.pages[0]);
  const SourceDocument rewritten = read(rewrites() / "type3-chromium.ps2pdf.pdf");
  EXPECT_EQ(rewritten.pages[0].unreadable, "its Type 3 fonts have no map to Unicode");
}

// ---- recovery ----------------------------------------------------------------

// Without their ToUnicode maps, the corpus PDFs' glyphs (LibreOffice names them
// cid43817) recover exactly the text the maps give, page by page.
TEST(FontRecovery, AgreesWithToUnicodeOnEveryGlyph) {
  if (!fonts_installed("NotoSerifCJKjp-Regular")) GTEST_SKIP() << "Noto Serif CJK is not installed";
  std::vector<fs::path> files;
  for (const char* number : {"000", "001", "002", "003"}) files.push_back(corpus() / ("corpus-" + std::string(number) + ".pdf"));
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    const SourceDocument mapped = read(file);
    const SourceDocument recovered = read(file, true, /*ignore_to_unicode=*/true);
    ASSERT_EQ(mapped.pages.size(), recovered.pages.size());
    for (size_t i = 0; i < mapped.pages.size(); ++i) {
      EXPECT_EQ(recovered.pages[i].unreadable, "") << "page " << i + 1;
      EXPECT_EQ(page_text(recovered.pages[i]), page_text(mapped.pages[i])) << "page " << i + 1;
      EXPECT_NE(recovered.pages[i].text_note.find("recovered from the installed font"), std::string::npos)
          << recovered.pages[i].text_note;
    }
  }
}

// ps2pdf embeds some of LibreOffice's fonts as empty programs (.notdef only)
// whose widths are all the default 1 em, and places each glyph by its own
// move. A recovered glyph of such a font spans the installed glyph's advance,
// as printed: the 2-em dash ⸺ (typed ——) is not followed by a 1-em hole read
// as a space, a Latin letter does not cover the space after it (`Insilico
// Medicine`). Every word comes back where the original PDF puts it: runs are
// matched in groups of the same text, which must have the same extent, and
// where the two readings break words differently the gap is Poppler's tie
// (0.1 em, rounded either way), never a hole or an overlap.
TEST(FontRecovery, EmptyProgramsKeepThePrintedAdvances) {
  if (!fonts_installed("NotoSerifCJKjp-Regular")) GTEST_SKIP() << "Noto Serif CJK is not installed";
  const auto gaps_are_ties = [](const std::vector<SourceRun>& runs, size_t first, size_t last) {
    for (size_t k = first; k < last; ++k)
      EXPECT_LE(runs[k + 1].box.left - runs[k].box.right, 0.1 * runs[k].font_size + 0.02)
          << "between «" << u32_to_utf8(runs[k].text) << "» and «" << u32_to_utf8(runs[k + 1].text) << "»";
  };
  for (const char* number : {"000", "001", "002", "003"}) {
    SCOPED_TRACE(std::string("corpus-") + number);
    const SourceDocument original = read(corpus() / ("corpus-" + std::string(number) + ".pdf"));
    const SourceDocument rewritten = read(rewrites() / ("corpus-" + std::string(number) + ".ps2pdf.pdf"));
    ASSERT_EQ(rewritten.pages.size(), original.pages.size());
    for (size_t p = 0; p < original.pages.size(); ++p) {
      SCOPED_TRACE("page " + std::to_string(p + 1));
      const std::vector<SourceRun>& want = original.pages[p].runs;
      const std::vector<SourceRun>& got = rewritten.pages[p].runs;
      size_t i = 0, j = 0;
      while (i < want.size() && j < got.size()) {
        std::u32string a = want[i].text, b = got[j].text;
        size_t i_end = i, j_end = j;
        while (a != b) {
          if (a.size() < b.size() && i_end + 1 < want.size() && b.compare(0, a.size(), a) == 0)
            a += want[++i_end].text;
          else if (b.size() < a.size() && j_end + 1 < got.size() && a.compare(0, b.size(), b) == 0)
            b += got[++j_end].text;
          else
            break;
        }
        ASSERT_EQ(u32_to_utf8(b), u32_to_utf8(a));
        EXPECT_NEAR(got[j].box.left, want[i].box.left, 0.01) << u32_to_utf8(a);
        EXPECT_NEAR(got[j_end].box.right, want[i_end].box.right, 0.01) << u32_to_utf8(a);
        gaps_are_ties(want, i, i_end);
        gaps_are_ties(got, j, j_end);
        i = i_end + 1, j = j_end + 1;
      }
      EXPECT_EQ(i, want.size());
      EXPECT_EQ(j, got.size());
    }
  }
}

// pdftops splits an Identity-H font into 256-glyph fonts (`Name_81`, glyphs
// `c75`: CID 0x8175) and ps2pdf drops every map. The CJK ones are recovered;
// the Latin TrueType ones (`NotoSerif-Regular_00`) are not (their codes are
// glyph numbers, not CIDs), and the names WinAnsi lends their codes are not
// taken for text: the page is refused, never read as Latin noise.
TEST(FontRecovery, SplitIdentityFontsOfPdftops) {
  const SourceDocument rewritten = read(rewrites() / "typeset-minimal.ps2pdf.pdf");
  ASSERT_FALSE(rewritten.pages.empty());
  EXPECT_NE(rewritten.pages[0].unreadable.find("NotoSerif-Regular_00"), std::string::npos) << rewritten.pages[0].unreadable;
  EXPECT_EQ(rewritten.pages[0].unreadable.find("NotoSerifCJKsc"), std::string::npos) << rewritten.pages[0].unreadable;
}

TEST(FontRecovery, RecoveredPagesAreReported) {
  if (!fonts_installed("NotoSerifCJKjp-Regular")) GTEST_SKIP() << "Noto Serif CJK is not installed";
  const fs::path file = rewrites() / "corpus-001.ps2pdf.pdf";
  const ExtractResult result = extract_pdf(test::read_text(file), "corpus-001.ps2pdf.pdf");
  const auto item = std::find_if(result.report.review.begin(), result.report.review.end(),
                                 [](const ReviewItem& i) { return i.kind == "text-layer"; });
  ASSERT_NE(item, result.report.review.end());
  EXPECT_EQ(item->page, 1);
  EXPECT_NE(item->message.find("recovered from the installed font NotoSerifCJKjp"), std::string::npos) << item->message;
}

// ---- refusal -----------------------------------------------------------------

// The same rewrite, its fonts renamed to a face no machine has: nothing to
// recover from, so extraction without OCR refuses with the pages, the reason
// and what to do (with OCR, tests/extract/ocr_test.cpp).
TEST(TextLayer, UnrecoverableRewriteIsRefused) {
  const fs::path file = rewrites() / "font-not-installed.pdf";
  try {
    ExtractOptions options;
    options.ocr = ExtractOptions::Ocr::never;
    extract_pdf(test::read_text(file), "font-not-installed.pdf", options);
    FAIL() << "extracted undecodable text";
  } catch (const NoTextLayer& error) {
    EXPECT_EQ(error.status(), ExitStatus::no_text_layer);
    EXPECT_EQ(to_int(error.status()), 4);
    const std::string& message = error.message();
    EXPECT_NE(message.find("pages 1-2: the fonts NotoSerifCJKzz-Bold-VKana, NotoSerifCJKzz-Regular-VKana have no "
                           "map to Unicode"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("Run OCR on these pages, or use the original PDF"), std::string::npos) << message;
  }
}

TEST(TextLayer, WithoutRecoveryEveryRewriteIsRefused) {
  for (const char* name : {"corpus-000.ps2pdf.pdf", "corpus-003.gs.pdf", "type3-chromium.ps2pdf.pdf"}) {
    extract::PdfLimits limits;
    limits.recover_fonts = false;
    const SourceDocument document = extract::read_pdf(test::read_text(rewrites() / name), name, limits);
    EXPECT_TRUE(std::any_of(document.pages.begin(), document.pages.end(),
                            [](const SourcePage& page) { return !page.unreadable.empty(); }))
        << name;
  }
}
