// Figures through the whole pipeline: real JPEG and PNG files (rendered from
// a corpus page with pdftoppm) typeset into a PDF and extracted back. JPEG
// streams must come back byte for byte; PNG images pixel for pixel. Figures
// extracted into memory go to both writers without touching the disk.
#include "docx_package.h"
#include "png_pixels.h"
#include "reissue/docx.h"
#include "reissue/extract.h"
#include "reissue/figure_set.h"
#include "reissue/figures.h"
#include "reissue/issue_xml.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

// The first page of a corpus PDF rendered by pdftoppm as `stem`.jpg or .png
// (`format`: "-jpeg", "-jpeg -gray", "-png"); true when it worked.
bool render_corpus_page(const fs::path& stem, const std::string& format, int dpi = 20) {
  const std::string page = (test::source_dir() / "tests/data/corpus/corpus-000.pdf").string();
  return test::run_command("pdftoppm -f 1 -l 1 -r " + std::to_string(dpi) + " -singlefile '" + page + "' " + format +
                           " '" + stem.string() + "'")
             .exit_code == 0;
}

std::vector<Block*> figures_of(Issue& issue) {
  std::vector<Block*> out;
  for (Article& article : issue.articles)
    for (Block& block : article.blocks)
      if (block.kind == BlockKind::figure) out.push_back(&block);
  return out;
}

}  // namespace

TEST(Figures, JpegBytesAndPngPixelsSurviveTypesetAndExtract) {
  test::TempDir dir;
  ASSERT_TRUE(render_corpus_page(dir / "colour", "-jpeg"));
  ASSERT_TRUE(render_corpus_page(dir / "grey", "-jpeg -gray"));
  ASSERT_TRUE(render_corpus_page(dir / "page", "-png"));
  const std::vector<std::string> files = {"colour.jpg", "grey.jpg", "page.png"};

  Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  std::vector<Block*> figures = figures_of(issue);
  ASSERT_EQ(figures.size(), files.size()) << "the sample's figures changed; update this test";
  for (size_t i = 0; i < files.size(); ++i) figures[i]->image = files[i];

  TypesetReport report;
  const std::string pdf = typeset_pdf(issue, default_style(), read_figures(issue, dir.path()), &report);
  ExtractResult back = extract_pdf(pdf, "figures.pdf");

  // The same issue, apart from where the images are stored.
  std::vector<Block*> back_figures = figures_of(back.issue);
  ASSERT_EQ(back_figures.size(), files.size());
  ASSERT_EQ(back.images.size(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string original = test::read_text(dir / files[i]);
    const ExtractedImage& image = back.images[i];
    EXPECT_EQ(back_figures[i]->image, image.path);
    EXPECT_EQ(back_figures[i]->text, figures[i]->text);
    if (files[i].ends_with(".jpg")) {
      EXPECT_TRUE(image.path.ends_with(".jpg")) << image.path;
      EXPECT_TRUE(image.bytes == original) << files[i] << " did not come back byte for byte";
    } else {
      EXPECT_TRUE(image.path.ends_with(".png")) << image.path;
      unsigned w1 = 0, h1 = 0, w2 = 0, h2 = 0;
      const std::string pixels = test::png_pixels(image.bytes, w1, h1);
      const std::string expected = test::png_pixels(original, w2, h2);
      ASSERT_FALSE(expected.empty());
      EXPECT_EQ(w1, w2);
      EXPECT_EQ(h1, h2);
      EXPECT_TRUE(pixels == expected) << files[i] << " did not come back pixel for pixel";
    }
    back_figures[i]->image = files[i];
  }
  EXPECT_TRUE(test::same_text(write_issue_xml(back.issue), write_issue_xml(issue)));
}

TEST(Figures, ImageOfTheWrongKindIsAnErrorNamingTheFileAndFigure) {
  test::TempDir dir;
  test::write_text(dir / "photo.jpg", "GIF89a not really a photo");
  Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  figures_of(issue).front()->image = "photo.jpg";
  try {
    typeset_pdf(issue, default_style(), read_figures(issue, dir.path()));
    FAIL() << "typeset accepted a GIF";
  } catch (const Error& error) {
    EXPECT_EQ(error.file(), (dir / "photo.jpg").string());
    EXPECT_NE(error.message().find("neither JPEG nor PNG (figure at line 39 of the issue)"), std::string::npos)
        << error.message();
  }
}

// For `reissue validate`: each figure whose image is missing, unreadable,
// neither JPEG nor PNG or damaged is one problem at the figure's line; good
// images and figures without a src are not.
TEST(FigureImages, MissingUnreadableWrongKindAndDamagedImagesAreReported) {
  test::TempDir dir;
  ASSERT_TRUE(render_corpus_page(dir / "good", "-jpeg", 10));
  ASSERT_TRUE(render_corpus_page(dir / "good", "-png", 10));
  const std::string png = test::read_text(dir / "good.png");
  test::write_text(dir / "cut.png", png.substr(0, png.size() / 2));  // the header is intact, the pixels are not
  const char jpeg_start[] = "\xFF\xD8\xFF\xE0\x00\x10JFIF and then no frame";
  test::write_text(dir / "cut.jpg", std::string(jpeg_start, sizeof jpeg_start - 1));
  test::write_text(dir / "photo.gif", "GIF89a not really a photo");
  std::filesystem::create_directory(dir / "folder.png");

  Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  Block figure = *figures_of(issue).front();
  std::vector<Block>& blocks = issue.articles.front().blocks;
  const std::vector<std::string> images = {"good.jpg", "good.png", "images/none.png", "folder.png",
                                           "photo.gif", "cut.png",  "cut.jpg",         ""};
  for (size_t i = 0; i < images.size(); ++i) {
    figure.image = images[i];
    figure.line = 100 + static_cast<int>(i);
    blocks.push_back(figure);
  }
  std::vector<Problem> problems = check_figure_images(issue, dir.path());
  // The sample's own figures have no src.
  ASSERT_EQ(problems.size(), 5u);
  const std::string looked = (std::filesystem::absolute(dir.path()) / "images/none.png").lexically_normal().string();
  EXPECT_EQ(problems[0].line, 102);
  EXPECT_EQ(problems[0].message, "figure image images/none.png does not exist (looked in " + looked + ")");
  EXPECT_EQ(problems[1].line, 103);
  EXPECT_EQ(problems[1].message.rfind("figure image folder.png cannot be read: ", 0), 0u) << problems[1].message;
  EXPECT_EQ(problems[2].line, 104);
  EXPECT_EQ(problems[2].message, "figure image photo.gif is not a JPEG or PNG image");
  EXPECT_EQ(problems[3].line, 105);
  EXPECT_EQ(problems[3].message.rfind("figure image cut.png is damaged: ", 0), 0u) << problems[3].message;
  EXPECT_EQ(problems[4].line, 106);
  EXPECT_EQ(problems[4].message.rfind("figure image cut.jpg is damaged: ", 0), 0u) << problems[4].message;
}

namespace {

// The working folder changed for a scope: figure srcs are relative, so a
// writer that opened one would look here.
class InFolder {
 public:
  explicit InFolder(const fs::path& folder) : previous_(fs::current_path()) { fs::current_path(folder); }
  ~InFolder() { fs::current_path(previous_); }
  InFolder(const InFolder&) = delete;
  InFolder& operator=(const InFolder&) = delete;

 private:
  fs::path previous_;
};

std::map<std::string, std::string> images_of(const ExtractResult& extracted) {
  std::map<std::string, std::string> images;
  for (const ExtractedImage& image : extracted.images) images[image.path] = image.bytes;
  return images;
}

}  // namespace

// Figures as extraction produced them go to both writers in memory: with the
// working folder empty and no image file anywhere under the names the issue
// uses, the PDF and the DOCX carry every image, and nothing was written.
TEST(FiguresInMemory, TypesetAndDocxNeedNoFilesWhenFiguresComeFromExtraction) {
  test::TempDir rendered;
  ASSERT_TRUE(render_corpus_page(rendered / "photo", "-jpeg"));
  ASSERT_TRUE(render_corpus_page(rendered / "chart", "-png"));
  Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  std::vector<Block*> figures = figures_of(issue);
  ASSERT_GE(figures.size(), 2u);
  figures[0]->image = "photo.jpg";
  figures[1]->image = "chart.png";
  const std::string from_files = typeset_pdf(issue, default_style(), read_figures(issue, rendered.path()));
  const ExtractResult extracted = extract_pdf(from_files, "figures.pdf");
  ASSERT_EQ(extracted.images.size(), 2u);

  test::TempDir empty;
  const std::map<std::string, std::string> images = images_of(extracted);
  for (const auto& [src, bytes] : images) ASSERT_FALSE(fs::exists(empty / src)) << src;
  std::string pdf, docx;
  {
    InFolder inside(empty.path());
    const Figures in_memory = figures_from_memory(extracted.issue, images);
    EXPECT_EQ(in_memory.size(), 2u);
    pdf = typeset_pdf(extracted.issue, default_style(), in_memory);
    docx = write_docx(extracted.issue, default_style(), in_memory);
  }
  EXPECT_TRUE(fs::is_empty(empty.path()));

  const ExtractResult again = extract_pdf(pdf, "again.pdf");
  ASSERT_EQ(again.images.size(), 2u);
  EXPECT_TRUE(again.images[0].bytes == extracted.images[0].bytes) << "the JPEG did not pass through unchanged";
  std::set<std::string> media;
  for (auto& [name, bytes] : test::unzip(docx))
    if (name.starts_with("word/media/")) media.insert(bytes);
  for (const auto& [src, bytes] : images) EXPECT_TRUE(media.count(bytes)) << src << " is not in the DOCX";
}

// A figure the set does not hold, or bytes of another kind, are errors at
// the figure's line, whoever filled the set.
TEST(FiguresInMemory, MissingAndWrongImagesAreErrorsNamingTheFigure) {
  Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  Block& figure = *figures_of(issue).front();
  figure.image = "images/figure-1.png";
  try {
    figures_from_memory(issue, {});
    FAIL() << "a figure without an image was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.file(), "images/figure-1.png");
    EXPECT_NE(error.message().find("(figure at line 39 of the issue)"), std::string::npos) << error.message();
  }
  try {
    figures_from_memory(issue, {{"images/figure-1.png", "GIF89a not really a picture"}});
    FAIL() << "a GIF was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.message(), "figure image is neither JPEG nor PNG (figure at line 39 of the issue)");
  }
  try {
    typeset_pdf(issue, default_style(), Figures());
    FAIL() << "typeset without the figure's image";
  } catch (const Error& error) {
    EXPECT_NE(error.message().find("(figure at line 39 of the issue)"), std::string::npos) << error.message();
  }
  EXPECT_THROW(write_docx(issue, default_style(), Figures()), Error);
}
