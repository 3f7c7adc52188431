// Embedded font programs read and patched: the glyphs a program holds
// (reissue::program_cids) and every glyph widened (reissue::widen_subset).
//
// Why: a PDF glyph followed by a gap that must not read as a space (the 1/4
// em between Han and Latin) is drawn with a font whose widths include the
// gap. Poppler takes widths from /W, but MuPDF takes them from the font
// program, and PDF/A wants the two to agree; so the program is widened too.
//
// CFF: a glyph's advance is nominalWidthX plus the width its charstring
// gives, or defaultWidthX when it gives none; both live in the Private DICT
// of the glyph's font DICT, so moving both by the same amount widens every
// glyph without touching a charstring. The new Private DICT (and the local
// subroutines it points to) is appended to the table and the font DICT's
// Private operands are rewritten in place; hb-subset writes them as fixed
// 2- and 4-byte integers, which is what makes the in-place rewrite possible
// (anything else is reported as not widenable).
// TrueType: the advance widths of 'hmtx' (glyphs past numberOfHMetrics take
// the last one, which is widened too).
#include "reissue/fonts.h"

#include "cff_charset.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace reissue {

namespace {

unsigned byte_at(std::string_view data, size_t at) { return static_cast<uint8_t>(data[at]); }

uint32_t read_big_endian(std::string_view data, size_t at, unsigned bytes) {
  uint32_t value = 0;
  for (unsigned i = 0; i < bytes; ++i) value = value << 8 | byte_at(data, at + i);
  return value;
}

void write_big_endian(std::string& data, size_t at, uint32_t value, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) data[at + i] = static_cast<char>(value >> (8 * (bytes - 1 - i)) & 0xFF);
}

// One operand of a DICT: its value and where its bytes are.
struct Operand {
  double value = 0;
  size_t at = 0, size = 0;
};
// One operator with its operands, and its raw bytes (operands included).
struct Entry {
  unsigned op = 0;  // 12 x is 1200 + x
  std::vector<Operand> operands;
  size_t at = 0, size = 0;
};

double read_real(std::string_view dict, size_t& i) {
  std::string text;
  static const char* const nibbles[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "E", "E-", "", "-", ""};
  for (++i; i < dict.size(); ++i) {
    const unsigned b = byte_at(dict, i);
    if (b >> 4 == 0xF) break;
    text += nibbles[b >> 4];
    if ((b & 0xF) == 0xF) break;
    text += nibbles[b & 0xF];
  }
  ++i;
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);  // not the locale's decimal mark
  return value;
}

// The entries of a DICT (CFF spec 4), positions relative to `base`; nullopt
// when it does not parse.
std::optional<std::vector<Entry>> read_dict(std::string_view dict, size_t base) {
  std::vector<Entry> entries;
  Entry current;
  size_t start = 0, i = 0;
  while (i < dict.size()) {
    const unsigned b0 = byte_at(dict, i);
    Operand operand{0, base + i, 0};
    if (b0 >= 32 && b0 <= 246) {
      operand.value = static_cast<double>(b0) - 139, i += 1;
    } else if (b0 >= 247 && b0 <= 254) {
      if (i + 1 >= dict.size()) return std::nullopt;
      const double magnitude = (b0 <= 250 ? b0 - 247 : b0 - 251) * 256.0 + byte_at(dict, i + 1) + 108;
      operand.value = b0 <= 250 ? magnitude : -magnitude, i += 2;
    } else if (b0 == 28) {
      if (i + 2 >= dict.size()) return std::nullopt;
      operand.value = static_cast<int16_t>(read_big_endian(dict, i + 1, 2)), i += 3;
    } else if (b0 == 29) {
      if (i + 4 >= dict.size()) return std::nullopt;
      operand.value = static_cast<int32_t>(read_big_endian(dict, i + 1, 4)), i += 5;
    } else if (b0 == 30) {
      operand.value = read_real(dict, i);
    } else if (b0 <= 21) {
      current.op = b0;
      if (b0 == 12) {
        if (i + 1 >= dict.size()) return std::nullopt;
        current.op = 1200 + byte_at(dict, i + 1), ++i;
      }
      ++i;
      current.at = base + start, current.size = i - start;
      entries.push_back(current);
      current = Entry{};
      start = i;
      continue;
    } else {
      return std::nullopt;  // reserved
    }
    operand.size = base + i - operand.at;
    current.operands.push_back(operand);
  }
  if (!current.operands.empty()) return std::nullopt;  // operands without an operator
  return entries;
}

// The end of the INDEX at `at`, or nullopt.
std::optional<size_t> index_end(std::string_view data, size_t at) {
  if (at + 2 > data.size()) return std::nullopt;
  const unsigned count = read_big_endian(data, at, 2);
  if (count == 0) return at + 2;
  if (at + 3 > data.size()) return std::nullopt;
  const unsigned size = byte_at(data, at + 2);
  const size_t offsets = at + 3;
  if (size < 1 || size > 4 || offsets + (count + 1) * size > data.size()) return std::nullopt;
  const size_t end = offsets + (count + 1) * size - 1 + read_big_endian(data, offsets + count * size, size);
  if (end > data.size()) return std::nullopt;
  return end;
}

// The items of the INDEX at `at` as (offset, size) in `data`.
std::optional<std::vector<std::pair<size_t, size_t>>> index_items(std::string_view data, size_t at) {
  if (!index_end(data, at)) return std::nullopt;
  const unsigned count = read_big_endian(data, at, 2);
  std::vector<std::pair<size_t, size_t>> items;
  if (count == 0) return items;
  const unsigned size = byte_at(data, at + 2);
  const size_t base = at + 3 + (count + 1) * size - 1;
  for (unsigned i = 0; i < count; ++i) {
    const uint32_t from = read_big_endian(data, at + 3 + i * size, size);
    const uint32_t to = read_big_endian(data, at + 3 + (i + 1) * size, size);
    if (from < 1 || to < from || base + to > data.size()) return std::nullopt;
    items.push_back({base + from, to - from});
  }
  return items;
}

void append_int32(std::string& out, int32_t value) {
  out.push_back(29);
  out.resize(out.size() + 4);
  write_big_endian(out, out.size() - 4, static_cast<uint32_t>(value), 4);
}

void append_number(std::string& out, double value) {
  if (value == std::floor(value) && std::abs(value) < 1e9) return append_int32(out, static_cast<int32_t>(value));
  char text[32] = {};
  std::to_chars(text, text + sizeof text - 1, value, std::chars_format::general, 6);
  std::vector<unsigned> nibbles;
  for (const char* c = text; *c; ++c) {
    if (*c >= '0' && *c <= '9') nibbles.push_back(static_cast<unsigned>(*c - '0'));
    else if (*c == '.') nibbles.push_back(0xA);
    else if (*c == '-') nibbles.push_back(0xE);
    else if (*c == 'e' && c[1] == '-') nibbles.push_back(0xC), ++c;
    else if (*c == 'e') nibbles.push_back(0xB), c += c[1] == '+';
  }
  nibbles.push_back(0xF);
  if (nibbles.size() % 2) nibbles.push_back(0xF);
  out.push_back(30);
  for (size_t i = 0; i < nibbles.size(); i += 2) out.push_back(static_cast<char>(nibbles[i] << 4 | nibbles[i + 1]));
}

// Rewrites a fixed-size integer operand in place; false when the value does not fit.
bool rewrite_operand(std::string& cff, const Operand& operand, long value) {
  const unsigned b0 = byte_at(cff, operand.at);
  if (b0 == 29 && operand.size == 5) return write_big_endian(cff, operand.at + 1, static_cast<uint32_t>(value), 4), true;
  if (b0 == 28 && operand.size == 3 && value >= -32768 && value <= 32767)
    return write_big_endian(cff, operand.at + 1, static_cast<uint32_t>(value), 2), true;
  return false;
}

// Gives the font DICT entry `dict`'s Private DICT widths `extra` units more.
bool widen_private(std::string& cff, const std::vector<Entry>& dict, double extra) {
  const Entry* private_entry = nullptr;
  for (const Entry& entry : dict)
    if (entry.op == 18) private_entry = &entry;
  if (!private_entry || private_entry->operands.size() != 2) return false;
  const auto size = static_cast<size_t>(private_entry->operands[0].value);
  const auto offset = static_cast<size_t>(private_entry->operands[1].value);
  if (offset > cff.size() || size > cff.size() - offset) return false;
  const std::string old_private = cff.substr(offset, size);
  const auto entries = read_dict(old_private, 0);
  if (!entries) return false;
  std::string fresh;
  double default_width = 0, nominal_width = 0;
  std::optional<size_t> subrs;  // the local subroutines' INDEX, absolute
  for (const Entry& entry : *entries) {
    if (entry.op == 20 && entry.operands.size() == 1) default_width = entry.operands[0].value;
    else if (entry.op == 21 && entry.operands.size() == 1) nominal_width = entry.operands[0].value;
    else if (entry.op == 19 && entry.operands.size() == 1) subrs = offset + static_cast<size_t>(entry.operands[0].value);
    else fresh += old_private.substr(entry.at, entry.size);
  }
  append_number(fresh, default_width + extra);
  fresh.push_back(20);
  append_number(fresh, nominal_width + extra);
  fresh.push_back(21);
  std::string subrs_bytes;
  if (subrs) {
    const auto end = index_end(cff, *subrs);
    if (!end) return false;
    subrs_bytes = cff.substr(*subrs, *end - *subrs);
    append_int32(fresh, static_cast<int32_t>(fresh.size() + 6));  // the INDEX follows this DICT
    fresh.push_back(19);
  }
  // A failure part way leaves `cff` half rewritten: the caller works on a copy.
  if (!rewrite_operand(cff, private_entry->operands[0], static_cast<long>(fresh.size())) ||
      !rewrite_operand(cff, private_entry->operands[1], static_cast<long>(cff.size())))
    return false;
  cff += fresh + subrs_bytes;
  return true;
}

bool widen_cff(std::string& cff, double extra) {
  if (cff.size() < 4) return false;
  const auto names_end = index_end(cff, byte_at(cff, 2));
  if (!names_end) return false;
  const auto tops = index_items(cff, *names_end);
  if (!tops || tops->size() != 1) return false;
  const auto top = read_dict(std::string_view(cff).substr((*tops)[0].first, (*tops)[0].second), (*tops)[0].first);
  if (!top) return false;
  for (const Entry& entry : *top) {
    if (entry.op != 1236 || entry.operands.size() != 1) continue;  // FDArray
    const auto fonts = index_items(cff, static_cast<size_t>(entry.operands[0].value));
    if (!fonts || fonts->empty()) return false;
    for (const auto& [at, size] : *fonts) {
      // Parsed again for each: appending never moves what is before.
      const auto dict = read_dict(std::string_view(cff).substr(at, size), at);
      if (!dict || !widen_private(cff, *dict, extra)) return false;
    }
    return true;
  }
  return widen_private(cff, *top, extra);  // not CID-keyed: one Private DICT
}

bool widen_truetype(std::string& font, double extra) {
  if (font.size() < 12) return false;
  const uint32_t tables = read_big_endian(font, 4, 2);
  if (font.size() < 12 + 16 * size_t{tables}) return false;
  size_t hhea = 0, hmtx = 0, hmtx_length = 0;
  for (uint32_t i = 0; i < tables; ++i) {
    const size_t record = 12 + 16 * size_t{i};
    const std::string_view tag = std::string_view(font).substr(record, 4);
    if (tag == "hhea") hhea = read_big_endian(font, record + 8, 4);
    if (tag == "hmtx") hmtx = read_big_endian(font, record + 8, 4), hmtx_length = read_big_endian(font, record + 12, 4);
  }
  if (!hhea || !hmtx || hhea + 36 > font.size() || hmtx > font.size() || hmtx_length > font.size() - hmtx) return false;
  const uint32_t metrics = read_big_endian(font, hhea + 34, 2);
  if (4 * size_t{metrics} > hmtx_length) return false;
  const long units = std::lround(extra);
  for (uint32_t g = 0; g < metrics; ++g) {
    const long width = static_cast<long>(read_big_endian(font, hmtx + 4 * g, 2)) + units;
    write_big_endian(font, hmtx + 4 * g, static_cast<uint32_t>(std::clamp(width, 0L, 65535L)), 2);
  }
  return true;
}

// The glyphs a TrueType file has outlines for (its 'loca' entries that are
// not empty): with retained glyph ids these are the glyphs kept, including
// the components of composite glyphs, which no code names.
std::set<unsigned> truetype_outlines(std::string_view font) {
  std::set<unsigned> glyphs;
  if (font.size() < 12) return glyphs;
  size_t head = 0, maxp = 0, loca = 0;
  const uint32_t tables = read_big_endian(font, 4, 2);
  for (uint32_t i = 0; i < tables && 12 + 16 * size_t{i} + 16 <= font.size(); ++i) {
    const size_t record = 12 + 16 * size_t{i};
    const std::string_view tag = font.substr(record, 4);
    const size_t at = read_big_endian(font, record + 8, 4);
    if (tag == "head") head = at;
    if (tag == "maxp") maxp = at;
    if (tag == "loca") loca = at;
  }
  if (!head || !maxp || !loca || head + 52 > font.size() || maxp + 6 > font.size()) return glyphs;
  const bool long_offsets = read_big_endian(font, head + 50, 2) != 0;
  const uint32_t glyph_count = read_big_endian(font, maxp + 4, 2);
  if (loca + (long_offsets ? 4 : 2) * (size_t{glyph_count} + 1) > font.size()) return glyphs;
  const auto offset = [&](uint32_t glyph) {
    return long_offsets ? read_big_endian(font, loca + 4 * glyph, 4) : 2 * read_big_endian(font, loca + 2 * glyph, 2);
  };
  for (uint32_t glyph = 0; glyph < glyph_count; ++glyph)
    if (offset(glyph + 1) > offset(glyph)) glyphs.insert(glyph);
  return glyphs;
}

}  // namespace

std::set<unsigned> program_cids(const FontSubset& subset) {
  if (!subset.cff) return truetype_outlines(subset.data);
  const std::vector<unsigned> cids = fonts::read_cff_cids(subset.data);
  return {cids.begin(), cids.end()};
}

bool widen_subset(FontSubset& subset, double extra_units) {
  std::string program = subset.data;
  if (!(subset.cff ? widen_cff(program, extra_units) : widen_truetype(program, extra_units))) return false;
  subset.data = std::move(program);
  return true;
}

}  // namespace reissue
