#include "shaping.h"

#include "reissue/error.h"

#include "reissue/text.h"

#include <hb.h>
#include <hb-cplusplus.hh>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <cctype>
#include <memory>

namespace reissue::layout {

namespace {

// A face of the style's families; a missing family is the style sheet's to
// fix: say where it names it.
const Font* role_face(const Style& style, FontLibrary& library, const std::string& family, bool bold) {
  try {
    return &library.get(family, bold);
  } catch (const Error& error) {
    if (dynamic_cast<const OutOfMemory*>(&error)) throw;
    throw Error(style.source.empty() ? "style sheet" : style.source, style.fonts_line,
                "font \"" + family + "\": " + error.message());
  }
}

}  // namespace

RoleFonts fonts_for_role(const Style& style, const RoleStyle& role, FontLibrary& library) {
  RoleFonts fonts;
  fonts.bold = role.bold;
  fonts.chinese = role_face(style, library, role.sans ? style.sans : style.serif, role.bold);
  fonts.latin = role_face(style, library, role.sans ? style.latin_sans : style.latin_serif, role.bold);
  return fonts;
}

void add_strong_faces(const Style& style, const RoleStyle& role, FontLibrary& library, RoleFonts& fonts) {
  fonts.chinese_strong = role_face(style, library, role.sans ? style.sans : style.serif, true);
  fonts.latin_strong = role_face(style, library, role.sans ? style.latin_sans : style.latin_serif, true);
}

std::vector<CharStyle> char_styles(const std::string& text, const std::vector<Inline>& inlines) {
  if (inlines.empty()) return {};
  // Byte offset -> code point index.
  std::vector<size_t> index_at(text.size() + 1, 0);
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    index_at[i] = count;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  index_at[text.size()] = count;  // spans begin and end between characters
  std::vector<CharStyle> styles(count);
  for (size_t k = 0; k < inlines.size(); ++k) {
    const Inline& span = inlines[k];
    const size_t end = std::min(span.end, text.size());
    for (size_t c = index_at[std::min(span.begin, text.size())]; c < index_at[end]; ++c) {
      if (span.kind == Inline::Kind::strong) styles[c].strong = true;
      else if (span.kind == Inline::Kind::emphasis) styles[c].emphasis = true;
      else styles[c].link = static_cast<int>(k);
    }
  }
  return styles;
}

namespace {

// Full-width punctuation whose blank half can be squeezed (GB/T 15834, clreq).
Punctuation punctuation_class(char32_t c) {
  static constexpr std::u32string_view kClosing = U"、，。：；！？）］｝》〉」』】〕〗”’";
  static constexpr std::u32string_view kOpening = U"（［｛《〈「『【〔〖“‘";
  if (kClosing.find(c) != std::u32string_view::npos) return Punctuation::closing;
  if (kOpening.find(c) != std::u32string_view::npos) return Punctuation::opening;
  if (c == U'·' || c == U'・' || c == U'—' || c == U'…') return Punctuation::middle;
  return Punctuation::none;
}

// Marks that never start a line, and ones that never end one (clreq).
bool never_starts_line(char32_t c) {
  return punctuation_class(c) == Punctuation::closing ||
         std::u32string_view(U"·・%‰℃°,.;:!?)]}»").find(c) != std::u32string_view::npos;
}
bool never_ends_line(char32_t c) {
  return punctuation_class(c) == Punctuation::opening ||
         std::u32string_view(U"·・([{«").find(c) != std::u32string_view::npos;
}

// Quotes, dashes and the ellipsis are full width in Chinese text: the Chinese
// font sets them, not the Latin one.
bool prefers_chinese_font(char32_t c) {
  return is_east_asian_wide(c) || std::u32string_view(U"“”‘’—…·").find(c) != std::u32string_view::npos;
}

bool is_url_start(const std::u32string& text, size_t i) {
  auto at = [&](std::u32string_view word) { return text.compare(i, word.size(), word) == 0; };
  return at(U"http://") || at(U"https://") || at(U"www.");
}

bool is_url_char(char32_t c) {
  return c > 0x20 && c < 0x7F && c != '<' && c != '>' && c != '"';
}

icu::BreakIterator& line_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker;
  if (!breaker) {
    UErrorCode status = U_ZERO_ERROR;
    breaker.reset(icu::BreakIterator::createLineInstance(icu::Locale("zh", "CN"), status));
    if (U_FAILURE(status) || !breaker) throw InternalError("ICU", "line breaking is unavailable");
  }
  return *breaker;
}

// Break opportunities before each character: ICU's, refined by clreq.
std::vector<int> break_opportunities(const std::u32string& text) {
  // -1: no break; otherwise the penalty of breaking before this character.
  std::vector<int> breaks(text.size() + 1, -1);
  icu::UnicodeString utf16;
  std::vector<size_t> index_of_unit;  // UTF-16 unit -> code point index
  for (size_t i = 0; i < text.size(); ++i) {
    const int32_t before = utf16.length();
    utf16.append(static_cast<UChar32>(text[i]));
    for (int32_t k = before; k < utf16.length(); ++k) index_of_unit.push_back(i);
  }
  index_of_unit.push_back(text.size());
  icu::BreakIterator& breaker = line_breaker();
  breaker.setText(utf16);
  for (int32_t at = breaker.next(); at != icu::BreakIterator::DONE; at = breaker.next())
    breaks[index_of_unit[static_cast<size_t>(at)]] = 0;
  for (size_t i = 1; i < text.size(); ++i) {
    const char32_t before = text[i - 1], c = text[i];
    // ICU glues ‘…’ (ambiguous quotes) to its neighbours: in Chinese text a
    // line may end before an opening mark and after a closing one.
    if ((punctuation_class(c) == Punctuation::opening && is_han(before)) ||
        (punctuation_class(before) == Punctuation::closing && is_han(c)))
      breaks[i] = 0;
    if (never_starts_line(c) || never_ends_line(before)) breaks[i] = -1;
    // —— and …… are one mark two ems wide; 娜·罗 is one name.
    if (before == c && (c == U'—' || c == U'…')) breaks[i] = -1;
    // Strict rule (clreq): —— and …… never start a line either.
    if ((c == U'—' || c == U'…') && i + 1 < text.size() && text[i + 1] == c) breaks[i] = -1;
    if (c == U'·' || before == U'·') breaks[i] = -1;
  }
  // URLs break only after / . - ? & = # _ (not between a final dot and a
  // short extension: .html stays whole), and inside long letter-digit runs
  // (hashes, ids) anywhere 4 characters from their ends; only when they must.
  for (size_t i = 0; i < text.size(); ++i) {
    if (!is_url_start(text, i)) continue;
    size_t end = i;
    while (end < text.size() && is_url_char(text[end])) ++end;
    for (size_t k = i + 1; k < end; ++k)
      breaks[k] = std::u32string_view(U"/.-?&=#_").find(text[k - 1]) != std::u32string_view::npos ? 50 : -1;
    size_t extension = end;
    while (extension > i && std::isalpha(static_cast<int>(text[extension - 1]))) --extension;
    if (extension > i && text[extension - 1] == U'.' && end > extension && end - extension <= 5) breaks[extension] = -1;
    for (size_t k = i; k < end;) {
      size_t run = k;
      bool digit = false;
      while (run < end && std::isalnum(static_cast<int>(text[run]))) digit |= std::isdigit(static_cast<int>(text[run++])) != 0;
      const size_t length = run - k;
      if (length >= 20 || (length >= 12 && digit))
        for (size_t b = k + 4; b + 4 <= run; ++b) breaks[b] = 50;
      k = run == k ? k + 1 : run;
    }
    i = end;
  }
  breaks[0] = -1;
  return breaks;
}

// What every run of a paragraph is shaped with.
struct ShapingContext {
  const std::u32string& text;
  const std::vector<int>& breaks;  // the paragraph's break opportunities
  const RoleFonts& fonts;
  hb_buffer_t* buffer;
};

// One run of the text ([begin, end): one font, no spaces) shaped with
// HarfBuzz into atoms, one per cluster; `space_before`: a space came before it.
void shape_run(const ShapingContext& context, size_t begin, size_t end, const Font& font, bool space_before,
               std::vector<Atom>& atoms) {
  const std::u32string& text = context.text;
  const RoleFonts& fonts = context.fonts;
  hb_buffer_t* buffer = context.buffer;
  std::u32string run = text.substr(begin, end - begin);
  for (char32_t& c : run)
    if (!font.covers(c) && c != U'\uFFFD') c = U'\uFFFD';
  hb_buffer_clear_contents(buffer);
  hb_buffer_add_utf32(buffer, reinterpret_cast<const uint32_t*>(run.data()), static_cast<int>(run.size()), 0,
                      static_cast<int>(run.size()));
  hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
  hb_buffer_guess_segment_properties(buffer);
  static const hb_language_t chinese = hb_language_from_string("zh-Hans", -1);
  if (&font == fonts.chinese || prefers_chinese_font(run[0])) hb_buffer_set_language(buffer, chinese);
  hb_shape(font.font(), buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
  const double upem = font.units_per_em();
  size_t g = 0;
  while (g < count) {
    const unsigned cluster = infos[g].cluster;
    size_t next = g;
    while (next < count && infos[next].cluster == cluster) ++next;
    const unsigned cluster_end = next < count ? infos[next].cluster : static_cast<unsigned>(run.size());
    Atom atom;
    atom.text = text.substr(begin + cluster, cluster_end - cluster);
    for (size_t k = g; k < next; ++k) {
      atom.glyphs.push_back({&font, infos[k].codepoint, positions[k].x_offset / upem, positions[k].y_offset / upem,
                             positions[k].x_advance / upem});
      atom.width += positions[k].x_advance / upem;
    }
    const char32_t first = atom.text.empty() ? U' ' : atom.text[0];
    atom.latin = &font == fonts.latin || (!prefers_chinese_font(first) && !is_han(first));
    atom.chinese = is_cjk(first) || prefers_chinese_font(first);
    atom.punctuation = atom.text.size() == 1 ? punctuation_class(first) : Punctuation::none;
    const int penalty = context.breaks[begin + cluster];
    atom.space_before = space_before && g == 0;
    atom.break_before = penalty >= 0 || atom.space_before;  // a space is always a break
    atom.break_penalty = penalty > 0 ? penalty : 0;
    atoms.push_back(std::move(atom));
    g = next;
  }
}

// The markup of each new atom (from `before`), from its first character: the
// atoms of a run are its clusters in order.
void mark_atoms(std::vector<Atom>& atoms, size_t before, size_t run_begin, const std::vector<CharStyle>& styles) {
  size_t at = run_begin;
  for (size_t k = before; k < atoms.size(); ++k) {
    const CharStyle& style = styles[std::min(at, styles.size() - 1)];
    atoms[k].emphasis = style.emphasis;
    atoms[k].link = style.link;
    at += atoms[k].text.size();
  }
}

// A space between Chinese phrases (开启智慧医疗新篇 云南首例) is content: a line
// never ends at it, where it would vanish from the page and from the text.
void keep_spaces_between_chinese(std::vector<Atom>& atoms) {
  for (size_t k = 1; k < atoms.size(); ++k)
    if (atoms[k].space_before && atoms[k].chinese && atoms[k - 1].chinese) atoms[k].break_before = false;
}

// Adjacent full-width punctuation takes 1.5 em, not 2 (GB/T 15834).
void compress_adjacent_punctuation(std::vector<Atom>& atoms) {
  for (size_t k = 0; k + 1 < atoms.size(); ++k) {
    Atom &a = atoms[k], &b = atoms[k + 1];
    if (a.punctuation == Punctuation::none || b.punctuation == Punctuation::none || b.space_before) continue;
    if (b.punctuation == Punctuation::middle || a.punctuation == Punctuation::middle) continue;
    if (a.width < 0.9 || b.width < 0.9) continue;  // not full-width glyphs
    if (a.punctuation == Punctuation::closing) {
      a.width -= 0.5;  // its blank right half
    } else if (b.punctuation == Punctuation::opening) {
      b.shift -= 0.5;  // its blank left half
      b.width -= 0.5;
    }
  }
}

// A space in the text beside a full-width mark's blank half (突破 “AI,
// 健康 | “医学) takes the place of that half: the mark is set without it and
// the space is half an em wide and fixed, so the blank is not doubled (as
// XeLaTeX, which drops the space) while the space is still drawn, and copy
// and extraction give it back.
void spaces_take_blank_halves(std::vector<Atom>& atoms) {
  for (size_t k = 1; k < atoms.size(); ++k) {
    if (!atoms[k].space_before) continue;
    Atom &a = atoms[k - 1], &b = atoms[k];
    if (a.punctuation == Punctuation::closing && a.width >= 0.9) {
      a.width -= 0.5;
      b.space_is_blank = true;
    }
    if (b.punctuation == Punctuation::opening && b.width >= 0.9 && b.shift == 0) {
      b.shift -= 0.5;
      b.width -= 0.5;
      b.space_is_blank = true;
    }
  }
}

}  // namespace

std::vector<const Font*> fonts_of(const std::u32string& text, const RoleFonts& fonts, FontLibrary& library,
                                  ShapeReport& report, const std::vector<CharStyle>& styles) {
  std::vector<const Font*> font_of(text.size(), nullptr);
  for (size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (c == U' ') continue;
    const bool strong = !styles.empty() && styles[i].strong && fonts.chinese_strong && fonts.latin_strong;
    const Font& preferred = prefers_chinese_font(c) ? *(strong ? fonts.chinese_strong : fonts.chinese)
                                                    : *(strong ? fonts.latin_strong : fonts.latin);
    const Font* font = library.font_for(c, preferred, fonts.bold || strong);
    if (!font) {
      report.uncovered.push_back(c);
      font = fonts.chinese;
    }
    font_of[i] = font;
  }
  return font_of;
}


std::vector<Atom> shape_paragraph(const std::u32string& text, const RoleFonts& fonts, FontLibrary& library,
                                  ShapeReport& report, const std::vector<CharStyle>& styles) {
  const std::vector<const Font*> font_of = fonts_of(text, fonts, library, report, styles);
  const std::vector<int> breaks = break_opportunities(text);
  const hb::unique_ptr<hb_buffer_t> buffer(hb_buffer_create());
  const ShapingContext context{text, breaks, fonts, buffer};
  std::vector<Atom> atoms;
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == U' ') {
      pending_space = true;
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && text[end] != U' ' && font_of[end] == font_of[i]) ++end;
    const size_t before = atoms.size();
    shape_run(context, i, end, *font_of[i], pending_space, atoms);
    if (atoms.size() > before) pending_space = false;
    if (!styles.empty()) mark_atoms(atoms, before, i, styles);
    i = end;
  }
  keep_spaces_between_chinese(atoms);
  compress_adjacent_punctuation(atoms);
  spaces_take_blank_halves(atoms);
  return atoms;
}

}  // namespace reissue::layout
