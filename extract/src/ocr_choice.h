// Which pages of a PDF are read by OCR, and what replaces what: pages
// without text that raster images cover (a scan), pages whose text layer is
// unreadable, and OCR'd scans whose invisible layer a fresh reading beats
// (ExtractOptions::ocr).
#pragma once

#include "reissue/extract.h"
#include "reissue/extract_source.h"

#include <string>
#include <string_view>

namespace reissue::extract {

// Reads the pages `options.ocr` asks for by OCR and puts its runs in their
// place, each such page's `ocr_reason` saying why (an unreadable page's
// `unreadable` is then cleared); an OCR'd scan's layer kept after the fresh
// reading gets a `text_note` saying why. Ocr::never changes nothing. A PDF
// with visible text on every page is never OCR'd in automatic mode.
void read_pages_by_ocr(std::string_view bytes, const std::string& name, SourceDocument& source,
                       const ExtractOptions& options);

// How alike two texts are, white space aside: 2 * LCS / (sum of lengths),
// difflib's ratio on code points (1: the same).
double text_agreement(std::u32string_view a, std::u32string_view b);

}  // namespace reissue::extract
