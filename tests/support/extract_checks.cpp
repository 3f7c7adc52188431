#include "extract_checks.h"

#include "reissue/text.h"

#include <map>

namespace reissue::test {

namespace {

void count(std::map<char32_t, long>& counts, const std::string& text, long sign) {
  for (char32_t c : utf8_to_u32(to_nfc(text)))
    if (!is_space(c) && c != U'\uFEFF' && c != U'\f') counts[c] += sign;
}

}  // namespace

::testing::AssertionResult characters_conserved(const std::string& input_utf8,
                                                const ExtractResult& result) {
  std::map<char32_t, long> counts;
  count(counts, input_utf8, 1);
  const Issue& issue = result.issue;
  const Masthead& masthead = issue.masthead;
  for (const std::string* text : {&masthead.series, &masthead.number_text, &masthead.publisher,
                                  &masthead.date_text})
    count(counts, *text, -1);
  for (const Block& block : issue.intro) count(counts, block.text, -1);
  for (const ContentsEntry& entry : issue.contents) {
    count(counts, entry.title, -1);
    count(counts, entry.source, -1);
  }
  for (const Article& article : issue.articles) {
    for (const std::string* text : {&article.title, &article.source, &article.href, &article.headline})
      count(counts, *text, -1);
    if (article.dateline) count(counts, article.dateline->source, -1);
    for (const Block& block : article.blocks) count(counts, block.text, -1);
  }
  // A replaced character is set aside; its replacement stands in the text.
  for (const SetAside& item : result.report.set_aside) {
    count(counts, item.text, -1);
    count(counts, item.replaced_by, 1);
  }
  std::string lost, invented;
  for (const auto& [c, n] : counts) {
    std::string character;
    append_utf8(character, c);
    if (n > 0) lost += character + "×" + std::to_string(n) + " ";
    if (n < 0) invented += character + "×" + std::to_string(-n) + " ";
  }
  if (lost.empty() && invented.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "lost: [" << lost << "] invented: [" << invented << "]";
}

}  // namespace reissue::test
