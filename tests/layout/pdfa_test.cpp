// PDF/A-1b output (`typeset --pdfa`) checked by an independent validator,
// Apache PDFBox Preflight: the sample in both styles, a repaired corpus issue
// (figures, links) and an issue with a transparent PNG figure. Each is also
// read back into the same issue, and plain output stays plain.
#include "png_pixels.h"

#include <cstdio>
#include <jpeglib.h>
#include "reissue/extract.h"
#include "reissue/figure_set.h"
#include "reissue/issue_xml.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <map>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

const char* const kPreflightPackages = "default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java";

// Preflight's command, or empty when a part of it is not installed.
std::string preflight_command() {
  std::string classpath;
  for (const char* jar : {"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation",
                          "jaxb-api"}) {
    const fs::path path = fs::path("/usr/share/java") / (std::string(jar) + ".jar");
    if (!fs::exists(path)) return {};
    classpath += (classpath.empty() ? "" : ":") + path.string();
  }
  if (test::run_command("command -v java").exit_code != 0) return {};
  return "java -cp " + classpath + " org.apache.pdfbox.preflight.Validator_A1b";
}

// Preflight's verdict on each file, run once for all (one JVM start): "" when
// valid, else its report on that file.
std::map<std::string, std::string> preflight(const test::TempDir& dir, const std::vector<std::string>& files) {
  const std::string command = preflight_command();
  if (command.empty()) {
    ADD_FAILURE() << "Apache PDFBox Preflight is not installed: apt-get install " << kPreflightPackages
                  << " (setup.sh installs them)";
    return {};
  }
  std::string list;
  for (const std::string& file : files) list += (dir / file).string() + "\n";
  test::write_text(dir / "files", list);
  // "xml group": one report for all the listed files, files.preflight.xml.
  const test::RunResult run = test::run_command("cd '" + dir.path().string() + "' && " + command + " xml group files");
  const std::string report = fs::exists(dir / "files.preflight.xml") ? test::read_text(dir / "files.preflight.xml") : "";
  std::map<std::string, std::string> verdicts;
  for (const std::string& file : files) {
    const size_t start = report.find("<preflight name=\"" + file + "\">");
    const size_t end = report.find("</preflight>", start);
    if (start == std::string::npos || end == std::string::npos) {
      verdicts[file] = "no verdict from Preflight (exit " + std::to_string(run.exit_code) + "): " + run.err;
      continue;
    }
    const std::string part = report.substr(start, end - start);
    verdicts[file] = part.find("<isValid type=\"PDF/A1-b\">true</isValid>") != std::string::npos ? "" : part;
  }
  return verdicts;
}

TypesetOptions pdfa() {
  TypesetOptions options;
  options.pdfa = true;
  return options;
}

// The issue read back from `pdf` is `issue`, figure image names aside (the
// extractor names the images it writes).
void expect_round_trip(const std::string& pdf, const Issue& issue) {
  ExtractResult back = extract_pdf(pdf, "pdfa.pdf");
  for (size_t a = 0; a < back.issue.articles.size() && a < issue.articles.size(); ++a)
    for (size_t b = 0; b < back.issue.articles[a].blocks.size() && b < issue.articles[a].blocks.size(); ++b)
      back.issue.articles[a].blocks[b].image = issue.articles[a].blocks[b].image;
  EXPECT_TRUE(test::same_text(write_issue_xml(back.issue), write_issue_xml(issue)));
}

// 40 x 20 pixels: red on the left, on the right transparent, a half-transparent
// blue band in the middle.
std::string transparent_png() {
  std::string rgba;
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 40; ++x) {
      const char pixel[4][4] = {{'\xFF', 0, 0, '\xFF'}, {0, 0, '\xFF', '\x80'}, {0, 0, 0, 0}, {0, 0, 0, 0}};
      rgba.append(pixel[x / 10], 4);
    }
  return test::png_from_pixels(rgba, 40, 20);
}

// 16 x 8 pixels of Adobe-style (inverted) CMYK, as print workflows write
// them: cyan on the left half, black on the right.
std::string cmyk_jpeg() {
  jpeg_compress_struct info;
  jpeg_error_mgr error;
  info.err = jpeg_std_error(&error);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = 16;
  info.image_height = 8;
  info.input_components = 4;
  info.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 95, TRUE);
  info.write_Adobe_marker = TRUE;
  jpeg_start_compress(&info, TRUE);
  unsigned char row[16 * 4];
  for (int x = 0; x < 16; ++x) {
    const unsigned char ink[4] = {static_cast<unsigned char>(x < 8 ? 255 : 0), 0, 0,
                                  static_cast<unsigned char>(x < 8 ? 0 : 255)};
    for (int c = 0; c < 4; ++c) row[x * 4 + c] = static_cast<unsigned char>(255 - ink[c]);  // inverted
  }
  while (info.next_scanline < info.image_height) {
    JSAMPROW rows[1] = {row};
    jpeg_write_scanlines(&info, rows, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string bytes(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return bytes;
}

}  // namespace

TEST(PdfA, PreflightAcceptsOutputAndItReadsBackUnchanged) {
  test::TempDir dir;
  std::vector<std::string> files;
  auto keep = [&](const std::string& name, const std::string& pdf) {
    test::write_text(dir / name, pdf);
    files.push_back(name);
  };

  // The sample in both bundled styles.
  const Issue sample = read_issue(test::source_dir() / "samples/649.xml");
  for (const char* style : {"default", "large-print"}) {
    const std::string pdf = typeset_pdf(sample, load_style(test::source_dir() / "styles" / (std::string(style) + ".xml")),
                                        read_figures(sample, test::source_dir()), nullptr, pdfa());
    expect_round_trip(pdf, sample);
    keep(std::string("sample-") + style + ".pdf", pdf);
  }

  // A corpus PDF repaired by the command, then typeset with --pdfa.
  const std::string corpus = (test::source_dir() / "tests/data/corpus/corpus-001.pdf").string();
  ASSERT_EQ(test::run_reissue("extract '" + corpus + "' -o '" + (dir / "corpus.xml").string() + "' -q").exit_code, 0);
  const test::RunResult typeset =
      test::run_reissue("typeset --pdfa -q '" + (dir / "corpus.xml").string() + "' -o '" + (dir / "corpus.pdf").string() + "'");
  ASSERT_EQ(typeset.exit_code, 0) << typeset.err;
  expect_round_trip(test::read_text(dir / "corpus.pdf"), read_issue(dir / "corpus.xml"));
  files.push_back("corpus.pdf");

  // What `reissue repair` writes by default is PDF/A too.
  const test::RunResult repair =
      test::run_reissue("repair -q '" + corpus + "' -o '" + (dir / "repaired").string() + "'");
  ASSERT_EQ(repair.exit_code, 0) << repair.err;
  expect_round_trip(test::read_text(dir / "repaired/issue.pdf"), read_issue(dir / "repaired/issue.xml"));
  keep("repaired.pdf", test::read_text(dir / "repaired/issue.pdf"));  // Preflight reports by file name

  // A figure with an alpha channel: flattened onto white, no soft mask; a
  // CMYK JPEG: as RGB (no DeviceCMYK under the sRGB output intent).
  Issue with_png = sample;
  int placed = 0;
  for (Article& article : with_png.articles)
    for (Block& block : article.blocks)
      if (block.kind == BlockKind::figure && placed < 2) block.image = placed++ ? "cmyk.jpg" : "alpha.png";
  ASSERT_EQ(placed, 2) << "the sample has fewer than two figures now; update this test";
  test::write_text(dir / "alpha.png", transparent_png());
  test::write_text(dir / "cmyk.jpg", cmyk_jpeg());
  const std::string pdf = typeset_pdf(with_png, default_style(), read_figures(with_png, dir.path()), nullptr, pdfa());
  EXPECT_EQ(pdf.find("/SMask"), std::string::npos);
  expect_round_trip(pdf, with_png);
  const ExtractResult back = extract_pdf(pdf, "alpha.pdf");
  ASSERT_FALSE(back.images.empty());
  unsigned width = 0, height = 0;
  const std::string pixels = test::png_pixels(back.images.front().bytes, width, height);
  ASSERT_EQ(pixels.size(), 40u * 20 * 4);
  auto pixel = [&](int x) { return pixels.substr(static_cast<size_t>(x) * 4, 4); };
  EXPECT_EQ(pixel(0), std::string("\xFF\0\0\xFF", 4));              // opaque: as it was
  EXPECT_EQ(pixel(15), std::string("\x7F\x7F\xFF\xFF", 4));         // half blue on white
  EXPECT_EQ(pixel(39), std::string("\xFF\xFF\xFF\xFF", 4));         // transparent: white paper
  EXPECT_EQ(pdf.find("/DeviceCMYK"), std::string::npos);
  ASSERT_EQ(back.images.size(), 2u);
  const std::string cmyk = test::png_pixels(back.images[1].bytes, width, height);
  ASSERT_EQ(cmyk.size(), 16u * 8 * 4);
  auto near = [&](size_t x, int r, int g, int b) {
    const auto at = [&](size_t c) { return static_cast<unsigned char>(cmyk[x * 4 + c]); };
    return std::abs(at(0) - r) < 24 && std::abs(at(1) - g) < 24 && std::abs(at(2) - b) < 24;
  };
  EXPECT_TRUE(near(2, 0, 255, 255));  // cyan ink
  EXPECT_TRUE(near(13, 0, 0, 0));     // black ink
  keep("alpha.pdf", pdf);

  for (const auto& [file, verdict] : preflight(dir, files))
    EXPECT_EQ(verdict, "") << file << " is not a valid PDF/A-1b file according to Preflight";
}

TEST(PdfA, PlainOutputIsNotDeclaredPdfA) {
  const Issue sample = read_issue(test::source_dir() / "samples/649.xml");
  const Figures figures = read_figures(sample, test::source_dir());
  const std::string plain = typeset_pdf(sample, default_style(), figures);
  EXPECT_TRUE(plain.starts_with("%PDF-1.7"));
  for (const char* key : {"pdfaid:", "/OutputIntents", "/CIDSet"})
    EXPECT_EQ(plain.find(key), std::string::npos) << key;
  const std::string archival = typeset_pdf(sample, default_style(), figures, nullptr, pdfa());
  EXPECT_TRUE(archival.starts_with("%PDF-1.4"));
  for (const char* key : {"<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                          "/S /GTS_PDFA1", "/CIDSet"})
    EXPECT_NE(archival.find(key), std::string::npos) << key;
}
