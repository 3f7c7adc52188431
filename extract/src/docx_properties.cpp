#include "docx_properties.h"

#include "reissue/text.h"

#include <charconv>

namespace reissue::extract {

namespace {

// Style chains deeper than this are cycles or hostile.
constexpr int kMaxChain = 32;

const xmlNode* child(const xmlNode* node, const char* local_name) {
  for (const xmlNode* c = node ? node->children : nullptr; c; c = c->next)
    if (xml::is_element(c, local_name)) return c;
  return nullptr;
}

std::optional<long> number_attribute(const xmlNode* node, const char* name) {
  if (!node) return std::nullopt;
  const std::string text = xml::attribute(node, name);
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

// w:b, w:vanish: present means on unless w:val says 0/false/off.
std::optional<bool> toggle(const xmlNode* node) {
  if (!node) return std::nullopt;
  const std::string value = xml::attribute(node, "val");
  return !(value == "0" || value == "false" || value == "off");
}

std::string to_lower_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

template <class T>
void inherit_value(std::optional<T>& value, const std::optional<T>& base) {
  if (!value) value = base;
}

}  // namespace

void RunProperties::inherit(const RunProperties& base) {
  inherit_value(bold, base.bold);
  inherit_value(emphasis, base.emphasis);
  inherit_value(hidden, base.hidden);
  inherit_value(size, base.size);
}

void ParagraphProperties::inherit(const ParagraphProperties& base) {
  inherit_value(justification, base.justification);
  inherit_value(outline, base.outline);
  inherit_value(first_line, base.first_line);
  inherit_value(first_line_chars, base.first_line_chars);
  if (!num_id) num_id = base.num_id, level = level ? level : base.level;
  inherit_value(level, base.level);
}

RunProperties run_properties(const xmlNode* rPr) {
  RunProperties run;
  if (!rPr) return run;
  run.bold = toggle(child(rPr, "b"));
  run.emphasis = toggle(child(rPr, "i"));
  if (const xmlNode* mark = child(rPr, "em")) run.emphasis = xml::attribute(mark, "val") != "none";
  run.hidden = toggle(child(rPr, "vanish"));
  const xmlNode* size = child(rPr, "sz");
  if (!size) size = child(rPr, "szCs");
  if (const auto half_points = number_attribute(size, "val"); half_points && *half_points > 0 && *half_points < 4000)
    run.size = static_cast<double>(*half_points) / 2;
  if (const xmlNode* style = child(rPr, "rStyle")) run.style = xml::attribute(style, "val");
  return run;
}

ParagraphProperties paragraph_properties(const xmlNode* pPr) {
  ParagraphProperties paragraph;
  if (!pPr) return paragraph;
  if (const xmlNode* jc = child(pPr, "jc")) paragraph.justification = xml::attribute(jc, "val");
  if (const auto level = number_attribute(child(pPr, "outlineLvl"), "val"); level && *level >= 0 && *level < 9)
    paragraph.outline = static_cast<int>(*level);
  if (const xmlNode* ind = child(pPr, "ind")) {
    if (const auto first = number_attribute(ind, "firstLine")) paragraph.first_line = static_cast<double>(*first) / 20;
    if (const auto hanging = number_attribute(ind, "hanging")) paragraph.first_line = -static_cast<double>(*hanging) / 20;
    if (const auto chars = number_attribute(ind, "firstLineChars")) paragraph.first_line_chars = static_cast<double>(*chars) / 100;
  }
  if (const xmlNode* numbering = child(pPr, "numPr")) {
    if (const auto id = number_attribute(child(numbering, "numId"), "val")) paragraph.num_id = static_cast<int>(*id);
    if (const auto level = number_attribute(child(numbering, "ilvl"), "val"); level && *level >= 0 && *level < 9)
      paragraph.level = static_cast<int>(*level);
  }
  if (const xmlNode* style = child(pPr, "pStyle")) paragraph.style = xml::attribute(style, "val");
  return paragraph;
}

StyleSheet::StyleSheet(const xmlDoc* styles) {
  const xmlNode* root = styles ? xmlDocGetRootElement(const_cast<xmlDoc*>(styles)) : nullptr;
  if (const xmlNode* defaults = child(root, "docDefaults")) {
    default_run_ = run_properties(child(child(defaults, "rPrDefault"), "rPr"));
    default_paragraph_ = paragraph_properties(child(child(defaults, "pPrDefault"), "pPr"));
  }
  for (const xmlNode* node = root ? root->children : nullptr; node; node = node->next) {
    if (!xml::is_element(node, "style")) continue;
    Style style;
    style.type = xml::attribute(node, "type");
    if (const xmlNode* name = child(node, "name")) style.name = to_lower_ascii(xml::attribute(name, "val"));
    if (const xmlNode* based = child(node, "basedOn")) style.based_on = xml::attribute(based, "val");
    style.paragraph = paragraph_properties(child(node, "pPr"));
    style.run = run_properties(child(node, "rPr"));
    const std::string id = xml::attribute(node, "styleId");
    const std::string is_default = xml::attribute(node, "default");
    if ((is_default == "1" || is_default == "true") && !default_of_type_.count(style.type)) default_of_type_[style.type] = id;
    styles_.emplace(id, std::move(style));
  }
}

const StyleSheet::Style* StyleSheet::find(const std::string& id, const char* type) const {
  auto found = styles_.find(id);
  if (found == styles_.end()) {
    const auto fallback = default_of_type_.find(type);
    if (fallback == default_of_type_.end()) return nullptr;
    found = styles_.find(fallback->second);
  }
  return found == styles_.end() ? nullptr : &found->second;
}

const StyleSheet::Style* StyleSheet::find_exact(const std::string& id) const {
  const auto found = styles_.find(id);
  return found == styles_.end() ? nullptr : &found->second;
}

// Calls `take` on the style and each style it is based on, nearest first.
template <class Take>
void StyleSheet::walk_chain(const Style* style, Take take) const {
  for (int depth = 0; style && depth < kMaxChain; ++depth) {
    take(*style);
    style = style->based_on.empty() ? nullptr : find_exact(style->based_on);
  }
}

ParagraphProperties StyleSheet::paragraph(const std::string& id) const {
  ParagraphProperties out;
  walk_chain(find(id, "paragraph"), [&](const Style& style) { out.inherit(style.paragraph); });
  out.inherit(default_paragraph_);
  return out;
}

RunProperties StyleSheet::paragraph_run(const std::string& id) const {
  RunProperties out;
  walk_chain(find(id, "paragraph"), [&](const Style& style) { out.inherit(style.run); });
  out.inherit(default_run_);
  return out;
}

RunProperties StyleSheet::character(const std::string& id) const {
  RunProperties out;
  walk_chain(id.empty() ? nullptr : find_exact(id), [&](const Style& style) { out.inherit(style.run); });
  return out;
}

int StyleSheet::heading_level(const std::string& id) const {
  int level = -1;
  walk_chain(find(id, "paragraph"), [&](const Style& style) {
    const std::string& name = style.name;
    if (level < 0 && name.rfind("heading ", 0) == 0 && name.size() == 9 && name[8] >= '1' && name[8] <= '9')
      level = name[8] - '1';
    if (level < 0 && name == "title") level = 0;
  });
  return level >= 0 ? level : paragraph(id).outline.value_or(-1);
}

namespace {

std::string chinese_number(int value, const char32_t* digits, const char32_t* units) {
  // units: 十 百 千; value 1-9999. 10-19 read 十一, not 一十一.
  std::u32string out;
  const int parts[4] = {value / 1000, value / 100 % 10, value / 10 % 10, value % 10};
  bool zero_pending = false;
  for (int i = 0; i < 4; ++i) {
    const int digit = parts[i];
    if (digit == 0) {
      zero_pending = !out.empty();
      continue;
    }
    if (zero_pending) out += digits[0], zero_pending = false;
    const bool bare_ten = i == 2 && digit == 1 && out.empty();
    if (!bare_ten) out += digits[digit];
    if (i < 3) out += units[2 - i];
  }
  return u32_to_utf8(out);
}

std::string roman(int value, bool upper) {
  static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                      {90, "xc"},  {50, "l"},   {40, "xl"},  {10, "x"},   {9, "ix"},
                                                      {5, "v"},    {4, "iv"},   {1, "i"}};
  std::string out;
  for (auto [step, letters] : table)
    while (value >= step) out += letters, value -= step;
  if (upper)
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string letters(int value, bool upper) {
  // Word repeats the letter: a..z, aa..zz, aaa...
  const char letter = static_cast<char>((upper ? 'A' : 'a') + (value - 1) % 26);
  return std::string(static_cast<size_t>((value - 1) / 26 + 1), letter);
}

}  // namespace

std::string format_number(int value, const std::string& format) {
  if (format == "none" || format == "bullet") return "";
  if (value < 1 || value > 9999) return std::to_string(value);
  if (format == "chineseCounting" || format == "chineseCountingThousand" || format == "taiwaneseCounting" ||
      format == "taiwaneseCountingThousand" || format == "japaneseCounting")
    return chinese_number(value, U"〇一二三四五六七八九", U"十百千");
  if (format == "chineseLegalSimplified") return chinese_number(value, U"零壹贰叁肆伍陆柒捌玖", U"拾佰仟");
  if (format == "ideographTraditional" && value <= 10) return u32_to_utf8(std::u32string(1, U"甲乙丙丁戊己庚辛壬癸"[value - 1]));
  if (format == "ideographZodiac" && value <= 12) return u32_to_utf8(std::u32string(1, U"子丑寅卯辰巳午未申酉戌亥"[value - 1]));
  if (format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese")
    if (value <= 20) return u32_to_utf8(std::u32string(1, static_cast<char32_t>(0x2460 + value - 1)));
  if (format == "decimalEnclosedParen" && value <= 20) return u32_to_utf8(std::u32string(1, static_cast<char32_t>(0x2474 + value - 1)));
  if (format == "decimalEnclosedFullstop" && value <= 20) return u32_to_utf8(std::u32string(1, static_cast<char32_t>(0x2488 + value - 1)));
  if (format == "decimalFullWidth" || format == "decimalFullWidth2") {
    std::u32string out;
    for (char c : std::to_string(value)) out += static_cast<char32_t>(0xFF10 + (c - '0'));
    return u32_to_utf8(out);
  }
  if (format == "decimalZero") return (value < 10 ? "0" : "") + std::to_string(value);
  if (format == "upperRoman" || format == "lowerRoman") return roman(value, format == "upperRoman");
  if (format == "upperLetter" || format == "lowerLetter") return letters(value, format == "upperLetter");
  return std::to_string(value);  // decimal and what is not known
}

Numbering::Numbering(const xmlDoc* numbering) {
  const xmlNode* root = numbering ? xmlDocGetRootElement(const_cast<xmlDoc*>(numbering)) : nullptr;
  for (const xmlNode* node = root ? root->children : nullptr; node; node = node->next) {
    if (xml::is_element(node, "abstractNum")) {
      const auto id = number_attribute(node, "abstractNumId");
      if (!id) continue;
      Abstract& abstract = abstracts_[static_cast<int>(*id)];
      for (const xmlNode* lvl = node->children; lvl; lvl = lvl->next) {
        const auto index = number_attribute(lvl, "ilvl");
        if (!xml::is_element(lvl, "lvl") || !index || *index < 0 || *index > 8) continue;
        Level level;
        if (const auto start = number_attribute(child(lvl, "start"), "val")) level.start = static_cast<int>(*start);
        if (const xmlNode* format = child(lvl, "numFmt")) level.format = xml::attribute(format, "val");
        if (const xmlNode* text = child(lvl, "lvlText")) level.text = xml::attribute(text, "val");
        if (const xmlNode* suffix = child(lvl, "suff")) level.suffix = xml::attribute(suffix, "val");
        abstract.levels[static_cast<int>(*index)] = level;
      }
    } else if (xml::is_element(node, "num")) {
      const auto id = number_attribute(node, "numId");
      const auto abstract = number_attribute(child(node, "abstractNumId"), "val");
      if (!id || !abstract) continue;
      Instance& instance = instances_[static_cast<int>(*id)];
      instance.abstract = static_cast<int>(*abstract);
      for (const xmlNode* over = node->children; over; over = over->next) {
        const auto index = number_attribute(over, "ilvl");
        const auto start = number_attribute(child(over, "startOverride"), "val");
        if (xml::is_element(over, "lvlOverride") && index && start) instance.start_overrides[static_cast<int>(*index)] = static_cast<int>(*start);
      }
    }
  }
}

std::string Numbering::next_label(int num_id, int level) {
  const auto instance = instances_.find(num_id);
  if (instance == instances_.end() || level < 0 || level > 8) return "";
  const auto abstract = abstracts_.find(instance->second.abstract);
  if (abstract == abstracts_.end()) return "";
  const auto& levels = abstract->second.levels;
  // Lists of one abstract definition continue each other, unless a list
  // restarts with its own start value.
  const bool own = !instance->second.start_overrides.empty();
  std::vector<int>& counters = counters_[own ? "n" + std::to_string(num_id) : "a" + std::to_string(instance->second.abstract)];
  if (counters.empty()) counters.assign(9, 0);
  const auto start_of = [&](int at) {
    if (const auto over = instance->second.start_overrides.find(at); over != instance->second.start_overrides.end()) return over->second;
    const auto found = levels.find(at);
    return found == levels.end() ? 1 : found->second.start;
  };
  counters[static_cast<size_t>(level)] = counters[static_cast<size_t>(level)] == 0 ? start_of(level) : counters[static_cast<size_t>(level)] + 1;
  for (int deeper = level + 1; deeper < 9; ++deeper) counters[static_cast<size_t>(deeper)] = 0;
  const auto found = levels.find(level);
  if (found == levels.end() || found->second.format == "bullet" || found->second.format == "none") return "";
  std::string label;
  const std::string& text = found->second.text;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const int at = text[i + 1] - '1';
      const auto format = levels.find(at);
      const int value = counters[static_cast<size_t>(at)] == 0 ? start_of(at) : counters[static_cast<size_t>(at)];
      label += format_number(value, format == levels.end() ? "decimal" : format->second.format);
      ++i;
    } else {
      label += text[i];
    }
  }
  if (label.empty() || found->second.suffix == "nothing") return label;
  const std::u32string wide = utf8_to_u32(label);
  const bool punctuated = std::u32string_view(U".、．)）:：").find(wide.back()) != std::u32string_view::npos;
  return found->second.suffix == "space" || !punctuated ? label + " " : label;
}

}  // namespace reissue::extract
