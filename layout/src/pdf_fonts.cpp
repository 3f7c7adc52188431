#include "pdf_fonts.h"
#include "reissue/error.h"

#include "reissue/text.h"

#include <hb.h>
#include <hb-cplusplus.hh>
#include <podofo/podofo.h>

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <future>
#include <system_error>

namespace reissue::layout {

using namespace PoDoFo;

namespace {

const TVecFilters& flate() {
  static const TVecFilters filters = {ePdfFilter_FlateDecode};
  return filters;
}

// A subset tag of six capitals, from the glyphs used: the same content gives
// the same name, so output is reproducible.
std::string subset_tag(const std::map<unsigned, unsigned>& codes, const std::string& name) {
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](uint64_t value) { hash = (hash ^ value) * 1099511628211ull; };
  for (char c : name) mix(static_cast<unsigned char>(c));
  for (const auto& [code, glyph] : codes) mix(code), mix(glyph);
  std::string tag;
  for (int i = 0; i < 6; ++i) tag.push_back(static_cast<char>('A' + (hash >> (i * 5)) % 26));
  return tag;
}

std::string utf16_hex(const std::u32string& text) {
  std::string out;
  char buffer[8];
  for (char32_t c : text) {
    if (c > 0xFFFF) {
      const char32_t v = c - 0x10000;
      std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(0xD800 + (v >> 10)));
      out += buffer;
      std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
    } else {
      std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(c));
    }
    out += buffer;
  }
  return out;
}

std::string to_unicode_cmap(const std::map<unsigned, std::u32string>& text_of_code) {
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::pair<unsigned, std::u32string>> entries;
  for (const auto& [code, text] : text_of_code)
    if (code != 0 && !text.empty()) entries.push_back({code, text});
  char buffer[16];
  for (size_t start = 0; start < entries.size(); start += 100) {
    const size_t end = std::min(entries.size(), start + 100);
    cmap += std::to_string(end - start) + " beginbfchar\n";
    for (size_t i = start; i < end; ++i) {
      std::snprintf(buffer, sizeof buffer, "<%04X> <", entries[i].first);
      cmap += buffer + utf16_hex(entries[i].second) + ">\n";
    }
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

// The font's bounding box from its 'head' table, in 1/1000 em.
PdfArray bounding_box(const Font& font) {
  const hb::unique_ptr<hb_blob_t> head(hb_face_reference_table(font.face(), HB_TAG('h', 'e', 'a', 'd')));
  unsigned length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(hb_blob_get_data(head, &length));
  PdfArray box;
  const double scale = 1000.0 / font.units_per_em();
  if (length >= 44) {
    for (size_t at : {36u, 38u, 40u, 42u}) {
      const auto value = static_cast<int16_t>(data[at] << 8 | data[at + 1]);
      box.push_back(PdfVariant(static_cast<pdf_int64>(value * scale)));
    }
  } else {
    for (double v : {-100.0, font.descender() * 1000, 1100.0, font.ascender() * 1000})
      box.push_back(PdfVariant(static_cast<pdf_int64>(v)));
  }
  return box;
}

// A CIDSet stream's bytes (ISO 32000 9.8.3): bit 7 of byte 0 is CID 0, and so on.
std::string cid_set_bits(const std::set<unsigned>& cids) {
  std::string bits(cids.empty() ? 1 : *cids.rbegin() / 8 + 1, '\0');
  for (unsigned cid : cids) bits[cid / 8] = static_cast<char>(bits[cid / 8] | 0x80 >> (cid % 8));
  return bits;
}

}  // namespace

const std::string& PdfFonts::name_of(const Font& font, int extra) {
  object_of(font, extra);
  return entries_.at({&font, extra}).name;
}

PdfObject* PdfFonts::object_of(const Font& font, int extra) {
  Entry& entry = entries_[{&font, extra}];
  if (!entry.object) {
    entry.name = "F" + std::to_string(entries_.size());
    entry.object = document_.GetObjects().CreateObject("Font");
    order_.push_back({&font, extra});
  }
  return entry.object;
}

unsigned PdfFonts::use(const Font& font, unsigned glyph, const std::u32string& text, int extra) {
  object_of(font, extra);
  Entry& entry = entries_.at({&font, extra});
  const unsigned code = font.is_cff() ? font.cid(glyph) : glyph;
  if (!prepared_.empty() && !entry.glyph_of_code.count(code))
    throw InternalError("PDF fonts", "a glyph was used after the fonts were prepared");
  entry.glyph_of_code[code] = glyph;
  if (!text.empty()) entry.text_of_code.emplace(code, text);  // the first meaning wins
  return code;
}

namespace {

// Raw deflate of one piece; all but the last end on a byte boundary without
// the final-block bit, so that pieces concatenate into one stream (pigz's
// method).
std::string deflate_piece(std::string_view data, bool last) {
  // zlib's state, released however this ends.
  struct Deflater {
    z_stream stream{};
    bool started = false;
    ~Deflater() {
      if (started) deflateEnd(&stream);
    }
  } deflater;
  z_stream& stream = deflater.stream;
  // The fastest level: font programs (CFF charstrings, TrueType outlines)
  // come out 1% larger than at the default level in half the time.
  deflater.started = deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  if (!deflater.started) throw InternalError("zlib", "compression failed");
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 16, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, last ? Z_FINISH : Z_FULL_FLUSH);
  out.resize(stream.total_out);
  if (status != (last ? Z_STREAM_END : Z_OK)) throw InternalError("zlib", "compression failed");
  return out;
}

// On a new thread, or deferred to get() when no thread can be started (a
// memory limit may leave no room for a thread's stack): the same result,
// only later.
template <class Work>
auto start(bool parallel, Work work) -> std::future<decltype(work())> {
  if (parallel) {
    try {
      return std::async(std::launch::async, work);
    } catch (const std::system_error&) {
    }
  }
  return std::async(std::launch::deferred, std::move(work));
}

}  // namespace

std::string flate_compress(std::string_view data, bool parallel) {
  // Large streams (a CJK font program) are compressed in two halves at once:
  // the same bytes either way, twice as fast on two cores.
  const size_t half = data.size() > (64u << 10) ? data.size() / 2 : data.size();
  std::string out = "\x78\x01";  // zlib header: deflate, 32 KiB window, fastest level
  if (half < data.size()) {
    auto second = start(parallel, [&] { return deflate_piece(data.substr(half), true); });
    out += deflate_piece(data.substr(0, half), false);
    out += second.get();
  } else {
    out += deflate_piece(data, true);
  }
  const uLong adler = adler32(adler32(0, nullptr, 0), reinterpret_cast<const Bytef*>(data.data()),
                              static_cast<uInt>(data.size()));
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((adler >> shift) & 0xFF));
  return out;
}

void set_flate_stream(PdfObject* object, const std::string& compressed) {
  object->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
  PdfMemoryInputStream input(compressed.data(), static_cast<pdf_long>(compressed.size()));
  object->GetStream()->SetRawData(&input, static_cast<pdf_long>(compressed.size()));
}

void PdfFonts::prepare() {
  // Subsetting and compressing the fonts is most of the typesetting time;
  // fonts are independent, so they are prepared in parallel (and while the
  // pages are written). Objects are still written in first-use order: the
  // output does not depend on timing. A widened variant gets a program of
  // its own, made of only the glyphs it draws, each `extra` wider: MuPDF
  // reads advances from the program, and PDF/A wants the program and /W to
  // agree. A font's programs are cut from one subset (SubsetSource): one
  // started before the pages were set (EarlySubsets) when it holds every
  // glyph drawn, else one made now.
  for (const Key& key : order_)
    if (std::find(programs_.begin(), programs_.end(), key.first) == programs_.end()) programs_.push_back(key.first);
  for (const Font* font : programs_) {
    std::vector<int> extras = {0};  // the plain program first, whether used or not
    std::vector<std::set<unsigned>> parts(1);
    std::set<char32_t> characters;
    for (const Key& key : order_) {
      if (key.first != font) continue;
      const Entry& entry = entries_.at(key);
      if (key.second != 0) extras.push_back(key.second), parts.emplace_back();
      std::set<unsigned>& glyphs = key.second == 0 ? parts.front() : parts.back();
      for (const auto& [code, glyph] : entry.glyph_of_code) glyphs.insert(glyph);
      for (const auto& [code, text] : entry.text_of_code)
        if (text.size() == 1) characters.insert(text[0]);
    }
    SubsetFuture early = early_ ? early_->of(*font) : SubsetFuture{};
    prepared_.push_back(start(parallel_, [font, parallel = parallel_, extras = std::move(extras), parts = std::move(parts),
                                          characters = std::move(characters), early = std::move(early)] {
      std::set<unsigned> drawn;
      for (const std::set<unsigned>& part : parts) drawn.insert(part.begin(), part.end());
      drawn.erase(0);
      std::shared_ptr<const SubsetSource> source;
      if (early.valid()) {
        try {
          source = early.get();
        } catch (const std::exception&) {
          // subset again below, which reports what failed
        }
        if (source && !std::includes(source->glyphs().begin(), source->glyphs().end(), drawn.begin(), drawn.end()))
          source.reset();  // a glyph shaping chose that the guess did not
      }
      if (!source) source = std::make_shared<const SubsetSource>(*font, drawn, characters);
      std::map<int, Prepared> by_extra;
      // The plain program holds exactly the glyphs drawn (a guess that held
      // more is cut down), so that the PDF does not depend on the guess.
      const bool exact = source->glyphs() == drawn;
      for (size_t i = 0; i < parts.size(); ++i) {
        Prepared& prepared = by_extra[extras[i]] = {
            i > 0 ? source->cut(parts[i]) : exact ? source->program() : source->cut(drawn, true), {}, true, {}};
        prepared.glyphs = i == 0 ? drawn : parts[i];
        if (extras[i] != 0)
          prepared.widened = widen_subset(prepared.subset, extras[i] / 1000.0 * font->units_per_em());
        prepared.compressed = flate_compress(prepared.subset.data, parallel);
      }
      return by_extra;
    }));
  }
}

void PdfFonts::finish() {
  if (prepared_.empty()) prepare();
  for (size_t i = 0; i < programs_.size(); ++i) {
    const Font& font = *programs_[i];
    const std::map<int, Prepared> by_extra = prepared_[i].get();
    for (const Key& key : order_) {
      if (key.first != &font) continue;
      const Prepared& prepared = by_extra.at(key.second);
      // Not expected with hb-subset's output; the page contents already rely
      // on /W, so only the program is off (as for MuPDF before), which PDF/A
      // does not allow.
      if (!prepared.widened && pdfa_)
        throw InternalError("PDF fonts", "the embedded program of " + font.postscript_name() + " could not be widened");
      Entry& entry = entries_.at(key);
      std::string base_name;
      PdfObject* descriptor = write_program(font, key.second, entry.glyph_of_code, prepared, base_name);
      write_variant(font, key.second, entry, prepared.subset.cff, descriptor, base_name);
    }
  }
}

PdfObject* PdfFonts::write_program(const Font& font, int extra, const std::map<unsigned, unsigned>& codes,
                                   const Prepared& prepared, std::string& base_name) {
  const FontSubset& subset = prepared.subset;
  base_name = subset_tag(codes, font.postscript_name() + std::to_string(extra)) + "+" + font.postscript_name();
  PdfVecObjects& objects = document_.GetObjects();

  PdfObject* file = objects.CreateObject();
  if (subset.cff) file->GetDictionary().AddKey("Subtype", PdfName("CIDFontType0C"));
  else file->GetDictionary().AddKey("Length1", PdfVariant(static_cast<pdf_int64>(subset.data.size())));
  set_flate_stream(file, prepared.compressed);

  PdfObject* descriptor = objects.CreateObject("FontDescriptor");
  PdfDictionary& d = descriptor->GetDictionary();
  d.AddKey("FontName", PdfName(base_name));
  d.AddKey("Flags", PdfVariant(static_cast<pdf_int64>(4)));  // symbolic
  d.AddKey("FontBBox", bounding_box(font));
  d.AddKey("ItalicAngle", PdfVariant(static_cast<pdf_int64>(0)));
  d.AddKey("Ascent", PdfVariant(static_cast<pdf_int64>(font.ascender() * 1000)));
  d.AddKey("Descent", PdfVariant(static_cast<pdf_int64>(font.descender() * 1000)));
  d.AddKey("CapHeight", PdfVariant(static_cast<pdf_int64>(font.ascender() * 800)));
  d.AddKey("StemV", PdfVariant(static_cast<pdf_int64>(font.bold() ? 140 : 80)));
  d.AddKey(subset.cff ? "FontFile3" : "FontFile2", file->Reference());
  if (pdfa_) {
    // The CIDs in the program, read from it: more than this variant's codes
    // (the plain program holds its variants' glyphs too; hb-subset adds the
    // variation-sequence glyphs of the characters kept, composite glyphs'
    // components).
    std::set<unsigned> cids = program_cids(subset);
    if (cids.empty())  // a CFF font that is not CID-keyed: the glyphs asked for
      for (unsigned glyph : prepared.glyphs) cids.insert(font.cid(glyph));
    cids.insert(0);
    PdfObject* cid_set = objects.CreateObject();
    const std::string bits = cid_set_bits(cids);
    cid_set->GetStream()->Set(bits.data(), static_cast<pdf_long>(bits.size()), flate());
    d.AddKey("CIDSet", cid_set->Reference());
  }
  return descriptor;
}

void PdfFonts::write_variant(const Font& font, int extra, Entry& entry, bool cff, PdfObject* descriptor,
                             const std::string& base_name) {
  PdfVecObjects& objects = document_.GetObjects();
  PdfObject* cid_font = objects.CreateObject("Font");
  PdfDictionary& c = cid_font->GetDictionary();
  c.AddKey("Subtype", PdfName(cff ? "CIDFontType0" : "CIDFontType2"));
  c.AddKey("BaseFont", PdfName(base_name));
  PdfDictionary system;
  system.AddKey("Registry", PdfString("Adobe"));
  system.AddKey("Ordering", PdfString("Identity"));
  system.AddKey("Supplement", PdfVariant(static_cast<pdf_int64>(0)));
  c.AddKey("CIDSystemInfo", system);
  c.AddKey("FontDescriptor", descriptor->Reference());
  c.AddKey("DW", PdfVariant(static_cast<pdf_int64>(1000)));
  PdfArray widths;
  for (const auto& [code, glyph] : entry.glyph_of_code) {
    const auto width = static_cast<pdf_int64>(std::lround(font.advance(glyph) * 1000) + extra);
    if (width == 1000) continue;  // the default
    widths.push_back(PdfVariant(static_cast<pdf_int64>(code)));
    PdfArray one;
    one.push_back(PdfVariant(width));
    widths.push_back(one);
  }
  c.AddKey("W", widths);
  if (!cff) c.AddKey("CIDToGIDMap", PdfName("Identity"));

  PdfObject* to_unicode = objects.CreateObject();
  const std::string cmap = to_unicode_cmap(entry.text_of_code);
  to_unicode->GetStream()->Set(cmap.data(), static_cast<pdf_long>(cmap.size()), flate());

  PdfDictionary& type0 = entry.object->GetDictionary();
  type0.AddKey("Subtype", PdfName("Type0"));
  type0.AddKey("BaseFont", PdfName(base_name));
  type0.AddKey("Encoding", PdfName("Identity-H"));
  PdfArray descendants;
  descendants.push_back(cid_font->Reference());
  type0.AddKey("DescendantFonts", descendants);
  type0.AddKey("ToUnicode", to_unicode->Reference());
}

}  // namespace reissue::layout
