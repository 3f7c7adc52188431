// The multi-producer test set (tests/data/producers: the corpus gold content
// typeset by XeLaTeX, pandoc, Typst, Chromium, LibreOffice with other layouts,
// and the corpus PDFs rewritten by Cairo, Ghostscript and ps2pdf): extraction
// meets the bar of gold_score.h on every file. Files whose fonts lose their
// Unicode maps (Ghostscript, ps2pdf) may instead be refused as having no text
// layer; they may never come back as garbage. The texts in producers/text
// (pdftotext of some of those PDFs) meet the same bar through the text path.
// The DOCX set (tests/data/docx: the same content drafted in Word in several
// styles, with Word's noise) meets it through the DOCX path.
// tests/tools/score_producers prints the same scores as a table (--text: the
// text path on every PDF's pdftotext output).
#include "gold_score.h"

#include <gtest/gtest.h>

#include <ostream>

using namespace reissue;
using namespace reissue::test;

namespace reissue::test {
// gtest names a parameter by this, not by its bytes.
void PrintTo(const ProducerPdf& file, std::ostream* out) { *out << file.name; }
}  // namespace reissue::test

namespace {

class Producers : public ::testing::TestWithParam<ProducerPdf> {};

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "\n  " + item;
  return out;
}

}  // namespace

TEST_P(Producers, ExtractionMeetsTheBar) {
  const ProducerPdf& file = GetParam();
  const ProducerResult result = extract_and_score(file);
  if (!result.score) {
    EXPECT_TRUE(may_lack_text_layer(file) && result.status == ExitStatus::no_text_layer)
        << file.name << ": extraction failed with status " << static_cast<int>(result.status) << " ("
        << describe(result.status) << "): " << result.error;
    return;
  }
  const GoldScore& score = *result.score;
  const std::vector<std::string> failures = bar_failures(score);
  EXPECT_TRUE(failures.empty()) << file.name << " misses the bar:" << lines(failures) << "\nfirst mismatches ("
                                << score.mismatch_count << " in all):" << lines(score.mismatches);
}

namespace {

std::string test_name(const ::testing::TestParamInfo<ProducerPdf>& param) {
  std::string name = param.param.name;
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Pdf, Producers, ::testing::ValuesIn(producer_pdfs()), test_name);
// The text path on the same content: what pdftotext made of some of them.
INSTANTIATE_TEST_SUITE_P(Text, Producers, ::testing::ValuesIn(producer_texts()), test_name);
// The DOCX path on the same content drafted in Word (tests/data/docx).
INSTANTIATE_TEST_SUITE_P(Docx, Producers, ::testing::ValuesIn(docx_files()), test_name);
