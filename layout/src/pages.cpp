#include "pages.h"

#include "images.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace reissue::layout {

namespace {

constexpr int kMinLines = 2;                      // no widows, no orphans
constexpr size_t kKeptWhole = 2 * kMinLines + 2;  // lines up to which a kept block is not split
constexpr double kFitTolerance = 0.01;    // points: rounding in sums of heights, not room
constexpr double kPlaceTolerance = 0.5;   // points: the check after pagination

// One composed block made ready to place.
struct Plan {
  const ComposedBlock* block = nullptr;
  const RoleStyle* role = nullptr;
  RoleFonts fonts;
  ParagraphLayout paragraph;  // text blocks
  double rule_height = 0;     // rules
  int image = -1;             // figures
  double image_width = 0, image_height = 0;
  double space_before = 0, space_after = 0;

  double line_offset() const {  // from a line box's top to its baseline
    return (paragraph.line_height - paragraph.size) / 2 + paragraph.ascent;
  }
  size_t box_count() const { return block->kind == ComposedKind::text ? paragraph.lines.size() : 1; }
  double box_height() const {
    if (block->kind == ComposedKind::rule) return rule_height;
    if (block->kind == ComposedKind::figure) return image_height;
    return paragraph.line_height;
  }
};

// What ending a page before a box costs. A page ends at the last free break
// that fits; when a page has none (a keep-with-next chain or a kept block
// taller than a page), the rules yield rather than push anything off the
// page: keep-with-next first, then widow and orphan control.
enum class BreakCost { free, splits_kept, leaves_widow };

// A line, figure or rule: what pagination stacks on pages.
struct Box {
  size_t plan = 0;
  size_t line = 0;  // text: which of the block's lines
  double height = 0;
  double space_before = 0;  // from the box above; dropped when a page ends here
  BreakCost cost = BreakCost::free;
};

std::vector<Box> boxes_of(const std::vector<Plan>& plans) {
  std::vector<Box> boxes;
  const Plan* previous = nullptr;  // the last block that had boxes
  for (size_t p = 0; p < plans.size(); ++p) {
    const Plan& plan = plans[p];
    const size_t count = plan.box_count();
    for (size_t k = 0; k < count; ++k) {
      Box box{p, k, plan.box_height(), 0, BreakCost::free};
      if (k == 0 && previous) {
        box.space_before = std::max(previous->space_after, plan.space_before);
        if (previous->block->keep_with_next) box.cost = BreakCost::splits_kept;
      } else if (k > 0) {
        // A kept block (a heading, a title) stays whole when it is short; a
        // long one breaks like a paragraph, only its end kept with what follows.
        if (k < kMinLines || count - k < kMinLines) box.cost = BreakCost::leaves_widow;
        else if (plan.block->keep_with_next && count <= kKeptWhole) box.cost = BreakCost::splits_kept;
      }
      boxes.push_back(box);
    }
    if (count > 0) previous = &plan;
  }
  return boxes;
}

std::string excerpt(const std::string& text) {
  const std::u32string characters = utf8_to_u32(text);
  return characters.size() <= 20 ? text : u32_to_utf8(characters.substr(0, 20)) + "…";
}

// A block as messages name it: 'the body block "正文……"', 'the figure x.png'.
std::string describe(const ComposedBlock& block) {
  if (block.kind == ComposedKind::figure) return "the figure " + block.image;
  if (block.kind == ComposedKind::rule) return "the masthead rule";
  return "the " + std::string(role_name(block.role)) + " block \"" + excerpt(block.text) + "\"";
}

std::string points(double value) { return format_decimal(value, 1) + " pt"; }

// Inline markup on a placed line: a link annotation over each stretch of a
// link's glyphs (spaces between them included), a 着重号 dot under each
// emphasized character (clreq: centred below it, not under punctuation).
void add_inline_marks(const ComposedBlock& block, const PlacedText& text, Page& page) {
  const std::vector<PlacedGlyph>& glyphs = text.glyphs;
  for (size_t g = 0; g < glyphs.size();) {
    const int link = glyphs[g].link;
    if (link < 0 || static_cast<size_t>(link) >= block.inlines.size()) {
      ++g;
      continue;
    }
    size_t last = g;
    for (size_t k = g + 1; k < glyphs.size() && (glyphs[k].link == link || glyphs[k].text == U" "); ++k)
      if (glyphs[k].link == link) last = k;
    const double right = glyphs[last].x + std::max(glyphs[last].advance, 0.0);
    page.links.push_back({text.x + glyphs[g].x, text.baseline - 0.3 * text.size, text.x + right,
                          text.baseline + 0.95 * text.size, block.inlines[static_cast<size_t>(link)].href, ""});
    g = last + 1;
  }
  for (const PlacedGlyph& glyph : glyphs) {
    if (!glyph.emphasis || glyph.text.empty() || glyph.text == U" ") continue;
    const char32_t first = glyph.text[0];
    if (is_cjk_punctuation(first) || (first < 0x80 && !std::isalnum(static_cast<int>(first)))) continue;
    page.dots.push_back({text.x + glyph.x + glyph.advance / 2, text.baseline - 0.21 * text.size, 0.06 * text.size,
                         text.color});
  }
}

class Paginator {
 public:
  Paginator(const Style& style, PagedDocument& out, const std::string& issue_name)
      : style_(style), out_(out), issue_name_(issue_name),
        body_height_(style.page_height - style.margin_top - style.margin_bottom) {}

  void place(const std::vector<Plan>& plans) {
    const std::vector<Box> boxes = boxes_of(plans);
    const std::vector<size_t> starts = page_starts(plans, boxes);
    size_t anchored = 0;  // plans before this one have their destination
    for (size_t page = 0; page < starts.size(); ++page) {
      out_.pages.emplace_back();
      cursor_ = 0;
      const size_t end = page + 1 < starts.size() ? starts[page + 1] : boxes.size();
      for (size_t b = starts[page]; b < end; ++b) {
        const Box& box = boxes[b];
        if (b > starts[page]) cursor_ += box.space_before;
        // Blocks that start here (and any empty ones before) link here.
        for (; box.line == 0 && anchored <= box.plan; ++anchored)
          if (!plans[anchored].block->anchor.empty())
            out_.destinations[plans[anchored].block->anchor] = {static_cast<int>(page), top_y()};
        const Plan& plan = plans[box.plan];
        const int block = static_cast<int>(box.plan);
        switch (plan.block->kind) {
          case ComposedKind::rule: place_rule(plan); break;
          case ComposedKind::figure: place_figure(plan, block); break;
          case ComposedKind::text: place_line(plan, plan.paragraph.lines[box.line], block); break;
        }
        cursor_ += box.height;
      }
    }
    if (out_.pages.empty()) out_.pages.emplace_back();  // a PDF has at least one page
    for (; anchored < plans.size(); ++anchored)  // empty blocks at the very end
      if (!plans[anchored].block->anchor.empty())
        out_.destinations[plans[anchored].block->anchor] = {static_cast<int>(out_.pages.size()) - 1, top_y()};
  }

  struct PageNumberSlot {
    int page;
    double baseline;
    double top, bottom;  // of the line the number stands on
    const Plan* plan;
  };
  const std::vector<PageNumberSlot>& page_number_slots() const { return slots_; }

 private:
  // The first box of each page.
  std::vector<size_t> page_starts(const std::vector<Plan>& plans, const std::vector<Box>& boxes) const {
    std::vector<size_t> starts;
    size_t start = 0;
    while (start < boxes.size()) {
      starts.push_back(start);
      double cursor = 0;
      size_t end = start;  // the first box that does not fit
      for (; end < boxes.size(); ++end) {
        const double step = boxes[end].height + (end > start ? boxes[end].space_before : 0);
        if (cursor + step > body_height_ + kFitTolerance) break;
        cursor += step;
      }
      if (end == boxes.size()) break;
      if (end == start) {
        const ComposedBlock& block = *plans[boxes[end].plan].block;
        throw Error(issue_name_, block.source_line,
                    describe(block) + (block.kind == ComposedKind::text ? " has a line " : " is ") +
                        points(boxes[end].height) + " tall, taller than the text area (" + points(body_height_) +
                        "); make the " + std::string(role_name(block.role)) +
                        " role's size or leading smaller in the style sheet");
      }
      size_t next = end;  // the last resort: fill the page
      for (BreakCost allowed : {BreakCost::free, BreakCost::splits_kept}) {
        size_t k = end;
        while (k > start && boxes[k].cost > allowed) --k;
        if (k > start) {
          next = k;
          break;
        }
      }
      start = next;
    }
    return starts;
  }

  double top_y() const { return style_.page_height - style_.margin_top - cursor_; }

  void place_rule(const Plan& plan) {
    const double y = top_y() - plan.rule_height / 2;
    out_.pages.back().rules.push_back(
        {style_.margin_left, style_.margin_left + style_.text_width(), y, style_.rule_width, style_.rule_color});
  }

  void place_figure(const Plan& plan, int block) {
    const double x = style_.margin_left + (style_.text_width() - plan.image_width) / 2;
    out_.pages.back().images.push_back(
        {x, top_y() - plan.image_height, plan.image_width, plan.image_height, plan.image, block});
  }

  void place_line(const Plan& plan, const PlacedLine& line, int block) {
    const double baseline = top_y() - plan.line_offset();
    PlacedText text;
    text.x = style_.margin_left + line.x;
    text.baseline = baseline;
    text.width = line.width;
    text.top = top_y();
    text.bottom = top_y() - plan.paragraph.line_height;
    text.size = plan.paragraph.size;
    text.color = plan.role->color;
    text.glyphs = line.glyphs;
    text.text = line.text;
    text.block = block;
    Page& page = out_.pages.back();
    const double size = plan.paragraph.size;
    if (!plan.block->uri.empty() || !plan.block->target.empty())
      page.links.push_back({text.x, baseline - 0.3 * size, text.x + line.width, baseline + 0.95 * size,
                            plan.block->uri, plan.block->target});
    add_inline_marks(*plan.block, text, page);
    if (!plan.block->page_of.empty() && &line == &plan.paragraph.lines.back())
      slots_.push_back({static_cast<int>(out_.pages.size()) - 1, baseline, text.top, text.bottom, &plan});
    page.texts.push_back(std::move(text));
  }

  const Style& style_;
  PagedDocument& out_;
  const std::string& issue_name_;
  double body_height_;
  double cursor_ = 0;
  std::vector<PageNumberSlot> slots_;
};

// The safety net behind pagination: every line, figure and rule inside the
// text area, the footer inside the bottom margin. Content outside would be
// lost (off the page) or overprint; that is an error, never a PDF.
void check_placement(const PagedDocument& paged, const Style& style, const std::vector<ComposedBlock>& blocks,
                     const std::string& issue_name) {
  const double left = style.margin_left - kPlaceTolerance;
  const double right = style.page_width - style.margin_right + kPlaceTolerance;
  const double top = style.page_height - style.margin_top + kPlaceTolerance;
  const double bottom = style.margin_bottom - kPlaceTolerance;
  auto fail = [&](int block, size_t page) {
    const ComposedBlock& composed = blocks[static_cast<size_t>(block)];
    throw Error(issue_name, composed.source_line,
                describe(composed) + " does not fit inside the text area of page " + std::to_string(page + 1) +
                    "; make the text area larger or the " + std::string(role_name(composed.role)) +
                    " role smaller in the style sheet");
  };
  for (size_t p = 0; p < paged.pages.size(); ++p) {
    const Page& page = paged.pages[p];
    for (const PlacedText& text : page.texts) {
      const bool across = text.x >= left && text.x + text.width <= right;
      if (text.block < 0) {
        if (!across || text.bottom < -kPlaceTolerance || text.top > style.margin_bottom + kPlaceTolerance)
          throw Error(style.source, style.footer_line,
                      "the footer \"" + u32_to_utf8(text.text) + "\" does not fit inside the bottom margin of page " +
                          std::to_string(p + 1) + "; shorten the footer format or make the footer role smaller");
      } else if (!across || text.bottom < bottom || text.top > top) {
        fail(text.block, p);
      }
    }
    for (const PlacedImage& image : page.images)
      if (image.x < left || image.x + image.width > right || image.y < bottom || image.y + image.height > top)
        fail(image.block, p);
    for (const PlacedRule& rule : page.rules)
      if (rule.x1 < left || rule.x2 > right || rule.y - rule.width / 2 < bottom || rule.y + rule.width / 2 > top)
        throw Error(style.source, 0, "the masthead rule does not fit inside the text area; make rule-width smaller");
  }
}

// One line set apart from the page flow (a contents page number, the
// footer); nothing when the text needs more than one line.
std::optional<PlacedText> set_line(const std::string& text, const RoleStyle& role, const RoleFonts& fonts,
                                   FontLibrary& library, double width, double x, double baseline, PagedDocument& out,
                                   Align align, const LineObserver& observer) {
  ShapeReport report;
  RoleStyle single = role;
  single.indent_em = 0;
  single.align = align;
  const ParagraphLayout layout = layout_paragraph(text, single, fonts, library, width, report, 0, observer);
  out.uncovered += report.uncovered;
  PlacedText placed;
  placed.baseline = placed.top = placed.bottom = baseline;
  placed.x = x;
  if (layout.lines.size() > 1) return std::nullopt;
  if (layout.lines.empty()) return placed;
  const PlacedLine& line = layout.lines.front();
  placed.x = x + line.x;
  placed.width = line.width;
  placed.size = role.size;
  placed.color = role.color;
  placed.glyphs = line.glyphs;
  placed.text = line.text;
  return placed;
}

std::string footer_text(const std::string& format, int page, int pages) {
  std::string text = format;
  for (const auto& [key, value] : {std::pair<std::string, int>{"{page}", page}, {"{pages}", pages}}) {
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at))
      text.replace(at, key.size(), std::to_string(value));
  }
  return text;
}

// Each block made ready to place: text set into lines, figures sized, rules measured.
std::vector<Plan> plan_blocks(const std::vector<ComposedBlock>& blocks, const Style& style, const Figures& figures,
                              FontLibrary& library, const LineObserver& on_line, PagedDocument& out) {
  std::vector<Plan> plans(blocks.size());
  const double width = style.text_width();
  const double body_height = style.page_height - style.margin_top - style.margin_bottom;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const ComposedBlock& block = blocks[i];
    Plan& plan = plans[i];
    plan.block = &block;
    plan.role = &style.role(block.role);
    plan.fonts = fonts_for_role(style, *plan.role, library);
    plan.space_before = plan.role->space_before;
    plan.space_after = plan.role->space_after;
    if (block.kind == ComposedKind::rule) {
      plan.rule_height = style.rule_width + 10;
      continue;
    }
    if (block.kind == ComposedKind::figure) {
      const Figure& image = figures.get(block.image, block.source_line);
      const FigureSize size = fit_figure(image, width, body_height);
      plan.image_width = size.width;
      plan.image_height = size.height;
      plan.image = static_cast<int>(out.images.size());
      out.images.push_back(&image);
      continue;
    }
    ShapeReport report;
    // Contents entries keep room for their page number at the right.
    const double reserve = block.page_of.empty() ? 0 : plan.role->size * 3;
    if (std::any_of(block.inlines.begin(), block.inlines.end(),
                    [](const Inline& span) { return span.kind == Inline::Kind::strong; }))
      add_strong_faces(style, *plan.role, library, plan.fonts);
    plan.paragraph =
        layout_paragraph(block.text, *plan.role, plan.fonts, library, width, report, reserve, on_line, block.inlines);
    out.uncovered += report.uncovered;
  }
  return plans;
}

// Each contents entry's page number, at the right of its last line.
void place_page_numbers(const Paginator& paginator, const std::vector<Plan>& plans, const Style& style,
                        FontLibrary& library, const LineObserver& on_line, const std::string& issue_name,
                        PagedDocument& out) {
  for (const auto& slot : paginator.page_number_slots()) {
    const auto found = out.destinations.find(slot.plan->block->page_of);
    if (found == out.destinations.end()) continue;
    const std::string digits = std::to_string(found->second.page + 1);
    std::optional<PlacedText> number = set_line(digits, *slot.plan->role, slot.plan->fonts, library,
                                                style.text_width(), style.margin_left, slot.baseline, out,
                                                Align::right, on_line);
    if (!number)
      throw Error(issue_name, slot.plan->block->source_line,
                  "the contents page number " + digits + " does not fit on one line; make the contents role smaller");
    number->block = static_cast<int>(slot.plan - plans.data());
    number->top = slot.top;
    number->bottom = slot.bottom;
    out.pages[static_cast<size_t>(slot.page)].texts.push_back(std::move(*number));
  }
}

// The running footer of every page, an artifact in the bottom margin.
void place_footers(const Style& style, FontLibrary& library, const LineObserver& on_line, PagedDocument& out) {
  if (style.footer_format.empty()) return;
  const RoleStyle& role = style.role(Role::footer);
  const RoleFonts fonts = fonts_for_role(style, role, library);
  const int pages = static_cast<int>(out.pages.size());
  for (int p = 0; p < pages; ++p) {
    const std::string text = footer_text(style.footer_format, p + 1, pages);
    std::optional<PlacedText> footer = set_line(text, role, fonts, library, style.text_width(), style.margin_left,
                                                style.footer_offset, out, Align::center, on_line);
    if (!footer)
      throw Error(style.source, style.footer_line,
                  "the footer \"" + text + "\" is wider than the text (" + points(style.text_width()) +
                      "); shorten the footer format or make the footer role smaller");
    footer->block = -1;  // an artifact, not content
    // Its glyphs, as the style sheet's footer offset allows for them.
    footer->top = style.footer_offset + role.size;
    footer->bottom = style.footer_offset - 0.25 * role.size;
    out.pages[static_cast<size_t>(p)].texts.push_back(std::move(*footer));
  }
}

}  // namespace

PagedDocument paginate(const std::vector<ComposedBlock>& blocks, const Style& style, const Figures& figures,
                       FontLibrary& library, const TypesetOptions& options) {
  const std::string issue_name = options.issue_name.empty() ? "issue" : options.issue_name;
  PagedDocument out;
  const std::vector<Plan> plans = plan_blocks(blocks, style, figures, library, options.on_line, out);
  Paginator paginator(style, out, issue_name);
  paginator.place(plans);
  place_page_numbers(paginator, plans, style, library, options.on_line, issue_name, out);
  place_footers(style, library, options.on_line, out);
  check_placement(out, style, blocks, issue_name);
  return out;
}

}  // namespace reissue::layout
