// The review page (docs/review-page.md): pictures of the original's pages on
// the left, the recovered issue block by block on the right, every decision
// in place; hovering or clicking one side outlines the other.
#include "reissue/review_page.h"

#include "docx_source.h"
#include "page_images.h"
#include "reissue/html.h"
#include "reissue/issue_parts.h"
#include "reissue/text.h"
#include "review_page_assets.h"
#include "text_source.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace reissue {

namespace {

// One page of the original as shown: its picture and the size of the space
// boxes are measured in (PDF points; a text page's own units).
struct PagePicture {
  double width = 0, height = 0;
  std::string uri;  // empty: the page could not be rendered
};

struct Original {
  bool pdf = false;
  const char* kind = "text";  // for the summary: "PDF", "text", "DOCX"
  std::vector<PagePicture> pages;
  std::map<int, PageBox> lines;  // text input: where each input line is drawn
};

// ---- text input: each page drawn as an SVG of its lines ----

constexpr double kFontSize = 14, kLineHeight = 22, kMargin = 24;
constexpr double kWrapWidth = 40 * kFontSize;  // a long line (one paragraph a line) wraps here

double glyph_width(char32_t c) { return is_east_asian_wide(c) ? kFontSize : kFontSize * 0.55; }

// `text` cut into rows no wider than kWrapWidth.
std::vector<std::u32string> wrapped_rows(const std::u32string& text) {
  std::vector<std::u32string> rows(1);
  double width = 0;
  for (char32_t c : text) {
    if (width + glyph_width(c) > kWrapWidth && !rows.back().empty()) rows.emplace_back(), width = 0;
    rows.back() += c;
    width += glyph_width(c);
  }
  return rows;
}

double row_width(const std::u32string& row) {
  double width = 0;
  for (char32_t c : row) width += glyph_width(c);
  return width;
}

// One text page as an SVG picture; the lines' boxes go to `lines`.
PagePicture draw_text_page(const std::vector<const SourceLine*>& page_lines, int page,
                           std::map<int, PageBox>& lines) {
  std::string body;
  double y = kMargin, right = 0;
  for (const SourceLine* line : page_lines) {
    // The text's usual separator (no blank line, or one between all lines)
    // is not drawn; a longer run shows as one blank row.
    if (line->spaced && line != page_lines.front()) y += kLineHeight;
    const double top = y;
    double widest = 0;
    for (const std::u32string& row : wrapped_rows(line->text)) {
      body += "<text x=\"" + format_decimal(kMargin, 1) + "\" y=\"" + format_decimal(y + kFontSize * 1.1, 1) +
              "\">" + html_escape(u32_to_utf8(row)) + "</text>\n";
      widest = std::max(widest, row_width(row));
      y += kLineHeight;
    }
    lines[line->line] = {page, {kMargin - 2, top, kMargin + widest + 2, y}};
    right = std::max(right, kMargin + widest);
  }
  PagePicture picture;
  picture.width = std::max(kWrapWidth, right) + kMargin;
  picture.height = y + kMargin;
  const std::string size = "width=\"" + format_decimal(picture.width, 1) + "\" height=\"" +
                           format_decimal(picture.height, 1) + "\"";
  const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" " + size + " viewBox=\"0 0 " +
                          format_decimal(picture.width, 1) + " " + format_decimal(picture.height, 1) +
                          "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><g font-family='" +
                          html_escape(kCjkFontStack) + "' font-size=\"" + format_decimal(kFontSize, 1) +
                          "\" fill=\"#222\" xml:space=\"preserve\">\n" + body + "</g></svg>\n";
  picture.uri = data_uri("image/svg+xml", svg);
  return picture;
}

// Pages of lines without geometry (a text, a DOCX's paragraphs) drawn as the
// source gave them, numbered as extraction numbered them.
Original lines_original(const SourceDocument& document) {
  std::vector<std::vector<const SourceLine*>> by_page(document.pages.size());
  for (const SourceLine& line : document.lines)
    if (line.page >= 0 && static_cast<size_t>(line.page) < by_page.size()) by_page[line.page].push_back(&line);
  Original original;
  for (size_t i = 0; i < by_page.size(); ++i)
    original.pages.push_back(draw_text_page(by_page[i], static_cast<int>(i) + 1, original.lines));
  return original;
}

Original text_original(std::string_view bytes, const std::string& name, const std::string& encoding) {
  const extract::DecodedText decoded = extract::decode_text(bytes, name, encoding);
  return lines_original(extract::text_source(decoded.utf8(), name));
}

// A DOCX has no pages to render without a word processor: its paragraphs are
// drawn as a text's lines are.
Original docx_original(std::string_view bytes, const std::string& name) {
  Original original = lines_original(extract::docx_source(bytes, name));
  original.kind = "DOCX";
  return original;
}

Original pdf_original(std::string_view bytes, const std::string& name, const ReviewPageOptions& options) {
  Original original;
  original.pdf = true;
  original.kind = "PDF";
  for (extract::PageImage& image : extract::render_page_images(bytes, name, options.dpi, options.threads)) {
    PagePicture picture{image.width, image.height, {}};
    if (!image.jpeg.empty()) picture.uri = data_uri("image/jpeg", image.jpeg);
    original.pages.push_back(std::move(picture));
  }
  return original;
}

// ---- where things are on the pages ----

Box united(const Box& a, const Box& b) {
  return {std::min(a.left, b.left), std::min(a.top, b.top), std::max(a.right, b.right), std::max(a.bottom, b.bottom)};
}

// The boxes of input lines first..last (text input), one a page.
std::vector<PageBox> text_boxes(const Original& original, int first, int last) {
  std::vector<PageBox> boxes;
  if (first <= 0) return boxes;
  for (auto it = original.lines.lower_bound(first); it != original.lines.end() && it->first <= std::max(first, last);
       ++it) {
    if (!boxes.empty() && boxes.back().page == it->second.page) boxes.back().box = united(boxes.back().box, it->second.box);
    else boxes.push_back(it->second);
  }
  return boxes;
}

std::vector<PageBox> regions_of(const Original& original, int first, int last, const std::vector<PageBox>& pdf_boxes) {
  return original.pdf ? pdf_boxes : text_boxes(original, first, last);
}

std::string box_text(const Box& box) {
  return format_decimal(box.left, 1) + " " + format_decimal(box.top, 1) + " " + format_decimal(box.right, 1) + " " +
         format_decimal(box.bottom, 1);
}

// data-page, data-bbox (the first region) and data-boxes (all: "PAGE:x0 y0 x1 y1;...").
std::string place_attributes(int page, const std::vector<PageBox>& regions, int first_line, int last_line) {
  std::string out;
  if (page <= 0 && !regions.empty()) page = regions.front().page;
  if (page > 0) out += " data-page=\"" + std::to_string(page) + "\"";
  if (first_line > 0)
    out += " data-lines=\"" + std::to_string(first_line) + "-" + std::to_string(std::max(first_line, last_line)) + "\"";
  if (regions.empty()) return out;
  out += " data-bbox=\"" + box_text(regions.front().box) + "\"";
  std::string all;
  for (const PageBox& region : regions) all += (all.empty() ? "" : ";") + std::to_string(region.page) + ":" + box_text(region.box);
  return out + " data-boxes=\"" + all + "\"";
}

// An outline on a page picture that points at an element of the text column.
struct Region {
  std::string target;  // the element's id
  std::string kind;    // class: "block", "decision", "set-aside"
  std::string decision_kind;  // a decision's kind or reason (data-kind): furniture is always outlined
  Box box;
};

std::string percent(double value, double whole) { return format_decimal(whole > 0 ? 100 * value / whole : 0, 3) + "%"; }

std::string region_html(const Region& region, const PagePicture& page) {
  const Box& b = region.box;
  std::string kind;
  if (!region.decision_kind.empty()) kind = " data-kind=\"" + html_escape(region.decision_kind) + "\"";
  return "<a class=\"region " + region.kind + "-region\" href=\"#" + region.target + "\" data-target=\"" +
         region.target + "\"" + kind + " style=\"left:" + percent(b.left, page.width) + ";top:" + percent(b.top, page.height) +
         ";width:" + percent(b.right - b.left, page.width) + ";height:" + percent(b.bottom - b.top, page.height) +
         "\"></a>";
}

// ---- the decisions ----

struct Decision {
  std::string id;     // decision-N
  std::string group;  // "review" or "set-aside"
  std::string kind;   // a review item's kind, a set-aside item's reason
  const ReviewItem* review = nullptr;
  const SetAside* set_aside = nullptr;
  int line = 0, last_line = 0, page = 0;
  std::vector<PageBox> regions;
};

std::vector<Decision> decisions_of(const ExtractReport& report, const Original& original) {
  std::vector<Decision> out;
  for (const ReviewItem& item : report.review)
    out.push_back({"", "review", item.kind, &item, nullptr, item.first_line, item.last_line, item.page,
                   regions_of(original, item.first_line, item.last_line, item.boxes)});
  for (const SetAside& item : report.set_aside)
    out.push_back({"", "set-aside", item.reason, nullptr, &item, item.line, item.line, item.page,
                   regions_of(original, item.line, item.line, item.boxes)});
  for (size_t i = 0; i < out.size(); ++i) out[i].id = "decision-" + std::to_string(i + 1);
  return out;
}

std::string decision_html(const Decision& d) {
  std::string out = "<aside class=\"decision " + d.group + "\" id=\"" + d.id + "\" data-kind=\"" + html_escape(d.kind) +
                    "\" data-group=\"" + d.group + "\"";
  if (d.review && !d.review->element.empty()) out += " data-path=\"" + html_escape(d.review->element) + "\"";
  out += place_attributes(d.page, d.regions, d.line, d.last_line) + " tabindex=\"0\">";
  out += "<span class=\"kind\">" + html_escape(d.kind) + "</span>";
  if (d.page > 0) out += "<a class=\"where\" href=\"#page-" + std::to_string(d.page) + "\">p." + std::to_string(d.page) + "</a>";
  if (d.review) {
    out += " <span class=\"message\">" + html_escape(d.review->message) + "</span>";
    if (!d.review->excerpt.empty()) out += " <q class=\"excerpt\">" + html_escape(d.review->excerpt) + "</q>";
  } else if (!d.set_aside->replaced_by.empty()) {
    out += " <del>" + html_escape(d.set_aside->text) + "</del> → <ins>" + html_escape(d.set_aside->replaced_by) + "</ins>";
  } else {
    out += " <del>" + html_escape(d.set_aside->text) + "</del>";
  }
  return out + "</aside>\n";
}

// The decisions after one block, together: short set-aside items (labels,
// brackets, numbers) flow on one line.
std::string decisions_html(const std::vector<const Decision*>& decisions) {
  if (decisions.empty()) return "";
  std::string out = "<div class=\"decisions\">\n";
  for (const Decision* d : decisions) out += decision_html(*d);
  return out + "</div>\n";
}

// Which part each decision follows: a review item the part it names; the
// others the part that starts nearest before their line (line order), or
// page. -1: before every part.
std::vector<std::vector<const Decision*>> placed_decisions(const std::vector<IssuePart>& parts,
                                                           const std::vector<Decision>& decisions) {
  std::map<std::string, size_t> by_path;
  for (size_t i = 0; i < parts.size(); ++i) by_path.emplace(parts[i].path, i);
  std::vector<std::vector<const Decision*>> after(parts.size() + 1);  // [0]: before every part
  for (const Decision& d : decisions) {
    if (d.review && by_path.count(d.review->element)) {
      after[by_path[d.review->element] + 1].push_back(&d);
      continue;
    }
    long best = -1;
    for (size_t i = 0; i < parts.size(); ++i) {
      const Provenance& p = *parts[i].provenance;
      if (!p.known()) continue;
      const int here = d.line > 0 ? p.first_line : p.page, wanted = d.line > 0 ? d.line : d.page;
      if (wanted > 0 && here <= wanted &&
          (best < 0 || here >= (d.line > 0 ? parts[best].provenance->first_line : parts[best].provenance->page)))
        best = static_cast<long>(i);
    }
    after[static_cast<size_t>(best + 1)].push_back(&d);
  }
  for (auto& list : after)
    std::stable_sort(list.begin(), list.end(), [](const Decision* a, const Decision* b) { return a->line < b->line; });
  return after;
}

// ---- the recovered issue ----

std::string section_title(const IssuePart& part) {
  if (part.section == "masthead") return "刊头 masthead";
  if (part.section == "intro") return "导语 intro";
  if (part.section == "contents") return "目录 contents";
  return "文章 article " + std::to_string(part.article);
}

bool is_web_link(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:");
}

std::string part_text_html(const IssuePart& part) {
  if (part.element == "link" && is_web_link(part.text))
    // A link of the issue the reader may follow; never fetched by the page.
    return "<a href=\"" + html_escape(part.text) + "\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">" +
           html_escape(part.text) + "</a>";
  return html_escape(part.text);
}

std::string block_html(const IssuePart& part, const std::string& id, const std::vector<PageBox>& regions,
                       bool corrected) {
  const Provenance& p = *part.provenance;
  std::string out = "<div class=\"block el-" + part.element + "\" id=\"" + id + "\" data-path=\"" +
                    html_escape(part.path) + "\" data-element=\"" + part.element + "\"" +
                    place_attributes(p.page, regions, p.first_line, p.last_line);
  const bool by_hand = corrected && !p.known();
  if (by_hand) out += " data-corrected=\"true\"";
  out += " tabindex=\"0\"><span class=\"tag\">" + part.element + "</span>";
  if (by_hand) out += "<span class=\"by-hand\" title=\"changed by hand in issue.xml\">改</span>";
  return out + "<span class=\"text\">" + part_text_html(part) + "</span></div>\n";
}

// ---- the page ----

struct Page {
  const ExtractReport& report;
  const Original& original;
  const std::vector<IssuePart>& parts;
  const std::vector<Decision>& decisions;
  const ReviewPageOptions& options;
  std::vector<std::vector<Region>> regions;  // a page each
};

void add_regions(Page& page, const std::string& target, const std::string& kind, const std::string& decision_kind,
                 const std::vector<PageBox>& boxes) {
  for (const PageBox& box : boxes)
    if (box.page >= 1 && static_cast<size_t>(box.page) <= page.regions.size())
      page.regions[box.page - 1].push_back({target, kind, decision_kind, box.box});
}

std::string summary_html(const Page& page, const std::string& name) {
  const ExtractReport& report = page.report;
  std::string out = "<header class=\"summary\" id=\"summary\">\n<h1>" + html_escape(name) + "</h1>\n<p class=\"meta\">" +
                    page.original.kind + " · " + std::to_string(page.original.pages.size()) +
                    " page(s)";
  if (!report.encoding.empty()) out += " · " + html_escape(report.encoding);
  out += " · " + std::to_string(page.parts.size()) + " recovered part(s)</p>\n";
  if (page.options.corrected)
    out += "<p class=\"corrected-note\">This issue.xml was corrected by hand: parts marked 改 have no place in the "
           "original.</p>\n";
  if (!report.warnings.empty() || !report.contradictions.empty()) {
    out += "<ul class=\"warnings\">\n";
    for (const std::string& warning : report.warnings) out += "<li class=\"warning\">" + html_escape(warning) + "</li>\n";
    for (const Problem& problem : report.contradictions)
      out += "<li class=\"warning contradiction\">" + html_escape(problem.message) + "</li>\n";
    out += "</ul>\n";
  }
  // Counts by group and kind, each linking to the first decision of its kind.
  std::map<std::pair<std::string, std::string>, std::pair<int, std::string>> counts;
  for (const Decision& d : page.decisions) {
    auto& [count, first] = counts[{d.group, d.kind}];
    if (count++ == 0) first = d.id;
  }
  out += "<nav class=\"counts\" id=\"counts\"><span class=\"total\">" + std::to_string(page.decisions.size()) +
         " decision(s)</span>\n<ul>\n";
  for (const auto& [key, value] : counts)
    out += "<li data-group=\"" + key.first + "\" data-kind=\"" + html_escape(key.second) + "\" data-count=\"" +
           std::to_string(value.first) + "\"><a href=\"#" + value.second + "\">" + html_escape(key.second) +
           "</a> <b>" + std::to_string(value.first) + "</b></li>\n";
  out += "</ul>\n<details class=\"decision-list\"" + std::string(page.decisions.size() <= 12 ? " open" : "") +
         "><summary>all decisions</summary>\n<ol>\n";
  for (const Decision& d : page.decisions) {
    const std::string what = d.review ? d.review->message
                             : d.set_aside->replaced_by.empty() ? d.set_aside->text
                                                                : d.set_aside->text + " → " + d.set_aside->replaced_by;
    out += "<li><a href=\"#" + d.id + "\">" + (d.page > 0 ? "p." + std::to_string(d.page) + " " : "") +
           html_escape(d.kind) + "</a> " + html_escape(what) + "</li>\n";
  }
  return out + "</ol>\n</details>\n</nav>\n</header>\n";
}

std::string text_column_html(Page& page) {
  const std::vector<std::vector<const Decision*>> after = placed_decisions(page.parts, page.decisions);
  std::string out = "<section class=\"recovered\" id=\"issue\" aria-label=\"recovered issue\">\n";
  out += decisions_html(after[0]);
  std::string section;
  int shown_page = 0;
  for (size_t i = 0; i < page.parts.size(); ++i) {
    const IssuePart& part = page.parts[i];
    const std::string title = section_title(part);
    if (title != section) out += "<h2 class=\"section-title\">" + html_escape(title) + "</h2>\n", section = title;
    const Provenance& p = *part.provenance;
    if (p.page > shown_page) {
      shown_page = p.page;
      out += "<div class=\"page-mark\"><a href=\"#page-" + std::to_string(p.page) + "\">page " +
             std::to_string(p.page) + "</a></div>\n";
    }
    const std::string id = "block-" + std::to_string(i + 1);
    const std::vector<PageBox> regions = regions_of(page.original, p.first_line, p.last_line, p.boxes);
    add_regions(page, id, "block", "", regions);
    out += block_html(part, id, regions, page.options.corrected);
    out += decisions_html(after[i + 1]);
  }
  return out + "</section>\n";
}

std::string pages_column_html(const Page& page) {
  std::string out = "<section class=\"pages\" id=\"pages\" aria-label=\"original pages\">\n";
  for (size_t i = 0; i < page.original.pages.size(); ++i) {
    const PagePicture& picture = page.original.pages[i];
    const std::string n = std::to_string(i + 1);
    out += "<figure class=\"page\" id=\"page-" + n + "\" data-page=\"" + n + "\" data-width=\"" +
           format_decimal(picture.width, 1) + "\" data-height=\"" + format_decimal(picture.height, 1) +
           "\">\n<div class=\"sheet\" style=\"aspect-ratio:" + format_decimal(picture.width, 1) + "/" +
           format_decimal(picture.height, 1) + "\">";
    out += picture.uri.empty() ? "<div class=\"page-image missing\">page " + n + " could not be rendered</div>"
                               : "<img class=\"page-image\" src=\"" + picture.uri + "\" alt=\"page " + n + "\">";
    for (const Region& region : page.regions[i]) out += region_html(region, picture);
    out += "</div>\n<figcaption>page " + n + "</figcaption>\n</figure>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string review_page_html(const Issue& issue, const ExtractReport& report, std::string_view input_bytes,
                             const ReviewPageOptions& options) {
  const std::string name = options.display_name.empty() ? report.input : options.display_name;
  const Original original = looks_like_pdf(input_bytes)    ? pdf_original(input_bytes, name, options)
                            : looks_like_docx(input_bytes) ? docx_original(input_bytes, name)
                                                           : text_original(input_bytes, name, options.encoding);
  const std::vector<IssuePart> parts = issue_parts(issue);
  const std::vector<Decision> decisions = decisions_of(report, original);
  Page page{report, original, parts, decisions, options, {}};
  page.regions.resize(original.pages.size());
  for (const Decision& d : decisions) add_regions(page, d.id, d.group == "review" ? "decision" : "set-aside", d.kind, d.regions);
  // The text column first: it adds the blocks' regions the pictures show.
  const std::string text_column = text_column_html(page);
  return html_document_head("review: " + name, extract::review_page_css()) + "<body>\n" + summary_html(page, name) +
         "<main>\n" + pages_column_html(page) + text_column + "</main>\n<script>\n" + extract::review_page_script() +
         "</script>\n</body>\n</html>\n";
}

}  // namespace reissue
