#include "text_layer.h"

#include <algorithm>
#include <cmath>

namespace reissue::extract {

namespace {

// A page's text layer is unreadable when more than this share of its
// characters (and at least kMinBad of them) cannot be decoded or decode to
// what no text is made of. Clean pages have none; a page whose fonts lost
// their maps has nearly all; a stray bullet from a symbol font is below it.
constexpr double kMaxBadShare = 0.01;
constexpr int kMinBad = 3;
// ... when at least this many and most of the page's ASCII is so wide.
constexpr int kMinAsciiNoise = 10;


std::string join_names(const std::map<std::string, int>& fonts) {
  std::string out;
  size_t shown = 0;
  for (const auto& [name, count] : fonts) {
    if (shown == 4) {
      out += " and " + std::to_string(fonts.size() - shown) + " more";
      break;
    }
    if (!out.empty()) out += ", ";
    out += name;
    ++shown;
  }
  return out;
}

std::string share(int part, int whole) { return std::to_string(part) + " of " + std::to_string(whole) + " characters"; }

bool all_type3(const std::map<std::string, int>& fonts) {
  return std::all_of(fonts.begin(), fonts.end(), [](const auto& font) { return font.first.rfind("Type 3 font", 0) == 0; });
}

// Length of the glyph name that starts `text` at `at` (cid123, gid7,
// glyph12, g17, uni4E2D, (cid:123)), 0 when none does.
size_t glyph_name_at(const std::u32string& text, size_t at) {
  const auto digits = [&](size_t from, bool hex) {
    size_t end = from;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') ||
                                 (hex && ((text[end] >= 'A' && text[end] <= 'F') || (text[end] >= 'a' && text[end] <= 'f')))))
      ++end;
    return end - from;
  };
  const auto starts = [&](std::u32string_view prefix) { return text.compare(at, prefix.size(), prefix) == 0; };
  if (starts(U"(cid:")) {
    const size_t n = digits(at + 5, false);
    return n && at + 5 + n < text.size() && text[at + 5 + n] == ')' ? 6 + n : 0;
  }
  if (starts(U"uni")) {
    const size_t n = digits(at + 3, true);
    return n >= 4 && n % 4 == 0 ? 3 + n : 0;
  }
  for (std::u32string_view prefix : {std::u32string_view(U"cid"), std::u32string_view(U"gid"), std::u32string_view(U"glyph")})
    if (starts(prefix)) {
      const size_t n = digits(at + prefix.size(), false);
      return n ? prefix.size() + n : 0;
    }
  if (starts(U"g")) {
    const size_t n = digits(at + 1, false);
    return n >= 2 ? 1 + n : 0;
  }
  return 0;
}

}  // namespace

bool is_private_use(char32_t c) { return (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000; }
bool is_c0_or_c1_control(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}

int glyph_name_characters(const std::vector<SourceRun>& runs) {
  int total = 0;
  for (const SourceRun& run : runs) {
    // A word made of glyph names only, or pdfminer-style (cid:N) anywhere.
    size_t at = 0, named = 0;
    while (at < run.text.size()) {
      const size_t n = glyph_name_at(run.text, at);
      if (n == 0) break;
      at += n, named += n;
    }
    if (at == run.text.size() && named > 0) {
      total += static_cast<int>(named);
      continue;
    }
    for (size_t i = 0; i < run.text.size(); ++i)
      if (run.text[i] == '(')
        if (const size_t n = glyph_name_at(run.text, i); n > 0) total += static_cast<int>(n), i += n - 1;
  }
  return total;
}

TextLayerVerdict judge_text_layer(const PageTextCounts& c) {
  TextLayerVerdict verdict;
  const int ascii_noise =
      c.ascii_full_width >= kMinAsciiNoise && c.ascii_full_width * 2 > c.ascii ? c.ascii_full_width : 0;
  const int bad = c.undecoded + c.private_use + c.control + ascii_noise + c.glyph_names;
  const int whole = std::max(c.chars, 1);
  if (bad >= kMinBad && bad > kMaxBadShare * c.chars) {
    verdict.readable = false;
    // The largest cause names the page's trouble.
    const int largest = std::max({c.undecoded, c.private_use, c.control, ascii_noise, c.glyph_names});
    if (largest == c.undecoded) {
      if (all_type3(c.undecoded_fonts))
        verdict.problem = "its Type 3 fonts have no map to Unicode";
      else
        verdict.problem = "the fonts " + join_names(c.undecoded_fonts) +
                          " have no map to Unicode (a Ghostscript or ps2pdf rewrite drops it) and could not be "
                          "recovered from an installed font of the same name";
    } else if (largest == ascii_noise) {
      verdict.problem = "its text decodes to ASCII set a full em wide, a CJK font's glyphs read as their codes "
                        "(a font without a map to Unicode)";
    } else if (largest == c.private_use) {
      verdict.problem = "its characters decode into the Private Use Area (fonts without a standard map to Unicode)";
    } else if (largest == c.control) {
      verdict.problem = "its characters decode into control characters (fonts without a map to Unicode)";
    } else {
      verdict.problem = "its words are glyph names (cid123, uni4E2D), not text";
    }
    (void)whole;
    return verdict;
  }
  std::string note;
  if (c.recovered > 0)
    note = share(c.recovered, whole) + " recovered from the installed font " + join_names(c.recovered_fonts) +
           " (the PDF's fonts have no map to Unicode)";
  if (c.undecoded > 0)
    note += (note.empty() ? "" : "; ") + share(c.undecoded, whole) + " of the fonts " + join_names(c.undecoded_fonts) +
            " could not be decoded and stand as U+FFFD";
  if (c.private_use > 0) note += (note.empty() ? "" : "; ") + share(c.private_use, whole) + " in the Private Use Area";
  verdict.note = note;
  return verdict;
}

}  // namespace reissue::extract
