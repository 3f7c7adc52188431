// The page model to PDF (PoDoFo): text as TJ runs of 2-byte codes, figures as
// image XObjects (JPEG passed through), URI and internal links, bookmarks,
// document information and XMP metadata, and a structure tree that tags
// every block (H1, H2, P, Figure with alt text, Caption, TOCI) for
// accessibility; running footers and rules are artifacts.
#include "images.h"
#include "pages.h"
#include "pdf_fonts.h"
#include "reissue/atomic_file.h"
#include "reissue/compose.h"
#include "reissue/error.h"
#include "reissue/fonts.h"
#include "reissue/text.h"
#include "reissue/typeset.h"
#include "reissue/xml_writer.h"

#include <podofo/podofo.h>

#include <cmath>
#include <cstdio>

namespace reissue {

namespace layout {

using namespace PoDoFo;

namespace {

const TVecFilters& flate() {
  static const TVecFilters filters = {ePdfFilter_FlateDecode};
  return filters;
}

// Read at run time from Debian's icc-profiles-free rather than copied into
// the program (its licence and updates stay the package's).
std::string srgb_profile() {
  const char* const path = "/usr/share/color/icc/sRGB.icc";
  std::string profile;
  try {
    profile = read_file_limited(path, std::size_t{1} << 20);
  } catch (const Error&) {
  }
  if (profile.size() < 128 || profile.compare(36, 4, "acsp") != 0)
    throw Error(path, 0, "PDF/A output needs this sRGB ICC profile, which is missing or unreadable; "
                         "install the Debian package icc-profiles-free");
  return profile;
}

std::string number(double value) { return format_decimal(value, 3); }

std::string color_operator(const Color& color, const char* op) {
  return number(color.red) + " " + number(color.green) + " " + number(color.blue) + " " + op + "\n";
}

PdfString text_string(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

// The structure type that tags a block: headings by level, the masthead's
// series and the headline as H1, contents entries as TOCI.
const char* structure_tag(const ComposedBlock& block) {
  if (block.kind == ComposedKind::figure) return "Figure";
  if (block.role == Role::caption) return "Caption";
  if (block.heading_level == 1) return "H1";
  if (block.heading_level == 2) return "H2";
  if (block.role == Role::series || block.role == Role::headline) return "H1";
  if (block.role == Role::contents) return "TOCI";
  return "P";
}

class Writer {
 public:
  Writer(const PagedDocument& paged, const std::vector<ComposedBlock>& blocks, const Issue& issue, const Style& style,
         const TypesetOptions& options, const EarlySubsets& early)
      : paged_(paged), blocks_(blocks), issue_(issue), style_(style), pdfa_(options.pdfa),
        fonts_(document_, options.parallel, options.pdfa, &early), marks_(blocks.size()) {}

  std::string write() {
    // PoDoFo's page objects may move as pages are added: keep the page
    // dictionaries (owned by the document) and look pages up when needed.
    for (size_t p = 0; p < paged_.pages.size(); ++p)
      page_objects_.push_back(document_.CreatePage(PdfRect(0, 0, style_.page_width, style_.page_height))->GetObject());
    std::vector<PdfObject*> images;
    for (const Figure* image : paged_.images) images.push_back(image_object(*image));
    // Every glyph is registered first, in the order the pages use them, so
    // that the fonts are subset on worker threads while the pages are written.
    for (const Page& page : paged_.pages)
      for (const PlacedText& text : page.texts)
        for (size_t g = 0; const int extra : widened(text)) {
          const PlacedGlyph& glyph = text.glyphs[g++];
          fonts_.use(*glyph.font, glyph.id, glyph.text, extra);
        }
    fonts_.prepare();
    for (size_t p = 0; p < paged_.pages.size(); ++p) write_page(p, images);
    fonts_.finish();
    // PDF/A-1 is PDF 1.4 (which has tagging and /Lang already) and wants an
    // end of line after "obj" and before "endobj": PoDoFo's clean mode.
    document_.SetPdfVersion(pdfa_ ? ePdfVersion_1_4 : ePdfVersion_1_7);  // 1.7: tagging, transparency, /Lang
    if (pdfa_) document_.SetWriteMode(ePdfWriteMode_Clean);
    write_structure();
    write_outline();
    write_metadata();
    if (pdfa_) write_output_intent();
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    document_.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  }

 private:
  struct Mark {
    int page;
    int mcid;
  };

  PdfObject* image_object(const Figure& image) {
    PdfObject* object = document_.GetObjects().CreateObject("XObject");
    PdfDictionary& d = object->GetDictionary();
    d.AddKey("Subtype", PdfName("Image"));
    d.AddKey("BitsPerComponent", PdfVariant(static_cast<pdf_int64>(8)));
    if (image.kind == FigureKind::jpeg && !(pdfa_ && image.components == 4)) {
      d.AddKey("Width", PdfVariant(static_cast<pdf_int64>(image.width)));
      d.AddKey("Height", PdfVariant(static_cast<pdf_int64>(image.height)));
      d.AddKey("ColorSpace", PdfName(image.components == 1 ? "DeviceGray"
                                     : image.components == 4 ? "DeviceCMYK" : "DeviceRGB"));
      d.AddKey("Filter", PdfName("DCTDecode"));
      // The JPEG stream as it is: no re-encoding.
      PdfMemoryInputStream input(image.bytes.data(), static_cast<pdf_long>(image.bytes.size()));
      object->GetStream()->SetRawData(&input, static_cast<pdf_long>(image.bytes.size()));
      return object;
    }
    // PNG pixels, or a CMYK JPEG's as RGB for PDF/A (no DeviceCMYK under an sRGB intent).
    DecodedImage decoded =
        image.kind == FigureKind::jpeg ? decode_cmyk_jpeg(image.bytes, image.src) : decode_png(image.bytes, image.src);
    if (pdfa_) flatten_onto_white(decoded);
    d.AddKey("Width", PdfVariant(static_cast<pdf_int64>(decoded.width)));
    d.AddKey("Height", PdfVariant(static_cast<pdf_int64>(decoded.height)));
    d.AddKey("ColorSpace", PdfName("DeviceRGB"));
    object->GetStream()->Set(decoded.rgb.data(), static_cast<pdf_long>(decoded.rgb.size()), flate());
    if (!decoded.alpha.empty()) {
      PdfObject* mask = document_.GetObjects().CreateObject("XObject");
      PdfDictionary& m = mask->GetDictionary();
      m.AddKey("Subtype", PdfName("Image"));
      m.AddKey("Width", PdfVariant(static_cast<pdf_int64>(decoded.width)));
      m.AddKey("Height", PdfVariant(static_cast<pdf_int64>(decoded.height)));
      m.AddKey("ColorSpace", PdfName("DeviceGray"));
      m.AddKey("BitsPerComponent", PdfVariant(static_cast<pdf_int64>(8)));
      mask->GetStream()->Set(decoded.alpha.data(), static_cast<pdf_long>(decoded.alpha.size()), flate());
      d.AddKey("SMask", mask->Reference());
    }
    return object;
  }

  // Glyphs as TJ: a code per glyph; each glyph's position is reached from the
  // pen position by an adjustment (in thousandths of the font size). A gap of
  // 0.09 em or more after a glyph that is not a word space (the 1/4 em between
  // Han and Latin, a hard line's spread) is made part of that glyph: it is
  // drawn with a variant of its font whose widths include the gap (to 0.05
  // em; the rest stays an adjustment), both in /W (Poppler's widths) and in
  // its embedded program (MuPDF's; PDF/A wants both to agree; pdf_fonts.cpp).
  // Text extractors take a glyph's box from its width (not from Tc, which
  // Poppler subtracts), so the gap does not read as a space. Word spaces are
  // space glyphs and read as spaces; a mark set half-width before one gets a
  // narrower variant (below).
  // Thousandths of an em added to each glyph's width (0: none).
  std::vector<int> widened(const PlacedText& text) const {
    const size_t count = text.glyphs.size();
    std::vector<int> extra(count, 0);
    for (size_t g = 0; g + 1 < count; ++g) {
      const PlacedGlyph& glyph = text.glyphs[g];
      const PlacedGlyph& next = text.glyphs[g + 1];
      if (glyph.y != next.y || is_space(glyph) || glyph.text.empty()) continue;
      const double gap = (next.x - glyph.x) / text.size - glyph.font->advance(glyph.id);
      if (is_space(next)) {
        // A full-width mark whose blank half a source space took (“5G+” 贵州):
        // the space is drawn inside the mark's box, where extractors would
        // lose it; the narrower variant ends the mark where the space begins.
        if (gap <= -0.09) extra[g] = -static_cast<int>(std::ceil(-gap * 1000 / 50)) * 50;
        continue;
      }
      if (gap >= 0.09) extra[g] = static_cast<int>(std::floor(gap * 1000 / 50)) * 50;
    }
    return extra;
  }

  void write_text(std::string& out, const PlacedText& text, PdfDictionary& fonts) {
    out += "BT\n" + color_operator(text.color, "rg");
    const size_t count = text.glyphs.size();
    const std::vector<int> extra = widened(text);
    size_t i = 0;
    while (i < count) {
      const Font* font = text.glyphs[i].font;
      const int wide = extra[i];
      const std::string& name = fonts_.name_of(*font, wide);
      fonts.AddKey(PdfName(name), fonts_.object_of(*font, wide)->Reference());
      const double x0 = text.x + text.glyphs[i].x;
      out += "/" + name + " " + number(text.size) + " Tf\n1 0 0 1 " + number(x0) + " " +
             number(text.baseline + text.glyphs[i].y) + " Tm\n[";
      double pen = x0;
      const double y = text.glyphs[i].y;
      for (; i < count && text.glyphs[i].font == font && extra[i] == wide && text.glyphs[i].y == y; ++i) {
        const PlacedGlyph& glyph = text.glyphs[i];
        const double target = text.x + glyph.x;
        const double adjust = (pen - target) / text.size * 1000;
        if (std::abs(adjust) > 0.05) out += number(adjust) + " ";
        char code[8];
        std::snprintf(code, sizeof code, "<%04X>", fonts_.use(*font, glyph.id, glyph.text, wide));
        out += code;
        pen = target + (font->advance(glyph.id) + wide / 1000.0) * text.size;
      }
      out += "] TJ\n";
    }
    out += "ET\n";
  }

  static bool is_space(const PlacedGlyph& glyph) {
    return glyph.text.size() == 1 &&
           (glyph.text[0] == U' ' || glyph.text[0] == U'\u00A0' || glyph.text[0] == U'\u3000');
  }

  void write_page(size_t p, const std::vector<PdfObject*>& images) {
    const Page& page = paged_.pages[p];
    PdfPage* pdf_page = document_.GetPage(static_cast<int>(p));
    PdfObject* resources = pdf_page->GetResources();
    PdfDictionary fonts, xobjects;
    std::string out;
    int mcid = 0;
    for (const PlacedRule& rule : page.rules)
      out += "/Artifact BMC\nq\n" + color_operator(rule.color, "RG") + number(rule.width) + " w\n" +
             number(rule.x1) + " " + number(rule.y) + " m " + number(rule.x2) + " " + number(rule.y) + " l S\nQ\nEMC\n";
    // Emphasis dots: a zero-length stroke with round caps is a filled circle.
    for (const PlacedDot& dot : page.dots)
      out += "/Artifact BMC\nq\n" + color_operator(dot.color, "RG") + "1 J " + number(dot.radius * 2) + " w\n" +
             number(dot.x) + " " + number(dot.y) + " m " + number(dot.x) + " " + number(dot.y) + " l S\nQ\nEMC\n";
    for (const PlacedImage& image : page.images) {
      const std::string name = "Im" + std::to_string(image.image + 1);
      xobjects.AddKey(PdfName(name), images[static_cast<size_t>(image.image)]->Reference());
      out += "/Figure <</MCID " + std::to_string(mcid) + ">> BDC\nq\n" + number(image.width) + " 0 0 " +
             number(image.height) + " " + number(image.x) + " " + number(image.y) + " cm\n/" + name + " Do\nQ\nEMC\n";
      marks_[static_cast<size_t>(image.block)].push_back({static_cast<int>(p), mcid++});
    }
    for (const PlacedText& text : page.texts) {
      if (text.block < 0) {
        out += "/Artifact <</Type /Pagination>> BDC\n";
        write_text(out, text, fonts);
        out += "EMC\n";
        continue;
      }
      const char* tag = structure_tag(blocks_[static_cast<size_t>(text.block)]);
      out += "/" + std::string(tag) + " <</MCID " + std::to_string(mcid) + ">> BDC\n";
      write_text(out, text, fonts);
      out += "EMC\n";
      marks_[static_cast<size_t>(text.block)].push_back({static_cast<int>(p), mcid++});
    }
    resources->GetDictionary().AddKey("Font", fonts);
    if (!xobjects.GetKeys().empty()) resources->GetDictionary().AddKey("XObject", xobjects);
    PdfObject* contents = pdf_page->GetContents();
    contents->GetStream()->Set(out.data(), static_cast<pdf_long>(out.size()), flate());
    pdf_page->GetObject()->GetDictionary().AddKey("StructParents", PdfVariant(static_cast<pdf_int64>(p)));
    pdf_page->GetObject()->GetDictionary().AddKey("Tabs", PdfName("S"));
    mcid_count_.push_back(mcid);

    for (const LinkArea& area : page.links) {
      PdfAnnotation* link = pdf_page->CreateAnnotation(ePdfAnnotation_Link,
                                                       PdfRect(area.x1, area.y1, area.x2 - area.x1, area.y2 - area.y1));
      PdfDictionary& d = link->GetObject()->GetDictionary();
      d.RemoveKey("M");  // PoDoFo stamps the clock here; the output must not depend on it
      PdfArray border;
      for (int i = 0; i < 3; ++i) border.push_back(PdfVariant(static_cast<pdf_int64>(0)));
      d.AddKey("Border", border);
      d.AddKey("F", PdfVariant(static_cast<pdf_int64>(4)));  // printed with the page (PDF/A requires it)
      if (!area.uri.empty()) {
        PdfDictionary action;
        action.AddKey("S", PdfName("URI"));
        action.AddKey("URI", PdfString(area.uri));
        d.AddKey("A", action);
        d.AddKey("Contents", text_string(area.uri));
      } else if (const auto found = paged_.destinations.find(area.anchor); found != paged_.destinations.end()) {
        PdfArray destination;
        destination.push_back(page_objects_[static_cast<size_t>(found->second.page)]->Reference());
        destination.push_back(PdfName("XYZ"));
        destination.push_back(PdfVariant(0.0));
        destination.push_back(PdfVariant(found->second.y));
        destination.push_back(PdfVariant(0.0));
        d.AddKey("Dest", destination);
      }
      links_.push_back({static_cast<int>(p), link->GetObject()});
    }
  }

  void write_structure() {
    PdfVecObjects& objects = document_.GetObjects();
    PdfObject* root = objects.CreateObject("StructTreeRoot");
    PdfObject* document = objects.CreateObject("StructElem");
    document->GetDictionary().AddKey("S", PdfName("Document"));
    document->GetDictionary().AddKey("P", root->Reference());
    document->GetDictionary().AddKey("Lang", PdfString("zh-CN"));
    PdfArray kids;
    std::vector<PdfArray> parents(paged_.pages.size());
    for (size_t p = 0; p < parents.size(); ++p)
      for (int m = 0; m < mcid_count_[p]; ++m) parents[p].push_back(PdfVariant::NullValue);
    for (size_t b = 0; b < blocks_.size(); ++b) {
      if (marks_[b].empty()) continue;
      const ComposedBlock& block = blocks_[b];
      PdfObject* element = objects.CreateObject("StructElem");
      PdfDictionary& d = element->GetDictionary();
      d.AddKey("S", PdfName(structure_tag(block)));
      d.AddKey("P", document->Reference());
      if (block.kind == ComposedKind::figure) d.AddKey("Alt", text_string(block.alt));
      PdfArray marked;
      for (const Mark& mark : marks_[b]) {
        PdfDictionary reference;
        reference.AddKey("Type", PdfName("MCR"));
        reference.AddKey("Pg", page_objects_[static_cast<size_t>(mark.page)]->Reference());
        reference.AddKey("MCID", PdfVariant(static_cast<pdf_int64>(mark.mcid)));
        marked.push_back(reference);
        parents[static_cast<size_t>(mark.page)][static_cast<size_t>(mark.mcid)] = element->Reference();
      }
      d.AddKey("K", marked);
      kids.push_back(element->Reference());
    }
    // Link annotations are structure elements of their own (OBJR).
    pdf_int64 next_key = static_cast<pdf_int64>(paged_.pages.size());
    PdfArray nums;
    for (size_t p = 0; p < parents.size(); ++p) {
      nums.push_back(PdfVariant(static_cast<pdf_int64>(p)));
      nums.push_back(parents[p]);
    }
    for (const auto& [page, annotation] : links_) {
      PdfObject* element = objects.CreateObject("StructElem");
      PdfDictionary& d = element->GetDictionary();
      d.AddKey("S", PdfName("Link"));
      d.AddKey("P", document->Reference());
      PdfDictionary reference;
      reference.AddKey("Type", PdfName("OBJR"));
      reference.AddKey("Pg", page_objects_[static_cast<size_t>(page)]->Reference());
      reference.AddKey("Obj", annotation->Reference());
      d.AddKey("K", reference);
      annotation->GetDictionary().AddKey("StructParent", PdfVariant(next_key));
      nums.push_back(PdfVariant(next_key++));
      nums.push_back(element->Reference());
      kids.push_back(element->Reference());
    }
    document->GetDictionary().AddKey("K", kids);
    PdfObject* parent_tree = objects.CreateObject();
    parent_tree->GetDictionary().AddKey("Nums", nums);
    root->GetDictionary().AddKey("K", document->Reference());
    root->GetDictionary().AddKey("ParentTree", parent_tree->Reference());
    root->GetDictionary().AddKey("ParentTreeNextKey", PdfVariant(next_key));
    PdfDictionary& catalog = document_.GetCatalog()->GetDictionary();
    catalog.AddKey("StructTreeRoot", root->Reference());
    PdfDictionary mark_info;
    mark_info.AddKey("Marked", PdfVariant(true));
    catalog.AddKey("MarkInfo", mark_info);
    catalog.AddKey("Lang", PdfString("zh-CN"));
  }

  void write_outline() {
    PdfOutlineItem* last = nullptr;
    PdfOutlines* outlines = nullptr;
    pdf_int64 count = 0;
    for (const ComposedBlock& block : blocks_) {
      if (block.heading_level != 1 || block.anchor.empty()) continue;
      const auto found = paged_.destinations.find(block.anchor);
      if (found == paged_.destinations.end()) continue;
      const PdfDestination destination(document_.GetPage(found->second.page), 0, found->second.y, 0);
      if (!outlines) outlines = document_.GetOutlines();
      ++count;
      if (!last) {
        last = outlines->CreateRoot(text_string(block.outline));
        last->SetDestination(destination);
      } else {
        last = last->CreateNext(text_string(block.outline), destination);
      }
    }
    if (!outlines) return;
    document_.GetCatalog()->GetDictionary().AddKey("PageMode", PdfName("UseOutlines"));
    // The entries shown (all: there are no nested ones); PoDoFo leaves it out.
    outlines->GetObject()->GetDictionary().AddKey("Count", PdfVariant(count));
  }

  void write_metadata() {
    const Masthead& masthead = issue_.masthead;
    const std::string title = issue_title(issue_);
    const std::string date = masthead.date ? masthead.date->iso() : "";
    PdfInfo* info = document_.GetInfo();
    info->SetTitle(text_string(title));
    if (!masthead.publisher.empty()) info->SetAuthor(text_string(masthead.publisher));
    // Info and XMP say the same (PDF/A checks that they agree, dates with their time zone).
    const char* const creator = "reissue";
    const char* const producer = "reissue (PoDoFo, HarfBuzz, ICU)";
    info->SetCreator(PdfString(creator));
    info->SetProducer(PdfString(producer));
    // Dated by the issue, not the clock: the same issue gives the same file.
    const std::string day = date.empty() ? "2000-01-01" : date.substr(0, 10);
    const std::string pdf_date = "D:" + day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2) + "000000Z";
    const std::string xmp_date = day + "T00:00:00Z";
    info->GetObject()->GetDictionary().AddKey("CreationDate", PdfString(pdf_date));
    info->GetObject()->GetDictionary().AddKey("ModDate", PdfString(pdf_date));
    const std::string xmp =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml::escaped(title) + "</rdf:li></rdf:Alt></dc:title>\n"
        "<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>\n" +
        (masthead.publisher.empty() ? std::string()
                                    : "<dc:creator><rdf:Seq><rdf:li>" + xml::escaped(masthead.publisher) +
                                          "</rdf:li></rdf:Seq></dc:creator>\n") +
        (date.empty() ? std::string() : "<dc:date><rdf:Seq><rdf:li>" + date + "</rdf:li></rdf:Seq></dc:date>\n") +
        "<xmp:CreateDate>" + xmp_date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + xmp_date + "</xmp:ModifyDate>\n"
        "<xmp:CreatorTool>" + creator + "</xmp:CreatorTool>\n<pdf:Producer>" + producer + "</pdf:Producer>\n"
        "</rdf:Description>\n" +
        (pdfa_ ? "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                 "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n"
               : "") +
        "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
    PdfObject* metadata = document_.GetObjects().CreateObject("Metadata");
    metadata->GetDictionary().AddKey("Subtype", PdfName("XML"));
    // Uncompressed, so that any tool finds it (PDF/A requires that).
    PdfMemoryInputStream input(xmp.data(), static_cast<pdf_long>(xmp.size()));
    metadata->GetStream()->SetRawData(&input, static_cast<pdf_long>(xmp.size()));
    PdfDictionary& catalog = document_.GetCatalog()->GetDictionary();
    catalog.AddKey("Metadata", metadata->Reference());
    PdfDictionary preferences;
    preferences.AddKey("DisplayDocTitle", PdfVariant(true));
    catalog.AddKey("ViewerPreferences", preferences);
  }

  // PDF/A's colour space: sRGB, the space of our DeviceRGB colours and figures.
  void write_output_intent() {
    const std::string profile = srgb_profile();
    PdfObject* stream = document_.GetObjects().CreateObject();
    stream->GetDictionary().AddKey("N", PdfVariant(static_cast<pdf_int64>(3)));
    stream->GetStream()->Set(profile.data(), static_cast<pdf_long>(profile.size()), flate());
    PdfDictionary intent;
    intent.AddKey("Type", PdfName("OutputIntent"));
    intent.AddKey("S", PdfName("GTS_PDFA1"));
    intent.AddKey("OutputConditionIdentifier", PdfString("sRGB IEC61966-2.1"));
    intent.AddKey("Info", PdfString("sRGB IEC61966-2.1"));
    intent.AddKey("DestOutputProfile", stream->Reference());
    PdfArray intents;
    intents.push_back(intent);
    document_.GetCatalog()->GetDictionary().AddKey("OutputIntents", intents);
  }

  const PagedDocument& paged_;
  const std::vector<ComposedBlock>& blocks_;
  const Issue& issue_;
  const Style& style_;
  const bool pdfa_;
  PdfMemDocument document_;
  PdfFonts fonts_;
  std::vector<PdfObject*> page_objects_;
  std::vector<std::vector<Mark>> marks_;
  std::vector<int> mcid_count_;
  std::vector<std::pair<int, PdfObject*>> links_;
};

}  // namespace

}  // namespace layout

std::string typeset_pdf(const Issue& issue, const Style& style, const Figures& figures, TypesetReport* report,
                        const TypesetOptions& options) {
  FontLibrary fonts;
  return typeset_pdf(issue, style, figures, fonts, report, options);
}

std::string typeset_pdf(const Issue& issue, const Style& style, const Figures& figures, FontLibrary& fonts,
                        TypesetReport* report, const TypesetOptions& options) {
  const std::vector<ComposedBlock> blocks = compose_issue(issue);
  // The large fonts are subset while the pages are set (early_subsets.h);
  // one thread does the pages, so it only pays with threads to spare.
  const layout::EarlySubsets early = options.parallel ? layout::EarlySubsets(blocks, style, fonts) : layout::EarlySubsets();
  const layout::PagedDocument paged = layout::paginate(blocks, style, figures, fonts, options);
  try {
    std::string pdf = layout::Writer(paged, blocks, issue, style, options, early).write();
    if (report) {
      report->pages = static_cast<int>(paged.pages.size());
      report->uncovered = paged.uncovered;
      report->warnings = paged.warnings;
    }
    return pdf;
  } catch (const PoDoFo::PdfError& error) {
    throw Error("PDF", 0, std::string("PDF writing failed: ") + PoDoFo::PdfError::ErrorMessage(error.GetError()));
  }
}

}  // namespace reissue
