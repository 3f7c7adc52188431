// Extracts every PDF of the multi-producer test set (tests/data/producers) and
// scores it against its gold: one row a file, then one a producer.
//
//   build/tests/score_producers [-v] [-n N] [--text | --scans] [NAME-PREFIX...]
//
// --scans scores the scan test set (tests/data/scans: read by OCR) against
// the OCR bar (tests/extract/ocr_test.cpp) instead.
// -v prints each file's first N mismatches (default 12) under its row; a
// prefix ("typst", "lo-kai") limits the run to files whose name starts so.
// Columns: exact fields ok/total (masthead, intro, contents, article title,
// source, URL, headline, dateline), body blocks matched by text (F1), matched
// blocks of the right kind, text similarity of all body text, spaces between
// Chinese characters not in the gold, and the outcome: "bar" when the file
// meets the bar of tests/extract/producers_test.cpp, else what it misses, or
// the error extraction threw.
#include "gold_score.h"
#include "reissue/text.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace reissue;
using namespace reissue::test;

namespace {

struct Totals {
  int files = 0, bar = 0, errors = 0, fields_ok = 0, fields_total = 0, spaces = 0;
  double f1 = 0, similarity = 0;
  int scored = 0;
};

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

std::string ratio(int ok, int total) { return std::to_string(ok) + "/" + std::to_string(total); }

// The PDF's text as the archive's texts hold it (and ../corpus/*.txt): what
// `pdftotext -enc UTF-8` prints, an empty line after every line, form feeds
// removed.
std::string pdftotext(const std::filesystem::path& pdf) {
  const std::string command = "pdftotext -enc UTF-8 '" + pdf.string() + "' -";
  std::string raw;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[65536];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) raw.append(buffer, n);
    pclose(pipe);
  }
  std::string text;
  for (char c : raw) {
    if (c == '\f') continue;
    text += c;
    if (c == '\n') text += '\n';
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  bool text = false;  // score the text path on each PDF's pdftotext output
  bool scans = false;
  std::size_t max_mismatches = 12;
  std::vector<std::string> prefixes;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-v") {
      verbose = true;
    } else if (arg == "--text") {
      text = true;
    } else if (arg == "--scans") {
      scans = true;
    } else if (arg == "-n" && i + 1 < argc) {
      max_mismatches = static_cast<std::size_t>(std::atoi(argv[++i]));
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "usage: %s [-v] [-n N] [--text | --scans] [NAME-PREFIX...]\n", argv[0]);
      return 6;
    } else {
      prefixes.push_back(arg);
    }
  }

  std::printf("%-22s %7s %6s %7s %7s %5s  %s\n", "file", "fields", "F1", "kinds", "simil", "zh-sp", "outcome");
  std::map<std::string, Totals> producers;
  for (const ProducerPdf& file : scans ? scan_pdfs() : producer_pdfs()) {
    bool wanted = prefixes.empty();
    for (const std::string& prefix : prefixes) wanted = wanted || file.name.rfind(prefix, 0) == 0;
    if (!wanted) continue;
    const ProducerResult result = text ? extract_and_score(file, pdftotext(file.pdf), file.name + ".txt", max_mismatches)
                                       : extract_and_score(file, max_mismatches,
                                                           scans ? ExtractOptions::Ocr::automatic : ExtractOptions::Ocr::never);
    Totals& totals = producers[file.producer];
    ++totals.files;
    if (!result.score) {
      ++totals.errors;
      const bool allowed = result.status == ExitStatus::no_text_layer && may_lack_text_layer(file);
      if (allowed) ++totals.bar;
      std::printf("%-22s %7s %6s %7s %7s %5s  %s%s (status %d): %s\n", file.name.c_str(), "-", "-", "-", "-", "-",
                  allowed ? "bar: " : "", describe(result.status), static_cast<int>(result.status),
                  result.error.c_str());
      continue;
    }
    const GoldScore& score = *result.score;
    const std::vector<std::string> failures = scans ? ocr_bar_failures(score) : bar_failures(score);
    if (failures.empty()) ++totals.bar;
    ++totals.scored;
    totals.fields_ok += score.fields_ok();
    totals.fields_total += score.fields_total();
    totals.f1 += score.paragraph_f1();
    totals.similarity += score.similarity;
    totals.spaces += score.chinese_spaces;
    std::printf("%-22s %7s %6s %7s %s%6s %5d  %s\n", file.name.c_str(),
                ratio(score.fields_ok(), score.fields_total()).c_str(),
                format_decimal(score.paragraph_f1(), 3).c_str(), ratio(score.kinds_ok, score.blocks_matched).c_str(),
                score.similarity_at_most ? "<" : " ", format_decimal(score.similarity, 4).c_str(),
                score.chinese_spaces, failures.empty() ? "bar" : ("misses: " + join(failures)).c_str());
    if (verbose) {
      for (const std::string& mismatch : score.mismatches) std::printf("    %s\n", mismatch.c_str());
      if (score.mismatch_count > static_cast<int>(score.mismatches.size()))
        std::printf("    ... %d mismatches in all\n", score.mismatch_count);
    }
  }

  std::printf("\n%-10s %5s %4s %6s %9s %6s %7s %6s\n", "producer", "files", "bar", "errors", "fields", "F1",
              "simil", "zh-sp");
  Totals all;
  for (const auto& [name, t] : producers) {
    const double scored = t.scored ? t.scored : 1;
    std::printf("%-10s %5d %4d %6d %9s %6s %7s %6d\n", name.c_str(), t.files, t.bar, t.errors,
                ratio(t.fields_ok, t.fields_total).c_str(), format_decimal(t.f1 / scored, 3).c_str(),
                format_decimal(t.similarity / scored, 4).c_str(), t.spaces);
    all.files += t.files;
    all.bar += t.bar;
    all.errors += t.errors;
  }
  std::printf("%-10s %5d %4d %6d   (F1, similarity: means over the files scored)\n", "all", all.files, all.bar,
              all.errors);
  return 0;
}
