// Gaps to fill and generated values in issue text (reissue/placeholders.h).
#include "reissue/placeholders.h"

#include "reissue/numerals.h"
#include "reissue/text.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <regex>
#include <tuple>

namespace reissue {

namespace {

constexpr std::string_view kGapOpen = "〔待填：";
constexpr std::string_view kGapClose = "〕";
constexpr std::array<std::string_view, 3> kTokens = {kArticleCountToken, kPeriodStartToken, kPeriodEndToken};

std::string replace_all(std::string text, std::string_view from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Each 〔待填：…〕 in `text`, whole ("〔待填：标题〕"); an unclosed one to the end.
std::vector<std::string> gaps_in(std::string_view text) {
  std::vector<std::string> gaps;
  for (size_t at = text.find(kGapOpen); at != std::string_view::npos; at = text.find(kGapOpen, at + 1)) {
    const size_t close = text.find(kGapClose, at);
    gaps.emplace_back(text.substr(at, close == std::string_view::npos ? std::string_view::npos
                                                                       : close + kGapClose.size() - at));
  }
  return gaps;
}

// Each {…} in `text` whose inside is Chinese: what an editor means as a
// generated value. Braces around anything else (code, ASCII) are text.
std::vector<std::string> tokens_in(std::string_view text) {
  std::vector<std::string> tokens;
  for (size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    const size_t close = text.find('}', at);
    if (close == std::string_view::npos) break;
    const std::u32string inside = utf8_to_u32(text.substr(at + 1, close - at - 1));
    if (!inside.empty() && std::all_of(inside.begin(), inside.end(), is_han))
      tokens.emplace_back(text.substr(at, close + 1 - at));
  }
  return tokens;
}

bool is_generated_value(std::string_view token) {
  return std::find(kTokens.begin(), kTokens.end(), token) != kTokens.end();
}

// One piece of text of the issue with its line and what it is, for messages.
struct Text {
  const std::string* text;
  int line;
  std::string where;
  bool intro = false;
};

std::vector<Text> texts_of(const Issue& issue) {
  std::vector<Text> out;
  const Masthead& masthead = issue.masthead;
  for (const auto& [text, name] : {std::pair{&masthead.series, "series"}, {&masthead.number_text, "number"},
                                   {&masthead.publisher, "publisher"}, {&masthead.date_text, "date"}})
    out.push_back({text, masthead.line, std::string("the masthead's <") + name + ">"});
  for (const Block& paragraph : issue.intro) out.push_back({&paragraph.text, paragraph.line, "the intro", true});
  for (const ContentsEntry& entry : issue.contents) {
    out.push_back({&entry.title, entry.line, "a contents <title>"});
    out.push_back({&entry.source, entry.line, "a contents <source>"});
  }
  for (const Article& article : issue.articles) {
    const std::string which = "article " + std::to_string(article.n) + "'s ";
    out.push_back({&article.title, article.line, which + "<title>"});
    out.push_back({&article.source, article.line, which + "<source>"});
    out.push_back({&article.href, article.line, which + "<link href>"});
    out.push_back({&article.headline, article.line, which + "<headline>"});
    if (article.dateline) out.push_back({&article.dateline->source, article.line, which + "<dateline>"});
    for (const Block& block : article.blocks)
      out.push_back({&block.text, block.line, std::string("<") + block_kind_name(block.kind) + ">"});
  }
  return out;
}

// "2025年11月8日" and "2025年11月08日" (spaces are not stored: docs/format.md).
constexpr const char* kChineseDate = "(\\d{4})年(\\d{1,2})月(\\d{1,2})日";

std::optional<Date> date_of(const std::smatch& match, size_t first) {
  Date date{std::stoi(match[first]), std::stoi(match[first + 1]), std::stoi(match[first + 2])};
  return date.valid() ? std::optional<Date>(date) : std::nullopt;
}

bool before(const Date& a, const Date& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

void warn_about_count(const Block& paragraph, int articles, std::vector<Problem>& warnings) {
  static constexpr std::string_view kBefore = "共收集", kAfter = "篇";
  const size_t start = paragraph.text.find(kBefore);
  if (start == std::string::npos) return;
  const size_t from = start + kBefore.size();
  const size_t end = paragraph.text.find(kAfter, from);
  if (end == std::string::npos) return;
  const std::string said = paragraph.text.substr(from, end - from);
  const auto count = parse_chinese_number(said);
  if (!count || *count == articles) return;
  warnings.push_back({paragraph.line, "the intro says 共收集" + said + "篇 but the issue has " +
                                          std::to_string(articles) + " article(s); write " +
                                          std::string(kArticleCountToken) + " to have the count filled in"});
}

void warn_about_period(const Block& paragraph, const Issue& issue, std::vector<Problem>& warnings) {
  static const std::regex period(std::string("从") + kChineseDate + "(?:到|至|—|-|～)" + kChineseDate);
  std::smatch match;
  if (!std::regex_search(paragraph.text, match, period)) return;
  const auto first = date_of(match, 1), last = date_of(match, 4);
  if (!first || !last) return;
  const std::string said = "the intro's period " + chinese_date(*first) + " to " + chinese_date(*last);
  const std::string advice = "; correct it or write " + std::string(kPeriodStartToken) + " and " +
                             std::string(kPeriodEndToken) + " to have it filled in";
  if (before(*last, *first)) {
    warnings.push_back({paragraph.line, said + " ends before it starts" + advice});
    return;
  }
  for (const Article& article : issue.articles) {
    if (!article.dateline || !article.dateline->date) continue;
    const Date& date = *article.dateline->date;
    if (before(date, *first) || before(*last, date))
      warnings.push_back({paragraph.line, "article " + std::to_string(article.n) + " (line " +
                                              std::to_string(article.line) + ") is dated " + date.iso() +
                                              ", outside " + said + advice});
  }
}

}  // namespace

std::string gap_to_fill(std::string_view what) {
  return std::string(kGapOpen) + std::string(what) + std::string(kGapClose);
}

IntroFacts intro_facts(const Issue& issue) {
  IntroFacts facts;
  facts.articles = static_cast<int>(issue.articles.size());
  for (const Article& article : issue.articles) {
    if (!article.dateline || !article.dateline->date || !article.dateline->date->valid()) continue;
    const Date& date = *article.dateline->date;
    if (!facts.first || before(date, *facts.first)) facts.first = date;
    if (!facts.last || before(*facts.last, date)) facts.last = date;
  }
  return facts;
}

std::string chinese_date(const Date& date) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d年%02d月%02d日", date.year, date.month, date.day);
  return buffer;
}

std::string fill_generated_values(std::string_view text, const IntroFacts& facts) {
  std::string out = replace_all(std::string(text), kArticleCountToken, std::to_string(facts.articles));
  if (facts.first) out = replace_all(std::move(out), kPeriodStartToken, chinese_date(*facts.first));
  if (facts.last) out = replace_all(std::move(out), kPeriodEndToken, chinese_date(*facts.last));
  return out;
}

std::vector<Problem> placeholder_problems(const Issue& issue) {
  std::vector<Problem> problems;
  const IntroFacts facts = intro_facts(issue);
  const std::string names = std::string(kArticleCountToken) + ", " + std::string(kPeriodStartToken) + " and " +
                            std::string(kPeriodEndToken);
  for (const Text& text : texts_of(issue)) {
    for (const std::string& gap : gaps_in(*text.text))
      problems.push_back({text.line, "placeholder left: " + gap + " in " + text.where + "; write the text in its place"});
    for (const std::string& token : tokens_in(*text.text)) {
      if (!is_generated_value(token))
        problems.push_back({text.line, "unknown placeholder " + token + " in " + text.where +
                                           "; the generated values are " + names});
      else if (!text.intro)
        problems.push_back({text.line, token + " in " + text.where + " is not filled in: only the intro's are"});
      else if (token != kArticleCountToken && !facts.first)
        problems.push_back({text.line, token + " needs the articles' dates, but no <dateline> has when=\"…\""});
    }
  }
  return problems;
}

std::vector<Problem> intro_warnings(const Issue& issue) {
  std::vector<Problem> warnings;
  for (const Block& paragraph : issue.intro) {
    warn_about_count(paragraph, static_cast<int>(issue.articles.size()), warnings);
    warn_about_period(paragraph, issue, warnings);
  }
  return warnings;
}

}  // namespace reissue
