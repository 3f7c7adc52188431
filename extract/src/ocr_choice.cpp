#include "ocr_choice.h"

#include "ocr_source.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <unordered_map>
#include <vector>

namespace reissue::extract {

namespace {

// Raster images covering this much of a page without text are the page
// itself: a scan (a figure of a text PDF is smaller than its page, with
// margins). A page without text or images (blank, or vector drawings: many
// of the hostile test PDFs) has nothing for OCR to read in automatic mode.
constexpr double kScanCoverage = 0.5;

// An OCR'd scan's invisible layer and a fresh reading of its image that agree
// this well are two competent readings of the characters. Measured on the
// scan set: layers Tesseract made with the right language agree with our
// reading at 0.92-1.00 a page (similarity 0.977 kept, 0.972 replaced); a
// layer made with the wrong language (eng over Chinese) agrees at 0.01-0.17.
// The characters are then as good either way, but the layer's geometry is not:
// it is set in a glyphless font stretched over each word, without sizes a
// paragraph can be told from, nor confidences (paragraph F1 0.51 kept against
// 0.9+ replaced, scan set). So a confident fresh reading is taken whenever it
// exists; the layer stays only when the fresh reading is unsure.
constexpr double kSameReading = 0.75;
// A fresh reading replaces a layer it disagrees with when Tesseract is this
// sure of it (mean word confidence, by characters; clean pages read 85-91);
// below, neither reading can be preferred and the layer stays, for review.
constexpr double kConfidentReading = 75;

double covered_share(const SourcePage& page, const SourceImage& image) {
  const double area = page.width * page.height;
  if (!(area > 0)) return 0;
  const double width = std::min(image.box.right, page.width) - std::max(image.box.left, 0.0);
  const double height = std::min(image.box.bottom, page.height) - std::max(image.box.top, 0.0);
  return width > 0 && height > 0 ? width * height / area : 0;
}

std::u32string text_of(const std::vector<SourceRun>& runs) {
  std::u32string text;
  for (const SourceRun& run : runs)
    for (char32_t c : run.text)
      if (c != U' ' && c != U'\u3000' && c != U'\t') text.push_back(c);
  return text;
}

std::string whole_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

std::string two_decimals(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

enum class Need { none, always, no_text, unreadable, invisible };

Need need_of(const SourcePage& page, ExtractOptions::Ocr mode) {
  if (mode == ExtractOptions::Ocr::never) return Need::none;
  if (mode == ExtractOptions::Ocr::always) return Need::always;
  if (!page.unreadable.empty()) return Need::unreadable;
  if (page.invisible_text) return Need::invisible;
  if (page.runs.empty() && page.image_share >= kScanCoverage) return Need::no_text;
  return Need::none;
}

// The OCR'd page in place of the page's own text: the runs, and the images
// but the scan itself (which is the page, not a figure in it).
void take_reading(SourcePage& page, OcrPage& reading, std::string reason) {
  page.runs = std::move(reading.runs);
  std::erase_if(page.images, [&](const SourceImage& image) { return covered_share(page, image) >= kScanCoverage; });
  // The figures OCR cut out of the scan stand for those the scan holds.
  for (SourceImage& figure : reading.images) page.images.push_back(std::move(figure));
  reason += "; Tesseract's mean confidence " + whole_number(reading.confidence);
  if (std::abs(reading.skew_degrees) >= 0.05) reason += ", straightened by " + two_decimals(reading.skew_degrees) + "°";
  if (!reading.problem.empty()) reason += "; " + reading.problem;
  page.ocr_reason = std::move(reason);
  page.unreadable.clear();
  page.invisible_text = false;
}

// An OCR'd scan: its invisible layer, or the fresh reading when that is
// better. Both are readings of the same image; a layer that agrees with
// ours is kept (the archive's own text), one that disagrees is replaced
// when Tesseract is sure of its reading (the layer came from a weaker or
// misconfigured OCR: the wrong language, a low resolution).
void choose_reading(SourcePage& page, OcrPage& reading) {
  const double agreement = text_agreement(text_of(page.runs), text_of(reading.runs));
  const std::string agree = "a fresh reading agrees with it at " + two_decimals(agreement);
  if (reading.confidence >= kConfidentReading && reading.problem.empty()) {
    take_reading(page, reading,
                 "an OCR'd scan's invisible text layer was replaced by a fresh reading (" + agree +
                     (agreement >= kSameReading ? "; the fresh reading has the word boxes and confidences the layer lacks)"
                                                : ")"));
    return;
  }
  // Kept, it is still OCR text: ocr_reason makes the OCR clean-up and the
  // review treat it so.
  page.invisible_text = false;
  page.ocr_reason = "the text is an OCR'd scan's invisible layer, kept: " + agree +
                   ", Tesseract's mean confidence " + whole_number(reading.confidence) +
                   (agreement >= kSameReading ? "" : " (too unsure to replace it)");
}

}  // namespace

double text_agreement(std::u32string_view a, std::u32string_view b) {
  if (a.empty() && b.empty()) return 1;
  if (a.empty() || b.empty()) return 0;
  if (a.size() < b.size()) std::swap(a, b);  // the longer is the pattern: fewer passes
  // The length of the longest common subsequence, bit-parallel (Hyyrö 2004):
  // one pass over b, a's positions as bits.
  const size_t words = (a.size() + 63) / 64;
  std::unordered_map<char32_t, std::vector<std::uint64_t>> matches;
  for (size_t i = 0; i < a.size(); ++i) {
    auto& mask = matches[a[i]];
    if (mask.empty()) mask.resize(words);
    mask[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  std::vector<std::uint64_t> v(words, ~std::uint64_t{0});
  for (char32_t c : b) {
    const auto found = matches.find(c);
    if (found == matches.end()) continue;
    const std::vector<std::uint64_t>& m = found->second;
    std::uint64_t carry = 0;
    for (size_t w = 0; w < words; ++w) {
      const std::uint64_t u = v[w] & m[w];
      const std::uint64_t sum = v[w] + u;
      const std::uint64_t with_carry = sum + carry;
      carry = (sum < v[w]) || (with_carry < sum) ? 1 : 0;
      v[w] = with_carry | (v[w] - u);
    }
  }
  size_t unmatched = 0;
  for (size_t w = 0; w < words; ++w) {
    std::uint64_t bits = v[w];
    if (w + 1 == words && a.size() % 64) bits &= (std::uint64_t{1} << (a.size() % 64)) - 1;
    unmatched += static_cast<size_t>(std::popcount(bits));
  }
  const size_t lcs = a.size() - unmatched;
  return 2.0 * static_cast<double>(lcs) / static_cast<double>(a.size() + b.size());
}

void read_pages_by_ocr(std::string_view bytes, const std::string& name, SourceDocument& source,
                       const ExtractOptions& options) {
  if (options.ocr == ExtractOptions::Ocr::never) return;
  std::vector<int> numbers;
  std::vector<Need> needs;
  for (size_t i = 0; i < source.pages.size(); ++i) {
    const Need need = need_of(source.pages[i], options.ocr);
    if (need == Need::none) continue;
    numbers.push_back(static_cast<int>(i) + 1);
    needs.push_back(need);
  }
  if (numbers.empty()) return;
  OcrSettings settings;
  settings.threads = options.ocr_threads;
  std::vector<OcrPage> readings = ocr_pdf_pages(bytes, name, numbers, settings);
  for (size_t k = 0; k < numbers.size(); ++k) {
    SourcePage& page = source.pages[static_cast<size_t>(numbers[k]) - 1];
    OcrPage& reading = readings[k];
    switch (needs[k]) {
      case Need::always: take_reading(page, reading, "read by OCR (--ocr always)"); break;
      case Need::no_text: take_reading(page, reading, "no text layer (a scan): read by OCR"); break;
      case Need::unreadable:
        take_reading(page, reading, "the text layer is unreadable (" + page.unreadable + "): read by OCR");
        break;
      case Need::invisible: choose_reading(page, reading); break;
      case Need::none: break;
    }
  }
}

}  // namespace reissue::extract
