#include "gold_issue.h"

#include "reissue/issue_xml.h"
#include "reissue/text.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

namespace reissue::test {

namespace {

std::string norm(const nlohmann::json& value) { return normalize_inline_text(value.get<std::string>()); }

// 649 -> 第六四九, as the newsletter prints its numbers.
std::string chinese_number(int n) {
  static const char* digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out;
  for (char c : std::to_string(n)) out += digits[c - '0'];
  return "第" + out;
}

}  // namespace

Issue issue_from_gold_json(const std::filesystem::path& file) {
  const nlohmann::json gold = nlohmann::json::parse(read_text(file));
  Issue issue;
  const auto& masthead = gold["masthead"];
  if (masthead.contains("series")) issue.masthead.series = norm(masthead["series"]);
  if (masthead.contains("number")) {
    issue.masthead.number = masthead["number"].get<int>();
    issue.masthead.number_text = chinese_number(*issue.masthead.number);
  }
  issue.masthead.publisher = norm(masthead["publisher"]);
  issue.masthead.date = Date::parse_iso(masthead["date"].get<std::string>());
  issue.masthead.date_text = std::to_string(issue.masthead.date->year) + "年" +
                             std::to_string(issue.masthead.date->month) + "月" +
                             std::to_string(issue.masthead.date->day) + "日";
  for (const auto& p : gold["intro"]) issue.intro.emplace_back().text = norm(p);
  for (const auto& entry : gold["contents"]) {
    ContentsEntry& added = issue.contents.emplace_back();
    added.ref = article_id(entry["n"].get<int>());
    added.title = norm(entry["title"]);
    added.source = norm(entry["source"]);
  }
  for (const auto& a : gold["articles"]) {
    Article article;
    article.n = a["n"].get<int>();
    article.id = article_id(article.n);
    article.title = norm(a["title"]);
    article.source = norm(a["source"]);
    article.href = a["url"].get<std::string>();
    article.headline = norm(a["headline"]);
    article.dateline.emplace().date = Date::parse_iso(a["dateline"].get<std::string>());
    article.dateline->source = article.source;
    for (size_t b = 0; b < a["blocks"].size(); ++b) {
      const std::string kind = a["kinds"][b].get<std::string>();
      const BlockKind block_kind = kind == "heading" ? BlockKind::heading
                                   : kind == "byline" ? BlockKind::byline
                                   : kind == "caption" ? BlockKind::figure
                                                       : BlockKind::paragraph;
      Block& block = article.blocks.emplace_back();
      block.kind = block_kind;
      block.text = norm(a["blocks"][b]);
    }
    issue.articles.push_back(std::move(article));
  }
  return issue;
}

const std::vector<std::string>& all_test_issues() {
  static const std::vector<std::string> issues = {
      "samples/649.xml",
      "tests/data/expected/seed-000.xml",
      "tests/data/expected/seed-001.xml",
      "tests/data/expected/seed-002.xml",
      "tests/data/expected/seed-003.xml",
      "tests/data/corpus/corpus-000.gold.json",
      "tests/data/corpus/corpus-001.gold.json",
      "tests/data/corpus/corpus-002.gold.json",
      "tests/data/corpus/corpus-003.gold.json"};
  return issues;
}

Issue load_test_issue(const std::string& repository_path) {
  const auto file = source_dir() / repository_path;
  return repository_path.ends_with(".json") ? issue_from_gold_json(file) : read_issue(file);
}

}  // namespace reissue::test
