// Scores an extracted issue against the gold content it was typeset from (the
// corpus gold JSON, read by issue_from_gold_json: strings normalized as the
// format stores them), and the multi-producer test set that uses it
// (tests/data/producers: tests/extract/producers_test.cpp, tests/tools/score_producers).
#pragma once

#include "reissue/error.h"
#include "reissue/extract.h"
#include "reissue/issue.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace reissue::test {

// Exact checks of one kind of field: "masthead" (series, number, publisher,
// date), "intro" (each paragraph), "contents" (titles and sources), "title",
// "source", "url", "headline", "dateline" (the date). An entry the gold lacks
// (an extra article) counts as one failed check of its group.
struct FieldGroup {
  std::string name;
  int ok = 0;
  int total = 0;
};

struct GoldScore {
  std::vector<FieldGroup> fields;  // in the order above
  int fields_ok() const;
  int fields_total() const;

  // Article body blocks, matched by text (multiset per article, articles by
  // position): true positives, extracted blocks, gold blocks.
  int blocks_matched = 0;
  int blocks_extracted = 0;
  int blocks_gold = 0;
  int kinds_ok = 0;  // matched blocks whose kind (p, heading, figure, byline) is the gold's too
  double paragraph_f1() const;
  // The same with blocks matched in order when within 20% of a gold block's
  // characters: the boundaries OCR text is held to (its characters are
  // held to `similarity`).
  int blocks_near = 0;
  double paragraph_f1_near() const;

  // 1 - (insertions + deletions) / (gold length + extracted length) between
  // all body text (blocks joined by line breaks), in code points: difflib's
  // ratio. Computed exactly down to 0.5; `similarity_at_most` says the texts
  // are further apart and `similarity` is only an upper bound.
  double similarity = 0;
  bool similarity_at_most = false;

  // Spaces between two Chinese characters (Han or CJK punctuation) in all the
  // extracted text that the gold does not hold there (a space is identified
  // by the characters around it), and all such spaces extracted.
  int chinese_spaces = 0;
  int chinese_spaces_all = 0;

  // Articles recovered and in the gold, and whether the masthead's date is the
  // gold's exactly (the OCR bar's parts of `fields`).
  int articles_extracted = 0;
  int articles_gold = 0;
  bool masthead_date_exact = false;

  std::vector<std::string> mismatches;  // the first `max_mismatches`, readable
  int mismatch_count = 0;
};

GoldScore score_against_gold(const Issue& extracted, const Issue& gold, std::size_t max_mismatches = 20);

// What extraction is held to on every producer (tests/extract/producers_test.cpp):
// every exact field, paragraph F1 >= 0.98, similarity >= 0.995, no spaces
// between Chinese characters. Returns the parts missed, readable; empty: met.
std::vector<std::string> bar_failures(const GoldScore& score);

// What OCR'd scans are held to (tests/extract/ocr_test.cpp): every article
// found, the masthead date exact, similarity >= 0.98, paragraph F1 >= 0.95,
// at most 2 spaces between Chinese characters not in the gold.
std::vector<std::string> ocr_bar_failures(const GoldScore& score);

// The multi-producer test set: tests/data/producers/<producer>-<variant>-<NNN>.pdf,
// typeset from tests/data/corpus/corpus-NNN.gold.json.
struct ProducerPdf {
  std::filesystem::path pdf;
  std::filesystem::path gold;
  std::string name;      // file name without .pdf
  std::string producer;  // the part before the first '-'
};
std::vector<ProducerPdf> producer_pdfs();  // sorted by name
// tests/data/producers/text/*.txt: the text of some of those PDFs as the
// archive's texts hold it (pdftotext, an empty line after every line, form
// feeds removed); `pdf` names the text file.
std::vector<ProducerPdf> producer_texts();

// The DOCX test set: tests/data/docx/<variant>-NNN.docx, drafted from the same
// gold issues (generate.py there).
std::vector<ProducerPdf> docx_files();  // sorted by name

// The scan test set: tests/data/scans/<kind>-NNN.pdf, image-only and OCR'd
// scans made from tests/data/corpus/corpus-NNN.pdf (generate.sh there).
std::vector<ProducerPdf> scan_pdfs();  // sorted by name

// Producers whose fonts lose their Unicode maps: extraction may refuse them
// with the "no text layer" status instead of meeting the bar.
bool may_lack_text_layer(const ProducerPdf& file);

// One file extracted (reissue::extract_document) and scored; when extraction
// throws, `score` is empty and `status` / `error` say what was thrown. Without
// OCR by default: the producers' set measures their text layers (a rewrite
// that lost its fonts' maps is refused, as may_lack_text_layer allows); the
// scan set asks for it.
struct ProducerResult {
  std::optional<GoldScore> score;
  ExitStatus status = ExitStatus::ok;
  std::string error;
};
ProducerResult extract_and_score(const ProducerPdf& file, std::size_t max_mismatches = 20,
                                 ExtractOptions::Ocr ocr = ExtractOptions::Ocr::never);
// The same for another input of the same content (the PDF's text, say).
ProducerResult extract_and_score(const ProducerPdf& file, const std::string& input, const std::string& input_name,
                                 std::size_t max_mismatches = 20, ExtractOptions::Ocr ocr = ExtractOptions::Ocr::never);

}  // namespace reissue::test
