#include "cff_charset.h"

#include <cstdint>
#include <optional>

namespace reissue::fonts {

namespace {

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool has(size_t at, size_t n) const { return at <= data_.size() && n <= data_.size() - at; }
  unsigned byte(size_t at) const { return static_cast<uint8_t>(data_[at]); }
  unsigned card16(size_t at) const { return byte(at) << 8 | byte(at + 1); }
  unsigned offset(size_t at, unsigned size) const {
    unsigned value = 0;
    for (unsigned i = 0; i < size; ++i) value = value << 8 | byte(at + i);
    return value;
  }
  std::string_view data() const { return data_; }

 private:
  std::string_view data_;
};

struct Index {
  size_t end = 0;  // first byte after the INDEX
  std::vector<std::string_view> items;
};

std::optional<Index> read_index(const Reader& in, size_t at) {
  if (!in.has(at, 2)) return std::nullopt;
  const unsigned count = in.card16(at);
  Index index;
  if (count == 0) {
    index.end = at + 2;
    return index;
  }
  if (!in.has(at + 2, 1)) return std::nullopt;
  const unsigned size = in.byte(at + 2);
  if (size < 1 || size > 4 || !in.has(at + 3, (count + 1) * size)) return std::nullopt;
  const size_t base = at + 3 + (count + 1) * size - 1;  // offsets count from 1
  for (unsigned i = 0; i < count; ++i) {
    const unsigned from = in.offset(at + 3 + i * size, size), to = in.offset(at + 3 + (i + 1) * size, size);
    if (from < 1 || to < from || !in.has(base + from, to - from)) return std::nullopt;
    index.items.push_back(in.data().substr(base + from, to - from));
  }
  index.end = base + in.offset(at + 3 + count * size, size);
  return index;
}

struct TopDict {
  long charset = 0, char_strings = 0;
  bool cid_keyed = false;
};

TopDict read_top_dict(std::string_view dict) {
  TopDict top;
  std::vector<long> operands;
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint8_t>(dict[k]); };
  while (i < dict.size()) {
    const unsigned b0 = byte(i);
    if (b0 >= 32 && b0 <= 246) operands.push_back(static_cast<long>(b0) - 139), i += 1;
    else if (b0 >= 247 && b0 <= 250 && i + 1 < dict.size())
      operands.push_back((static_cast<long>(b0) - 247) * 256 + byte(i + 1) + 108), i += 2;
    else if (b0 >= 251 && b0 <= 254 && i + 1 < dict.size())
      operands.push_back(-(static_cast<long>(b0) - 251) * 256 - byte(i + 1) - 108), i += 2;
    else if (b0 == 28 && i + 2 < dict.size())
      operands.push_back(static_cast<int16_t>(byte(i + 1) << 8 | byte(i + 2))), i += 3;
    else if (b0 == 29 && i + 4 < dict.size())
      operands.push_back(static_cast<int32_t>(static_cast<uint32_t>(byte(i + 1)) << 24 | byte(i + 2) << 16 |
                                              byte(i + 3) << 8 | byte(i + 4))),
          i += 5;
    else if (b0 == 30) {  // real number: skip nibbles to the end marker
      ++i;
      while (i < dict.size() && (byte(i) & 0x0F) != 0x0F && (byte(i) >> 4) != 0x0F) ++i;
      ++i;
      operands.push_back(0);
    } else if (b0 == 12 && i + 1 < dict.size()) {
      if (byte(i + 1) == 30) top.cid_keyed = true;  // ROS
      operands.clear();
      i += 2;
    } else if (b0 <= 21) {
      if (b0 == 15 && !operands.empty()) top.charset = operands.back();
      if (b0 == 17 && !operands.empty()) top.char_strings = operands.back();
      operands.clear();
      i += 1;
    } else {
      ++i;  // reserved byte
    }
  }
  return top;
}

}  // namespace

std::vector<unsigned> read_cff_cids(std::string_view cff) {
  const Reader in(cff);
  if (!in.has(0, 4)) return {};
  const auto names = read_index(in, in.byte(2));
  if (!names) return {};
  const auto tops = read_index(in, names->end);
  if (!tops || tops->items.empty()) return {};
  const TopDict top = read_top_dict(tops->items[0]);
  if (!top.cid_keyed || top.charset <= 2 || top.char_strings <= 0) return {};
  // The glyph count is the CharStrings INDEX's count (its 65k offsets are
  // not needed).
  if (!in.has(static_cast<size_t>(top.char_strings), 2)) return {};
  const size_t glyphs = in.card16(static_cast<size_t>(top.char_strings));
  std::vector<unsigned> cids(glyphs, 0);
  size_t at = static_cast<size_t>(top.charset);
  if (!in.has(at, 1)) return {};
  const unsigned format = in.byte(at++);
  size_t gid = 1;
  if (format == 0) {
    for (; gid < glyphs && in.has(at, 2); ++gid, at += 2) cids[gid] = in.card16(at);
  } else if (format == 1 || format == 2) {
    const size_t range = format == 1 ? 3 : 4;
    while (gid < glyphs && in.has(at, range)) {
      const unsigned first = in.card16(at);
      const unsigned left = format == 1 ? in.byte(at + 2) : in.card16(at + 2);
      for (unsigned k = 0; k <= left && gid < glyphs; ++k) cids[gid++] = first + k;
      at += range;
    }
  } else {
    return {};
  }
  return gid == glyphs ? cids : std::vector<unsigned>{};
}

}  // namespace reissue::fonts
