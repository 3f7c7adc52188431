// The common currency of every source once lines are assembled: printed lines
// in reading order, figures among them, with whatever layout evidence the
// source still has. Everything after this point (furniture removal,
// paragraphs, structure) is shared by all sources.
#pragma once

#include "reissue/extract_source.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace reissue::extract {

struct Line {
  // Kept small and ordered largest first: a long text has a million of these
  // (what few lines have, such as link targets, is in the LineSet).
  std::u32string text;  // NFC; no leading/trailing layout white space

  // Layout evidence in em of the body text. A text file has lost the indent and
  // the right edge, so those are estimated from character widths (see measure.h).
  double indent = 0;             // (PDF) left edge minus the text block's left edge
  double slack = 0;              // room left before the right margin
  double size_ratio = 1.0;       // font size relative to the body text size (PDF)
  double gap_before = 0;         // extra vertical space above, in line heights (PDF; text: 1 for extra blank lines)

  int number = 0;   // input line number (text) or running line number (PDF), for reports
  int page = 0;     // 0-based
  int figure = -1;  // a figure stands here instead of text: its index in LineSet::figures
  int order = -1;   // (tagged PDF) its place in the structure tree's reading order; -1 unknown
  bool page_start = false;
  bool centered = false;         // (PDF) centred between the margins
  bool bold = false;             // (PDF)
  bool ends_with_space = false;  // (PDF) a space glyph or gap at the end of the line
  bool soft_hyphen = false;      // ends in a hyphen that only broke a word (En-|doscopy): joined, it goes
  bool ocr = false;              // read by OCR: its spaces and punctuation are Tesseract's (ocr_cleanup.h)
  bool after_break = false;      // (DOCX) continues its paragraph after a manual line break

  bool is_figure() const { return figure >= 0; }
};

// A word as OCR read it, kept to point the review at doubtful readings.
struct OcrWord {
  std::u32string text;
  Box box;
  float confidence = -1;  // Tesseract's, 0-100; negative: unknown (an OCR'd scan's text layer)
};

// The lines of one issue and what was measured about them as a whole.
struct LineSet {
  std::vector<Line> lines;
  double full_width = 0;      // width of a full line, in em
  bool hard_wrapped = true;   // false: one paragraph per line (seed 001 style)
  bool has_geometry = false;  // true for PDF input
  // (DOCX) Each line is a paragraph of the document, or its part after a
  // manual line break (Line::after_break): never hard-wrapped.
  bool whole_paragraphs = false;
  // (PDF) Paragraphs open with an indented first line here (some lines are
  // indented 1.5-3 em), so an unindented line continues a paragraph.
  bool indents_first_lines = false;
  double latin_scale = 1.0;  // text input: measured widths of Latin text relative to the estimate
  double quote_width = 1.0;  // text input: width of curly quotes, in em (full, or the Western font's)
  std::vector<std::u32string> running_signatures;  // running headers/footers (furniture_signature)
  std::map<std::u32string, double> running_tops;   // (PDF) their usual top on the page, by signature
  // (PDF) URI annotations touching a line, by Line::number.
  std::map<int, std::vector<std::string>> link_targets;
  // (PDF) The pictures that figure lines stand for, in reading order.
  std::vector<SourceImage> figures;
  // (PDF) Where each line is printed, by Line::number: kept whole while lines
  // are set aside or consumed, so recovered blocks and review items can point
  // back at the page.
  std::vector<PageBox> places;
  // (Text) The input line number each page starts at, in page order: the page
  // of a line set aside is known after it has left `lines`.
  std::vector<int> page_first_lines;
  // Bold stretches and links a source saw on a line, by Line::number
  // (inline_marks.h), and the length of each line's text when it was read
  // (by number; 0 for none), to find a mark again where its line went.
  std::map<int, std::vector<SourceMark>> marks;
  std::vector<int> read_lengths;
  // (OCR) The words of each line read by OCR, by Line::number, left to right.
  std::map<int, std::vector<OcrWord>> ocr_words;
};

// Receives each figure the recognizer keeps, in reading order, and returns the
// path its block refers to.
using KeepFigure = std::function<std::string(SourceImage&)>;

}  // namespace reissue::extract
