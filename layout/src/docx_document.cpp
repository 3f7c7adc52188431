#include "docx_document.h"

#include "docx_styles.h"
#include "images.h"
#include "reissue/text.h"
#include "reissue/xml_writer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace reissue::layout {

namespace {

constexpr long kEmuPerPoint = 12700;

bool has_chinese(const std::string& text) {
  for (char32_t c : utf8_to_u32(text))
    if (is_cjk(c)) return true;
  return false;
}

// Characters both Chinese and Latin text use; their width follows the font.
bool is_shared_mark(char32_t c) {
  return c == U'\u201C' || c == U'\u201D' || c == U'\u2018' || c == U'\u2019' || c == U'\u2014' ||
         c == U'\u2026' || c == U'\u00B7';
}

class DocumentWriter {
 public:
  DocumentWriter(const Style& style, const Figures& figures) : style_(style), images_(figures), out_(false) {}

  DocxContent write(const std::vector<ComposedBlock>& blocks, const std::string& footer_relationship) {
    // Bookmarks get names Word accepts (letters, digits, _; under 40
    // characters) whatever the article ids are.
    for (const ComposedBlock& block : blocks)
      if (!block.anchor.empty() && !bookmarks_.count(block.anchor))
        bookmarks_[block.anchor] = "article_" + std::to_string(bookmarks_.size() + 1);

    out_.start_document(true);
    out_.start("w:document");
    out_.attribute("xmlns:w", kWordNamespace);
    out_.attribute("xmlns:r", kRelationshipsNamespace);
    out_.attribute("xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
    out_.attribute("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
    out_.attribute("xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
    out_.start("w:body");
    for (size_t i = 0; i < blocks.size(); ++i) {
      const ComposedBlock& block = blocks[i];
      // The masthead rule is the bottom border of the paragraph above it.
      const bool rule_below = i + 1 < blocks.size() && blocks[i + 1].kind == ComposedKind::rule;
      if (block.kind == ComposedKind::figure) write_figure(block);
      else if (block.kind == ComposedKind::text) write_paragraph(block, rule_below);
    }
    write_section(footer_relationship);
    out_.end();
    out_.end();
    content_.document = out_.finish();
    content_.footer = footer_xml();
    return std::move(content_);
  }

 private:
  // strong: bold; emphasis: Word's 着重号 (w:em dot), as the PDF sets it.
  // Marks Chinese shares with Latin (“ ” ‘ ’ — … ·) get runs of their own in
  // the role's Chinese font in every slot: LibreOffice 7.4 ignores w:hint and
  // would set them from the Latin font, half-width.
  void run(const std::string& text, bool strong = false, bool emphasis = false) {
    const std::u32string characters = utf8_to_u32(text);
    size_t begin = 0;
    while (begin < characters.size()) {
      const bool shared = is_shared_mark(characters[begin]);
      size_t end = begin + 1;
      while (end < characters.size() && is_shared_mark(characters[end]) == shared) ++end;
      single_run(u32_to_utf8(characters.substr(begin, end - begin)), shared, strong, emphasis);
      begin = end;
    }
    if (characters.empty()) single_run(text, false, strong, emphasis);
  }

  void single_run(const std::string& text, bool shared, bool strong, bool emphasis) {
    out_.start("w:r");
    const bool chinese = !shared && has_chinese(text);
    if (shared || chinese || strong || emphasis) {
      out_.start("w:rPr");  // children in the schema's order
      if (shared) {
        const std::string& font = docx_chinese_font(style_, role_);
        out_.start("w:rFonts");
        out_.attribute("w:ascii", font);
        out_.attribute("w:eastAsia", font);
        out_.attribute("w:hAnsi", font);
        out_.attribute("w:hint", "eastAsia");
        out_.end();
      } else if (chinese) {
        out_.empty("w:rFonts", "w:hint", "eastAsia");
      }
      if (strong) {
        out_.empty("w:b");
        out_.empty("w:bCs");
      }
      if (emphasis) out_.empty("w:em", "w:val", "dot");
      out_.end();
    }
    out_.start("w:t");
    out_.attribute("xml:space", "preserve");
    out_.text(text);
    out_.end();
    out_.end();
  }

  void field_character(const char* type) {
    out_.start("w:r");
    out_.empty("w:fldChar", "w:fldCharType", type);
    out_.end();
  }

  // The article's page number in the contents: a PAGEREF field to its
  // bookmark, computed by the word processor.
  void page_reference(const std::string& bookmark) {
    out_.start("w:r");
    out_.empty("w:tab");
    out_.end();
    field_character("begin");
    out_.start("w:r");
    out_.start("w:instrText");
    out_.attribute("xml:space", "preserve");
    out_.text(" PAGEREF " + bookmark + " \\h ");
    out_.end();
    out_.end();
    field_character("separate");
    run("");
    field_character("end");
  }

  std::string relationship(const std::string& type, const std::string& target, bool external) {
    const std::string key = type + " " + target;
    if (auto found = relationship_ids_.find(key); found != relationship_ids_.end()) return found->second;
    const std::string id = "rId" + std::string(type == "image" ? "Image" : "Link") +
                           std::to_string(content_.relationships.size() + 1);
    content_.relationships.push_back({id, type, target, external});
    relationship_ids_[key] = id;
    return id;
  }

  void write_paragraph(const ComposedBlock& block, bool rule_below) {
    role_ = block.role;
    out_.start("w:p");
    out_.start("w:pPr");
    out_.empty("w:pStyle", "w:val", docx_style_id(block.role));
    // Word's keep-with-next is all or nothing: where reissue's pages may end
    // at a cost (inside the label block), Word may end one freely (the
    // paragraph turns off what its style keeps).
    if (block.label_break != ComposedBlock::LabelBreak::none) out_.empty("w:keepNext", "w:val", "0");
    else if (block.keep_with_next) out_.empty("w:keepNext");
    if (rule_below) {
      out_.start("w:pBdr");
      out_.start("w:bottom");
      out_.attribute("w:val", "single");
      out_.attribute("w:sz", std::to_string(std::clamp(std::lround(style_.rule_width * 8), 2L, 96L)));
      out_.attribute("w:space", "4");
      out_.attribute("w:color", style_.rule_color.hex());
      out_.end();
      out_.end();
    }
    out_.end();

    const auto bookmark = bookmarks_.find(block.anchor);
    const int bookmark_id = next_bookmark_id_;
    if (bookmark != bookmarks_.end()) {
      out_.start("w:bookmarkStart");
      out_.attribute("w:id", std::to_string(next_bookmark_id_++));
      out_.attribute("w:name", bookmark->second);
      out_.end();
    }
    const auto target = bookmarks_.find(block.target);
    if (!block.uri.empty()) {
      out_.start("w:hyperlink");
      out_.attribute("r:id", relationship("hyperlink", block.uri, true));
      out_.attribute("w:history", "1");
    } else if (target != bookmarks_.end()) {
      out_.start("w:hyperlink");
      out_.attribute("w:anchor", target->second);
      out_.attribute("w:history", "1");
    }
    if (block.inlines.empty() || !block.uri.empty() || target != bookmarks_.end()) run(block.text);
    else marked_runs(block);
    if (!block.uri.empty() || target != bookmarks_.end()) out_.end();
    if (bookmark != bookmarks_.end()) out_.empty("w:bookmarkEnd", "w:id", std::to_string(bookmark_id));
    if (const auto page_of = bookmarks_.find(block.page_of); page_of != bookmarks_.end())
      page_reference(page_of->second);
    out_.end();
  }

  // The text cut where markup starts or ends: a run per piece, with its
  // bold and emphasis; a link's pieces inside one w:hyperlink.
  void marked_runs(const ComposedBlock& block) {
    std::set<size_t> cuts = {0, block.text.size()};
    for (const Inline& span : block.inlines) {
      cuts.insert(std::min(span.begin, block.text.size()));
      cuts.insert(std::min(span.end, block.text.size()));
    }
    int open_link = -1;
    for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
      const size_t begin = *it, end = *std::next(it);
      bool strong = false, emphasis = false;
      int link = -1;
      for (size_t k = 0; k < block.inlines.size(); ++k) {
        const Inline& span = block.inlines[k];
        if (span.begin > begin || span.end < end) continue;
        if (span.kind == Inline::Kind::strong) strong = true;
        else if (span.kind == Inline::Kind::emphasis) emphasis = true;
        else link = static_cast<int>(k);
      }
      if (link != open_link) {
        if (open_link >= 0) out_.end();
        if (link >= 0) {
          out_.start("w:hyperlink");
          out_.attribute("r:id", relationship("hyperlink", block.inlines[static_cast<size_t>(link)].href, true));
          out_.attribute("w:history", "1");
        }
        open_link = link;
      }
      run(block.text.substr(begin, end - begin), strong, emphasis);
    }
    if (open_link >= 0) out_.end();
  }

  void write_figure(const ComposedBlock& block) {
    const Figure& image = images_.get(block.image, block.source_line);
    const FigureSize size =
        fit_figure(image, style_.text_width(), style_.page_height - style_.margin_top - style_.margin_bottom);
    auto [media, added] = media_.try_emplace(block.image, "");
    if (added) {
      media->second = "media/image" + std::to_string(content_.media.size() + 1) + (image.kind == FigureKind::jpeg ? ".jpeg" : ".png");
      content_.media.push_back({media->second, image.bytes});
    }
    const std::string id = relationship("image", media->second, false);
    const std::string cx = std::to_string(std::lround(size.width * kEmuPerPoint));
    const std::string cy = std::to_string(std::lround(size.height * kEmuPerPoint));
    const std::string number = std::to_string(++figures_);

    out_.start("w:p");
    out_.start("w:pPr");
    out_.empty("w:pStyle", "w:val", kDocxFigureStyle);
    out_.end();
    out_.start("w:r");
    out_.start("w:drawing");
    out_.start("wp:inline");
    for (const char* distance : {"distT", "distB", "distL", "distR"}) out_.attribute(distance, "0");
    out_.start("wp:extent");
    out_.attribute("cx", cx);
    out_.attribute("cy", cy);
    out_.end();
    // wp:docPr ids are unique in the document; descr is the alt text.
    out_.start("wp:docPr");
    out_.attribute("id", number);
    out_.attribute("name", "Figure " + number);
    out_.attribute("descr", block.alt);
    out_.end();
    out_.start("wp:cNvGraphicFramePr");
    out_.empty("a:graphicFrameLocks", "noChangeAspect", "1");
    out_.end();
    out_.start("a:graphic");
    out_.start("a:graphicData");
    out_.attribute("uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
    out_.start("pic:pic");
    out_.start("pic:nvPicPr");
    out_.start("pic:cNvPr");
    out_.attribute("id", number);
    out_.attribute("name", media->second.substr(6));
    out_.attribute("descr", block.alt);
    out_.end();
    out_.empty("pic:cNvPicPr");
    out_.end();
    out_.start("pic:blipFill");
    out_.empty("a:blip", "r:embed", id);
    out_.start("a:stretch");
    out_.empty("a:fillRect");
    out_.end();
    out_.end();
    out_.start("pic:spPr");
    out_.start("a:xfrm");
    out_.start("a:off");
    out_.attribute("x", "0");
    out_.attribute("y", "0");
    out_.end();
    out_.start("a:ext");
    out_.attribute("cx", cx);
    out_.attribute("cy", cy);
    out_.end();
    out_.end();
    out_.start("a:prstGeom");
    out_.attribute("prst", "rect");
    out_.empty("a:avLst");
    out_.end();
    out_.end();
    out_.end();  // pic:pic
    out_.end();  // a:graphicData
    out_.end();  // a:graphic
    out_.end();  // wp:inline
    out_.end();  // w:drawing
    out_.end();  // w:r
    out_.end();  // w:p
  }

  void write_section(const std::string& footer_relationship) {
    out_.start("w:sectPr");
    if (!style_.footer_format.empty()) {
      out_.start("w:footerReference");
      out_.attribute("w:type", "default");
      out_.attribute("r:id", footer_relationship);
      out_.end();
    }
    out_.start("w:pgSz");
    out_.attribute("w:w", std::to_string(twips(style_.page_width)));
    out_.attribute("w:h", std::to_string(twips(style_.page_height)));
    out_.end();
    // The footer's distance is to the bottom of its line; the style gives
    // the baseline.
    const double footer_bottom = std::max(0.0, style_.footer_offset - 0.3 * style_.role(Role::footer).size);
    out_.start("w:pgMar");
    out_.attribute("w:top", std::to_string(twips(style_.margin_top)));
    out_.attribute("w:right", std::to_string(twips(style_.margin_right)));
    out_.attribute("w:bottom", std::to_string(twips(style_.margin_bottom)));
    out_.attribute("w:left", std::to_string(twips(style_.margin_left)));
    out_.attribute("w:header", std::to_string(twips(std::min(36.0, style_.margin_top))));
    out_.attribute("w:footer", std::to_string(twips(footer_bottom)));
    out_.attribute("w:gutter", "0");
    out_.end();
    out_.end();
  }

  // The style's footer format with {page} and {pages} as PAGE and NUMPAGES
  // fields.
  std::string footer_xml() const {
    xml::Writer out(false);
    out.start_document(true);
    out.start("w:ftr");
    out.attribute("xmlns:w", kWordNamespace);
    out.attribute("xmlns:r", kRelationshipsNamespace);
    out.start("w:p");
    out.start("w:pPr");
    out.empty("w:pStyle", "w:val", docx_style_id(Role::footer));
    out.end();
    auto text_run = [&](const std::string& text) {
      if (text.empty()) return;
      out.start("w:r");
      out.start("w:t");
      out.attribute("xml:space", "preserve");
      out.text(text);
      out.end();
      out.end();
    };
    const std::string& format = style_.footer_format;
    size_t at = 0;
    while (at < format.size()) {
      const size_t page = format.find("{page}", at), pages = format.find("{pages}", at);
      const size_t next = std::min(page, pages);
      text_run(format.substr(at, next - at));
      if (next == std::string::npos) break;
      const bool total = next == pages;
      out.start("w:fldSimple");
      out.attribute("w:instr", total ? " NUMPAGES " : " PAGE ");
      text_run("1");
      out.end();
      at = next + (total ? 7 : 6);
    }
    out.end();
    out.end();
    return out.finish();
  }

  const Style& style_;
  const Figures& images_;
  xml::Writer out_;
  DocxContent content_;
  std::map<std::string, std::string> bookmarks_;         // anchor -> bookmark name
  std::map<std::string, std::string> media_;             // image path in the issue -> media part
  std::map<std::string, std::string> relationship_ids_;  // type + target -> id
  Role role_ = Role::body;  // of the paragraph being written
  int next_bookmark_id_ = 0;
  int figures_ = 0;
};

}  // namespace

DocxContent write_docx_content(const std::vector<ComposedBlock>& blocks, const Style& style, const Figures& figures,
                               const std::string& footer_relationship) {
  return DocumentWriter(style, figures).write(blocks, footer_relationship);
}

}  // namespace reissue::layout
