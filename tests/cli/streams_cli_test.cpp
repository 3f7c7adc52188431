// The shell contract at the edges: output paths of every form (bare names,
// ./, spaces and Chinese, stdout, FIFOs, devices, links, folders), "-" as
// standard input and output, permissions kept, exit statuses from the table.
#include "test_support.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

namespace test = reissue::test;
namespace fs = std::filesystem;
using test::run_command;
using test::run_reissue;

namespace {

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }
std::string binary() { return quoted(test::reissue_binary()); }

// A PDF with one figure (a PNG), typeset by reissue from the sample issue.
class WithFigurePdf : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new test::TempDir;
    const fs::path source = folder_->path() / "source";
    fs::create_directories(source);
    ASSERT_EQ(run_command("pdftoppm -f 1 -l 1 -r 15 -singlefile -png " +
                          quoted(test::source_dir() / "tests/data/corpus/corpus-000.pdf") + " " +
                          quoted(source / "photo"))
                  .exit_code,
              0);
    std::string issue = test::read_text(test::source_dir() / "samples/649.xml");
    issue.replace(issue.find("<figure>"), 8, "<figure src=\"photo.png\">");
    test::write_text(source / "issue.xml", issue);
    const auto typeset = run_reissue("typeset -q " + quoted(source / "issue.xml") + " -o " + quoted(pdf()));
    ASSERT_EQ(typeset.exit_code, 0) << typeset.err;
  }
  static void TearDownTestSuite() { delete folder_; }
  static fs::path pdf() { return folder_->path() / "figure.pdf"; }

  // Runs `reissue ARGS` in `folder` (relative paths are the point).
  static test::RunResult in(const fs::path& folder, const std::string& arguments) {
    return run_command("(cd " + quoted(folder) + " && " + binary() + " " + arguments + ")");
  }

 private:
  static test::TempDir* folder_;
};
test::TempDir* WithFigurePdf::folder_ = nullptr;

}  // namespace

TEST_F(WithFigurePdf, FigureFolderBesideEveryFormOfOutputPath) {
  test::TempDir dir;
  fs::copy_file(pdf(), dir / "h03.pdf");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"h03.xml", "h03_images/figure-1.png"},
      {"./h04.xml", "h04_images/figure-1.png"},
      {"'中文 目录/第 5 期.xml'", "中文 目录/第 5 期_images/figure-1.png"},
  };
  fs::create_directories(dir / "中文 目录");
  for (const auto& [output, image] : cases) {
    const auto result = in(dir.path(), "extract -q h03.pdf -o " + output);
    EXPECT_EQ(result.exit_code, 0) << output << ": " << result.err;
    EXPECT_TRUE(fs::is_regular_file(dir / image)) << output;
  }
  // The XML names its figures relative to itself, so it validates and typesets where it is.
  EXPECT_NE(test::read_text(dir / "h03.xml").find("src=\"h03_images/figure-1.png\""), std::string::npos);
  EXPECT_EQ(in(dir.path(), "typeset -q h03.xml -o h03-again.pdf").exit_code, 0);
  EXPECT_EQ(in(dir / "中文 目录", "typeset -q '第 5 期.xml' -o again.pdf").exit_code, 0);

  // To standard output: the figures go to the current folder, named after the input.
  const auto piped = in(dir.path(), "extract -q h03.pdf > out.xml");
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_TRUE(fs::is_regular_file(dir / "h03_images/figure-1.png"));
  const auto from_stdin = in(dir.path(), "extract -q - -o - < h03.pdf > stdin.xml");
  EXPECT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  EXPECT_NE(test::read_text(dir / "stdin.xml").find("src=\"stdin_images/figure-1.png\""), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(dir / "stdin_images/figure-1.png"));
  EXPECT_EQ(test::read_text(dir / "stdin.xml"),
            [&] {  // the same issue as from the file, apart from the folder's name
              std::string xml = test::read_text(dir / "out.xml");
              xml.replace(xml.find("h03_images"), 10, "stdin_images");
              return xml;
            }());
}

TEST(StreamsCli, DashIsStandardInputAndOutput) {
  test::TempDir dir;
  const std::string seed = (test::source_dir() / "tests/data/corpus/corpus-001.txt").string();
  const auto from_pipe = run_command("cat '" + seed + "' | " + binary() + " extract -q -");
  EXPECT_EQ(from_pipe.exit_code, 0) << from_pipe.err;
  const auto from_dev_stdin = run_command("cat '" + seed + "' | " + binary() + " extract -q /dev/stdin");
  EXPECT_EQ(from_dev_stdin.exit_code, 0) << from_dev_stdin.err;
  const auto from_file = run_reissue("extract -q '" + seed + "'");
  EXPECT_EQ(from_pipe.out, from_file.out);
  EXPECT_EQ(from_dev_stdin.out, from_file.out);

  // A PDF on standard output, through a pipe.
  const std::string sample = quoted(test::source_dir() / "samples/649.xml");
  const auto pdf = run_command(binary() + " typeset -q " + sample + " -o - | head -c 8");
  EXPECT_EQ(pdf.out, "%PDF-1.7");
  EXPECT_FALSE(fs::exists("-"));
  const auto docx = run_command(binary() + " docx -q " + sample + " -o - | head -c 2");
  EXPECT_EQ(docx.out, "PK");

  // A pipe larger than the limit is refused while it is read, naming the input and the limit.
  const auto huge = run_command("head -c 600000000 /dev/zero | " + binary() + " extract - -o " + quoted(dir / "x.xml"));
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_NE(huge.err.find("standard input"), std::string::npos) << huge.err;
  EXPECT_NE(huge.err.find("the limit is"), std::string::npos) << huge.err;
  EXPECT_FALSE(fs::exists(dir / "x.xml"));
}

TEST(StreamsCli, OutputsThatAreNotRegularFilesAreWrittenThroughOrRefused) {
  test::TempDir dir;
  const std::string sample = quoted(test::source_dir() / "samples/649.xml");
  const std::string expected = run_reissue("format " + sample).out;

  // A character device stays a device (as root this once replaced /dev/null).
  EXPECT_EQ(run_reissue("format " + sample + " -o /dev/null").exit_code, 0);
  struct stat status {};
  ASSERT_EQ(::stat("/dev/null", &status), 0);
  EXPECT_TRUE(S_ISCHR(status.st_mode));

  // /dev/stdout is the stream, whatever it is connected to.
  EXPECT_EQ(run_command(binary() + " format " + sample + " -o /dev/stdout | cat").out, expected);
  EXPECT_EQ(run_command("(" + binary() + " format " + sample + " -o /dev/stdout > " + quoted(dir / "redirected.xml") + ")")
                .exit_code,
            0);
  EXPECT_EQ(test::read_text(dir / "redirected.xml"), expected);

  // A FIFO is written through and stays a FIFO.
  const fs::path fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  std::string received;
  std::thread reader([&] { received = test::read_text(fifo); });
  EXPECT_EQ(run_reissue("format " + sample + " -o " + quoted(fifo)).exit_code, 0);
  reader.join();
  EXPECT_EQ(received, expected);
  ASSERT_EQ(::lstat(fifo.c_str(), &status), 0);
  EXPECT_TRUE(S_ISFIFO(status.st_mode));

  // A link is followed: its target is replaced, the link stays a link.
  test::write_text(dir / "target.xml", "old");
  fs::create_symlink("target.xml", dir / "link.xml");
  EXPECT_EQ(run_reissue("format " + sample + " -o " + quoted(dir / "link.xml")).exit_code, 0);
  EXPECT_TRUE(fs::is_symlink(dir / "link.xml"));
  EXPECT_EQ(test::read_text(dir / "target.xml"), expected);

  // A replaced file keeps its permissions.
  test::write_text(dir / "shared.xml", "old");
  fs::permissions(dir / "shared.xml", fs::perms(0664));
  EXPECT_EQ(run_reissue("format " + sample + " -o " + quoted(dir / "shared.xml")).exit_code, 0);
  EXPECT_EQ(fs::status(dir / "shared.xml").permissions(), fs::perms(0664));
  EXPECT_EQ(test::read_text(dir / "shared.xml"), expected);

  // A folder is never replaced: exit 7 (output), nothing left behind.
  fs::create_directories(dir / "folder.xml");
  const auto folder = run_reissue("format " + sample + " -o " + quoted(dir / "folder.xml"));
  EXPECT_EQ(folder.exit_code, 7);
  EXPECT_NE(folder.err.find("is a folder"), std::string::npos) << folder.err;
  EXPECT_TRUE(fs::is_directory(dir / "folder.xml"));
  for (const auto& entry : fs::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
}

TEST(StreamsCli, ExitStatusesFollowTheTable) {
  test::TempDir dir;
  const std::string sample = quoted(test::source_dir() / "samples/649.xml");
  // An output that cannot be written is 7, not "input invalid".
  const auto unwritable = run_reissue("typeset -q " + sample + " -o /nonexistent-folder/x.pdf");
  EXPECT_EQ(unwritable.exit_code, 7) << unwritable.err;
  EXPECT_NE(unwritable.err.find("/nonexistent-folder/x.pdf"), std::string::npos) << unwritable.err;
  // Usage mistakes are 6, with the nearest command suggested.
  const auto typo = run_reissue("typset " + sample);
  EXPECT_EQ(typo.exit_code, 6);
  EXPECT_NE(typo.err.find("did you mean \"typeset\""), std::string::npos) << typo.err;
  EXPECT_EQ(run_reissue("typeset " + sample + " --no-such-option").exit_code, 6);
  EXPECT_EQ(run_reissue("").exit_code, 6);
  // A missing input stays 2.
  EXPECT_EQ(run_reissue("typeset /nonexistent.xml -o " + quoted(dir / "x.pdf")).exit_code, 2);
}

TEST(StreamsCli, NothingOfTheUsersIsReplaced) {
  test::TempDir dir;
  const std::string sample = quoted(test::source_dir() / "samples/649.xml");
  // The output is the input: refused, the input untouched.
  fs::copy_file(test::source_dir() / "samples/649.xml", dir / "issue.xml");
  const auto over = run_reissue("typeset -q " + quoted(dir / "issue.xml") + " -o " + quoted(dir / "issue.xml"));
  EXPECT_EQ(over.exit_code, 6) << over.err;
  EXPECT_NE(over.err.find("is the input; writing there would destroy it"), std::string::npos) << over.err;
  EXPECT_EQ(test::read_text(dir / "issue.xml"), test::read_text(test::source_dir() / "samples/649.xml"));
  const std::string text = quoted(test::source_dir() / "tests/data/corpus/corpus-001.txt");
  fs::copy_file(test::source_dir() / "tests/data/corpus/corpus-001.txt", dir / "c.txt");
  EXPECT_EQ(run_reissue("extract -q " + quoted(dir / "c.txt") + " -o " + quoted(dir / "c.txt")).exit_code, 6);
  EXPECT_EQ(test::read_text(dir / "c.txt"), test::read_text(test::source_dir() / "tests/data/corpus/corpus-001.txt"));

  // A folder of the user's is not a repair folder: refused before any work, its files kept.
  fs::create_directories(dir / "mine");
  test::write_text(dir / "mine/notes.txt", "important");
  const auto repair = run_reissue("repair -q " + sample + " -o " + quoted(dir / "mine"));
  EXPECT_EQ(repair.exit_code, 7) << repair.err;
  EXPECT_NE(repair.err.find("holds what reissue did not make (notes.txt)"), std::string::npos) << repair.err;
  EXPECT_EQ(test::read_text(dir / "mine/notes.txt"), "important");
  // An earlier repair folder (with a trailing slash, or as ".") is replaced.
  EXPECT_EQ(run_reissue("repair -q " + sample + " -o " + quoted(dir / "done")).exit_code, 0);
  EXPECT_EQ(run_reissue("repair -q " + sample + " -o " + quoted(dir / "done") + "/").exit_code, 0);
  EXPECT_EQ(run_command("(cd " + quoted(dir / "done") + " && " + binary() + " repair -q " + sample + " -o .)").exit_code, 0);
  EXPECT_TRUE(fs::exists(dir / "done/issue.pdf"));

  // A file its owner made read-only is not replaced (as nobody when we are root).
  fs::permissions(dir.path(), fs::perms(0777));
  test::write_text(dir / "kept.xml", "read-only");
  fs::permissions(dir / "kept.xml", fs::perms(0444));
  const std::string as_user = ::geteuid() == 0 ? "setpriv --reuid=nobody --regid=nogroup --clear-groups " : "";
  const auto read_only = run_command(as_user + binary() + " format " + sample + " -o " + quoted(dir / "kept.xml"));
  EXPECT_EQ(read_only.exit_code, 7) << read_only.err;
  EXPECT_EQ(test::read_text(dir / "kept.xml"), "read-only");

  // Standard output that cannot take the output is an output error.
  const auto full = run_command("(" + binary() + " format " + sample + " > /dev/full)");
  EXPECT_EQ(full.exit_code, 7) << full.err;
}

TEST_F(WithFigurePdf, FigureFoldersBelongToTheirXml) {
  test::TempDir dir;
  fs::copy_file(pdf(), dir / "h03.pdf");
  // A folder of the user's where the figures would go is not replaced.
  fs::create_directories(dir / "m_images");
  test::write_text(dir / "m_images/notes.txt", "mine");
  EXPECT_EQ(in(dir.path(), "extract -q h03.pdf -o m.xml").exit_code, 7);
  EXPECT_EQ(test::read_text(dir / "m_images/notes.txt"), "mine");
  EXPECT_FALSE(fs::exists(dir / "m.xml"));
  // Through a link, the XML and its figures land together beside the file it names.
  fs::create_directories(dir / "real");
  fs::create_directories(dir / "links");
  test::write_text(dir / "real/target.xml", "old");
  fs::create_symlink("../real/target.xml", dir / "links/l.xml");
  EXPECT_EQ(in(dir.path(), "extract -q h03.pdf -o links/l.xml").exit_code, 0);
  EXPECT_TRUE(fs::is_regular_file(dir / "real/target_images/figure-1.png"));
  EXPECT_EQ(in(dir / "real", "typeset -q target.xml -o a.pdf").exit_code, 0);
  EXPECT_EQ(in(dir / "links", "typeset -q l.xml -o b.pdf").exit_code, 0);
  // The XML thrown away: no figure folder either.
  EXPECT_EQ(in(dir.path(), "extract -q h03.pdf -o /dev/null").exit_code, 0);
  EXPECT_FALSE(fs::exists(dir / "h03_images"));
  // A re-run without figures removes the earlier figures of that XML.
  EXPECT_EQ(in(dir.path(), "extract -q h03.pdf -o again.xml").exit_code, 0);
  ASSERT_TRUE(fs::exists(dir / "again_images"));
  fs::copy_file(test::source_dir() / "tests/data/corpus/corpus-001.txt", dir / "text.txt");
  EXPECT_EQ(in(dir.path(), "extract -q text.txt -o again.xml").exit_code, 0);
  EXPECT_FALSE(fs::exists(dir / "again_images"));
}

TEST(StreamsCli, OptionMistakesAreExplained) {
  const auto memory = run_reissue("extract x.pdf --memory 0");
  EXPECT_EQ(memory.exit_code, 6);
  EXPECT_NE(memory.err.find("--memory: \"0\" must be a number of MiB from 100 to"), std::string::npos) << memory.err;
  const auto jobs = run_reissue("batch a -o b -j 99999999999999");
  EXPECT_EQ(jobs.exit_code, 6);
  EXPECT_NE(jobs.err.find("must be a number of workers from 1 to 1024"), std::string::npos) << jobs.err;
  const auto option = run_reissue("typeset a.xml -o b.pdf --styl s.xml");
  EXPECT_EQ(option.exit_code, 6);
  EXPECT_NE(option.err.find("did you mean --style?"), std::string::npos) << option.err;
}

TEST(StreamsCli, NoOutputOverAnyInputOrAnotherOutput) {
  test::TempDir dir;
  fs::copy_file(test::source_dir() / "tests/data/corpus/corpus-001.txt", dir / "c.txt");
  fs::copy_file(test::source_dir() / "styles/default.xml", dir / "style.xml");
  fs::copy_file(test::source_dir() / "samples/649.xml", dir / "issue.xml");
  const std::string text = quoted(dir / "c.txt");
  // --report over the input, --report and -o the same file, both on stdout.
  EXPECT_EQ(run_reissue("extract -q " + text + " -o " + quoted(dir / "r.xml") + " --report " + text).exit_code, 6);
  EXPECT_EQ(run_reissue("extract -q " + text + " -o " + quoted(dir / "same") + " --report " + quoted(dir / "same"))
                .exit_code,
            6);
  EXPECT_FALSE(fs::exists(dir / "same"));
  EXPECT_EQ(run_reissue("extract -q " + text + " --report -").exit_code, 6);
  EXPECT_EQ(run_reissue("extract -q " + text + " -o - --report /dev/stdout").exit_code, 6);
  // A bad --report folder is found before anything is written.
  EXPECT_EQ(run_reissue("extract -q " + text + " -o " + quoted(dir / "e.xml") + " --report " + quoted(dir / "no/r.json"))
                .exit_code,
            7);
  EXPECT_FALSE(fs::exists(dir / "e.xml"));
  // The style sheet and the issue's figures are inputs of typeset and docx too.
  const auto style = run_reissue("typeset -q " + quoted(dir / "issue.xml") + " --style " + quoted(dir / "style.xml") +
                                 " -o " + quoted(dir / "style.xml"));
  EXPECT_EQ(style.exit_code, 6) << style.err;
  EXPECT_EQ(test::read_text(dir / "style.xml"), test::read_text(test::source_dir() / "styles/default.xml"));
  std::string issue = test::read_text(dir / "issue.xml");
  issue.replace(issue.find("<figure>"), 8, "<figure src=\"photo.png\">");
  test::write_text(dir / "issue.xml", issue);
  ASSERT_EQ(run_command("pdftoppm -f 1 -l 1 -r 10 -singlefile -png " +
                        quoted(test::source_dir() / "tests/data/corpus/corpus-000.pdf") + " " + quoted(dir / "photo"))
                .exit_code,
            0);
  EXPECT_EQ(run_reissue("docx -q " + quoted(dir / "issue.xml") + " -o " + quoted(dir / "photo.png")).exit_code, 6);
  EXPECT_EQ(test::read_text(dir / "photo.png").substr(1, 3), "PNG");
  // Names that name nothing.
  EXPECT_EQ(run_reissue("typeset -q " + quoted(dir / "issue.xml") + " -o ''").exit_code, 6);
  EXPECT_EQ(run_reissue("repair -q " + quoted(dir / "issue.xml") + " -o -").exit_code, 6);
  EXPECT_FALSE(fs::exists("-"));
}

TEST(StreamsCli, ARepairFolderWithAFileAddedByHandIsTheUsers) {
  test::TempDir dir;
  const std::string sample = quoted(test::source_dir() / "samples/649.xml");
  ASSERT_EQ(run_reissue("repair -q " + sample + " -o " + quoted(dir / "out")).exit_code, 0);
  test::write_text(dir / "out/notes.txt", "mine");
  const auto again = run_reissue("repair -q " + sample + " -o " + quoted(dir / "out"));
  EXPECT_EQ(again.exit_code, 7) << again.err;
  EXPECT_NE(again.err.find("(notes.txt)"), std::string::npos) << again.err;
  EXPECT_EQ(test::read_text(dir / "out/notes.txt"), "mine");
}

TEST(StreamsCli, OneFileIsOneIssue) {
  test::TempDir dir;
  // Two issues run together: the XML is written, kept whole, but not a success.
  test::write_text(dir / "two.txt", test::read_text(test::source_dir() / "tests/data/corpus/corpus-000.txt") +
                                        test::read_text(test::source_dir() / "tests/data/corpus/corpus-001.txt"));
  const auto two = run_reissue("extract -q " + quoted(dir / "two.txt") + " -o " + quoted(dir / "two.xml"));
  EXPECT_EQ(two.exit_code, 1) << two.err;
  EXPECT_NE(two.err.find("the input holds more than one issue"), std::string::npos) << two.err;
  EXPECT_TRUE(fs::exists(dir / "two.xml"));
  // Hundreds of issues run together: refused before it is read whole.
  const std::string one = test::read_text(test::source_dir() / "tests/data/corpus/corpus-001.txt");
  std::string many;
  while (many.size() < (std::size_t{17} << 20)) many += one;
  test::write_text(dir / "many.txt", many);
  const auto big = run_reissue("extract -q " + quoted(dir / "many.txt") + " -o " + quoted(dir / "many.xml"));
  EXPECT_EQ(big.exit_code, 2);
  EXPECT_NE(big.err.find("many.txt: is too large for one issue's text"), std::string::npos) << big.err;
  EXPECT_NE(big.err.find("the limit is 16 MiB"), std::string::npos) << big.err;
  const auto piped = run_command("cat " + quoted(dir / "many.txt") + " | " + binary() + " extract -q - -o " +
                                 quoted(dir / "many.xml"));
  EXPECT_EQ(piped.exit_code, 2);
  EXPECT_NE(piped.err.find("standard input: is too large for one issue's text (more than 16 MiB"), std::string::npos)
      << piped.err;
  EXPECT_FALSE(fs::exists(dir / "many.xml"));
}

TEST(StreamsCli, InterruptedRepairLeavesNoScratch) {
  test::TempDir dir;
  fs::create_directories(dir / "tmp");
  const std::string sample = quoted(test::source_dir() / "samples/649.xml");
  const auto stopped = run_command("(TMPDIR=" + quoted(dir / "tmp") + " REISSUE_TEST_HANG=649 " + quoted(test::reissue_test_hooks_binary()) +
                                   " repair -q " + sample + " -o " + quoted(dir / "out") +
                                   " & pid=$!; sleep 1; kill -INT $pid; wait $pid)");
  EXPECT_EQ(stopped.exit_code, 130) << stopped.err;
  EXPECT_TRUE(fs::is_empty(dir / "tmp"));
  EXPECT_FALSE(fs::exists(dir / "out"));
  const auto timed_out = run_command("TMPDIR=" + quoted(dir / "tmp") + " REISSUE_TEST_HANG=649 " + quoted(test::reissue_test_hooks_binary()) +
                                     " repair -q " + sample + " -o " + quoted(dir / "out") + " --timeout 1");
  EXPECT_EQ(timed_out.exit_code, 5) << timed_out.err;
  EXPECT_TRUE(fs::is_empty(dir / "tmp"));
}
