// What the HTML pages reissue writes (the review page, the batch index)
// share: escaping of hostile archive text, URL path escaping, data: URIs and
// a <head> that forbids every request (docs/review-page.md).
#pragma once

#include <string>
#include <string_view>

namespace reissue {

// Text or attribute value: & < > " ' escaped; invalid UTF-8, controls and
// other characters HTML cannot hold become U+FFFD.
std::string html_escape(std::string_view text);

// A relative URL for a path of '/'-separated segments: every byte but
// unreserved ones percent-encoded in each segment (Chinese, spaces, '#', '?'
// work), the separators kept.
std::string url_escape_path(std::string_view path);

// "data:MIME;base64,..." for `bytes`.
std::string data_uri(std::string_view mime, std::string_view bytes);

// The CJK serif font stack both pages set their text in.
inline constexpr const char* kCjkFontStack =
    "\"Noto Serif CJK SC\", \"Noto Sans CJK SC\", \"Source Han Serif SC\", \"Songti SC\", SimSun, serif";

// "<!DOCTYPE html>...<head>...</head>": UTF-8, zh-CN, a viewport, the
// Content-Security-Policy (no request at all: data: pictures, inline style
// and script only), no DNS prefetch of links, `title` (escaped) and `css`.
std::string html_document_head(std::string_view title, std::string_view css);

}  // namespace reissue
