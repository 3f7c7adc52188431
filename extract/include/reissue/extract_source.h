// The seam between an input and the recognizer. A source (Poppler, a text
// file; later OCR of page images or a DOCX) yields the pages of its input as
// typed items, collected apart from any analysis, as MuPDF's structured text
// does; the recognizer (line assembly, page furniture, paragraphs, joins,
// structure) reads nothing else.
#pragma once

#include "reissue/extract.h"
#include "reissue/issue.h"

#include <string>
#include <vector>

namespace reissue {

// A run of text as a positioned source placed it (a word, or a stretch in one
// font). Boxes are in points from the page's top-left corner.
// Inline markup a source saw on a line: text set in bold (strong) or under a
// link. The recognizer finds `text` again in the block the line ends up in
// (inline_marks.h) and makes it a span of the markup.
struct SourceMark {
  Inline::Kind kind = Inline::Kind::strong;
  std::u32string text;
  std::string href;  // link
  std::size_t at = 0;  // where on its line it starts (code points): which of repeated words it is
};

struct SourceRun {
  std::u32string text;
  std::string link;  // the URI of the link annotation over it ("" none)
  Box box;
  double baseline = 0;
  double font_size = 0;
  std::string font;          // the font's name as the source gives it
  bool bold = false;         // the font is bold (by its flags or its name)
  bool colored = false;      // neither black nor grey
  bool space_after = false;  // the source has a space after the run
  // The source's own order, which line assembly reads as evidence: runs of one
  // flow were laid out together (one column, unless they stand side by side),
  // and a gap between one run's characters and the next run's in the content
  // stream is a space the source skipped.
  int flow = 0;
  int content_begin = 0, content_end = 0;
  // A word read by OCR: Tesseract's confidence, 0-100. Negative: not OCR.
  float confidence = -1;
  // Where the source's logical reading order puts it (a tagged PDF's
  // structure tree, over all pages); -1: the source does not say.
  int order = -1;
};

// A printed line from a source without geometry (a text file; a DOCX
// paragraph, or its part after a manual line break): as printed, NFC,
// trimmed.
struct SourceLine {
  std::u32string text;
  int line = 0;  // 1-based line of the input (DOCX: running number of the lines it yields)
  int page = 0;  // index in SourceDocument::pages
  // More blank lines than the text's usual separator stand before the line,
  // where such runs separate blocks (space between paragraphs) rather than
  // pages.
  bool spaced = false;
  // What a word processor's document says about the line (DOCX; a text
  // file has none of it): the evidence PDF lines carry, from styles and
  // direct formatting rather than from geometry.
  bool bold = false;         // every visible character is bold
  bool centered = false;     // justification "center"
  double size_ratio = 1.0;   // its main font size over the body text's
  double indent = 0;         // first-line indent in em of the body text
  int outline = -1;          // heading level (0: top), -1: none
  bool after_break = false;  // continues its paragraph after a manual line break
  // A figure stands here instead of text: its index in pages[page].images.
  int figure = -1;
  std::vector<std::string> links;  // hyperlink targets on the line
  std::vector<SourceMark> marks;  // in line order
};

struct SourceImage {
  Box box;
  std::string bytes;          // a whole file: JPEG as embedded, or PNG
  std::string extension;      // "jpg" or "png"
  int width = 0, height = 0;  // pixels
  int order = -1;             // as SourceRun::order
};

struct SourceLink {
  Box box;
  std::string uri;
};

// One page's positioned items, each kind in the order the source met it.
struct SourcePage {
  double width = 0, height = 0;  // the media box in points (0: no geometry)
  std::vector<SourceRun> runs;
  std::vector<SourceImage> images;
  std::vector<SourceLink> links;
  // Why the page's text cannot be trusted (its fonts do not decode to Unicode
  // and could not be recovered), as a phrase; such a page keeps no runs and
  // is for OCR. Empty: the text can be trusted.
  std::string unreadable;
  // A readable page's text that needed help (recovered from installed fonts,
  // a few glyphs undecodable), for the review.
  std::string text_note;
  // All the page's text is invisible (render mode 3): the layer an OCR program
  // lays over a scan's image, which OCR may read better again.
  bool invisible_text = false;
  // How much of the page raster images cover (0-1; a scan's is about 1):
  // only a page with images has anything for OCR to read.
  double image_share = 0;
  // The runs were read by OCR (why, for the review: "no text layer", "the
  // text layer is unreadable: ...", "an OCR'd scan's text layer ..."). Empty:
  // the page's own text.
  std::string ocr_reason;
};

// A source fills the pages' runs (positioned text), or `lines` (text without
// geometry, in reading order, each naming its page: one list, as a large
// text has hundreds of thousands of them).
struct SourceDocument {
  std::string kind;  // the report's input kind: "pdf", "text", "docx"
  std::vector<SourcePage> pages;
  std::vector<SourceLine> lines;
  std::vector<std::string> warnings;  // damage the source worked around
  // `lines` are a word processor's paragraphs (DOCX), or their parts after a
  // manual line break: not wrapped by hand, so not measured for it.
  bool whole_paragraphs = false;

  bool positioned() const;  // any page has runs
};

// The recognizer over any source: lines assembled from runs (or taken as they
// are), page furniture set aside, paragraphs, joins, structure; figures named
// under options.image_folder. Every recovered part carries its provenance.
// Throws ReadError when no text is left to recognize.
ExtractResult extract_source(SourceDocument document, const std::string& name, const ExtractOptions& options = {});

}  // namespace reissue
