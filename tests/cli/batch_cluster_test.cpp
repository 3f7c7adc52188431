// `reissue batch` as a cluster runs it: shards at the same time into one
// folder, --merge checking what it joins, --dry-run, and Ctrl-C / SIGTERM in
// the middle followed by a resume.
#include "backlog.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <set>

namespace test = reissue::test;
namespace fs = std::filesystem;
using test::make_good_backlog;
using test::quoted;
using test::report_rows;
using test::run_command;
using test::run_reissue;
using test::tree;

namespace {

std::string batch_command(const fs::path& in, const fs::path& out, const std::string& options = "") {
  return quoted(test::reissue_binary()) + " batch -q " + quoted(in) + " -o " + quoted(out) + " " + options;
}

// Files whose name says they are temporaries or work files of a batch.
std::vector<std::string> leftovers(const fs::path& root) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp-") != std::string::npos || name == ".reissue-work") found.push_back(entry.path().string());
  }
  return found;
}

}  // namespace

TEST(BatchCluster, ThreeShardsAtOnceIntoOneFolderThenMerge) {
  test::TempDir dir;
  make_good_backlog(dir / "in", 4);
  ASSERT_EQ(run_reissue("batch -q " + quoted(dir / "in") + " -o " + quoted(dir / "reference") + " --to xml,pdf")
                .exit_code,
            0);
  // As GNU parallel or a Slurm array starts them: all at once, one folder.
  const std::string out = quoted(dir / "out");
  std::string script = "status=0; ";
  for (int k = 1; k <= 3; ++k)
    script += batch_command(dir / "in", dir / "out", "--to xml,pdf -j 1 --shard " + std::to_string(k) + "/3") +
              " & pids=\"$pids $!\"; ";
  script += "for p in $pids; do wait $p || status=$?; done; exit $status";
  const auto shards = run_command("(" + script + ")");
  ASSERT_EQ(shards.exit_code, 0) << shards.err;

  const auto merged = run_reissue("batch --merge " + out);
  EXPECT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_NE(merged.err.find("20 input(s): 20 converted"), std::string::npos) << merged.err;
  const auto rows = report_rows(dir / "out/report.json");
  EXPECT_EQ(rows.size(), 20u);
  for (const auto& [input, row] : rows) EXPECT_EQ(row["status"], "converted") << input;
  // The same outputs as one run, nothing left behind.
  EXPECT_TRUE(tree(dir / "out") == tree(dir / "reference"));
  EXPECT_TRUE(leftovers(dir / "out").empty()) << leftovers(dir / "out").front();

  // A re-run of every shard at once finds everything up to date.
  const auto again = run_command("(" + script + ")");
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(run_reissue("batch --merge " + out).exit_code, 0);
  for (const auto& [input, row] : report_rows(dir / "out/report.json")) EXPECT_EQ(row["status"], "up-to-date");
}

TEST(BatchCluster, MergeRefusesWhatDoesNotAddUp) {
  test::TempDir dir;
  make_good_backlog(dir / "in", 2);
  const fs::path out = dir / "out";
  for (const char* shard : {"1/3", "3/3"})
    ASSERT_EQ(run_command(batch_command(dir / "in", out, "--to xml --shard " + std::string(shard))).exit_code, 0);

  // A shard missing: named, non-zero, no merged report.
  const auto missing = run_reissue("batch --merge " + quoted(out));
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  EXPECT_NE(missing.err.find("shard(s) 2 of 3 have no report"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(out / "report.json"));

  // The missing shard done, plus a stale report of another split beside them.
  ASSERT_EQ(run_command(batch_command(dir / "in", out, "--to xml --shard 2/3")).exit_code, 0);
  fs::copy_file(out / "report-1-of-3.json", out / "report-1-of-4.json");
  const auto mixed = run_reissue("batch --merge " + quoted(out));
  EXPECT_EQ(mixed.exit_code, 1) << mixed.err;
  EXPECT_NE(mixed.err.find("2 different splits"), std::string::npos) << mixed.err;
  EXPECT_NE(mixed.err.find("report-1-of-4.json"), std::string::npos) << mixed.err;
  fs::remove(out / "report-1-of-4.json");

  // A shard run with other settings does not belong with the others.
  const std::string good_shard_1 = test::read_text(out / "report-1-of-3.json");
  ASSERT_EQ(run_command(batch_command(dir / "in", out, "--to xml,docx --shard 1/3")).exit_code, 0);
  const auto settings = run_reissue("batch --merge " + quoted(out));
  EXPECT_EQ(settings.exit_code, 1) << settings.err;
  EXPECT_NE(settings.err.find("settings"), std::string::npos) << settings.err;
  test::write_text(out / "report-1-of-3.json", good_shard_1);

  const auto complete = run_reissue("batch --merge " + quoted(out));
  EXPECT_EQ(complete.exit_code, 0) << complete.err;
  EXPECT_EQ(report_rows(out / "report.json").size(), 10u);

  // Not a folder: a plain error, not an internal one.
  const auto nowhere = run_reissue("batch --merge " + quoted(dir / "nonexistent"));
  EXPECT_EQ(nowhere.exit_code, 2);
  EXPECT_NE(nowhere.err.find("nonexistent: does not exist"), std::string::npos) << nowhere.err;
}

TEST(BatchCluster, DryRunListsWhatAShardWouldDoAndWritesNothing) {
  test::TempDir dir;
  make_good_backlog(dir / "in", 2);
  const auto plan = run_reissue("batch " + quoted(dir / "in") + " -o " + quoted(dir / "out") + " --dry-run");
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
  EXPECT_NE(plan.out.find("to-convert\t2025-1/corpus-000.pdf\t2025-1/corpus-000/"), std::string::npos) << plan.out;
  EXPECT_NE(plan.err.find("10 of 10 input(s): 10 to convert, 0 up to date"), std::string::npos) << plan.err;

  ASSERT_EQ(run_command(batch_command(dir / "in", dir / "out", "--to xml")).exit_code, 0);
  test::write_text(dir / "in/2025-0/649.xml", "changed");
  std::size_t listed = 0;
  for (const char* shard : {"1/2", "2/2"}) {
    const auto part = run_reissue("batch " + quoted(dir / "in") + " -o " + quoted(dir / "out") +
                                  " --to xml --dry-run --shard " + shard);
    EXPECT_EQ(part.exit_code, 0) << part.err;
    listed += static_cast<std::size_t>(std::count(part.out.begin(), part.out.end(), '\n'));
    if (part.out.find("2025-0/649.xml") != std::string::npos) {
      EXPECT_NE(part.out.find("to-convert\t2025-0/649.xml"), std::string::npos) << part.out;
    }
  }
  EXPECT_EQ(listed, 10u);  // every input in exactly one shard
}

// Ctrl-C (SIGINT) or SIGTERM while workers run: a partial report marked
// interrupted, no temporaries or empty folders, one line saying how to
// resume, exit 128 + signal; the resumed run finishes the same outputs.
class BatchInterrupted : public ::testing::TestWithParam<int> {};

TEST_P(BatchInterrupted, StopsCleanlyAndResumes) {
  const int signal = GetParam();
  test::TempDir dir;
  make_good_backlog(dir / "in", 6);
  ASSERT_EQ(run_command(batch_command(dir / "in", dir / "reference", "-j 2")).exit_code, 0);

  const fs::path out = dir / "out";
  // Six finished folders (a status.json in a temporary folder is not one yet).
  const auto stopped = run_command("(" + batch_command(dir / "in", out, "-j 2") + " & pid=$!; while [ $(find " +
                                   quoted(out) + " -name status.json -not -path '*.tmp-*' 2>/dev/null | wc -l) -lt 6 ]; " +
                                   "do sleep 0.02; done; " +
                                   "kill -" + std::to_string(signal) + " $pid; wait $pid)");
  EXPECT_EQ(stopped.exit_code, 128 + signal) << stopped.err;
  EXPECT_NE(stopped.err.find("run the same command again"), std::string::npos) << stopped.err;

  const auto json = nlohmann::json::parse(test::read_text(out / "report.json"));
  EXPECT_EQ(json.value("interrupted", ""), signal == 2 ? "SIGINT" : "SIGTERM");
  const auto rows = report_rows(out / "report.json");
  EXPECT_EQ(rows.size(), 30u);
  std::size_t converted = 0, interrupted = 0;
  for (const auto& [input, row] : rows) {
    converted += row["status"] == "converted";
    interrupted += row["status"] == "interrupted";
    EXPECT_NE(row["status"], "failed") << input << ": " << row.value("reason", "");
  }
  EXPECT_GE(converted, 6u);
  EXPECT_GT(interrupted, 0u);
  EXPECT_EQ(converted + interrupted, 30u);
  EXPECT_TRUE(leftovers(out).empty()) << leftovers(out).front();
  // No empty folder left behind, and every folder there is complete.
  const auto reference = tree(dir / "reference");
  for (const auto& entry : fs::recursive_directory_iterator(out))
    if (entry.is_directory()) {
      EXPECT_FALSE(fs::is_empty(entry.path())) << entry.path();
    }
  for (const auto& [file, bytes] : tree(out)) EXPECT_TRUE(reference.count(file) && reference.at(file) == bytes) << file;
  EXPECT_NE(run_command("pgrep -f '[b]atch -q " + (dir / "in").string() + "'").exit_code, 0);

  const auto resumed = run_command(batch_command(dir / "in", out, "-j 2"));
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_TRUE(tree(out) == reference);
  EXPECT_FALSE(nlohmann::json::parse(test::read_text(out / "report.json")).contains("interrupted"));
}

INSTANTIATE_TEST_SUITE_P(Signals, BatchInterrupted, ::testing::Values(2, 15),
                         [](const auto& test_info) { return test_info.param == 2 ? "SIGINT" : "SIGTERM"; });

TEST(BatchCluster, UnwritableOutputFolderIsAnOutputError) {
  test::TempDir dir;
  make_good_backlog(dir / "in");
  fs::create_directories(dir / "out");
  // Root writes into read-only folders: run as nobody then (CI runs as root).
  fs::permissions(dir.path(), fs::perms(0755));
  fs::permissions(dir / "out", fs::perms(0555));
  const std::string as_user = ::geteuid() == 0 ? "setpriv --reuid=nobody --regid=nogroup --clear-groups " : "";
  const auto result = run_command(as_user + batch_command(dir / "in", dir / "out"));
  fs::permissions(dir / "out", fs::perms::owner_all);
  EXPECT_EQ(result.exit_code, 7) << result.err;
  EXPECT_NE(result.err.find("cannot write into the output folder"), std::string::npos) << result.err;
}

TEST(BatchCluster, WhatCannotBeTakenIsReportedNotSkipped) {
  test::TempDir dir;
  const fs::path in = dir / "in";
  make_good_backlog(in);
  // A folder nobody may list, a link to nothing, a name that is not UTF-8
  // (a GBK name from a Windows archive).
  fs::create_directories(in / "locked");
  fs::copy_file(test::source_dir() / "samples/649.xml", in / "locked/x.xml");
  fs::create_symlink("nowhere.pdf", in / "dangling.pdf");
  fs::copy_file(test::source_dir() / "samples/649.xml", in / "\xC6\xDA\xBF\xAF.xml");
  fs::permissions(dir.path(), fs::perms(0755));
  fs::create_directories(dir / "out");
  fs::permissions(dir / "out", fs::perms(0777));
  fs::permissions(in / "locked", fs::perms(0));
  const std::string as_user = ::geteuid() == 0 ? "setpriv --reuid=nobody --regid=nogroup --clear-groups " : "";
  const auto result = run_command(as_user + batch_command(in, dir / "out", "--to xml"));
  fs::permissions(in / "locked", fs::perms(0755));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const auto rows = report_rows(dir / "out/report.json");
  EXPECT_EQ(rows.size(), 8u) << test::read_text(dir / "out/report.csv");
  ASSERT_TRUE(rows.count("locked"));
  EXPECT_NE(rows.at("locked")["reason"].get<std::string>().find("the folder cannot be read"), std::string::npos);
  EXPECT_NE(rows.at("dangling.pdf")["reason"].get<std::string>().find("a link to nothing"), std::string::npos);
  // report.json is UTF-8 (U+FFFD for the bad bytes); report.csv keeps the name's bytes.
  std::size_t converted = 0;
  for (const auto& [input, row] : rows) converted += row["status"] == "converted";
  EXPECT_EQ(converted, 6u);
  EXPECT_NE(test::read_text(dir / "out/report.csv").find("\xC6\xDA\xBF\xAF.xml,"), std::string::npos);

  // The output folder may not be the input folder.
  const auto same = run_command(batch_command(in, in));
  EXPECT_EQ(same.exit_code, 6) << same.err;
  // A missing input folder leaves no output folder behind.
  EXPECT_EQ(run_command(batch_command(dir / "nope", dir / "made")).exit_code, 2);
  EXPECT_FALSE(fs::exists(dir / "made"));
}

TEST(BatchCluster, ResumeRedoesAFolderThatIsNoLongerWhole) {
  test::TempDir dir;
  make_good_backlog(dir / "in");
  ASSERT_EQ(run_command(batch_command(dir / "in", dir / "out")).exit_code, 0);
  const auto reference = tree(dir / "out");
  fs::remove(dir / "out/2025-0/649/issue.pdf");
  test::write_text(dir / "out/2025-0/corpus-000/issue.docx", "garbage");
  const auto again = run_command(batch_command(dir / "in", dir / "out"));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  const auto rows = report_rows(dir / "out/report.json");
  EXPECT_EQ(rows.at("2025-0/649.xml")["status"], "converted");
  EXPECT_EQ(rows.at("2025-0/corpus-000.pdf")["status"], "converted");
  EXPECT_EQ(rows.at("2025-0/corpus-003.pdf")["status"], "up-to-date");
  EXPECT_TRUE(tree(dir / "out") == reference);
}

TEST(BatchCluster, EveryInputHasAFolderOfItsOwn) {
  test::TempDir dir;
  const fs::path in = dir / "in";
  fs::create_directories(in / "x");
  const std::string text = test::read_text(test::seed("002"));
  for (const char* name : {"y.txt", "y.TXT", "x_pdf.txt", "x.txt", "x/a.txt"}) test::write_text(in / name, text);
  fs::copy_file(test::corpus("corpus-000.pdf"), in / "x.pdf");
  // An earlier run's output inside the input folder is not part of the backlog.
  ASSERT_EQ(run_command(batch_command(in, dir / "first", "--to xml")).exit_code, 0);
  fs::rename(dir / "first", in / "old-output");
  for (int run = 0; run < 2; ++run) {
    const auto result = run_command(batch_command(in, dir / "out", "--to xml -j 2"));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const auto rows = report_rows(dir / "out/report.json");
    EXPECT_EQ(rows.size(), 6u) << test::read_text(dir / "out/report.csv");
    std::set<std::string> folders;
    for (const auto& [input, row] : rows) {
      EXPECT_EQ(row["status"], run == 0 ? "converted" : "up-to-date") << input;
      const std::string folder = row["output"];
      EXPECT_TRUE(folders.insert(folder).second) << folder << " twice";
      EXPECT_TRUE(fs::exists(dir / "out" / folder / "issue.xml")) << folder;
    }
    for (const std::string& a : folders)
      for (const std::string& b : folders) EXPECT_FALSE(b.starts_with(a + "/")) << a << " holds " << b;
  }
}

TEST(BatchCluster, MergeWaitsForAShardStillRunning) {
  test::TempDir dir;
  make_good_backlog(dir / "in");
  for (const char* shard : {"1/2", "2/2"})
    ASSERT_EQ(run_command(batch_command(dir / "in", dir / "out", "--to xml --shard " + std::string(shard))).exit_code, 0);
  // Shard 1 runs again (one input hangs) while --merge is asked for.
  const std::string hanging = quoted(test::reissue_test_hooks_binary()) + " batch -q " + quoted(dir / "in") + " -o " +
                              quoted(dir / "out") + " --to xml --force --timeout 5 --shard 1/2";
  const auto merged = run_command("(REISSUE_TEST_HANG=2025-0 " + hanging +
                                  " & pid=$!; sleep 1; " + quoted(test::reissue_binary()) + " batch --merge " +
                                  quoted(dir / "out") + "; status=$?; wait $pid; exit $status)");
  EXPECT_EQ(merged.exit_code, 6) << merged.err;
  EXPECT_NE(merged.err.find("shard 1 of 2 is still running"), std::string::npos) << merged.err;
}
