// A new issue to fill in (`reissue new`): masthead, the newsletter's standard
// intro with its generated values, and one article whose words are gaps to
// fill (reissue/placeholders.h). It validates but for those gaps, and
// typesets once they are filled.
#pragma once

#include "reissue/issue.h"

#include <optional>

namespace reissue {

inline constexpr const char* kSeries = "全国卫生信息化舆情监测周报";
inline constexpr const char* kPublisher = "北京市卫生健康大数据与政策研究中心";
// The intro every issue prints, with the count and the period generated.
std::string standard_intro();

struct NewIssueOptions {
  std::optional<int> number;  // default: the last issue's + 1
  std::optional<Date> date;   // default: the last issue's + 7 days
  const Issue* last = nullptr;  // the issue before (--from): series and publisher copied
  std::string last_name;        // its file, for messages
};

// Throws UsageError when the number or the date is neither given nor
// continued from `last` (naming the option to give), or is out of range.
Issue new_issue(const NewIssueOptions& options);

// 第六五〇: the issue number as the masthead prints it, digit by digit.
std::string printed_issue_number(int number);
// `date` moved by `days` on the calendar.
Date add_days(const Date& date, int days);

}  // namespace reissue
