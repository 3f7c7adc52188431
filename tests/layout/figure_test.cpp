// Figures through the whole pipeline: real JPEG and PNG files (rendered from
// a corpus page with pdftoppm) typeset into a PDF and extracted back. JPEG
// streams must come back byte for byte; PNG images pixel for pixel.
#include "reissue/extract.h"
#include "reissue/figures.h"
#include "reissue/issue_xml.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <png.h>

using namespace reissue;
namespace fs = std::filesystem;

namespace {

// RGBA pixels of a PNG file (libpng's simplified API), or empty if damaged.
std::string png_pixels(const std::string& bytes, unsigned& width, unsigned& height) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) return {};
  image.format = PNG_FORMAT_RGBA;
  std::string pixels(PNG_IMAGE_SIZE(image), '\0');
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) return {};
  width = image.width;
  height = image.height;
  return pixels;
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
  const std::string page = (test::source_dir() / "tests/data/corpus/corpus-000.pdf").string();
  const std::string render = "pdftoppm -f 1 -l 1 -r 20 -singlefile '" + page + "' ";
  ASSERT_EQ(test::run_command(render + "-jpeg '" + (dir / "colour").string() + "'").exit_code, 0);
  ASSERT_EQ(test::run_command(render + "-jpeg -gray '" + (dir / "grey").string() + "'").exit_code, 0);
  ASSERT_EQ(test::run_command(render + "-png '" + (dir / "page").string() + "'").exit_code, 0);
  const std::vector<std::string> files = {"colour.jpg", "grey.jpg", "page.png"};

  Issue issue = read_issue(test::source_dir() / "samples/649.xml");
  std::vector<Block*> figures = figures_of(issue);
  ASSERT_EQ(figures.size(), files.size()) << "the sample's figures changed; update this test";
  for (size_t i = 0; i < files.size(); ++i) figures[i]->image = files[i];

  TypesetReport report;
  const std::string pdf = typeset_pdf(issue, default_style(), dir.path(), &report);
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
      const std::string pixels = png_pixels(image.bytes, w1, h1);
      const std::string expected = png_pixels(original, w2, h2);
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
    typeset_pdf(issue, default_style(), dir.path());
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
  const std::string page = (test::source_dir() / "tests/data/corpus/corpus-000.pdf").string();
  const std::string render = "pdftoppm -f 1 -l 1 -r 10 -singlefile '" + page + "' ";
  ASSERT_EQ(test::run_command(render + "-jpeg '" + (dir / "good").string() + "'").exit_code, 0);
  ASSERT_EQ(test::run_command(render + "-png '" + (dir / "good").string() + "'").exit_code, 0);
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
