// The OCR engine: Tesseract and Leptonica, built as a module of its own
// (libreissue_ocr.so) that the extractor loads the first time a page needs
// OCR (ocr_source.cpp): Tesseract and the ~55 libraries it brings add about
// 4 ms to the start of every command that never reads a scan.
#include "ocr_source.h"

#include "page_images.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <PDFDoc.h>
#include <Page.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <splash/SplashBitmap.h>

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <new>
#include <mutex>
#include <thread>

namespace reissue::extract {

namespace {

// Languages: chi_sim alone. Measured on the corpus pages at 300 dpi,
// chi_sim+eng read the masthead's date (2025年6月13日) as "2025 4F 6 A 13 A"
// and dropped two Han names, while chi_sim alone reads Latin words and URLs
// well enough (its training text has them).
constexpr const char* kLanguages = "chi_sim";
// Page segmentation: a single column of text of variable sizes (psm 4)
// reads the newsletter's one-column pages in order; automatic segmentation
// (psm 3) splits indented lines and short headings into blocks of their own.
constexpr tesseract::PageSegMode kSegmentation = tesseract::PSM_SINGLE_COLUMN;
// A page takes ~3 s at 300 dpi; one that takes more than this is not text
// (noise, a drawing): what was read by then is kept.
constexpr int kPageDeadlineMs = 60'000;
// The ink of a Han character is about this part of its em (Noto and Source
// Han, SimSun: 0.9-0.94): a line's font size from its Han words' height.
constexpr double kHanInkPerEm = 0.92;

// Tesseract's LSTM runs OpenMP teams of its own inside each recognition;
// with pages read in parallel they oversubscribe the cores (measured on 2
// cores: 16 s a page instead of 3, half of it system time). OMP_THREAD_LIMIT
// would have to be set before the OpenMP runtime reads its environment (when
// the library loads), so each worker thread instead sets its own
// max-active-levels to 0, which makes every parallel region it starts run
// on one thread. Looked up at run time: a libtesseract built without OpenMP
// brings no runtime, and then there is nothing to hold.
void hold_openmp_to_this_thread() {
  using SetLevels = void (*)(int);
  static const auto set_levels = reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  if (set_levels) set_levels(0);
}

struct DestroyPix {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, DestroyPix>;

// One Tesseract a worker, with its language data loaded once for all the
// pages it reads; its destructor calls End(), which releases them.
std::unique_ptr<tesseract::TessBaseAPI> start_tesseract() {
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  if (api->Init(nullptr, kLanguages, tesseract::OEM_LSTM_ONLY) != 0) return nullptr;
  api->SetPageSegMode(kSegmentation);
  // Its notes on each image (estimated resolution, empty page) would go to
  // stderr; the page result says what matters.
  api->SetVariable("debug_file", "/dev/null");
  return api;
}

// The page rendered by Splash (page_images.h) as an 8-bit grayscale
// Leptonica image at `dpi`.
PixPtr render_gray_page(PDFDoc& document, int number, double dpi) {
  const std::unique_ptr<SplashBitmap> bitmap = render_page(document, number, dpi, false);
  if (!bitmap) return nullptr;
  const int width = bitmap->getWidth(), height = bitmap->getHeight();
  PixPtr pix(pixCreate(width, height, 8));
  if (!pix) throw std::bad_alloc();  // the size is bounded (capped_dpi): only memory can fail
  l_uint32* data = pixGetData(pix.get());
  const int words_per_line = pixGetWpl(pix.get());
  const SplashColorConstPtr pixels = static_cast<const SplashBitmap&>(*bitmap).getDataPtr();
  for (int y = 0; y < height; ++y) {
    const unsigned char* row = pixels + static_cast<std::ptrdiff_t>(y) * bitmap->getRowSize();
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * words_per_line;
    for (int x = 0; x < width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  const int resolution = static_cast<int>(std::lround(dpi));
  pixSetResolution(pix.get(), resolution, resolution);
  return pix;
}

// A scan placed slightly turned: straightened (Leptonica finds the angle from
// the text lines), since Tesseract's lines would otherwise drift across
// baselines. Small angles only; the rotation keeps the page's size.
PixPtr deskew(PixPtr pix, double& degrees) {
  l_float32 angle = 0, confidence = 0;
  PixPtr straight(pixFindSkewAndDeskew(pix.get(), 2, &angle, &confidence));
  if (!straight) return pix;
  // Nothing turned: a clone, the same image with one more reference, which
  // `pix` going out of scope gives back.
  degrees = straight.get() == pix.get() ? 0 : angle;
  return straight;
}

bool has_han(std::u32string_view text) {
  return std::any_of(text.begin(), text.end(), [](char32_t c) { return is_han(c); });
}

struct Word {
  SourceRun run;
  double ink_height = 0;  // pixels
};

// The words of one Tesseract text line, with the line's font size and
// baseline. Tesseract's word boxes are loose for Chinese (a character beside
// a colon or a bracket often gets a box half again as tall, and widths are
// no better), so the size is the lower quartile of the Han words' heights,
// which most words of a line share; without Han, the tallest ink (Latin
// ascenders to descenders, about an em).
void finish_line(std::vector<Word>& line, int baseline_x1, int baseline_y1, int baseline_x2, int baseline_y2,
                 double scale, std::vector<SourceRun>& runs) {
  if (line.empty()) return;
  std::vector<double> heights;
  for (const Word& word : line)
    if (has_han(word.run.text)) heights.push_back(word.ink_height);
  double size = 0;
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 4, heights.end());
    size = heights[heights.size() / 4] / kHanInkPerEm;
  } else {
    for (const Word& word : line) size = std::max(size, word.ink_height);
  }
  for (Word& word : line) {
    SourceRun& run = word.run;
    run.font_size = size * scale;
    // The baseline at the word's middle, on the line's (possibly tilted) baseline.
    const double middle = (run.box.left + run.box.right) / 2 / scale;
    double y = baseline_y1;
    if (baseline_x2 != baseline_x1)
      y += (middle - baseline_x1) * (baseline_y2 - baseline_y1) / static_cast<double>(baseline_x2 - baseline_x1);
    run.baseline = y * scale;
    runs.push_back(std::move(run));
  }
  line.clear();
}

// Tesseract's words as runs in points. Its spaces between words (it puts one
// between Chinese "words" too) are kept as the source's spaces: space_after,
// and a skipped position in the content order, as a PDF's space character is.
std::vector<SourceRun> runs_of(tesseract::TessBaseAPI& api, double scale, double& confidence) {
  std::vector<SourceRun> runs;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  confidence = 0;
  if (!it || it->Empty(tesseract::RIL_WORD)) return runs;
  int flow = -1, position = 0;
  double weighted = 0;
  size_t characters = 0;
  std::vector<Word> line;
  int bx1 = 0, by1 = 0, bx2 = 0, by2 = 0;
  it->Begin();
  do {
    if (it->Empty(tesseract::RIL_WORD)) continue;
    if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) ++flow;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      finish_line(line, bx1, by1, bx2, by2, scale, runs);
      if (!it->Baseline(tesseract::RIL_TEXTLINE, &bx1, &by1, &bx2, &by2)) bx1 = by1 = bx2 = by2 = 0;
    }
    const std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
    int left = 0, top = 0, right = 0, bottom = 0;
    if (!text || !it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom)) continue;
    Word word;
    word.run.text = to_nfc(utf8_to_u32(text.get()));
    if (word.run.text.empty()) continue;
    word.run.box = {left * scale, top * scale, right * scale, bottom * scale};
    word.ink_height = bottom - top;
    word.run.font = "OCR";
    word.run.flow = std::max(flow, 0);
    word.run.content_begin = position;
    word.run.content_end = position + static_cast<int>(word.run.text.size());
    word.run.confidence = it->Confidence(tesseract::RIL_WORD);
    const bool line_end = it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD);
    word.run.space_after = !line_end;
    position = word.run.content_end + 1;  // the space or line break after the word
    weighted += word.run.confidence * static_cast<double>(word.run.text.size());
    characters += word.run.text.size();
    line.push_back(std::move(word));
    if (bx1 == bx2 && by1 == by2) by1 = by2 = bottom;  // no baseline: the box's bottom
  } while (it->Next(tesseract::RIL_WORD));
  finish_line(line, bx1, by1, bx2, by2, scale, runs);
  confidence = characters ? weighted / static_cast<double>(characters) : 0;
  return runs;
}

// The picture blocks of Tesseract's layout analysis, cut out of the page
// image: a figure is content (a photo in an article), kept like a PDF's
// embedded image. Smaller than half an inch is a speck or a rule; a block
// covering most of the page is the page itself (a blank or a full-page
// photo read as one block), not a figure in it.
std::vector<SourceImage> figures_of(tesseract::TessBaseAPI& api, Pix& page, double scale) {
  std::vector<SourceImage> figures;
  std::unique_ptr<tesseract::PageIterator> it(api.AnalyseLayout());
  if (!it) return figures;
  const double page_area = static_cast<double>(pixGetWidth(&page)) * pixGetHeight(&page);
  do {
    const tesseract::PolyBlockType type = it->BlockType();
    if (type != tesseract::PT_FLOWING_IMAGE && type != tesseract::PT_HEADING_IMAGE &&
        type != tesseract::PT_PULLOUT_IMAGE)
      continue;
    int left = 0, top = 0, right = 0, bottom = 0;
    if (!it->BoundingBox(tesseract::RIL_BLOCK, &left, &top, &right, &bottom)) continue;
    const double width = right - left, height = bottom - top;
    if (width * scale < 36 || height * scale < 36 || width * height > 0.6 * page_area) continue;
    std::unique_ptr<BOX, void (*)(BOX*)> box(boxCreate(left, top, right - left, bottom - top),
                                            [](BOX* b) { boxDestroy(&b); });
    PixPtr cut(pixClipRectangle(&page, box.get(), nullptr));
    if (!cut) continue;
    l_uint8* data = nullptr;
    size_t size = 0;
    if (pixWriteMemPng(&data, &size, cut.get(), 0) != 0 || !data) continue;
    SourceImage figure;
    figure.bytes.assign(reinterpret_cast<const char*>(data), size);
    lept_free(data);
    figure.extension = "png";
    figure.width = pixGetWidth(cut.get());
    figure.height = pixGetHeight(cut.get());
    figure.box = {left * scale, top * scale, right * scale, bottom * scale};
    figures.push_back(std::move(figure));
  } while (it->Next(tesseract::RIL_BLOCK));
  return figures;
}

// Reads one page with the worker's own document and Tesseract.
OcrPage read_page(PDFDoc& document, int number, tesseract::TessBaseAPI& api, const OcrSettings& settings) {
  OcrPage result;
  Page* page = document.getPage(number);
  if (!page) {
    result.problem = "the page cannot be rendered";
    return result;
  }
  page_size(*page, result.width, result.height);
  if (!(result.width * result.height > 0)) {
    result.problem = "the page has no area";
    return result;
  }
  const double dpi = capped_dpi(result.width, result.height, settings.dpi);
  PixPtr pix = render_gray_page(document, number, dpi);
  if (!pix) {
    result.problem = "the page cannot be rendered";
    return result;
  }
  pix = deskew(std::move(pix), result.skew_degrees);
  api.SetImage(pix.get());
  api.SetSourceResolution(static_cast<int>(std::lround(dpi)));
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(kPageDeadlineMs);
  if (api.Recognize(&monitor) != 0) {
    result.problem = "OCR failed on the page";
  } else {
    if (monitor.deadline_exceeded())
      result.problem = "OCR stopped after " + std::to_string(kPageDeadlineMs / 1000) + " s (not text?)";
    result.runs = runs_of(api, 72 / dpi, result.confidence);
    result.images = figures_of(api, *pix, 72 / dpi);
  }
  api.Clear();
  return result;
}

}  // namespace

std::vector<OcrPage> read_pages_by_ocr(std::string_view bytes, const std::string& name, const std::vector<int>& numbers,
                                       const OcrSettings& settings) {
  std::vector<OcrPage> pages(numbers.size());
  if (numbers.empty()) return pages;
  // Leptonica reports failures on stderr; they reach us as null results.
  static std::once_flag quiet;
  std::call_once(quiet, [] { setMsgSeverity(L_SEVERITY_NONE); });
  // At most 8 threads (run_on_page_threads): each holds about 150 MiB of
  // address space (Tesseract's model and buffers, a page image, an allocator
  // arena), and the extraction's limit is 2 GiB by default.
  run_on_page_threads(bytes, name, numbers.size(), settings.threads, [&] {
    hold_openmp_to_this_thread();
    std::shared_ptr<tesseract::TessBaseAPI> api = start_tesseract();
    if (!api)
      throw NoTextLayer(name, 0,
                        std::string("pages need OCR, but Tesseract's language data (") + kLanguages +
                            ") is not installed (Debian: tesseract-ocr-chi-sim)");
    return PageWork([&, api](PDFDoc& document, size_t i) { pages[i] = read_page(document, numbers[i], *api, settings); });
  });
  return pages;
}

}  // namespace reissue::extract

// The module's one entry point (the rest is hidden): the engine's function,
// of the type ocr_source.h declares.
extern "C" __attribute__((visibility("default"))) reissue::extract::OcrPagesFunction reissue_ocr_engine() {
  return &reissue::extract::read_pages_by_ocr;
}
extern "C" __attribute__((visibility("default"))) unsigned long reissue_ocr_abi() { return reissue::extract::kOcrAbi; }
