#include "pdf_source.h"

#include "font_recovery.h"
#include "page_images.h"
#include "png_writer.h"
#include "reissue/error.h"
#include "text_layer.h"

#include <Catalog.h>
#include <ErrorCodes.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <Link.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace reissue::extract {

namespace {

thread_local std::vector<std::string>* poppler_messages = nullptr;

// Poppler reports damage it works around on stderr; keep it as warnings instead.
void collect_poppler_error(ErrorCategory category, Goffset position, const char* message) {
  if (!poppler_messages || poppler_messages->size() >= 20 || category == errInternal) return;
  std::string text = message ? message : "";
  if (position >= 0) text += " (byte " + std::to_string(position) + ")";
  poppler_messages->push_back("PDF: " + text);
}

void initialize_poppler_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    globalParams = std::make_unique<GlobalParams>();
    globalParams->setErrQuiet(false);
    setErrorCallback(collect_poppler_error);
  });
}

// Images smaller than this (points) are rules, bullets or logos, not figures.
constexpr double kMinFigureSide = 36;

// A TextOutputDev that also keeps the images it is shown, and judges each
// character's decoding (substituting recovered text), in the same pass.
class TextAndImageDev : public TextOutputDev {
 public:
  TextAndImageDev(bool want_images, TextLayerJudge& judge)
      : TextOutputDev(nullptr, false, 0, false, false), want_images_(want_images), judge_(judge) {}

  bool needNonText() override { return want_images_; }

  // Marked content: the MCID each character and image is drawn under, for
  // the structure tree's reading order (only when the PDF is tagged).
  void track_marked_content() { track_marked_ = true; }
  void beginMarkedContent(const char* name, Dict* properties) override {
    int mcid = marked_.empty() ? -1 : marked_.back();
    if (properties) {
      const Object id = properties->lookup("MCID");
      if (id.isInt()) mcid = id.getInt();
    }
    marked_.push_back(mcid);
    TextOutputDev::beginMarkedContent(name, properties);
  }
  // Poppler calls this at every EMC, but beginMarkedContent only for a
  // property list written inline or none (not for a named one, /P /MC0
  // BDC): more ends than begins mean the MCIDs cannot be trusted on this page.
  void endMarkedContent(GfxState* state) override {
    if (marked_.empty()) unbalanced_ = true;
    else marked_.pop_back();
    TextOutputDev::endMarkedContent(state);
  }
  bool marked_content_unbalanced() const { return unbalanced_; }
  // The MCID a character drawn at this device position (its origin) was under.
  int mcid_at(double x, double y) const {
    if (!(std::abs(x) < 1e6 && std::abs(y) < 1e6)) return -1;
    const auto found = char_mcids_.find(position_key(x, y));
    return found == char_mcids_.end() ? -1 : found->second;
  }

  void drawChar(GfxState* state, double x, double y, double dx, double dy, double originX, double originY,
                CharCode code, int nBytes, const Unicode* u, int uLen) override {
    // Render modes 3 (neither fill nor stroke) and 7 (clip only) draw nothing.
    const int mode = state->getRender() & 3;
    ++(mode == 3 ? invisible_ : visible_);
    if (track_marked_ && !marked_.empty() && marked_.back() >= 0) {
      double device_x, device_y;
      state->transform(x, y, &device_x, &device_y);
      if (std::abs(device_x) < 1e6 && std::abs(device_y) < 1e6)  // on or near the page
        char_mcids_.emplace(position_key(device_x, device_y), marked_.back());
    }
    const TextLayerJudge::Instead instead = judge_.character(state, code, u, uLen, dx, dy);
    if (instead.character) {
      Unicode recovered[3] = {instead.character, 0, 0};
      int length = 1;
      if (const std::u32string_view typed = typed_text(instead.character); !typed.empty()) {
        length = static_cast<int>(std::min<size_t>(typed.size(), 3));
        std::copy_n(typed.begin(), length, recovered);
      }
      if (instead.advance > 0) printed_advance(state, code, nBytes, instead.advance, dx, dy);
      TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, code, nBytes, recovered, length);
      return;
    }
    TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, code, nBytes, u, uLen);
  }

  void drawImage(GfxState* state, Object*, Stream* str, int width, int height, GfxImageColorMap* colors,
                 bool, const int*, bool inline_image) override {
    image_area_ += area_of(state);
    keep(state, str, width, height, colors, inline_image);
  }
  void drawMaskedImage(GfxState* state, Object*, Stream* str, int width, int height, GfxImageColorMap* colors,
                       bool, Stream*, int, int, bool, bool) override {
    image_area_ += area_of(state);
    keep(state, str, width, height, colors, false);
  }
  void drawSoftMaskedImage(GfxState* state, Object*, Stream* str, int width, int height,
                           GfxImageColorMap* colors, bool, Stream*, int, int, GfxImageColorMap*, bool) override {
    image_area_ += area_of(state);
    keep(state, str, width, height, colors, false);
  }
  // A stencil mask (a black and white scan stored as CCITT G4 or JBIG2 is
  // one) is not a figure, but counts as the page's raster image.
  void drawImageMask(GfxState* state, Object*, Stream*, int, int, bool, bool, bool) override {
    image_area_ += area_of(state);
  }

  std::vector<SourceImage> take_images() { return std::move(images_); }
  // All the page's characters are invisible: the text layer OCR puts over a scan.
  bool only_invisible_text() const { return invisible_ > 0 && visible_ == 0; }
  // Square points of raster images drawn (overlaps counted twice).
  double image_area() const { return image_area_; }

 private:
  // The character's box spans the advance the glyph was printed with (1/1000
  // em), not the PDF's width for it: the advance Poppler computes (Gfx's
  // showText: font size, character and word spacing, horizontal scaling, the
  // text matrix) with that width. Only the box changes; the next glyph is
  // placed by the PDF as before. Horizontal writing only.
  static void printed_advance(const GfxState* state, CharCode code, int nBytes, double advance, double& dx, double& dy) {
    const GfxFont* font = state->getFont().get();
    if (!font || font->getWMode() != 0) return;
    double text_dx = advance / 1000 * state->getFontSize() + state->getCharSpace();
    if (nBytes == 1 && code == ' ') text_dx += state->getWordSpace();
    text_dx *= state->getHorizScaling();
    state->textTransformDelta(text_dx, 0, &dx, &dy);
  }

  // The area the unit square covers under the CTM (an image's), in square points.
  static double area_of(const GfxState* state) {
    const double* m = state->getCTM();
    return std::abs(m[0] * m[3] - m[1] * m[2]);
  }

  void keep(GfxState* state, Stream* str, int width, int height, GfxImageColorMap* colors, bool inline_image) {
    if (!want_images_ || width <= 0 || height <= 0 || images_.size() >= 64) return;
    // The image fills the unit square under the CTM; TextOutputDev's device
    // space is upside down (origin top-left), as ours is.
    const double* m = state->getCTM();
    double xs[4], ys[4];
    const double corners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    for (int i = 0; i < 4; ++i) {
      xs[i] = corners[i][0] * m[0] + corners[i][1] * m[2] + m[4];
      ys[i] = corners[i][0] * m[1] + corners[i][1] * m[3] + m[5];
    }
    Box box{*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
            *std::max_element(ys, ys + 4)};
    if (box.right - box.left < kMinFigureSide || box.bottom - box.top < kMinFigureSide) return;
    SourceImage image;
    image.box = box;
    image.order = marked_.empty() ? -1 : marked_.back();  // an MCID until read_page maps it
    image.width = width;
    image.height = height;
    if (str->getKind() == strDCT && !inline_image) {
      // A JPEG stream goes out exactly as embedded.
      Stream* raw = str->getNextStream();
      raw->reset();
      for (int c; (c = raw->getChar()) != EOF && image.bytes.size() < (64u << 20);)
        image.bytes.push_back(static_cast<char>(c));
      raw->close();
      image.extension = "jpg";
    } else if (colors && colors->isOk() && static_cast<long>(width) * height <= 25000000L) {
      image.bytes = encode_png_from_pdf_image(str, width, height, colors);
      image.extension = "png";
    }
    if (!image.bytes.empty()) images_.push_back(std::move(image));
  }

  static long long position_key(double x, double y) {
    return std::llround(x * 20) * 1000003LL + std::llround(y * 20);
  }

  bool want_images_;
  TextLayerJudge& judge_;
  bool track_marked_ = false;
  bool unbalanced_ = false;
  std::vector<int> marked_;                        // the MCID in force at each marked-content level
  std::unordered_map<long long, int> char_mcids_;  // position_key -> MCID
  std::vector<SourceImage> images_;
  long visible_ = 0, invisible_ = 0;
  double image_area_ = 0;
};

bool is_bold_font(const TextFontInfo* font) {
  if (!font) return false;
  if (font->isBold()) return true;
  const GooString* name = font->getFontName();
  if (!name) return false;
  const std::string text = name->toStr();
  return text.find("Bold") != std::string::npos || text.find("bold") != std::string::npos ||
         text.find("Heavy") != std::string::npos || text.find("Black") != std::string::npos;
}

SourceRun run_of_word(const TextWord* word, int flow) {
  SourceRun run;
  for (int i = 0; i < word->getLength(); ++i) run.text.push_back(*word->getChar(i));
  word->getBBox(&run.box.left, &run.box.top, &run.box.right, &run.box.bottom);
  run.baseline = word->getBaseline();
  run.font_size = word->getFontSize();
  run.space_after = word->getSpaceAfter();
  run.flow = flow;
  run.content_begin = word->getCharPos();
  run.content_end = word->getCharPos() + word->getCharLen();
  const TextFontInfo* font = word->getLength() > 0 ? word->getFontInfo(0) : nullptr;
  if (font && font->getFontName()) run.font = font->getFontName()->toStr();
  run.bold = is_bold_font(font);
  double r, g, b;
  word->getColor(&r, &g, &b);
  run.colored = std::max({r, g, b}) - std::min({r, g, b}) > 0.25;
  return run;
}

// The link annotation whose rectangle holds the centre of a word's character.
const SourceLink* link_at(const TextWord* word, int index, const std::vector<SourceLink>& links) {
  double x0, y0, x1, y1;
  word->getCharBBox(index, &x0, &y0, &x1, &y1);
  const double x = (x0 + x1) / 2, y = (y0 + y1) / 2;
  for (const SourceLink& link : links)
    if (x >= link.box.left && x <= link.box.right && y >= link.box.top && y <= link.box.bottom) return &link;
  return nullptr;
}

// A word cut where a link starts or ends and where its font turns bold or
// back (Poppler keeps one word across a font change), so that each run is
// wholly inside one link or outside all, and bold or not: inline markup.
void add_word(const TextWord* word, int flow, const std::vector<SourceLink>& links, std::vector<SourceRun>& runs) {
  SourceRun whole = run_of_word(word, flow);
  const bool touched = std::any_of(links.begin(), links.end(), [&](const SourceLink& link) {
    return link.box.left < whole.box.right && link.box.right > whole.box.left && link.box.top < whole.box.bottom &&
           link.box.bottom > whole.box.top;
  });
  bool mixed = false;
  for (int i = 1; i < word->getLength() && !mixed; ++i)
    mixed = is_bold_font(word->getFontInfo(i)) != whole.bold;
  if ((!touched && !mixed) || word->getLength() == 0) {
    runs.push_back(std::move(whole));
    return;
  }
  struct State {
    const SourceLink* link;
    bool bold;
    bool operator==(const State&) const = default;
  };
  const auto state_at = [&](int i) {
    return State{touched ? link_at(word, i, links) : nullptr, is_bold_font(word->getFontInfo(i))};
  };
  int start = 0;
  State current = state_at(0);
  for (int i = 1; i <= word->getLength(); ++i) {
    const State here = i < word->getLength() ? state_at(i) : State{nullptr, false};
    if (i < word->getLength() && here == current) continue;
    SourceRun piece = whole;
    piece.text = whole.text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start));
    double x0, y0, x1, y1;
    word->getCharBBox(start, &x0, &y0, &x1, &y1);
    piece.box.left = x0;
    word->getCharBBox(i - 1, &x0, &y0, &x1, &y1);
    piece.box.right = x1;
    piece.space_after = i == word->getLength() && whole.space_after;
    piece.link = current.link ? current.link->uri : "";
    piece.bold = current.bold;
    runs.push_back(std::move(piece));
    start = i;
    current = here;
  }
}

// Poppler's words, flow by flow in its reading order. Vertical or rotated
// text is not body text: the recognizer reads horizontal lines only.
std::vector<SourceRun> runs_of_page(const TextPage* text, const std::vector<SourceLink>& links) {
  std::vector<SourceRun> runs;
  int flow_index = 0;
  for (const TextFlow* flow = text->getFlows(); flow; flow = flow->getNext(), ++flow_index)
    for (const TextBlock* block = flow->getBlocks(); block; block = block->getNext())
      for (const TextLine* line = block->getLines(); line; line = line->getNext())
        for (const TextWord* word = line->getWords(); word; word = word->getNext())
          if (word->getRotation() == 0) add_word(word, flow_index, links, runs);
  return runs;
}

std::vector<SourceLink> links_of_page(Page* page) {
  const PDFRectangle* media = page->getMediaBox();
  std::vector<SourceLink> out;
  std::unique_ptr<Links> links = page->getLinks();
  if (!links) return out;
  for (AnnotLink* link : links->getLinks()) {
    const LinkAction* action = link ? link->getAction() : nullptr;
    if (!action || action->getKind() != actionURI) continue;
    const auto* uri = static_cast<const LinkURI*>(action);
    if (!uri->isOk()) continue;
    double x1, y1, x2, y2;
    link->getRect(&x1, &y1, &x2, &y2);
    // Annotation rectangles are in PDF space (origin bottom-left).
    out.push_back({{std::min(x1, x2) - media->x1, media->y2 - std::max(y1, y2), std::max(x1, x2) - media->x1,
                    media->y2 - std::min(y1, y2)},
                   uri->getURI()});
  }
  return out;
}

// A tagged PDF's reading order: (page number, MCID) -> the position of that
// marked content in the structure tree, depth first. Empty for an untagged
// PDF. The tree is walked here, object by object, rather than through
// Poppler's StructTreeRoot, which parses a whole tree recursively (a tree
// that refers to itself would exhaust the stack): each object is visited
// once, at most kMaxItems of them, without recursion; a page is looked up
// once.
using LogicalOrder = std::map<std::pair<int, int>, int>;

LogicalOrder logical_order(PDFDoc& document) {
  constexpr size_t kMaxItems = 200000;
  LogicalOrder order;
  Catalog* catalog = document.getCatalog();
  XRef* xref = document.getXRef();
  if (!catalog || !xref || !(catalog->getMarkInfo() & Catalog::markInfoMarked)) return order;
  const Object root = xref->getCatalog();
  if (!root.isDict()) return order;
  const Object tree = root.dictLookup("StructTreeRoot");
  if (!tree.isDict()) return order;
  std::set<std::pair<int, int>> seen;               // objects visited: a cycle ends there
  std::map<std::pair<int, int>, int> page_numbers;  // page object -> number
  const auto page_of = [&](const Object& page, int inherited) {
    if (!page.isRef()) return inherited;
    const Ref ref = page.getRef();
    const auto [at, added] = page_numbers.try_emplace({ref.num, ref.gen}, 0);
    if (added) at->second = catalog->findPage(ref);
    return at->second;
  };
  struct Item {
    Object object;
    int page;
  };
  std::vector<Item> stack;
  stack.push_back({tree.dictLookupNF("K").copy(), 0});
  for (size_t visited = 0; !stack.empty() && visited < kMaxItems; ++visited) {
    Item item = std::move(stack.back());
    stack.pop_back();
    Object object = std::move(item.object);
    if (object.isRef()) {
      const Ref ref = object.getRef();
      if (!seen.insert({ref.num, ref.gen}).second) continue;
      object = object.fetch(xref);
    }
    if (object.isInt()) {  // marked content on the element's page
      order.try_emplace({item.page, object.getInt()}, static_cast<int>(order.size()));
    } else if (object.isArray()) {
      for (int i = object.arrayGetLength(); i-- > 0;) stack.push_back({object.arrayGetNF(i).copy(), item.page});
    } else if (object.isDict()) {
      const int page = page_of(object.dictLookupNF("Pg"), item.page);
      if (object.dictIs("MCR")) {  // marked content elsewhere (not in a form XObject's stream)
        const Object mcid = object.dictLookup("MCID");
        if (mcid.isInt() && object.dictLookupNF("Stm").isNull())
          order.try_emplace({page, mcid.getInt()}, static_cast<int>(order.size()));
      } else if (!object.dictIs("OBJR")) {  // a structure element: its kids
        stack.push_back({object.dictLookupNF("K").copy(), page});
      }
    }
  }
  return order;
}

// The text page a TextOutputDev hands over is reference counted.
struct ReleaseTextPage {
  void operator()(TextPage* text) const { text->decRefCnt(); }
};
using TextPagePtr = std::unique_ptr<TextPage, ReleaseTextPage>;

// Each run and image given its place in the structure tree's reading order.
void take_logical_order(const TextAndImageDev& device, int number, const LogicalOrder& logical, SourcePage& page) {
  const auto order_of = [&](int mcid) {
    const auto found = mcid < 0 ? logical.end() : logical.find({number, mcid});
    return found == logical.end() ? -1 : found->second;
  };
  for (SourceRun& run : page.runs) run.order = order_of(device.mcid_at(run.box.left, run.baseline));
  for (SourceImage& image : page.images) image.order = order_of(image.order);
}

SourcePage read_page(PDFDoc& document, int number, Page& page, const PdfLimits& limits, const std::string& name,
                     TextLayerJudge& judge, const LogicalOrder& logical) {
  SourcePage result;
  // Poppler places the text in the media box, turned by the page's rotation.
  const bool rotated = page.getRotate() % 180 != 0;
  result.width = rotated ? page.getMediaHeight() : page.getMediaWidth();
  result.height = rotated ? page.getMediaWidth() : page.getMediaHeight();
  TextAndImageDev device(limits.extract_images, judge);
  if (!device.isOk()) throw ReadError(name, 0, "cannot set up text extraction");
  if (!logical.empty()) device.track_marked_content();
  judge.start_page();
  document.displayPage(&device, number, 72, 72, 0, true, false, false);
  const TextPagePtr text(device.takeText());
  result.links = links_of_page(&page);
  result.runs = runs_of_page(text.get(), result.links);
  result.images = device.take_images();
  if (logical.empty() || device.marked_content_unbalanced()) {
    for (SourceImage& image : result.images) image.order = -1;
  } else {
    take_logical_order(device, number, logical, result);
  }
  result.invisible_text = device.only_invisible_text() && !result.runs.empty();
  if (result.width > 0 && result.height > 0)
    result.image_share = std::min(1.0, device.image_area() / (result.width * result.height));
  judge.counts().glyph_names = glyph_name_characters(result.runs);
  const TextLayerVerdict verdict = judge_text_layer(judge.counts());
  if (!verdict.readable) {
    // Undecodable text must never reach the recognizer: the page is left
    // for OCR, which reads its images, not its fonts.
    result.unreadable = verdict.problem;
    result.runs.clear();
  }
  result.text_note = verdict.note;
  return result;
}

std::string open_error_message(int code) {
  switch (code) {
    case errEncrypted: return "the PDF is encrypted and needs a password to open";
    case errDamaged: return "the PDF is damaged beyond repair";
    case errBadCatalog: return "the PDF has no readable catalog (damaged or not a PDF)";
    case errOpenFile: return "cannot open the PDF";
    default: return "not a readable PDF (Poppler error " + std::to_string(code) + ")";
  }
}

}  // namespace

std::vector<PageImage> render_pdf_page_images(std::string_view pdf, const std::string& name, double dpi, int threads) {
  initialize_poppler_once();
  return render_page_images_with_poppler(pdf, name, dpi, threads);
}

SourceDocument read_pdf_with_poppler(std::string_view bytes, const std::string& name, const PdfLimits& limits) {
  initialize_poppler_once();
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
    throw ReadError(name, 0, "not a PDF (no %PDF- header)");
  SourceDocument content;
  content.kind = "pdf";
  poppler_messages = &content.warnings;
  struct Reset {
    ~Reset() { poppler_messages = nullptr; }
  } reset;

  // PDFDoc takes the stream and deletes it; MemStream reads `bytes` in place,
  // and the document never outlives this call.
  auto* stream = new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  PDFDoc document(stream);
  if (!document.isOk()) throw ReadError(name, 0, open_error_message(document.getErrorCode()));
  const int pages = document.getNumPages();
  if (pages <= 0) throw ReadError(name, 0, "the PDF has no pages");
  if (pages > limits.max_pages)
    throw ReadError(name, 0, "the PDF has " + std::to_string(pages) + " pages; the limit is " +
                                 std::to_string(limits.max_pages));
  // Fonts are judged and recovered once per document, whichever page uses them.
  FontRecovery recovery(document.getXRef(), limits.recover_fonts, limits.ignore_to_unicode);
  TextLayerJudge judge(recovery);
  const LogicalOrder logical = logical_order(document);
  for (int number = 1; number <= pages; ++number) {
    Page* page = document.getPage(number);
    if (!page) {
      content.warnings.push_back("page " + std::to_string(number) + " cannot be read; skipped");
      content.pages.emplace_back();
      continue;
    }
    content.pages.push_back(read_page(document, number, *page, limits, name, judge, logical));
  }
  return content;
}

}  // namespace reissue::extract
