// `reissue repair` and `reissue batch` on real inputs: a backlog mixing good
// PDFs, texts and XML with corrupt, encrypted, empty, mislabelled and hanging
// inputs; re-runs, --force, a SIGKILL in the middle, shards.
#include "backlog.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace test = reissue::test;
namespace fs = std::filesystem;
using test::run_reissue;

using test::corpus;
using test::make_good_backlog;
using test::quoted;
using test::report_rows;
using test::seed;
using test::tree;

TEST(RepairCli, WritesEveryOutputIntoOneFolder) {
  test::TempDir dir;
  const auto result = run_reissue("repair " + quoted(corpus("corpus-001.pdf")) + " -o " + quoted(dir / "out"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* file : {"issue.xml", "issue.pdf", "issue.docx", "review.json", "status.json"})
    EXPECT_TRUE(fs::exists(dir / "out" / file)) << file;
  EXPECT_EQ(run_reissue("validate -q " + quoted(dir / "out/issue.xml")).exit_code, 0);

  test::write_text(dir / "damaged.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n");
  const auto bad = run_reissue("repair " + quoted(dir / "damaged.pdf") + " -o " + quoted(dir / "bad"));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_FALSE(fs::exists(dir / "bad"));

  const auto xml_only = run_reissue("repair -q " + quoted(seed("003")) + " -o " + quoted(dir / "xml") + " --to xml");
  ASSERT_EQ(xml_only.exit_code, 0) << xml_only.err;
  EXPECT_TRUE(fs::exists(dir / "xml/issue.xml"));
  EXPECT_FALSE(fs::exists(dir / "xml/issue.pdf"));
  EXPECT_FALSE(fs::exists(dir / "xml/issue.docx"));
}

// --style takes a bundled sheet's name in repair and batch as in typeset.
TEST(BatchCli, StyleByBundledName) {
  test::TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(seed("003"), dir / "in/003.xml");
  const auto batch = run_reissue("batch -q " + quoted(dir / "in") + " -o " + quoted(dir / "out") +
                                 " --to pdf --no-pdfa --style large-print");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  const auto repair = run_reissue("repair -q " + quoted(seed("003")) + " -o " + quoted(dir / "one") +
                                  " --to pdf --no-pdfa --style large-print");
  ASSERT_EQ(repair.exit_code, 0) << repair.err;
  for (const fs::path& pdf : {dir / "out/003/issue.pdf", dir / "one/issue.pdf"}) {
    const auto size = test::run_command("pdfinfo " + quoted(pdf) + " | grep 'Page size'");
    EXPECT_NE(size.out.find("419.528 x 595.276"), std::string::npos) << pdf << ": " << size.out;  // A5
  }
}

TEST(BatchCli, GoodInputsConvertedBadOnesReportedNothingPartial) {
  test::TempDir dir;
  const fs::path in = dir / "in", out = dir / "out";
  make_good_backlog(in);
  fs::create_directories(in / "bad");
  const std::string pdf = test::read_text(corpus("corpus-002.pdf"));
  test::write_text(in / "bad/truncated.pdf", pdf.substr(0, pdf.size() / 3));
  test::write_text(in / "bad/empty.txt", "");
  test::write_text(in / "bad/letter.pdf", "Dear editor, this is not a PDF.\n");
  test::write_text(in / "bad/hang-me.txt", test::read_text(seed("001")));
  test::write_text(in / "bad/crash-me.txt", test::read_text(seed("001")));
  ASSERT_EQ(test::run_command("qpdf --encrypt secret owner 256 -- " + quoted(corpus("corpus-001.pdf")) + " " +
                              quoted(in / "bad/encrypted.pdf"))
                .exit_code,
            0);

  const auto result = test::run_command("REISSUE_TEST_HANG=hang-me REISSUE_TEST_CRASH=crash-me " +
                                        quoted(test::reissue_test_hooks_binary()) + " batch " +
                                        quoted(in) + " -o " + quoted(out) + " -j 2 --timeout 3");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("batch: 11 input(s): 5 converted, 0 up to date, 6 failed"), std::string::npos)
      << result.err;

  auto rows = report_rows(out / "report.json");
  ASSERT_EQ(rows.size(), 11u);
  for (const char* good : {"2025-0/text/000.txt", "2025-0/text/002.txt", "2025-0/corpus-000.pdf",
                           "2025-0/corpus-003.pdf", "2025-0/649.xml"}) {
    EXPECT_EQ(rows[good]["status"], "converted") << good;
    EXPECT_EQ(rows[good]["articles"], 3) << good;
    const fs::path folder = out / rows[good]["output"].get<std::string>();
    for (const char* file : {"issue.xml", "issue.pdf", "issue.docx", "review.json", "status.json"})
      EXPECT_TRUE(fs::exists(folder / file)) << folder / file;
  }
  const std::map<std::string, std::string> reasons = {
      {"bad/truncated.pdf", "damaged"},
      {"bad/empty.txt", "file is empty"},
      {"bad/letter.pdf", "is named .pdf but is not a PDF"},
      {"bad/hang-me.txt", "timed out after 3 s"},
      {"bad/crash-me.txt", "crashed (SIGSEGV)"},
      {"bad/encrypted.pdf", "encrypted and needs a password"}};
  for (const auto& [input, reason] : reasons) {
    EXPECT_EQ(rows[input]["status"], "failed") << input;
    EXPECT_NE(rows[input]["reason"].get<std::string>().find(reason), std::string::npos) << rows[input]["reason"];
    EXPECT_FALSE(fs::exists(out / rows[input]["output"].get<std::string>())) << input << " left an output";
  }
  // No temporary or partial file anywhere, no worker left running.
  for (const auto& [file, bytes] : tree(out)) EXPECT_EQ(file.find(".tmp-"), std::string::npos) << file;
  EXPECT_FALSE(fs::exists(out / ".reissue-work"));
  EXPECT_NE(test::read_text(out / "report.csv").find("bad/hang-me.txt,bad/hang-me,failed,timed out"),
            std::string::npos);
}

TEST(BatchCli, ReRunSkipsWhatIsUpToDateAndForceRedoesIt) {
  test::TempDir dir;
  make_good_backlog(dir / "in");
  const std::string command = "batch -q " + quoted(dir / "in") + " -o " + quoted(dir / "out") + " -j 2";
  ASSERT_EQ(run_reissue(command).exit_code, 0);
  const auto first = tree(dir / "out");

  const auto again = run_reissue(command);
  EXPECT_NE(again.err.find("0 converted, 5 up to date, 0 failed"), std::string::npos) << again.err;
  EXPECT_EQ(tree(dir / "out"), first);
  for (const auto& [input, row] : report_rows(dir / "out/report.json")) EXPECT_EQ(row["pages"] > 0, row["kind"] != "xml");

  // A changed input is redone; --force redoes all, to the same bytes.
  test::write_text(dir / "in/2025-0/text/000.txt", test::read_text(seed("003")));
  const auto changed = run_reissue(command);
  EXPECT_NE(changed.err.find("1 converted, 4 up to date"), std::string::npos) << changed.err;
  const auto forced = run_reissue(command + " --force");
  EXPECT_NE(forced.err.find("5 converted, 0 up to date"), std::string::npos) << forced.err;
  auto expected = first;
  for (auto& [file, bytes] : tree(dir / "out")) {
    if (!file.starts_with("2025-0/text/000/")) {
      EXPECT_TRUE(bytes == expected[file]) << file;
    }
  }
}

TEST(BatchCli, KilledMidwayThenResumedGivesTheSameOutputs) {
  test::TempDir dir;
  make_good_backlog(dir / "in", 6);
  ASSERT_EQ(run_reissue("batch -q " + quoted(dir / "in") + " -o " + quoted(dir / "reference") + " -j 2").exit_code, 0);

  // SIGKILL once about a third of the inputs are done.
  const std::string batch = quoted(test::reissue_binary()) + " batch -q " + quoted(dir / "in") + " -o " +
                            quoted(dir / "out") + " -j 2";
  const auto killed = test::run_command("(" + batch + " & pid=$!; while [ $(find " + quoted(dir / "out") +
                                        " -name status.json 2>/dev/null | wc -l) -lt 10 ]; do sleep 0.02; done; "
                                        "kill -9 $pid; wait $pid)");
  EXPECT_EQ(killed.exit_code, 128 + 9);
  // What is there is complete: every file equals the reference's.
  const auto reference = tree(dir / "reference");
  size_t complete = 0;
  for (const auto& [file, bytes] : tree(dir / "out")) {
    if (file.find(".tmp-") != std::string::npos || file.starts_with(".reissue-work")) continue;
    EXPECT_TRUE(reference.count(file) && reference.at(file) == bytes) << file << " is partial or wrong";
    ++complete;
  }
  EXPECT_GT(complete, 0u);
  EXPECT_LT(complete, reference.size());
  // No worker outlives the batch.
  EXPECT_NE(test::run_command("pgrep -f '[b]atch -q " + (dir / "in").string() + "'").exit_code, 0);

  const auto resumed = run_reissue("batch " + quoted(dir / "in") + " -o " + quoted(dir / "out") + " -j 2");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("up to date"), std::string::npos);
  EXPECT_TRUE(tree(dir / "out") == reference);
}

TEST(BatchCli, ShardsSplitTheBacklogAndTheirReportsMerge) {
  test::TempDir dir;
  make_good_backlog(dir / "in", 3);
  std::set<std::string> seen;
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    const auto result =
        run_reissue("batch -q " + quoted(dir / "in") + " -o " + quoted(dir / "out") + " --to xml --shard " + shard);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  for (const char* report : {"report-1-of-3.json", "report-2-of-3.json", "report-3-of-3.json"}) {
    const auto rows = report_rows(dir / "out" / report);
    EXPECT_FALSE(rows.empty()) << report;
    for (const auto& [input, row] : rows) EXPECT_TRUE(seen.insert(input).second) << input << " in two shards";
  }
  EXPECT_EQ(seen.size(), 15u);
  const auto merged = run_reissue("batch --merge " + quoted(dir / "out"));
  EXPECT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(report_rows(dir / "out/report.json").size(), 15u);
  EXPECT_NE(test::read_text(dir / "out/report.csv").find("2025-2/text/002.txt"), std::string::npos);
  // --to xml: no PDF or DOCX.
  EXPECT_TRUE(fs::exists(dir / "out/2025-1/649/issue.xml"));
  EXPECT_FALSE(fs::exists(dir / "out/2025-1/649/issue.pdf"));
}

TEST(BatchCli, MemoryBlowUpIsThatInputsFailure) {
  test::TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(seed("002"), dir / "in/002.txt");
  const auto result = run_reissue("batch -q " + quoted(dir / "in") + " -o " + quoted(dir / "out") + " --memory 100");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  auto rows = report_rows(dir / "out/report.json");
  EXPECT_EQ(rows["002.txt"]["status"], "failed");
  EXPECT_EQ(rows["002.txt"]["reason"], "ran out of memory (limit 100 MiB)");
  EXPECT_FALSE(fs::exists(dir / "out/002"));
}
