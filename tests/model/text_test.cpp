#include "reissue/issue.h"
#include "reissue/numerals.h"
#include "reissue/text.h"

#include <gtest/gtest.h>

using namespace reissue;

TEST(NormalizeInlineText, RemovesSpacesBetweenChineseAndLatinOrDigits) {
  EXPECT_EQ(normalize_inline_text("6月 7日"), "6月7日");
  EXPECT_EQ(normalize_inline_text("2025 年 6 月"), "2025年6月");
  EXPECT_EQ(normalize_inline_text("AI 加快成医生“得力助手”"), "AI加快成医生“得力助手”");
  EXPECT_EQ(normalize_inline_text("生成式AI 将"), "生成式AI将");
  EXPECT_EQ(normalize_inline_text("达 15.4%，步入"), "达15.4%，步入");
  EXPECT_EQ(normalize_inline_text("已有 70% 的"), "已有70%的");
  EXPECT_EQ(normalize_inline_text("就“潍智码 -AI 编码云平台”"), "就“潍智码-AI编码云平台”");
  EXPECT_EQ(normalize_inline_text("组织（ WHO）驻华"), "组织（WHO）驻华");
}

TEST(NormalizeInlineText, KeepsMeaningfulSpaces) {
  // Between Latin words, between Chinese phrases of a title, around a separator.
  EXPECT_EQ(normalize_inline_text("Insilico  Medicine"), "Insilico Medicine");
  EXPECT_EQ(normalize_inline_text("开启智慧医疗新篇 云南首例"), "开启智慧医疗新篇 云南首例");
  EXPECT_EQ(normalize_inline_text("科学与健康 | “医学+AI”视角"), "科学与健康 | “医学+AI”视角");
  EXPECT_EQ(normalize_inline_text("（记者 彭锡）"), "（记者 彭锡）");
}

TEST(NormalizeInlineText, TrimsAndCollapsesAndJoinsWrappedChinese) {
  EXPECT_EQ(normalize_inline_text("  \t开头 \n "), "开头");
  EXPECT_EQ(normalize_inline_text("破解基层看病\n      难"), "破解基层看病难");
  EXPECT_EQ(normalize_inline_text("General\n  Intelligence"), "General Intelligence");
  EXPECT_EQ(normalize_inline_text("甲\u3000乙"), "甲 乙");
}

TEST(NormalizeInlineText, NeverProducesCharactersXmlCannotHold) {
  EXPECT_EQ(normalize_inline_text("a\x03" "b\x7F"), "a\uFFFD" "b\x7F");
  EXPECT_EQ(normalize_inline_text(u32_to_utf8(U"x\uFFFEy")), "x\uFFFDy");
  EXPECT_TRUE(is_control(U'\x03'));
  EXPECT_TRUE(is_control(U'\x85'));
  EXPECT_FALSE(is_control(U'\n'));
  EXPECT_FALSE(is_control(U'中'));
}

TEST(NormalizeInlineText, ProducesNfc) {
  const std::string decomposed = "Cafe\xCC\x81";  // e + combining acute
  EXPECT_FALSE(is_nfc(decomposed));
  EXPECT_EQ(normalize_inline_text(decomposed), "Caf\xC3\xA9");
}

TEST(Utf8, InvalidBytesBecomeReplacementCharacter) {
  EXPECT_EQ(utf8_to_u32("a\xFF" "b"), std::u32string(U"a\uFFFDb"));
  EXPECT_EQ(u32_to_utf8(U"周报"), "周报");
}

TEST(ChineseNumerals, DigitByDigitAndPositional) {
  EXPECT_EQ(parse_chinese_number("六四九"), 649);
  EXPECT_EQ(parse_chinese_number("六百四十九"), 649);
  EXPECT_EQ(parse_chinese_number("十二"), 12);
  EXPECT_EQ(parse_chinese_number("一百零五"), 105);
  EXPECT_EQ(parse_chinese_number("二〇二五"), 2025);
  EXPECT_EQ(parse_chinese_number("649"), 649);
  EXPECT_EQ(parse_chinese_number("一万零五"), 10005);
  EXPECT_FALSE(parse_chinese_number("第六四九"));
  EXPECT_FALSE(parse_chinese_number(""));
  EXPECT_FALSE(parse_chinese_number("六百四九"));
}

TEST(Date, ParsesAndRejects) {
  EXPECT_EQ(Date::parse_iso("2025-11-14"), (Date{2025, 11, 14}));
  EXPECT_EQ(Date::parse_iso("2024-02-29")->iso(), "2024-02-29");
  EXPECT_FALSE(Date::parse_iso("2025-02-29"));
  EXPECT_FALSE(Date::parse_iso("2025-13-01"));
  EXPECT_FALSE(Date::parse_iso("2025-1-01"));
  EXPECT_FALSE(Date::parse_iso("2025-11-14Z"));
}

TEST(NormalizeInlineText, SymbolsJoinedToChineseCountAsLatin) {
  // A word processor's gap before a symbol between Chinese characters.
  EXPECT_EQ(normalize_inline_text("全面实施‘人工智能 +’行动"), "全面实施‘人工智能+’行动");
  EXPECT_EQ(normalize_inline_text("人工智能+ 医疗"), "人工智能+医疗");
  // A separator set off by spaces stays.
  EXPECT_EQ(normalize_inline_text("健康 | 医学"), "健康 | 医学");
}
