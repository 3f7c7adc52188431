// Hand-made positioned sources: pages laid out the way a word processor sets
// Chinese body text, so that each layout rule's input is known exactly.
#pragma once

#include "reissue/extract_source.h"
#include "reissue/text.h"

#include <algorithm>
#include <string>
#include <vector>

namespace reissue::test {

constexpr double kLeft = 72, kMeasure = 30, kBody = 12, kLeading = 18;
constexpr double kRight = kLeft + kMeasure * kBody;

// Lays out lines on A4 pages the way a word processor sets Chinese body text:
// 12 pt, 30 em measure, 18 pt leading; every character is one run, as Poppler
// gives Chinese words.
class PageWriter {
 public:
  explicit PageWriter(SourceDocument& document) : document_(document) { new_page(); }

  void new_page() {
    SourcePage page;
    page.width = 595;
    page.height = 842;
    document_.pages.push_back(std::move(page));
    top_ = 72;
  }

  // One printed line starting `indent` em from the margin (centred when
  // negative); returns its box.
  Box line(const std::string& utf8, double indent = 0, double size = kBody, bool bold = false) {
    const double width = width_of(utf8, size);
    const double x = indent < 0 ? kLeft + (kMeasure * kBody - width) / 2 : kLeft + indent * kBody;
    const Box box = text_at(utf8, x, size, bold);
    end_line(size);
    return box;
  }

  // Text set at `x` on the current line, which stays open for more text
  // (a date at the right margin); `gap_em` spreads the characters apart.
  Box text_at(const std::string& utf8, double x, double size = kBody, bool bold = false, double gap_em = 0) {
    const std::u32string text = utf8_to_u32(utf8);
    const double start = x;
    for (char32_t c : text) {
      SourceRun run;
      run.text = std::u32string(1, c);
      run.box = {x, top_, x + advance(c, size), top_ + size};
      run.baseline = top_ + 0.88 * size;
      run.font_size = size * declared_scale;
      run.font = bold ? "NotoSerifCJK-Bold" : "NotoSerifCJK-Regular";
      run.bold = bold;
      run.flow = flow;
      run.content_begin = content_;
      run.content_end = ++content_;
      x = run.box.right + gap_em * size;
      if (c != U' ') page().runs.push_back(std::move(run));
    }
    return {start, top_, x - gap_em * size, top_ + size};
  }
  void end_line(double size = kBody) { top_ += std::max(kLeading, size * 1.5); }

  // Right-aligned text on the current line.
  Box right_aligned(const std::string& utf8, double size = kBody) {
    return text_at(utf8, kLeft + kMeasure * kBody - width_of(utf8, size), size);
  }

  static double width_of(const std::string& utf8, double size) {
    double width = 0;
    for (char32_t c : utf8_to_u32(utf8)) width += advance(c, size);
    return width;
  }

  // What the runs declare as their size, relative to the printed one (a
  // Type 3 font's matrix may double it).
  double declared_scale = 1;
  // The source's flow number given to the next runs.
  int flow = 0;

  // A paragraph: first line indented 2 em, wrapped at the measure.
  std::vector<Box> paragraph(const std::string& utf8) {
    const std::u32string text = utf8_to_u32(utf8);
    std::vector<Box> boxes;
    for (size_t at = 0, room = kMeasure - 2; at < text.size(); at += room, room = kMeasure)
      boxes.push_back(line(u32_to_utf8(text.substr(at, room)), at == 0 ? 2 : 0));
    return boxes;
  }

  Box image(double width, double height, const std::string& bytes) {
    SourceImage image;
    image.box = {kLeft + (kMeasure * kBody - width) / 2, top_, kLeft + (kMeasure * kBody + width) / 2, top_ + height};
    image.bytes = bytes;
    image.extension = "jpg";
    image.width = 40;
    image.height = 30;
    page().images.push_back(image);
    top_ += height + kLeading;
    return image.box;
  }

  SourcePage& page() { return document_.pages.back(); }

 private:
  static double advance(char32_t c, double size) { return c < 0x80 ? 0.5 * size : size; }

  SourceDocument& document_;
  double top_ = 72;
  int content_ = 0;
};

}  // namespace reissue::test
