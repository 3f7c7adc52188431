// The DOCX parts that carry the content: word/document.xml from the composed
// blocks (the same ones the PDF writer sets) and the footer.
#pragma once

#include "reissue/compose.h"
#include "reissue/figure_set.h"
#include "reissue/style.h"

#include <string>
#include <vector>

namespace reissue::layout {

struct DocxMedia {
  std::string part;  // "media/image1.jpeg", relative to word/
  std::string bytes;
};

struct DocxRelationship {
  std::string id;
  std::string type;  // the last segment of the relationship type URI: "image", "hyperlink"
  std::string target;
  bool external = false;
};

struct DocxContent {
  std::string document;
  std::string footer;
  std::vector<DocxMedia> media;
  std::vector<DocxRelationship> relationships;  // images and hyperlinks of document.xml
};

// Figure images come from `figures`; the footer part is referenced from the
// section as `footer_relationship`.
DocxContent write_docx_content(const std::vector<ComposedBlock>& blocks, const Style& style, const Figures& figures,
                               const std::string& footer_relationship);

}  // namespace reissue::layout
