// Tesseract's TSV output (`tesseract page.pgm out -l chi_sim --psm 4 tsv`) as
// a positioned source page: each word a run with its confidence, in points,
// on its Tesseract line's baseline and size, a flow per text block. Real OCR
// readings for the clean-up and structure tests, without running Tesseract.
#pragma once

#include "reissue/extract_source.h"
#include "reissue/text.h"

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace reissue::test {

inline SourcePage page_from_tsv(const std::string& path, double dpi = 300) {
  const double scale = 72.0 / dpi;
  std::ifstream in(path);
  std::string row;
  std::getline(in, row);  // the header
  SourcePage page;
  page.width = 595;
  page.height = 842;
  page.ocr_reason = "no text layer";
  std::map<std::tuple<int, int, int>, Box> lines;  // block, paragraph, line -> box
  int content = 0;
  while (std::getline(in, row)) {
    std::vector<std::string> fields;
    std::stringstream cells(row);
    for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
    if (fields.size() < 11) continue;
    const int level = std::stoi(fields[0]);
    const auto key = std::make_tuple(std::stoi(fields[2]), std::stoi(fields[3]), std::stoi(fields[4]));
    const double left = std::stod(fields[6]) * scale, top = std::stod(fields[7]) * scale;
    const Box box{left, top, left + std::stod(fields[8]) * scale, top + std::stod(fields[9]) * scale};
    if (level == 4) lines[key] = box;
    if (level != 5 || fields.size() < 12 || fields[11].find_first_not_of(' ') == std::string::npos) continue;
    const Box& line = lines[key];
    SourceRun run;
    run.text = utf8_to_u32(fields[11]);
    run.box = box;
    run.baseline = line.bottom;
    run.font_size = line.bottom - line.top;
    run.font = "OCR";
    run.flow = std::get<0>(key);
    run.content_begin = content;
    run.content_end = ++content;
    run.confidence = static_cast<float>(std::stod(fields[10]));
    page.runs.push_back(std::move(run));
  }
  return page;
}

}  // namespace reissue::test
