#include "gold_score.h"

#include "gold_issue.h"
#include "reissue/extract.h"
#include "reissue/text.h"
#include "test_support.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace reissue::test {

namespace fs = std::filesystem;

namespace {

// «text», cut to `limit` code points.
std::string quoted(const std::string& text, std::size_t limit = 40) {
  const std::u32string chars = utf8_to_u32(text);
  if (chars.size() <= limit) return "«" + text + "»";
  return "«" + u32_to_utf8(std::u32string_view(chars).substr(0, limit)) + "…»";
}

class Scorer {
 public:
  Scorer(GoldScore& score, std::size_t max_mismatches) : score_(score), max_(max_mismatches) {}

  FieldGroup& group(const std::string& name) {
    for (FieldGroup& g : score_.fields)
      if (g.name == name) return g;
    return score_.fields.emplace_back(FieldGroup{name});
  }

  void mismatch(const std::string& message) {
    ++score_.mismatch_count;
    if (score_.mismatches.size() < max_) score_.mismatches.push_back(message);
  }

  // One exact check: `what` names the field in messages.
  void check(const std::string& group_name, const std::string& what, const std::string& got,
             const std::string& want) {
    FieldGroup& g = group(group_name);
    ++g.total;
    if (got == want) {
      ++g.ok;
    } else {
      mismatch(what + ": got " + quoted(got) + ", want " + quoted(want));
    }
  }

  // An entry the gold does not have (or the extraction lacks): one failed check.
  void extra(const std::string& group_name, const std::string& message) {
    ++group(group_name).total;
    mismatch(message);
  }

 private:
  GoldScore& score_;
  std::size_t max_;
};

std::string date_iso(const std::optional<Date>& date) { return date ? date->iso() : ""; }

void score_masthead(Scorer& s, const Masthead& got, const Masthead& want) {
  s.check("masthead", "masthead series", got.series, want.series);
  s.check("masthead", "masthead number", got.number ? std::to_string(*got.number) : "",
          want.number ? std::to_string(*want.number) : "");
  s.check("masthead", "masthead publisher", got.publisher, want.publisher);
  s.check("masthead", "masthead date", date_iso(got.date), date_iso(want.date));
}

// Pairs the entries of two lists by position: `both(got, want, i)` for
// positions both have, `only(i, in_gold)` for the rest.
template <typename T, typename Both, typename Only>
void pair_up(const std::vector<T>& got, const std::vector<T>& want, Both both, Only only) {
  for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
    if (i < got.size() && i < want.size()) {
      both(got[i], want[i], i);
    } else {
      only(i, i < want.size());
    }
  }
}

void score_fields(Scorer& s, const Issue& got, const Issue& want) {
  score_masthead(s, got.masthead, want.masthead);
  pair_up(got.intro, want.intro,
          [&](const Block& g, const Block& w, std::size_t i) {
            s.check("intro", "intro paragraph " + std::to_string(i + 1), g.text, w.text);
          },
          [&](std::size_t i, bool in_gold) {
            s.extra("intro", "intro paragraph " + std::to_string(i + 1) + (in_gold ? " missing: " : " extra: ") +
                                 quoted(in_gold ? want.intro[i].text : got.intro[i].text));
          });
  pair_up(got.contents, want.contents,
          [&](const ContentsEntry& g, const ContentsEntry& w, std::size_t i) {
            const std::string where = "contents " + std::to_string(i + 1);
            s.check("contents", where + " title", g.title, w.title);
            s.check("contents", where + " source", g.source, w.source);
          },
          [&](std::size_t i, bool in_gold) {
            s.extra("contents", "contents " + std::to_string(i + 1) + (in_gold ? " missing: " : " extra: ") +
                                    quoted(in_gold ? want.contents[i].title : got.contents[i].title));
            if (in_gold) s.extra("contents", "contents " + std::to_string(i + 1) + " source missing");
          });
  static const char* article_fields[] = {"title", "source", "url", "headline", "dateline"};
  pair_up(got.articles, want.articles,
          [&](const Article& g, const Article& w, std::size_t i) {
            const std::string where = "article " + std::to_string(i + 1) + " ";
            s.check("title", where + "title", g.title, w.title);
            s.check("source", where + "source", g.source, w.source);
            s.check("url", where + "url", g.href, w.href);
            s.check("headline", where + "headline", g.headline, w.headline);
            s.check("dateline", where + "dateline", g.dateline ? date_iso(g.dateline->date) : "",
                    w.dateline ? date_iso(w.dateline->date) : "");
          },
          [&](std::size_t i, bool in_gold) {
            const std::string where = "article " + std::to_string(i + 1);
            s.extra("title", where + (in_gold ? " missing: " : " extra: ") +
                                 quoted(in_gold ? want.articles[i].title : got.articles[i].title));
            if (!in_gold) return;
            for (const char* field : article_fields)
              if (std::string_view(field) != "title") s.extra(field, where + " " + field + " missing");
          });
}

// Insertions + deletions turning `a` into `b` (Myers' O(ND) greedy
// algorithm, O(N + M) memory); nullopt when more than `limit`.
std::optional<long> indel_distance(std::u32string_view a, std::u32string_view b, long limit) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  limit = std::min(limit, n + m);
  const long offset = limit + 1;
  std::vector<long> v(static_cast<std::size_t>(2 * limit + 3), 0);
  for (long d = 0; d <= limit; ++d) {
    for (long k = -d; k <= d; k += 2) {
      const auto at = [&](long diagonal) -> long& { return v[static_cast<std::size_t>(offset + diagonal)]; };
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
      at(k) = x;
      if (x >= n && y >= m) return d;
    }
  }
  return std::nullopt;
}

// Blocks of one article that match a gold block in order (within the next
// three), allowing a fifth of their characters to differ: the paragraph
// boundaries are right though OCR misread characters (a 10-character heading
// with two misread is still that heading; the characters themselves are held
// to `similarity`).
int near_matches(const std::vector<Block>& got, const std::vector<Block>& want) {
  int matched = 0;
  std::size_t from = 0;
  for (const Block& b : got) {
    const std::u32string text = utf8_to_u32(b.text);
    for (std::size_t k = from; k < want.size() && k < from + 3; ++k) {
      const std::u32string gold = utf8_to_u32(want[k].text);
      const long total = static_cast<long>(text.size() + gold.size());
      const std::optional<long> distance = indel_distance(text, gold, total / 5);
      if (total > 0 && distance) {
        ++matched;
        from = k + 1;
        break;
      }
    }
  }
  return matched;
}

// Body blocks matched by text, a multiset per article.
void score_blocks(Scorer& s, GoldScore& score, const Issue& got, const Issue& want) {
  static const std::vector<Block> none;
  const std::size_t articles = std::max(got.articles.size(), want.articles.size());
  for (std::size_t a = 0; a < articles; ++a) {
    const auto& got_blocks = a < got.articles.size() ? got.articles[a].blocks : none;
    const auto& want_blocks = a < want.articles.size() ? want.articles[a].blocks : none;
    score.blocks_extracted += static_cast<int>(got_blocks.size());
    score.blocks_gold += static_cast<int>(want_blocks.size());
    std::multimap<std::string, BlockKind> unmatched;
    for (const Block& b : want_blocks) unmatched.emplace(b.text, b.kind);
    const std::string where = "article " + std::to_string(a + 1) + " ";
    for (const Block& b : got_blocks) {
      const auto it = unmatched.find(b.text);
      if (it == unmatched.end()) {
        s.mismatch(where + "block not in gold: " + quoted(b.text));
        continue;
      }
      ++score.blocks_matched;
      if (it->second == b.kind) {
        ++score.kinds_ok;
      } else {
        s.mismatch(where + "block kind " + block_kind_name(b.kind) + ", want " + block_kind_name(it->second) +
                   ": " + quoted(b.text));
      }
      unmatched.erase(it);
    }
    for (const Block& b : want_blocks)
      if (unmatched.count(b.text)) s.mismatch(where + "gold block missing: " + quoted(b.text));
    score.blocks_near += near_matches(got_blocks, want_blocks);
  }
}

std::u32string body_text(const Issue& issue) {
  std::u32string text;
  for (const Article& article : issue.articles)
    for (const Block& block : article.blocks) {
      text += utf8_to_u32(block.text);
      text += U'\n';
    }
  return text;
}

void score_similarity(GoldScore& score, const Issue& got, const Issue& want) {
  const std::u32string a = body_text(got), b = body_text(want);
  const long total = static_cast<long>(a.size() + b.size());
  if (total == 0) {
    score.similarity = 1;
    return;
  }
  const std::optional<long> distance = indel_distance(a, b, total / 2);
  score.similarity_at_most = !distance;
  score.similarity = 1.0 - static_cast<double>(distance.value_or(total / 2)) / static_cast<double>(total);
}

// Every string of an issue a reader sees.
std::vector<std::string> all_text(const Issue& issue) {
  const Masthead& m = issue.masthead;
  std::vector<std::string> text = {m.series, m.number_text, m.publisher, m.date_text};
  for (const Block& b : issue.intro) text.push_back(b.text);
  for (const ContentsEntry& e : issue.contents) {
    text.push_back(e.title);
    text.push_back(e.source);
  }
  for (const Article& a : issue.articles) {
    for (const std::string* s : {&a.title, &a.source, &a.href, &a.headline}) text.push_back(*s);
    if (a.dateline) text.push_back(a.dateline->source);
    for (const Block& b : a.blocks) text.push_back(b.text);
  }
  return text;
}

// Each space (run) between two Chinese characters, named by up to four
// characters either side.
std::multiset<std::u32string> chinese_spaces(const Issue& issue) {
  std::multiset<std::u32string> found;
  for (const std::string& s : all_text(issue)) {
    const std::u32string text = utf8_to_u32(s);
    for (std::size_t i = 1; i < text.size(); ++i) {
      if (!is_space(text[i]) || !is_cjk(text[i - 1])) continue;
      std::size_t end = i;
      while (end < text.size() && is_space(text[end])) ++end;
      if (end == text.size() || !is_cjk(text[end])) continue;
      const std::size_t from = i >= 4 ? i - 4 : 0;
      found.insert(text.substr(from, i - from) + U' ' + text.substr(end, 4));
      i = end;
    }
  }
  return found;
}

void score_chinese_spaces(GoldScore& score, Scorer& s, const Issue& got, const Issue& want) {
  std::multiset<std::u32string> gold = chinese_spaces(want);
  for (const std::u32string& space : chinese_spaces(got)) {
    ++score.chinese_spaces_all;
    const auto it = gold.find(space);
    if (it != gold.end()) {
      gold.erase(it);
      continue;
    }
    ++score.chinese_spaces;
    s.mismatch("space between Chinese characters: " + quoted(u32_to_utf8(space)));
  }
}

}  // namespace

int GoldScore::fields_ok() const {
  int n = 0;
  for (const FieldGroup& g : fields) n += g.ok;
  return n;
}

int GoldScore::fields_total() const {
  int n = 0;
  for (const FieldGroup& g : fields) n += g.total;
  return n;
}

double GoldScore::paragraph_f1_near() const {
  const int denominator = blocks_extracted + blocks_gold;
  return denominator == 0 ? 1.0 : 2.0 * blocks_near / denominator;
}

double GoldScore::paragraph_f1() const {
  const int denominator = blocks_extracted + blocks_gold;
  return denominator == 0 ? 1.0 : 2.0 * blocks_matched / denominator;
}

GoldScore score_against_gold(const Issue& extracted, const Issue& gold, std::size_t max_mismatches) {
  GoldScore score;
  Scorer scorer(score, max_mismatches);
  score_fields(scorer, extracted, gold);
  score.articles_extracted = static_cast<int>(extracted.articles.size());
  score.articles_gold = static_cast<int>(gold.articles.size());
  score.masthead_date_exact = date_iso(extracted.masthead.date) == date_iso(gold.masthead.date);
  score_blocks(scorer, score, extracted, gold);
  score_similarity(score, extracted, gold);
  score_chinese_spaces(score, scorer, extracted, gold);
  return score;
}

std::vector<std::string> bar_failures(const GoldScore& score) {
  std::vector<std::string> failures;
  for (const FieldGroup& g : score.fields)
    if (g.ok != g.total) failures.push_back(g.name + " " + std::to_string(g.ok) + "/" + std::to_string(g.total));
  if (score.paragraph_f1() < 0.98) failures.push_back("paragraph F1 " + format_decimal(score.paragraph_f1(), 3));
  if (score.similarity < 0.995) failures.push_back("similarity " + format_decimal(score.similarity, 3));
  if (score.chinese_spaces > 0) failures.push_back("Chinese spaces " + std::to_string(score.chinese_spaces));
  return failures;
}

std::vector<std::string> ocr_bar_failures(const GoldScore& score) {
  std::vector<std::string> failures;
  if (score.articles_extracted != score.articles_gold)
    failures.push_back("articles " + std::to_string(score.articles_extracted) + "/" + std::to_string(score.articles_gold));
  if (!score.masthead_date_exact) failures.push_back("masthead date");
  if (score.paragraph_f1_near() < 0.95)
    failures.push_back("paragraph F1 (blocks within 20% of a gold block, in order) " +
                       format_decimal(score.paragraph_f1_near(), 3));
  if (score.similarity < 0.98) failures.push_back("similarity " + format_decimal(score.similarity, 3));
  if (score.chinese_spaces > 2) failures.push_back("Chinese spaces " + std::to_string(score.chinese_spaces));
  return failures;
}

namespace {

std::vector<ProducerPdf> producer_files(const fs::path& dir, const std::string& extension) {
  std::vector<ProducerPdf> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != extension) continue;
    ProducerPdf file;
    file.pdf = entry.path();
    file.name = entry.path().stem().string();
    file.producer = file.name.substr(0, file.name.find('-'));
    const std::string number = file.name.substr(file.name.rfind('-') + 1);
    file.gold = source_dir() / "tests/data/corpus" / ("corpus-" + number + ".gold.json");
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return files;
}

}  // namespace

std::vector<ProducerPdf> docx_files() { return producer_files(source_dir() / "tests/data/docx", ".docx"); }

std::vector<ProducerPdf> scan_pdfs() { return producer_files(source_dir() / "tests/data/scans", ".pdf"); }

std::vector<ProducerPdf> producer_pdfs() { return producer_files(source_dir() / "tests/data/producers", ".pdf"); }

std::vector<ProducerPdf> producer_texts() {
  return producer_files(source_dir() / "tests/data/producers/text", ".txt");
}

bool may_lack_text_layer(const ProducerPdf& file) { return file.producer == "gs" || file.producer == "ps2pdf"; }

ProducerResult extract_and_score(const ProducerPdf& file, std::size_t max_mismatches, ExtractOptions::Ocr ocr) {
  return extract_and_score(file, read_text(file.pdf), file.pdf.filename().string(), max_mismatches, ocr);
}

ProducerResult extract_and_score(const ProducerPdf& file, const std::string& input, const std::string& input_name,
                                 std::size_t max_mismatches, ExtractOptions::Ocr ocr) {
  ProducerResult result;
  try {
    ExtractOptions options;
    options.ocr = ocr;
    const ExtractResult extracted = extract_document(input, input_name, options);
    result.score = score_against_gold(extracted.issue, issue_from_gold_json(file.gold), max_mismatches);
  } catch (const Error& error) {
    result.status = error.status();
    result.error = error.message();
  } catch (const std::exception& error) {
    result.status = exit_status_for(error);
    result.error = error.what();
  }
  return result;
}

}  // namespace reissue::test
