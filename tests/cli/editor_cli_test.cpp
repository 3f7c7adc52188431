// An editor's tools: `new`, `style`, generated contents and intro values,
// validate's warnings, and `typeset --watch`.
#include "test_support.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

namespace test = reissue::test;
using test::run_reissue;
namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }
fs::path sample_path() { return test::source_dir() / "samples/649.xml"; }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The skeleton `new` writes, with every gap filled as an editor would.
std::string filled(std::string skeleton) {
  skeleton = replaced(skeleton, "〔待填：标题〕", "智慧医院建设新进展");
  skeleton = replaced(skeleton, "〔待填：来源〕", "健康报");
  skeleton = replaced(skeleton, "https://〔待填：链接〕", "https://www.jkb.com.cn/news/1");
  return replaced(skeleton, "〔待填：正文第一段〕", "多地医院加快智慧服务建设。");
}

// The PDF's text without line breaks and spaces (the typesetter's gaps between Chinese and digits).
std::string pdf_text(const fs::path& pdf) {
  return replaced(replaced(test::run_command("pdftotext " + quoted(pdf) + " -").out, "\n", ""), " ", "");
}

std::string docx_text(const fs::path& docx) {
  return test::run_command("unzip -p " + quoted(docx) + " word/document.xml | sed -e 's/<[^>]*>//g'").out;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST(EditorCli, NewSkeletonValidatesWithItsPlaceholdersReported) {
  test::TempDir dir;
  const auto made = run_reissue("new --number 650 --date 2025-11-21 -o " + quoted(dir / "650.xml"));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string xml = test::read_text(dir / "650.xml");
  EXPECT_NE(xml.find("<number n=\"650\">第六五〇</number>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<date when=\"2025-11-21\">2025年11月21日</date>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("共收集{篇数}篇"), std::string::npos) << xml;

  const auto checked = run_reissue("validate -q " + quoted(dir / "650.xml"));
  EXPECT_EQ(checked.exit_code, 1) << checked.out;  // documented: gaps left make the file invalid
  // Each gap with its line: the title's at its <article>, the paragraph's at its <p>.
  EXPECT_TRUE(std::regex_search(checked.out, std::regex(R"(650\.xml:\d+: placeholder left: 〔待填：标题〕)"))) << checked.out;
  EXPECT_TRUE(std::regex_search(checked.out, std::regex(R"(650\.xml:18: placeholder left: 〔待填：正文第一段〕)")))
      << checked.out;
  EXPECT_EQ(count(checked.out, "placeholder left"), 5u) << checked.out;
  // Typesetting refuses a skeleton, naming the first gap.
  const auto refused = run_reissue("typeset " + quoted(dir / "650.xml") + " -o " + quoted(dir / "650.pdf"));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("placeholder left"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(dir / "650.pdf"));

  // Standard output without -o; an existing file is kept without --force.
  const auto to_stdout = run_reissue("new -q --number 650 --date 2025-11-21");
  EXPECT_EQ(to_stdout.exit_code, 0);
  EXPECT_EQ(to_stdout.out, xml);
  test::write_text(dir / "mine.xml", "my work");
  const auto kept = run_reissue("new --number 650 --date 2025-11-21 -o " + quoted(dir / "mine.xml"));
  EXPECT_EQ(kept.exit_code, 7);
  EXPECT_NE(kept.err.find("already exists; give --force"), std::string::npos) << kept.err;
  EXPECT_EQ(test::read_text(dir / "mine.xml"), "my work");
  EXPECT_EQ(run_reissue("new -q --force --number 650 --date 2025-11-21 -o " + quoted(dir / "mine.xml")).exit_code, 0);
  EXPECT_EQ(test::read_text(dir / "mine.xml"), xml);
}

TEST(EditorCli, NewChecksNumberAndDateInPlainWords) {
  const auto none = run_reissue("new");
  EXPECT_EQ(none.exit_code, 6);
  EXPECT_NE(none.err.find("give --number N, or --from LAST.xml"), std::string::npos) << none.err;
  const auto number = run_reissue("new --number 0 --date 2025-11-21");
  EXPECT_EQ(number.exit_code, 6);
  EXPECT_NE(number.err.find("--number: \"0\" must be a whole number from 1 to"), std::string::npos) << number.err;
  const auto date = run_reissue("new --number 650 --date 2025-02-30");
  EXPECT_EQ(date.exit_code, 6);
  EXPECT_NE(date.err.find("--date: \"2025-02-30\" must be a real date written YYYY-MM-DD"), std::string::npos)
      << date.err;
}

TEST(EditorCli, NewFromTheLastIssueContinuesNumberAndDate) {
  const auto made = run_reissue("new -q --from " + quoted(sample_path()));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.out.find("<number n=\"650\">第六五〇</number>"), std::string::npos) << made.out;
  EXPECT_NE(made.out.find("<date when=\"2025-11-21\">2025年11月21日</date>"), std::string::npos) << made.out;
  EXPECT_NE(made.out.find("<series>全国卫生信息化舆情监测周报</series>"), std::string::npos);
  EXPECT_NE(made.out.find("<publisher>北京市卫生健康大数据与政策研究中心</publisher>"), std::string::npos);
  // Across a month and a year end.
  test::TempDir dir;
  test::write_text(dir / "last.xml",
                   replaced(test::read_text(sample_path()), "<date when=\"2025-11-14\">2025年11月14日",
                            "<date when=\"2025-12-26\">2025年12月26日"));
  const auto next_year = run_reissue("new -q --from " + quoted(dir / "last.xml"));
  EXPECT_NE(next_year.out.find("<date when=\"2026-01-02\">2026年01月02日</date>"), std::string::npos) << next_year.out;
  // --number and --date win over --from.
  const auto given = run_reissue("new -q --from " + quoted(sample_path()) + " --number 700 --date 2026-03-06");
  EXPECT_NE(given.out.find("<number n=\"700\">第七〇〇</number>"), std::string::npos) << given.out;
}

TEST(EditorCli, FilledSkeletonTypesetsWithGeneratedContentsHeadlineAndIntro) {
  test::TempDir dir;
  const auto made = run_reissue("new -q --from " + quoted(sample_path()));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  test::write_text(dir / "650.xml", filled(made.out));
  const auto checked = run_reissue("validate " + quoted(dir / "650.xml"));
  EXPECT_EQ(checked.exit_code, 0) << checked.out;
  EXPECT_EQ(checked.out, "");

  const auto pdf = run_reissue("typeset -q " + quoted(dir / "650.xml") + " -o " + quoted(dir / "650.pdf"));
  ASSERT_EQ(pdf.exit_code, 0) << pdf.err;
  const std::string text = pdf_text(dir / "650.pdf");
  EXPECT_NE(text.find("共收集1篇"), std::string::npos) << text;
  EXPECT_NE(text.find("时间从2025年11月21日到2025年11月21日"), std::string::npos) << text;
  EXPECT_EQ(text.find("{"), std::string::npos) << text;
  EXPECT_NE(text.find("一、信息目录"), std::string::npos) << text;
  // Typed once, printed three times: contents, article title, headline.
  EXPECT_EQ(count(text, "智慧医院建设新进展"), 3u) << text;

  const auto docx = run_reissue("docx -q " + quoted(dir / "650.xml") + " -o " + quoted(dir / "650.docx"));
  ASSERT_EQ(docx.exit_code, 0) << docx.err;
  const std::string word = docx_text(dir / "650.docx");
  EXPECT_NE(word.find("共收集1篇"), std::string::npos) << word;
  EXPECT_NE(word.find("时间从2025年11月21日到2025年11月21日"), std::string::npos) << word;
  EXPECT_NE(word.find("一、信息目录"), std::string::npos) << word;
  EXPECT_EQ(count(word, "智慧医院建设新进展"), 3u) << word;
}

TEST(EditorCli, MissingContentsIsGeneratedFromTheArticles) {
  test::TempDir dir;
  std::string xml = test::read_text(sample_path());
  xml.erase(xml.find("  <contents>"), xml.find("</contents>") + 12 - xml.find("  <contents>"));
  // The period filled from the datelines (earliest 11-11, latest 11-13).
  xml = replaced(xml, "共收集3篇", "共收集{篇数}篇");
  xml = replaced(xml, "时间从2025年11月08日到2025年11月14日", "时间从{起始日期}到{截止日期}");
  test::write_text(dir / "issue.xml", xml);
  const auto result = run_reissue("typeset -q " + quoted(dir / "issue.xml") + " -o " + quoted(dir / "issue.pdf"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string text = pdf_text(dir / "issue.pdf");
  const size_t contents = text.find("一、信息目录"), articles = text.find("二、具体内容");
  ASSERT_NE(contents, std::string::npos) << text;
  ASSERT_NE(articles, std::string::npos) << text;
  const std::string listed = text.substr(contents, articles - contents);
  for (const char* title : {"1.科学与健康|“医学+AI”视角看健康中国新图景", "2.我国全面推进“人工智能+医疗卫生”应用发展",
                            "3.全国职业健康技能竞赛决赛举行"})
    EXPECT_NE(listed.find(title), std::string::npos) << title << "\n" << listed;
  EXPECT_NE(listed.find("（健康报）"), std::string::npos) << listed;
  EXPECT_NE(text.find("共收集3篇"), std::string::npos);
  EXPECT_NE(text.find("时间从2025年11月11日到2025年11月13日"), std::string::npos) << text;

  const auto docx = run_reissue("docx -q " + quoted(dir / "issue.xml") + " -o " + quoted(dir / "issue.docx"));
  ASSERT_EQ(docx.exit_code, 0) << docx.err;
  const std::string word = docx_text(dir / "issue.docx");
  EXPECT_NE(word.find("一、信息目录"), std::string::npos);
  EXPECT_NE(word.find("时间从2025年11月11日到2025年11月13日"), std::string::npos) << word;
}

TEST(EditorCli, ValidateWarnsWhenAHandWrittenIntroDisagrees) {
  test::TempDir dir;
  std::string xml = test::read_text(sample_path());
  xml = replaced(xml, "共收集3篇", "共收集5篇");
  xml = replaced(xml, "到2025年11月14日", "到2025年11月12日");  // article 3 is dated 11-13
  test::write_text(dir / "issue.xml", xml);
  const auto result = run_reissue("validate " + quoted(dir / "issue.xml"));
  EXPECT_EQ(result.exit_code, 0) << result.out;  // warnings do not make a file invalid
  EXPECT_NE(result.out.find("issue.xml:10: warning: the intro says 共收集5篇 but the issue has 3 article(s)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("issue.xml:10: warning: article 3 (line 92) is dated 2025-11-13, outside the intro's "
                            "period 2025年11月08日 to 2025年11月12日"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.err.find("1 valid"), std::string::npos);

  // A mistyped generated value would be printed as typed: an error.
  test::write_text(dir / "typo.xml", replaced(xml, "共收集5篇", "共收集{篇目}篇"));
  const auto typo = run_reissue("validate -q " + quoted(dir / "typo.xml"));
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.out.find("typo.xml:10: unknown placeholder {篇目} in the intro"), std::string::npos) << typo.out;
}

TEST(EditorCli, StylePrintsTheBundledSheets) {
  const auto printed = run_reissue("style --print");
  EXPECT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_EQ(printed.out, test::read_text(test::source_dir() / "styles/default.xml"));
  const auto large = run_reissue("style --print large-print");
  EXPECT_EQ(large.out, test::read_text(test::source_dir() / "styles/large-print.xml"));
  const auto listed = run_reissue("style --list");
  EXPECT_EQ(listed.out, "default\nlarge-print\n");
  // What it prints is a style sheet typesetting takes.
  test::TempDir dir;
  test::write_text(dir / "mine.xml", large.out);
  EXPECT_EQ(run_reissue("typeset -q " + quoted(sample_path()) + " -o " + quoted(dir / "649.pdf") + " --style " +
                        quoted(dir / "mine.xml"))
                .exit_code,
            0);
  const auto unknown = run_reissue("style --print huge");
  EXPECT_EQ(unknown.exit_code, 6);
  EXPECT_NE(unknown.err.find("no bundled style sheet is called \"huge\"; they are default, large-print"),
            std::string::npos)
      << unknown.err;
}

namespace {

// `reissue typeset --watch` in the background, its stderr in a file.
class Watcher {
 public:
  Watcher(const fs::path& issue, const fs::path& pdf, const fs::path& log) : log_(log) {
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, STDERR_FILENO);
      const std::string binary = test::reissue_binary().string();
      ::execl(binary.c_str(), binary.c_str(), "typeset", "--watch", issue.c_str(), "-o", pdf.c_str(), nullptr);
      ::_exit(127);
    }
  }
  ~Watcher() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  // Waits (up to 5 s) until the log holds `count` lines with `what`.
  bool wait_for(const std::string& what, size_t lines) const {
    for (int i = 0; i < 250; ++i) {
      if (fs::exists(log_) && count(test::read_text(log_), what) >= lines) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  int interrupt() {
    ::kill(pid_, SIGINT);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string log() const { return test::read_text(log_); }

 private:
  fs::path log_;
  pid_t pid_ = -1;
};

}  // namespace

TEST(EditorCli, WatchRetypesetsOnEverySaveAndKeepsTheLastGoodPdf) {
  test::TempDir dir;
  const std::string original = test::read_text(sample_path());
  test::write_text(dir / "issue.xml", original);
  Watcher watcher(dir / "issue.xml", dir / "issue.pdf", dir / "watch.log");
  ASSERT_TRUE(watcher.wait_for("page(s)", 1)) << watcher.log();
  EXPECT_NE(pdf_text(dir / "issue.pdf").find("手术机器人"), std::string::npos);

  // Saved by rename, as most editors do.
  test::write_text(dir / "issue.xml.tmp", replaced(original, "手术机器人", "手术机械臂"));
  fs::rename(dir / "issue.xml.tmp", dir / "issue.xml");
  ASSERT_TRUE(watcher.wait_for("page(s)", 2)) << watcher.log();
  EXPECT_NE(pdf_text(dir / "issue.pdf").find("手术机械臂"), std::string::npos);

  // Saved in place.
  test::write_text(dir / "issue.xml", replaced(original, "手术机器人", "手术助手"));
  ASSERT_TRUE(watcher.wait_for("page(s)", 3)) << watcher.log();
  EXPECT_NE(pdf_text(dir / "issue.pdf").find("手术助手"), std::string::npos);
  EXPECT_TRUE(std::regex_search(watcher.log(), std::regex(R"(issue\.pdf: 5 page\(s\), \d+ KiB in \d+\.\d\d s)")))
      << watcher.log();

  // Invalid: the error with its line, and the last good PDF stays.
  const std::string good = test::read_text(dir / "issue.pdf");
  test::write_text(dir / "issue.xml", original + "<issue>");
  ASSERT_TRUE(watcher.wait_for("the last good one is kept", 1)) << watcher.log();
  EXPECT_TRUE(std::regex_search(watcher.log(), std::regex(R"(issue\.xml:\d+: not well-formed XML)"))) << watcher.log();
  EXPECT_EQ(test::read_text(dir / "issue.pdf"), good);

  EXPECT_EQ(watcher.interrupt(), 130);
  EXPECT_FALSE(fs::exists(dir / "issue.pdf.tmp"));
}
