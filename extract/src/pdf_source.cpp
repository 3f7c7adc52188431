#include "pdf_source.h"

#include "png_writer.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <ErrorCodes.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <Link.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>

namespace reissue::extract {

namespace {

thread_local std::vector<std::string>* poppler_messages = nullptr;

// Poppler reports damage it works around on stderr; keep it as warnings instead.
void collect_poppler_error(ErrorCategory category, Goffset position, const char* message) {
  if (!poppler_messages || poppler_messages->size() >= 20 || category == errInternal) return;
  std::string text = message ? message : "";
  if (position >= 0) text += " (byte " + std::to_string(position) + ")";
  poppler_messages->push_back("PDF: " + text);
}

void initialize_poppler_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    globalParams = std::make_unique<GlobalParams>();
    globalParams->setErrQuiet(false);
    setErrorCallback(collect_poppler_error);
  });
}

// Images smaller than this (points) are rules, bullets or logos, not figures.
constexpr double kMinFigureSide = 36;

// A TextOutputDev that also keeps the images it is shown, in the same pass.
class TextAndImageDev : public TextOutputDev {
 public:
  TextAndImageDev(bool want_images, double page_height)
      : TextOutputDev(nullptr, false, 0, false, false), want_images_(want_images), page_height_(page_height) {}

  bool needNonText() override { return want_images_; }

  void drawImage(GfxState* state, Object*, Stream* str, int width, int height, GfxImageColorMap* colors,
                 bool, const int*, bool inline_image) override {
    keep(state, str, width, height, colors, inline_image);
  }
  void drawMaskedImage(GfxState* state, Object*, Stream* str, int width, int height, GfxImageColorMap* colors,
                       bool, Stream*, int, int, bool, bool) override {
    keep(state, str, width, height, colors, false);
  }
  void drawSoftMaskedImage(GfxState* state, Object*, Stream* str, int width, int height,
                           GfxImageColorMap* colors, bool, Stream*, int, int, GfxImageColorMap*, bool) override {
    keep(state, str, width, height, colors, false);
  }

  std::vector<PdfImage> take_images() { return std::move(images_); }

 private:
  void keep(GfxState* state, Stream* str, int width, int height, GfxImageColorMap* colors, bool inline_image) {
    if (!want_images_ || width <= 0 || height <= 0 || images_.size() >= 64) return;
    // The image fills the unit square under the CTM; TextOutputDev's device
    // space is upside down (origin top-left), as ours is.
    const double* m = state->getCTM();
    double xs[4], ys[4];
    const double corners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    for (int i = 0; i < 4; ++i) {
      xs[i] = corners[i][0] * m[0] + corners[i][1] * m[2] + m[4];
      ys[i] = corners[i][0] * m[1] + corners[i][1] * m[3] + m[5];
    }
    Box box{*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
            *std::max_element(ys, ys + 4)};
    (void)page_height_;
    if (box.right - box.left < kMinFigureSide || box.bottom - box.top < kMinFigureSide) return;
    PdfImage image;
    image.box = box;
    image.width = width;
    image.height = height;
    if (str->getKind() == strDCT && !inline_image) {
      // A JPEG stream goes out exactly as embedded.
      Stream* raw = str->getNextStream();
      raw->reset();
      for (int c; (c = raw->getChar()) != EOF && image.bytes.size() < (64u << 20);)
        image.bytes.push_back(static_cast<char>(c));
      raw->close();
      image.extension = "jpg";
    } else if (colors && colors->isOk() && static_cast<long>(width) * height <= 25000000L) {
      image.bytes = encode_png_from_pdf_image(str, width, height, colors);
      image.extension = "png";
    }
    if (!image.bytes.empty()) images_.push_back(std::move(image));
  }

  bool want_images_;
  double page_height_;
  std::vector<PdfImage> images_;
};

struct WordGeometry {
  std::u32string text;
  int char_pos = 0, char_len = 0;  // where its characters stand in the content stream
  Box box;
  double baseline;
  double size;
  bool space_after;
  bool bold;
  bool colored;
};

bool is_bold_font(const TextFontInfo* font) {
  if (!font) return false;
  if (font->isBold()) return true;
  const GooString* name = font->getFontName();
  if (!name) return false;
  const std::string text = name->toStr();
  return text.find("Bold") != std::string::npos || text.find("bold") != std::string::npos ||
         text.find("Heavy") != std::string::npos || text.find("Black") != std::string::npos;
}

std::vector<WordGeometry> words_of_flow(const TextFlow* flow) {
  std::vector<WordGeometry> words;
  for (const TextBlock* block = flow->getBlocks(); block; block = block->getNext())
    for (const TextLine* line = block->getLines(); line; line = line->getNext())
      for (const TextWord* word = line->getWords(); word; word = word->getNext()) {
        if (word->getRotation() != 0) continue;  // vertical or rotated text: not body text
        WordGeometry geometry;
        for (int i = 0; i < word->getLength(); ++i) geometry.text.push_back(*word->getChar(i));
        word->getBBox(&geometry.box.left, &geometry.box.top, &geometry.box.right, &geometry.box.bottom);
        geometry.baseline = word->getBaseline();
        geometry.size = word->getFontSize();
        geometry.space_after = word->getSpaceAfter();
        geometry.char_pos = word->getCharPos();
        geometry.char_len = word->getCharLen();
        geometry.bold = word->getLength() > 0 && is_bold_font(word->getFontInfo(0));
        double r, g, b;
        word->getColor(&r, &g, &b);
        geometry.colored = std::max({r, g, b}) - std::min({r, g, b}) > 0.25;
        words.push_back(std::move(geometry));
      }
  return words;
}

// Poppler splits a page into flows; a line with wide gaps (justified around
// a long Latin word) can end up in several. Flows that share horizontal
// extent are one column: their words are regrouped together, columns stay
// apart, in Poppler's order.
// Whether a word of `a` and a word of `b` share height (their vertical
// extents overlap by more than half the smaller one).
bool side_by_side(const std::vector<WordGeometry>& a, const std::vector<WordGeometry>& b) {
  auto extents = [](const std::vector<WordGeometry>& words) {
    std::vector<std::pair<double, double>> out;
    for (const WordGeometry& word : words) out.emplace_back(word.box.top, word.box.bottom);
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto ea = extents(a), eb = extents(b);
  size_t i = 0, j = 0;
  while (i < ea.size() && j < eb.size()) {
    const double overlap = std::min(ea[i].second, eb[j].second) - std::max(ea[i].first, eb[j].first);
    const double smaller = std::min(ea[i].second - ea[i].first, eb[j].second - eb[j].first);
    if (overlap > 0.5 * smaller) return true;
    if (ea[i].second < eb[j].second) ++i;
    else ++j;
  }
  return false;
}

std::vector<std::vector<WordGeometry>> columns_of(const TextPage* text) {
  struct Column {
    double left, right;
    std::vector<WordGeometry> words;
  };
  std::vector<Column> columns;
  for (const TextFlow* flow = text->getFlows(); flow; flow = flow->getNext()) {
    std::vector<WordGeometry> words = words_of_flow(flow);
    if (words.empty()) continue;
    double left = words.front().box.left, right = words.front().box.right;
    for (const WordGeometry& word : words) left = std::min(left, word.box.left), right = std::max(right, word.box.right);
    Column* home = nullptr;
    for (Column& column : columns) {
      const double overlap = std::min(right, column.right) - std::max(left, column.left);
      // Any horizontal overlap: the same column.
      if (overlap > 0) {
        home = &column;
        break;
      }
    }
    if (!home) {
      columns.push_back({left, right, {}});
      home = &columns.back();
    }
    home->left = std::min(home->left, left);
    home->right = std::max(home->right, right);
    for (WordGeometry& word : words) home->words.push_back(std::move(word));
  }
  // Columns that never stand side by side (no line of one level with a line
  // of the other) are one column that Poppler split, e.g. a short label at
  // the left margin under a centred masthead: their lines are ordered by
  // height together. Real columns share heights.
  for (size_t i = 0; i < columns.size(); ++i)
    for (size_t j = i + 1; j < columns.size();) {
      if (side_by_side(columns[i].words, columns[j].words)) {
        ++j;
        continue;
      }
      for (WordGeometry& word : columns[j].words) columns[i].words.push_back(std::move(word));
      columns.erase(columns.begin() + static_cast<long>(j));
    }
  std::vector<std::vector<WordGeometry>> out;
  for (Column& column : columns) out.push_back(std::move(column.words));
  return out;
}

// Poppler's own lines split where compressed glyphs overlap; printed lines are
// rebuilt from words sharing a baseline.
std::vector<PdfLine> lines_of_flow(std::vector<WordGeometry> words) {
  std::stable_sort(words.begin(), words.end(), [](const WordGeometry& a, const WordGeometry& b) {
    return a.baseline < b.baseline;
  });
  std::vector<std::vector<WordGeometry>> groups;
  for (WordGeometry& word : words) {
    const double tolerance = std::max(1.0, 0.25 * word.size);
    if (!groups.empty() && std::abs(groups.back().back().baseline - word.baseline) <= tolerance)
      groups.back().push_back(std::move(word));
    else
      groups.push_back({std::move(word)});
  }
  std::vector<PdfLine> lines;
  for (auto& group : groups) {
    std::stable_sort(group.begin(), group.end(),
                     [](const WordGeometry& a, const WordGeometry& b) { return a.box.left < b.box.left; });
    PdfLine line;
    line.box = group.front().box;
    std::map<double, size_t> sizes;
    size_t bold = 0, colored = 0, total = 0;
    for (size_t i = 0; i < group.size(); ++i) {
      const WordGeometry& word = group[i];
      if (i > 0) {
        const WordGeometry& before = group[i - 1];
        // A gap the size of a space separates Latin words even when no space
        // glyph exists. Between Chinese characters justification spreads gaps,
        // so there only a space character in the content stream (Poppler skips
        // it, leaving a hole in the character positions) or a wide gap counts.
        const double gap = word.box.left - before.box.right;
        const double size = std::min(word.size, before.size);
        auto chinese_mark = [](char32_t c) { return is_east_asian_wide(c) || is_cjk_punctuation(c); };
        const bool chinese = !before.text.empty() && !word.text.empty() && chinese_mark(before.text.back()) &&
                             chinese_mark(word.text.front());
        const bool skipped = word.char_pos > before.char_pos + before.char_len;
        const bool space = chinese ? (skipped && gap > 0.05 * size) || gap > 0.6 * size
                                   : before.space_after || gap > 0.2 * size;
        if (space) line.text.push_back(U' ');
      }
      line.text += word.text;
      line.box.left = std::min(line.box.left, word.box.left);
      line.box.right = std::max(line.box.right, word.box.right);
      line.box.top = std::min(line.box.top, word.box.top);
      line.box.bottom = std::max(line.box.bottom, word.box.bottom);
      const size_t n = word.text.size();
      sizes[std::round(word.size * 4) / 4] += n;
      bold += word.bold ? n : 0;
      colored += word.colored ? n : 0;
      total += n;
      line.baseline = word.baseline;
    }
    size_t best = 0;
    for (auto [size, count] : sizes)
      if (count > best) best = count, line.font_size = size;
    line.bold = bold * 2 > total;
    line.colored = colored * 2 > total;
    lines.push_back(std::move(line));
  }
  return lines;
}

// A few characters standing alone at the height of a line in another flow
// (a contents page number at the right margin) belong to that line.
void merge_stray_fragments(std::vector<PdfLine>& lines) {
  auto is_fragment = [](const PdfLine& line) {
    if (line.text.size() > 4) return false;
    for (char32_t c : line.text)
      if (!(c >= U'0' && c <= U'9') && c != U' ' && c != U'.' && c != U'-') return false;
    return true;
  };
  // Each fragment looks at every line: a page of thousands of them is not a
  // contents page, and merging there would take quadratic time.
  constexpr size_t kMaxFragments = 200;
  if (std::count_if(lines.begin(), lines.end(), is_fragment) > static_cast<long>(kMaxFragments)) return;
  for (size_t i = 0; i < lines.size(); ++i) {
    PdfLine& fragment = lines[i];
    if (!is_fragment(fragment)) continue;
    for (size_t k = 0; k < lines.size(); ++k) {
      PdfLine& line = lines[k];
      if (k == i || is_fragment(line)) continue;
      const double tolerance = 0.25 * std::max(line.font_size, fragment.font_size);
      if (std::abs(line.baseline - fragment.baseline) > tolerance) continue;
      if (fragment.box.left < line.box.right && line.box.left < fragment.box.right) continue;  // overlapping
      const bool after = fragment.box.left >= line.box.right;
      line.text = after ? line.text + U" " + fragment.text : fragment.text + U" " + line.text;
      line.box.left = std::min(line.box.left, fragment.box.left);
      line.box.right = std::max(line.box.right, fragment.box.right);
      lines.erase(lines.begin() + static_cast<long>(i));
      --i;
      break;
    }
  }
}

std::vector<PdfLink> links_of_page(Page* page) {
  const PDFRectangle* media = page->getMediaBox();
  std::vector<PdfLink> out;
  std::unique_ptr<Links> links = page->getLinks();
  if (!links) return out;
  for (AnnotLink* link : links->getLinks()) {
    const LinkAction* action = link ? link->getAction() : nullptr;
    if (!action || action->getKind() != actionURI) continue;
    const auto* uri = static_cast<const LinkURI*>(action);
    if (!uri->isOk()) continue;
    double x1, y1, x2, y2;
    link->getRect(&x1, &y1, &x2, &y2);
    // Annotation rectangles are in PDF space (origin bottom-left).
    out.push_back({{std::min(x1, x2) - media->x1, media->y2 - std::max(y1, y2), std::max(x1, x2) - media->x1,
                    media->y2 - std::min(y1, y2)},
                   uri->getURI()});
  }
  return out;
}

std::string open_error_message(int code) {
  switch (code) {
    case errEncrypted: return "the PDF is encrypted and needs a password to open";
    case errDamaged: return "the PDF is damaged beyond repair";
    case errBadCatalog: return "the PDF has no readable catalog (damaged or not a PDF)";
    case errOpenFile: return "cannot open the PDF";
    default: return "not a readable PDF (Poppler error " + std::to_string(code) + ")";
  }
}

}  // namespace

PdfContent read_pdf(std::string_view bytes, const std::string& name, const PdfLimits& limits) {
  initialize_poppler_once();
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
    throw ReadError(name, 0, "not a PDF (no %PDF- header)");
  PdfContent content;
  poppler_messages = &content.warnings;
  struct Reset {
    ~Reset() { poppler_messages = nullptr; }
  } reset;

  // MemStream reads `bytes` in place; the document never outlives this call.
  auto* stream = new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  PDFDoc document(stream);
  if (!document.isOk()) throw ReadError(name, 0, open_error_message(document.getErrorCode()));
  content.encrypted = document.isEncrypted();
  const int pages = document.getNumPages();
  if (pages <= 0) throw ReadError(name, 0, "the PDF has no pages");
  if (pages > limits.max_pages)
    throw ReadError(name, 0, "the PDF has " + std::to_string(pages) + " pages; the limit is " +
                                 std::to_string(limits.max_pages));
  for (int number = 1; number <= pages; ++number) {
    Page* page = document.getPage(number);
    if (!page) {
      content.warnings.push_back("page " + std::to_string(number) + " cannot be read; skipped");
      content.pages.emplace_back();
      continue;
    }
    PdfPage result;
    const bool rotated = page->getRotate() % 180 != 0;
    result.width = rotated ? page->getCropHeight() : page->getCropWidth();
    result.height = rotated ? page->getCropWidth() : page->getCropHeight();
    TextAndImageDev device(limits.extract_images, result.height);
    if (!device.isOk()) throw ReadError(name, 0, "cannot set up text extraction");
    document.displayPage(&device, number, 72, 72, 0, true, false, false);
    TextPage* text = device.takeText();
    for (auto& column : columns_of(text)) {
      for (PdfLine& line : lines_of_flow(std::move(column))) result.lines.push_back(std::move(line));
    }
    text->decRefCnt();
    merge_stray_fragments(result.lines);
    result.images = device.take_images();
    result.links = links_of_page(page);
    content.pages.push_back(std::move(result));
  }
  return content;
}

}  // namespace reissue::extract
