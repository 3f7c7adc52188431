// The skeleton of a new issue (reissue/skeleton.h).
#include "reissue/skeleton.h"

#include "reissue/error.h"
#include "reissue/placeholders.h"

#include <chrono>
#include <limits>

namespace reissue {

namespace {

int continued_number(const NewIssueOptions& options) {
  if (options.number) return *options.number;
  if (!options.last)
    throw UsageError("--number", 0, "the new issue needs a number: give --number N, or --from LAST.xml to continue after the last issue");
  if (!options.last->masthead.number)
    throw UsageError(options.last_name, 0, "has no issue number (<number n=\"…\">) to continue from: give --number N");
  if (*options.last->masthead.number == std::numeric_limits<int>::max())
    throw UsageError(options.last_name, 0, "its issue number is the largest there can be: give --number N");
  return *options.last->masthead.number + 1;
}

Date continued_date(const NewIssueOptions& options) {
  if (options.date) return *options.date;
  if (!options.last)
    throw UsageError("--date", 0, "the new issue needs a date: give --date YYYY-MM-DD, or --from LAST.xml to date it a week after the last issue");
  if (!options.last->masthead.date)
    throw UsageError(options.last_name, 0, "has no issue date (<date when=\"…\">) to continue from: give --date YYYY-MM-DD");
  const Date next = add_days(*options.last->masthead.date, 7);
  if (!next.valid()) throw UsageError(options.last_name, 0, "a week after its date is past 9999: give --date YYYY-MM-DD");
  return next;
}

Article article_to_fill(const Date& date) {
  Article article;
  article.n = 1;
  article.id = article_id(1);
  article.title = gap_to_fill("标题");
  article.source = gap_to_fill("来源");
  // A URL the schema accepts, so the only problem reported is the gap itself.
  article.href = "https://" + gap_to_fill("链接");
  Dateline dateline;
  dateline.date = date;  // most articles are from the issue's week: the editor corrects it
  dateline.source = gap_to_fill("来源");
  article.dateline = dateline;
  Block paragraph;
  paragraph.text = gap_to_fill("正文第一段");
  article.blocks.push_back(paragraph);
  return article;
}

}  // namespace

std::string standard_intro() {
  return "本期周报共收集" + std::string(kArticleCountToken) + "篇卫生健康大数据与政策研究相关信息，时间从" +
         std::string(kPeriodStartToken) + "到" + std::string(kPeriodEndToken) +
         "，监测范围包括全国主流媒体及政府网站等。";
}

std::string printed_issue_number(int number) {
  static constexpr const char* kDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out;
  for (char digit : std::to_string(number)) out += kDigits[digit - '0'];
  return "第" + out;
}

Date add_days(const Date& date, int days) {
  using namespace std::chrono;
  const year_month_day moved{sys_days{year{date.year} / month{static_cast<unsigned>(date.month)} /
                                      day{static_cast<unsigned>(date.day)}} +
                             std::chrono::days{days}};
  return {static_cast<int>(moved.year()), static_cast<int>(static_cast<unsigned>(moved.month())),
          static_cast<int>(static_cast<unsigned>(moved.day()))};
}

Issue new_issue(const NewIssueOptions& options) {
  const int number = continued_number(options);
  if (number < 1) throw UsageError("--number", 0, "\"" + std::to_string(number) + "\": the issue number must be 1 or more");
  const Date date = continued_date(options);
  Issue issue;
  Masthead& masthead = issue.masthead;
  const bool copy = options.last && !options.last->masthead.series.empty();
  masthead.series = copy ? options.last->masthead.series : kSeries;
  masthead.publisher = options.last && !options.last->masthead.publisher.empty() ? options.last->masthead.publisher
                                                                               : kPublisher;
  masthead.number = number;
  masthead.number_text = printed_issue_number(number);
  masthead.date = date;
  masthead.date_text = chinese_date(date);
  Block intro;
  intro.text = standard_intro();
  issue.intro.push_back(intro);
  issue.articles.push_back(article_to_fill(date));
  return issue;
}

}  // namespace reissue
