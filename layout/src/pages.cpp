#include "pages.h"

#include "images.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

// What ending a page before a box costs, from least to most. A page ends
// where the total over all pages is least (page_breaks): a free break is
// chosen unless the page would end far short; the end of an article's label
// block costs about as much as a page foot 1.2 lines short; the rules yield
// a break inside it, before the link, about as much as 2 lines short; the
// rules yield only when a page has no other break (a keep-with-next chain or
// a kept block taller than a page): keep-with-next first, then widow and
// orphan control, never content pushed off the page.
enum class BreakCost { free, ends_label, splits_label, splits_kept, leaves_widow };

double penalty(BreakCost cost) {
  switch (cost) {
    case BreakCost::free: return 0;
    case BreakCost::ends_label: return 1500;
    case BreakCost::splits_label: return 4000;
    case BreakCost::splits_kept: return 1e7;
    case BreakCost::leaves_widow: return 1e8;
  }
  return 0;
}

// What a page costs besides its break: each one (fewer pages are better),
// its foot left empty (the square of the body lines short, and steeply more
// beyond 2 lines, the target), and its gaps stretched (vertical
// justification; the square of the share of their limit used).
constexpr double kPageCost = 2000;
constexpr double kShortCost = 1000;
constexpr double kBeyondTargetCost = 1e5;
constexpr double kTargetLines = 2;
constexpr double kStretchCost = 400;

// A line, figure or rule: what pagination stacks on pages.
struct Box {
  size_t plan = 0;
  size_t line = 0;  // text: which of the block's lines
  double height = 0;
  // From the box above (connect_boxes):
  double space_before = 0;  // dropped when a page ends here
  double stretch = 0;       // how far that space may grow to fill the page
  double shrink = 0;        // how far it may shrink to take in what follows
  BreakCost cost = BreakCost::free;
  bool floated = false;     // a figure moved after text that followed it: a page ends before it
};

// The boxes of every block, in the order of the blocks.
std::vector<Box> boxes_of(const std::vector<Plan>& plans) {
  std::vector<Box> boxes;
  for (size_t p = 0; p < plans.size(); ++p)
    for (size_t k = 0; k < plans[p].box_count(); ++k) boxes.push_back({p, k, plans[p].box_height()});
  return boxes;
}

// Each box's space, stretch and break cost from the box above it, in the
// order the boxes now stand (a floated figure has new neighbours).
void connect_boxes(const std::vector<Plan>& plans, std::vector<Box>& boxes, double gap_stretch) {
  for (size_t b = 0; b < boxes.size(); ++b) {
    Box& box = boxes[b];
    const Plan& plan = plans[box.plan];
    box.space_before = box.stretch = box.shrink = 0;
    box.cost = BreakCost::free;
    if (box.line == 0 && b > 0) {
      const Plan& previous = plans[boxes[b - 1].plan];
      box.space_before = std::max(previous.space_after, plan.space_before);
      const ComposedBlock& above = *previous.block;
      using LabelBreak = ComposedBlock::LabelBreak;
      if (above.label_break == LabelBreak::end) box.cost = BreakCost::ends_label;
      else if (above.label_break == LabelBreak::inside) box.cost = BreakCost::splits_label;
      else if (above.keep_with_next) box.cost = BreakCost::splits_kept;
      // Blocks kept together stay as close as the style sets them. A gap
      // may grow by its own size and the style's stretch, and give up half
      // of itself.
      if (!above.keep_with_next && gap_stretch > 0) {
        box.stretch = box.space_before + gap_stretch;
        box.shrink = box.space_before / 2;
      }
    } else if (box.line > 0 && b > 0 && boxes[b - 1].plan != box.plan) {
      // A paragraph going on after a floated figure: the space between them
      // is the blocks' own, as above a new block.
      const Plan& previous = plans[boxes[b - 1].plan];
      box.space_before = std::max(previous.space_after, plan.space_before);
      box.stretch = gap_stretch > 0 ? box.space_before + gap_stretch : 0;
      box.shrink = gap_stretch > 0 ? box.space_before / 2 : 0;
    }
    if (box.line > 0) {
      // A kept block (a heading, a title) stays whole when it is short; a
      // long one breaks like a paragraph, only its end kept with what
      // follows. A contents entry is kept with its source line only.
      const size_t count = plan.box_count();
      if (box.line < kMinLines || count - box.line < kMinLines) box.cost = BreakCost::leaves_widow;
      else if (plan.block->keep_with_next && plan.block->role != Role::contents && count <= kKeptWhole)
        box.cost = BreakCost::splits_kept;
    }
  }
}

// Where a page begins, and how far its gaps grow (the share of each gap's
// stretch) or shrink (a negative share of its shrink) so that it ends at the
// foot of the text area.
struct PageSpan {
  size_t start = 0;
  double ratio = 0;
  double short_lines = 0;  // body lines left empty at its foot, stretched as far as allowed

  double gap(const Box& box) const { return box.space_before + ratio * (ratio > 0 ? box.stretch : box.shrink); }
};

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
    std::vector<Box> boxes = boxes_of(plans);
    connect_boxes(plans, boxes, style_.gap_stretch);
    std::vector<PageSpan> pages = page_breaks(plans, boxes);
    while (float_figure(plans, boxes, pages)) {
      connect_boxes(plans, boxes, style_.gap_stretch);
      pages = page_breaks(plans, boxes);
    }
    size_t anchored = 0;  // plans before this one have their destination
    for (size_t page = 0; page < pages.size(); ++page) {
      out_.pages.emplace_back();
      cursor_ = 0;
      const size_t start = pages[page].start;
      const size_t end = page + 1 < pages.size() ? pages[page + 1].start : boxes.size();
      for (size_t b = start; b < end; ++b) {
        const Box& box = boxes[b];
        if (b > start) cursor_ += pages[page].gap(box);
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
  // Where pages end: total fit over the whole issue (as Knuth-Plass for the
  // lines of a paragraph), so that a page may end a little early when that
  // lets a later page end full. Each page's cost is its break's penalty,
  // its empty foot and how far its gaps stretch; the last page may end
  // anywhere.
  std::vector<PageSpan> page_breaks(const std::vector<Plan>& plans, const std::vector<Box>& boxes) const {
    const size_t n = boxes.size();
    if (n == 0) return {};
    const RoleStyle& body = style_.role(Role::body);
    const double body_line = body.size * body.leading;
    struct Best {
      double cost = std::numeric_limits<double>::infinity();
      size_t from = 0;  // where the page that ends here begins
      double ratio = 0, short_lines = 0;
    };
    std::vector<Best> best(n + 1);
    best[0].cost = 0;
    for (size_t start = 0; start < n; ++start) {
      if (!std::isfinite(best[start].cost)) continue;
      double height = 0, stretch = 0, shrink = 0;
      for (size_t end = start; end < n; ++end) {  // the page holds [start, end]
        const Box& box = boxes[end];
        if (end > start && box.floated) break;  // a floated figure begins a page
        height += box.height + (end > start ? box.space_before : 0);
        if (end > start) stretch += box.stretch, shrink += box.shrink;
        if (height - shrink > body_height_ + kFitTolerance) {
          if (end == start) too_tall(plans, box);
          break;
        }
        const size_t next = end + 1;
        const double left = body_height_ - height;
        double ratio = 0, short_lines = 0;
        if (left < 0) {
          ratio = shrink > 0 ? std::max(-1.0, left / shrink) : 0;  // shrunk as far as it must be
        } else if (next < n) {  // the last page may end anywhere, unstretched
          const double justified = std::min(left, stretch);
          ratio = stretch > 0 ? justified / stretch : 0;
          short_lines = (left - justified) / body_line;
        }
        double cost = best[start].cost + kPageCost + kStretchCost * ratio * ratio + kShortCost * short_lines * short_lines +
                      (short_lines > kTargetLines ? kBeyondTargetCost * (short_lines - kTargetLines) : 0);
        if (next < n) cost += penalty(boxes[next].cost);
        if (cost <= best[next].cost) best[next] = {cost, start, ratio, short_lines};  // ties: the later, fuller break
      }
    }
    std::vector<PageSpan> pages;
    for (size_t at = n; at > 0; at = best[at].from)
      pages.push_back({best[at].from, best[at].ratio, best[at].short_lines});
    std::reverse(pages.begin(), pages.end());
    return pages;
  }

  // A figure (with its caption) that would leave the page before it more
  // than 2 lines short floats: text after it that fits in the room left
  // moves before it, and it begins the next page, as LaTeX floats a figure
  // to the top of the next page. The figure may also stand at the end of
  // what cannot be parted from the next page's start (an article header
  // kept with it): then the text moves in after that header. Only body text,
  // sub-headings and bylines of the same article move (never a title, a
  // section or another figure), ending at a free break (a paragraph may
  // continue after the figure, 2 lines at least on each side). Pages are
  // broken again after each move, and a figure that still leaves its page
  // short takes more text before it: text only ever moves forward past a
  // figure, so this ends. The PDF's structure tree keeps the issue's order,
  // from which `reissue extract` puts the figure back (pdftotext reads the
  // page order). Returns whether a figure moved.
  bool float_figure(const std::vector<Plan>& plans, std::vector<Box>& boxes, const std::vector<PageSpan>& pages) const {
    for (size_t page = 0; page + 1 < pages.size(); ++page) {
      if (pages[page].short_lines <= kTargetLines) continue;
      const size_t next_start = pages[page + 1].start;
      double room = body_height_;
      for (size_t b = pages[page].start; b < next_start; ++b)
        room -= boxes[b].height + (b > pages[page].start ? boxes[b].space_before : 0);
      // The figure: the next page's first box, or the end of what cannot be
      // parted from it (no free break before the figure).
      size_t figure = next_start;
      while (figure < boxes.size() && plans[boxes[figure].plan].block->kind != ComposedKind::figure) {
        room -= boxes[figure].space_before + boxes[figure].height;
        if (++figure < boxes.size() && boxes[figure].cost == BreakCost::free) figure = boxes.size();
      }
      if (figure >= boxes.size() || room <= 0) continue;
      size_t after = figure + 1;  // past the figure and the caption it keeps
      if (plans[boxes[figure].plan].block->keep_with_next)
        while (after < boxes.size() && boxes[after].plan == boxes[figure].plan + 1) ++after;
      size_t moved_end = after;
      double height = 0;
      const Plan* above = figure > 0 ? &plans[boxes[figure - 1].plan] : nullptr;
      for (size_t b = after; b < boxes.size(); ++b) {
        const Plan& plan = plans[boxes[b].plan];
        const Role role = plan.block->role;
        if (plan.block->kind != ComposedKind::text || (role != Role::body && role != Role::heading && role != Role::byline))
          break;
        if (boxes[b].line == 0 && above) height += std::max(above->space_after, plan.space_before);
        height += boxes[b].height;
        if (height > room + kFitTolerance) break;
        above = &plan;
        const bool free_after = b + 1 == boxes.size() ||
                                (boxes[b + 1].line == 0 ? !plan.block->keep_with_next : boxes[b + 1].cost == BreakCost::free);
        if (free_after) moved_end = b + 1;
      }
      if (moved_end == after) continue;
      std::rotate(boxes.begin() + static_cast<std::ptrdiff_t>(figure), boxes.begin() + static_cast<std::ptrdiff_t>(after),
                  boxes.begin() + static_cast<std::ptrdiff_t>(moved_end));
      boxes[figure + (moved_end - after)].floated = true;
      return true;
    }
    return false;
  }

  [[noreturn]] void too_tall(const std::vector<Plan>& plans, const Box& box) const {
    const ComposedBlock& block = *plans[box.plan].block;
    throw Error(issue_name_, block.source_line,
                describe(block) + (block.kind == ComposedKind::text ? " has a line " : " is ") + points(box.height) +
                    " tall, taller than the text area (" + points(body_height_) + "); make the " +
                    std::string(role_name(block.role)) + " role's size or leading smaller in the style sheet");
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
