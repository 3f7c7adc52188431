// Reading a DOCX package back in tests: its parts (libzip) and the paragraphs
// of word/document.xml (libxml2), independent of the writer's code.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace reissue::test {

// Part name -> bytes, in package order; throws std::runtime_error when the
// bytes are not a ZIP archive.
std::vector<std::pair<std::string, std::string>> unzip(const std::string& zip_bytes);

struct DocxParagraph {
  std::string style;  // w:pStyle
  std::string text;   // all w:t of the paragraph, w:tab as "\t"
};

// The paragraphs of a WordprocessingML document part.
std::vector<DocxParagraph> docx_paragraphs(const std::string& document_xml);

}  // namespace reissue::test
