// Text read by OCR (Tesseract, chi_sim), put back into the newsletter's
// Chinese typography, and its doubtful readings listed for review.
//
// Tesseract segments Chinese into "words" and puts spaces between them
// (全 国 卫生 信息 化), reads full-width punctuation as ASCII (来源: (新华社)) and
// the dash —— as 一一 or 一-. Only lines read by OCR (Line::ocr) are touched;
// every rule is counted in the review and the characters it replaced are set
// aside with their replacements. The rules, their contexts and the evidence
// are in docs/extract.md, "OCR clean-up".
#pragma once

#include "line.h"
#include "lookalikes.h"
#include "review.h"

#include <string>
#include <vector>

namespace reissue::extract {

// Tesseract's word confidence below which a word is listed for review
// (measured on the corpus pages: docs/extract.md, "OCR clean-up").
constexpr float kDoubtfulConfidence = 50;

// `text` as read by OCR, in the newsletter's typography; `done` gets one
// entry per rule, counted. URLs (http://, https://, www.) are kept as read.
std::u32string cleaned_ocr_text(const std::u32string& text, std::vector<Substitution>* done = nullptr);

// Every line read by OCR: cleaned, the replaced characters set aside with
// their replacements, one review item ("ocr-cleanup") per line.
void clean_ocr_lines(std::vector<Line>& lines, Review& review);

// Review items ("ocr-doubtful", "ocr-url") pointing at the words themselves:
// one per line with words below kDoubtfulConfidence, one per URL read by OCR;
// at most kMaxOcrItems, then one item counting the rest. Appended after the
// other items are located (their boxes are the words', not the lines').
constexpr size_t kMaxOcrItems = 200;
void list_doubtful_ocr_words(const LineSet& set, std::vector<ReviewItem>& items);

}  // namespace reissue::extract
