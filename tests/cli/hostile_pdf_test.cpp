// Broken and hostile PDFs through `reissue extract`: a clear message naming the
// file, the documented exit status, and no output file left behind.
#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>

namespace test = reissue::test;
namespace fs = std::filesystem;

namespace {

struct ExtractRun {
  int exit_code;
  std::string err;
  bool output_exists;
};

ExtractRun extract(const fs::path& input, const test::TempDir& dir) {
  const fs::path output = dir / "out.xml";
  const auto result = test::run_reissue("extract -q --timeout 30 '" + input.string() + "' -o '" + output.string() + "'");
  return {result.exit_code, result.err, fs::exists(output)};
}

std::string corpus_pdf() { return test::read_text(test::source_dir() / "tests/data/corpus/corpus-000.pdf"); }

// A PDF written by hand: objects 1..n (object 1 the catalog), an xref table.
std::string pdf_of(const std::string& version, const std::vector<std::string>& objects) {
  std::string pdf = "%PDF-" + version + "\n";
  std::vector<size_t> offsets;
  for (const std::string& body : objects) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  const std::string size = std::to_string(objects.size() + 1);
  pdf += "xref\n0 " + size + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  return pdf + "trailer\n<< /Size " + size + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

}  // namespace

TEST(HostilePdf, TruncatedFilesNeverCrash) {
  test::TempDir dir;
  const std::string pdf = corpus_pdf();
  for (size_t cut : {size_t{20}, size_t{1000}, pdf.size() / 3, pdf.size() / 2, pdf.size() - 200}) {
    test::write_text(dir / "cut.pdf", pdf.substr(0, cut));
    const ExtractRun run = extract(dir / "cut.pdf", dir);
    // Poppler repairs what it can; what it cannot is a clear read error.
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1 || run.exit_code == 2 || run.exit_code == 4)
        << cut << ": " << run.exit_code << " " << run.err;
    if (run.exit_code == 2) {
      EXPECT_NE(run.err.find("cut.pdf: "), std::string::npos) << run.err;
      EXPECT_FALSE(run.output_exists);
    }
    fs::remove(dir / "out.xml");
  }
}

TEST(HostilePdf, CorruptedBytesNeverCrash) {
  test::TempDir dir;
  std::string pdf = corpus_pdf();
  unsigned state = 12345;  // a fixed sequence: the test is repeatable
  for (int round = 0; round < 8; ++round) {
    std::string damaged = pdf;
    for (int k = 0; k < 200; ++k) {
      state = state * 1103515245u + 12345u;
      damaged[(state >> 8) % damaged.size()] = static_cast<char>(state >> 24);
    }
    test::write_text(dir / "damaged.pdf", damaged);
    const ExtractRun run = extract(dir / "damaged.pdf", dir);
    EXPECT_TRUE(run.exit_code <= 2 || run.exit_code == 4) << round << ": " << run.exit_code << " " << run.err;
    fs::remove(dir / "out.xml");
  }
}

TEST(HostilePdf, NotAPdfWithAPdfName) {
  test::TempDir dir;
  test::write_text(dir / "fake.pdf", "%PDF-1.7\nthis is not a PDF at all\n");
  const ExtractRun run = extract(dir / "fake.pdf", dir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("fake.pdf: "), std::string::npos);
  EXPECT_FALSE(run.output_exists);
}

TEST(HostilePdf, ImageOnlyScanHasItsOwnStatus) {
  // A page with an image and no text, written by hand.
  const std::string image_stream(3 * 8 * 8, '\x80');
  const std::string content = "q 400 0 0 600 100 100 cm /Im Do Q";
  const std::string pdf = pdf_of(
      "1.4", {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im 4 0 R >> >> "
              "/Contents 5 0 R >>",
              "<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceRGB /BitsPerComponent 8 "
              "/Length " + std::to_string(image_stream.size()) + " >>\nstream\n" + image_stream + "\nendstream",
              "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"});
  test::TempDir dir;
  test::write_text(dir / "scan.pdf", pdf);
  const ExtractRun run = extract(dir / "scan.pdf", dir);
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("scan.pdf: no text layer"), std::string::npos) << run.err;
  EXPECT_FALSE(run.output_exists);
}

// A tagged page whose structure tree refers to itself (an element its own
// kid, a /ParentTree that is its own kid, 100,000 nested arrays) and whose
// marked content is unbalanced: the text is read (exit 0 or 1), never a crash.
TEST(HostilePdf, CyclicStructureTreeNeverCrashes) {
  const std::string deep = std::string(100000, '[') + "0" + std::string(100000, ']');
  const std::string content = "/P <</MCID 0>> BDC /Span /MC0 BDC EMC BT /F1 12 Tf 72 700 Td (1.Hello world) Tj ET "
                              "EMC EMC EMC";
  const std::string pdf = pdf_of(
      "1.7", {"<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> /StructTreeRoot 6 0 R >>",
              "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
              "/Properties << /MC0 << /MCID 1 >> >> >> /Contents 5 0 R /StructParents 0 >>",
              "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
              "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
              "<< /Type /StructTreeRoot /K [7 0 R " + deep + "] /ParentTree 8 0 R >>",
              "<< /Type /StructElem /S /P /Pg 3 0 R /K [0 7 0 R 6 0 R << /Type /MCR /MCID 0 /Pg 3 0 R >>] /P 6 0 R >>",
              "<< /Kids [8 0 R] >>"});
  test::TempDir dir;
  test::write_text(dir / "cyclic.pdf", pdf);
  const ExtractRun run = extract(dir / "cyclic.pdf", dir);
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.exit_code << ": " << run.err;
  EXPECT_EQ(run.err.find("crash"), std::string::npos) << run.err;
}

TEST(HostilePdf, HugeFileIsRefused) {
  test::TempDir dir;
  {
    std::ofstream out(dir / "huge.pdf");
    out << "%PDF-1.4\n";
  }
  fs::resize_file(dir / "huge.pdf", std::uintmax_t{600} << 20);  // sparse
  const ExtractRun run = extract(dir / "huge.pdf", dir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("too large"), std::string::npos) << run.err;
}
