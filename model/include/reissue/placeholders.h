// The two kinds of marks an editor meets in issue text (docs/format.md,
// "Placeholders"):
//
// - gaps to fill, 〔待填：标题〕: what `reissue new` writes where only the editor
//   knows the words. Any left is an error (validate, typeset), so a skeleton
//   is never published half filled.
// - generated values in the intro, {篇数} {起始日期} {截止日期}: typesetting
//   writes the article count and the period from the articles, so the intro
//   can never disagree with them.
//
// Both are plain text for now: the 〔〕 brackets with 待填 and the ASCII braces
// around a Chinese name do not occur in the newsletter's prose, and both are
// easy to type. When <p> gains inline markup they can become elements without
// changing what an editor sees.
#pragma once

#include "reissue/issue.h"
#include "reissue/issue_xml.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reissue {

// A gap to fill: "〔待填：标题〕" for "标题".
std::string gap_to_fill(std::string_view what);

// The generated values, as written in the intro.
inline constexpr std::string_view kArticleCountToken = "{篇数}";
inline constexpr std::string_view kPeriodStartToken = "{起始日期}";
inline constexpr std::string_view kPeriodEndToken = "{截止日期}";

// What the generated values are made of: the number of articles and the
// earliest and latest dateline dates (unset when no article has a date).
struct IntroFacts {
  int articles = 0;
  std::optional<Date> first, last;
};
IntroFacts intro_facts(const Issue& issue);

// 2025年11月08日: the newsletter's date, month and day in two digits.
std::string chinese_date(const Date& date);

// `text` with the generated values written in. A date token stays as it is
// when no article has a date (validate reports that).
std::string fill_generated_values(std::string_view text, const IntroFacts& facts);

// Errors: a gap left unfilled, a {…} token that is none of the generated
// values (a typo would be printed as it is), a generated value outside the
// intro (only the intro is filled), a date token when no article has a date.
std::vector<Problem> placeholder_problems(const Issue& issue);

// Warnings on an intro written by hand: 共收集N篇 disagreeing with the number
// of articles, a period 时间从…到… that a dateline falls outside, or that ends
// before it starts.
std::vector<Problem> intro_warnings(const Issue& issue);

}  // namespace reissue
