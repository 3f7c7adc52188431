// The text-level repairs shared by both sources: letter-spaced and
// pair-spaced lines (text input), look-alike characters in Chinese context,
// and Latin words hyphenated at line ends. On constructed lines for the
// boundary cases, and on real producers' output (tests/data/spread/README.md).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "extract_checks.h"
#include "reissue/extract.h"
#include "reissue/text.h"
#include "test_support.h"

using namespace reissue;

namespace {

// A one-article issue whose body is `body` (printed lines), each line followed
// by an empty line as in the seeds.
std::string newsletter(const std::vector<std::string>& body, const std::string& dateline = "2025-06-07 来源：测试网") {
  std::vector<std::string> lines = {"本期导语：",
                                    "本期周报共收集1篇信息。",
                                    "一、信息目录",
                                    "1.测试标题",
                                    "（测试网）",
                                    "二、具体内容",
                                    "1.标题：测试标题",
                                    "来源：测试网",
                                    "链接：",
                                    "https://www.gov.cn/a.htm",
                                    "主要内容：",
                                    "测试标题",
                                    dateline};
  lines.insert(lines.end(), body.begin(), body.end());
  std::string text;
  for (const std::string& line : lines) text += line + "\n\n";
  return text;
}

ExtractResult extract(const std::string& text, const ExtractOptions& options = {}) {
  ExtractResult result = extract_text(text, "test.txt", options);
  EXPECT_TRUE(test::characters_conserved(text, result));
  return result;
}

std::string body_text(const ExtractResult& result) {
  std::string out;
  for (const Article& article : result.issue.articles)
    for (const Block& block : article.blocks) out += block.text + "\n";
  return out;
}

int count_kind(const ExtractResult& result, const std::string& kind) {
  int n = 0;
  for (const ReviewItem& item : result.report.review) n += item.kind == kind;
  return n;
}

bool chinese(char32_t c) { return is_cjk(c) || (!is_space(c) && is_east_asian_wide(c)); }

// Each "X Y" in `text` where X and Y are Chinese characters: the character
// before the space and the one after, with the nearest characters around, so
// that a pair is recognized in another text.
std::multiset<std::u32string> chinese_spaces(const std::string& text) {
  std::multiset<std::u32string> out;
  const std::u32string t = utf8_to_u32(text);
  for (size_t i = 2; i + 2 < t.size(); ++i)
    if (t[i] == U' ' && chinese(t[i - 1]) && chinese(t[i + 1])) out.insert(t.substr(i - 2, 5));
  return out;
}

std::string data(const std::string& name) { return test::read_text(test::source_dir() / "tests/data/spread" / name); }

}  // namespace

// ---- letter spacing -------------------------------------------------------

TEST(LetterSpacing, SpreadLinesAreClosedUp) {
  const ExtractResult result = extract(newsletter({
      "当天中午 12 时，在昆明的省一院骨科主任陆声通过 5G 网络与",
      "曲 靖 市 第 一 人 民 医 院 骨 科 Mayo Clinic 手 术 机 器 人 进 行 连",
      "接，陆声通过云端控制系统进行了手术方案设计，并控制曲靖市第一",
      "拍 片 时 间 ， 减 少27%的等待，提升图像信噪比，缓解患者幽闭不适。",
      "Resolve 技术 节省 约 73%的扫 查时 间， 提升 图像 信噪 比， 缓解 患者 幽闭 不",
      "适。 作为 中国 国内 首家 加入 该组织 的 大型 综合性 医院， 已有 布局。",
  }));
  const std::string text = body_text(result);
  EXPECT_NE(text.find("曲靖市第一人民医院骨科Mayo Clinic手术机器人进行连"), std::string::npos) << text;
  EXPECT_NE(text.find("拍片时间，减少27%的等待"), std::string::npos) << text;
  EXPECT_NE(text.find("Resolve技术节省约73%的扫查时间，提升图像信噪比，缓解患者幽闭不适。"), std::string::npos) << text;
  EXPECT_NE(text.find("作为中国国内首家加入该组织的大型综合性医院"), std::string::npos) << text;
  EXPECT_EQ(count_kind(result, "letter-spacing"), 4);
}

TEST(LetterSpacing, WritersSpacesSurvive) {
  // Spaces a writer typed between Chinese words: few in a line, irregular, or
  // in a line too short to have been spread.
  const std::vector<std::string> lines = {
      "广东省具身智能机器人创新中心，工作人员操纵机器人同步动作。 新华社记者 邓华 摄",
      "作者 马春晓 周燕玲",
      "记者 王 伟 摄",
      "记者 王伟 李明 张华",
      "系的宝贵机会。（经济日报驻日内瓦记者 梁 桐）",
      "科学与健康 | 医学",
      "拥抱数字技术 加速转型创新",
  };
  for (const std::string& line : lines) {
    const ExtractResult result = extract(newsletter({"正文第一段写在这里。", line}));
    EXPECT_EQ(count_kind(result, "letter-spacing"), 0) << line;
    EXPECT_NE(body_text(result).find(normalize_inline_text(line)), std::string::npos) << line << "\n"
                                                                                      << body_text(result);
  }
}

TEST(LetterSpacing, LetterSpacedHeaderAndDatelineAreRecognized) {
  // A line spread character by character, digits and Latin letters too.
  const ExtractResult result = extract(newsletter({"正文第一段写在这里。"}, "2 0 2 5 - 0 6 - 0 7 来 源 ： 测 试 网"));
  ASSERT_EQ(result.issue.articles.size(), 1u);
  ASSERT_TRUE(result.issue.articles[0].dateline.has_value()) << body_text(result);
  EXPECT_EQ(result.issue.articles[0].dateline->source, "测试网");
  ASSERT_TRUE(result.issue.articles[0].dateline->date.has_value());
  EXPECT_EQ(result.issue.articles[0].dateline->date->iso(), "2025-06-07");
}

TEST(LetterSpacing, RealSpreadLinesLoseTheirSpacesAndKeepTheWritersOnes) {
  for (const char* name : {"v0-30-layout", "v1-30-raw", "v2-30-raw", "v3-30-layout"}) {
    SCOPED_TRACE(name);
    const std::string input = data(std::string(name) + ".txt");
    const std::string source = data(std::string(name) + ".source.txt");
    const ExtractResult result = extract(input);
    std::string output;
    for (const Article& article : result.issue.articles) {
      output += article.title + "\n" + article.headline + "\n";
      for (const Block& block : article.blocks) output += block.text + "\n";
    }
    // The spaces a writer typed between Chinese characters stay, but for one
    // inside a line the layout spread, where it looks like all the others
    // (从 “ 五 缺 ” 到 “5G+” 贵 州).
    const std::multiset<std::u32string> written = chinese_spaces(source), left = chinese_spaces(output);
    std::vector<std::string> input_lines(1);
    for (std::istringstream stream(input); std::getline(stream, input_lines.emplace_back());) {
    }
    std::u32string spread;  // the lines the review lists as spread, without white space
    for (const ReviewItem& item : result.report.review)
      if (item.kind == "letter-spacing")
        for (char32_t c : utf8_to_u32(input_lines.at(static_cast<size_t>(item.first_line))))
          if (!is_space(c)) spread.push_back(c);
    for (const std::u32string& space : std::set<std::u32string>(written.begin(), written.end())) {
      const std::u32string closed = space.substr(0, 2) + space.substr(3);
      const bool lost = source.find(u32_to_utf8(closed)) == std::string::npos &&
                        output.find(u32_to_utf8(closed)) != std::string::npos;
      if (lost) {
        EXPECT_NE(spread.find(closed), std::u32string::npos) << u32_to_utf8(space) << " lost outside a spread line";
      }
    }
    // Of the spaces the layout put in, most are gone: all those of spread
    // lines; a stray one in a line of text without others cannot be told
    // from a writer's (docs/extract.md).
    size_t spurious_in = 0, spurious_out = 0;
    for (const std::u32string& space : chinese_spaces(input)) spurious_in += written.count(space) == 0;
    for (const std::u32string& space : left) spurious_out += written.count(space) == 0;
    EXPECT_GT(spurious_in, 40u);
    EXPECT_LT(spurious_out * 5, spurious_in) << spurious_out << " of " << spurious_in << " left";
    EXPECT_GE(count_kind(result, "letter-spacing"), 5);
  }
}

// ---- look-alikes ----------------------------------------------------------

TEST(Lookalikes, ReplacedInChineseContextOnly) {
  const ExtractResult result = extract(newsletter({
      "世卫组织驻华代表马丁・泰勒表示，难题⋯⋯仍然存在。",
      "ＡＩ应用在２０２５年覆盖５Ｇ网络，Ａ股上涨１．５％。",
      "人工智能――新的引擎，时间为9〜12月。",
      "Latin context keeps them: Tom・Lee, a⋯b.",
  }));
  const std::string text = body_text(result);
  EXPECT_NE(text.find("马丁·泰勒"), std::string::npos) << text;
  EXPECT_NE(text.find("难题……仍然存在"), std::string::npos) << text;
  EXPECT_NE(text.find("AI应用在2025年覆盖5G网络，Ａ股上涨1.5%。"), std::string::npos) << text;
  EXPECT_NE(text.find("人工智能——新的引擎，时间为9～12月。"), std::string::npos) << text;
  EXPECT_NE(text.find("Tom・Lee, a⋯b."), std::string::npos) << text;
  // Each line's substitutions, counted, in the review; the printed characters
  // set aside with their replacements.
  int lines = 0;
  for (const ReviewItem& item : result.report.review)
    if (item.kind == "look-alike") {
      ++lines;
      if (item.message.find("U+30FB") != std::string::npos) {
        EXPECT_NE(item.message.find("2 x ⋯ U+22EF -> …"), std::string::npos) << item.message;
      }
    }
  EXPECT_EQ(lines, 3);
  int replaced = 0;
  for (const SetAside& item : result.report.set_aside)
    if (item.reason == "look-alike") replaced += static_cast<int>(utf8_to_u32(item.text).size());
  EXPECT_EQ(replaced, 1 + 2 + 2 + 4 + 2 + 4 + 2 + 1);  // ・ ⋯⋯ ＡＩ ２０２５ ５Ｇ １．５％ ―― 〜
}

TEST(Lookalikes, ASpaceBesideANameDotGoes) {
  // pdftotext of a name dot set in a Western font: 杰里米 ·法勒, even across a line end.
  const ExtractResult result = extract(newsletter({"世卫组织首席科学家杰里米 ·法勒与汉斯· 克鲁格在会上发言，他们说 · 是点。"}));
  const std::string text = body_text(result);
  EXPECT_NE(text.find("杰里米·法勒与汉斯·克鲁格"), std::string::npos) << text;
  EXPECT_NE(text.find("他们说 · 是点"), std::string::npos) << text;  // spaces on both sides: not a name's dot
}

TEST(Lookalikes, RadicalsBecomeTheIdeographsTheyStandFor) {
  // A Ghostscript rewrite of a Chromium PDF gave 卫⽣ (U+2F63) for 卫生.
  const ExtractResult result = extract(newsletter({"国家卫⽣健康委员会发布通知，⾦额⼤幅增加。"}));
  const std::string text = body_text(result);
  EXPECT_NE(text.find("国家卫生健康委员会发布通知，金额大幅增加。"), std::string::npos) << text;
  int reported = 0;
  for (const ReviewItem& item : result.report.review)
    reported += item.kind == "look-alike" && item.message.find("U+2F63") != std::string::npos;
  EXPECT_EQ(reported, 1);
}

// ---- hyphenation ----------------------------------------------------------

TEST(Hyphenation, DictionaryWordsLoseTheHyphenCompoundsKeepIt) {
  const std::string text = newsletter({
      "医学影像平台推出了内镜直播节目（En-",
      "doscopy On Air），又推动 AI-",
      "driven 诊断落地，联合发布 CT-",
      "FFR 与 COVID-",
      "19 相关的研究，全面提高 inter-",
      "operability 水平。",
  });
  const ExtractResult result = extract(text);
  const std::string body = body_text(result);
  EXPECT_NE(body.find("（Endoscopy On Air）"), std::string::npos) << body;
  EXPECT_NE(body.find("AI-driven"), std::string::npos) << body;
  EXPECT_NE(body.find("CT-FFR"), std::string::npos) << body;
  EXPECT_NE(body.find("COVID-"), std::string::npos) << body;
  EXPECT_NE(body.find("interoperability"), std::string::npos) << body;
  EXPECT_EQ(count_kind(result, "hyphenation"), 2);
  EXPECT_TRUE(result.report.warnings.empty());

  ExtractOptions without;
  without.spelling_dictionary = "/nonexistent/en_US";
  const ExtractResult kept = extract(text, without);
  EXPECT_NE(body_text(kept).find("En-doscopy"), std::string::npos) << body_text(kept);
  EXPECT_EQ(count_kind(kept, "hyphenation"), 0);
  ASSERT_EQ(kept.report.warnings.size(), 1u);
  EXPECT_NE(kept.report.warnings[0].find("no spelling dictionary at /nonexistent/en_US"), std::string::npos);
}

TEST(Hyphenation, TexHyphenationInPdfAndLayoutText) {
  const std::string pdf = data("hyphenated-xelatex.pdf");
  const std::string layout = data("hyphenated-xelatex-layout.txt");
  for (const ExtractResult& result : {extract_pdf(pdf, "hyphenated.pdf"), extract(layout)}) {
    const std::string body = body_text(result);
    // TeX's hyphens are gone; the words it broke are whole.
    for (const char* word : {"Radiology", "reimbursement", "multidisciplinary", "interoperability", "electrocardiogram",
                             "Information", "pharmaceutical", "photoacoustic"})
      EXPECT_NE(body.find(word), std::string::npos) << word;
    // Every hyphen left is the text's own.
    std::istringstream words(body);
    for (std::string word; words >> word;)
      for (size_t at = word.find('-'); at != std::string::npos; at = word.find('-', at + 1)) {
        const size_t start = word.find_last_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", at - 1);
        const std::string left = word.substr(start == std::string::npos ? 0 : start + 1, at - (start + 1));
        EXPECT_TRUE(left == "AI" || left == "CT" || left == "COVID" || at + 1 == word.size()) << word;
      }
    EXPECT_GE(count_kind(result, "hyphenation"), 30);
  }
}
