// The DOCX parts that carry the style sheet: styles.xml (one named paragraph
// style per role, Word's built-in names where one fits) and settings.xml.
#pragma once

#include "reissue/role.h"
#include "reissue/style.h"

#include <string>

namespace reissue::layout {

inline constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kRelationshipsNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// The paragraph style id for a composed block's role ("BodyText", "Heading1").
std::string docx_style_id(Role role);
// The style id for figure paragraphs (the image, centred, above its caption).
inline constexpr const char* kDocxFigureStyle = "Figure";

// Twentieths of a point, the unit of most WordprocessingML lengths.
long twips(double points);

// The Chinese font of a role's paragraph style (the style sheet's serif or
// sans), the one its East Asian text is set in.
const std::string& docx_chinese_font(const Style& style, Role role);

std::string docx_styles_xml(const Style& style);
std::string docx_settings_xml();

}  // namespace reissue::layout
