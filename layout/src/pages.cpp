#include "pages.h"

#include "images.h"
#include "reissue/error.h"
#include "reissue/text.h"

#include <algorithm>
#include <cmath>

namespace reissue::layout {

namespace {

constexpr int kMinLines = 2;  // no widows, no orphans

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
  double height() const {
    if (block->kind == ComposedKind::rule) return rule_height;
    if (block->kind == ComposedKind::figure) return image_height;
    return paragraph.line_height * static_cast<double>(paragraph.lines.size());
  }
  // The least that must stand on a page with whatever is kept with it: two
  // lines, or the whole paragraph when it cannot be split without a widow.
  double head_height() const {
    if (block->kind != ComposedKind::text) return height();
    const size_t count = paragraph.lines.size();
    const size_t lines = count < 2 * kMinLines ? count : kMinLines;
    return paragraph.line_height * static_cast<double>(lines);
  }
};

std::string tag_for(const ComposedBlock& block) {
  if (block.kind == ComposedKind::figure) return "Figure";
  if (block.role == "caption") return "Caption";
  if (block.heading_level == 1) return "H1";
  if (block.heading_level == 2) return "H2";
  if (block.role == "series" || block.role == "headline") return "H1";
  if (block.role == "contents") return "TOCI";
  return "P";
}

class Paginator {
 public:
  Paginator(const Style& style, PagedDocument& out)
      : style_(style), out_(out), body_height_(style.page_height - style.margin_top - style.margin_bottom) {
    new_page();
  }

  void place(const std::vector<Plan>& plans) {
    for (size_t i = 0; i < plans.size(); ++i) {
      const Plan& plan = plans[i];
      const double before = cursor_ > 0 ? std::max(plan.space_before, previous_after_) : 0;
      // Keep a chain of keep-with-next blocks with the head of what follows.
      double chain = before + (plan.block->keep_with_next ? plan.height() : plan.head_height());
      for (size_t k = i; k + 1 < plans.size() && plans[k].block->keep_with_next; ++k) {
        const Plan& next = plans[k + 1];
        chain += next.space_before + (next.block->keep_with_next ? next.height() : next.head_height());
      }
      if (cursor_ > 0 && cursor_ + chain > body_height_ + 0.01 && chain <= body_height_) new_page();
      else cursor_ += cursor_ > 0 ? before : 0;
      const int block = static_cast<int>(i);
      if (!plan.block->anchor.empty())
        out_.destinations[plan.block->anchor] = {static_cast<int>(out_.pages.size()) - 1, top_y()};
      switch (plan.block->kind) {
        case ComposedKind::rule: place_rule(plan); break;
        case ComposedKind::figure: place_figure(plan, block); break;
        case ComposedKind::text: place_text(plan, block); break;
      }
      previous_after_ = plan.space_after;
    }
  }

  struct PageNumberSlot {
    int page;
    double baseline;
    const Plan* plan;
  };
  const std::vector<PageNumberSlot>& page_number_slots() const { return slots_; }

 private:
  double top_y() const { return style_.page_height - style_.margin_top - cursor_; }

  void new_page() {
    out_.pages.emplace_back();
    cursor_ = 0;
    previous_after_ = 0;
  }

  void place_rule(const Plan& plan) {
    if (cursor_ + plan.rule_height > body_height_) new_page();
    const double y = top_y() - plan.rule_height / 2;
    out_.pages.back().rules.push_back(
        {style_.margin_left, style_.margin_left + style_.text_width(), y, style_.rule_width, style_.rule_color});
    cursor_ += plan.rule_height;
  }

  void place_figure(const Plan& plan, int block) {
    if (cursor_ > 0 && cursor_ + plan.image_height > body_height_) new_page();
    const double x = style_.margin_left + (style_.text_width() - plan.image_width) / 2;
    out_.pages.back().images.push_back(
        {x, top_y() - plan.image_height, plan.image_width, plan.image_height, plan.image, block});
    cursor_ += plan.image_height;
  }

  void place_text(const Plan& plan, int block) {
    const auto& lines = plan.paragraph.lines;
    const double height = plan.paragraph.line_height;
    size_t next = 0;
    while (next < lines.size()) {
      const size_t left = lines.size() - next;
      size_t fit = static_cast<size_t>(std::floor((body_height_ - cursor_ + 0.01) / height));
      if (fit < left) {
        // No orphan at the foot, no widow at the head of the next page.
        if (left - fit < kMinLines) fit = left >= 2 * kMinLines ? left - kMinLines : 0;
        if (fit < kMinLines && left >= kMinLines) fit = 0;
        if (fit == 0 && cursor_ == 0) fit = std::max<size_t>(1, std::min(left, static_cast<size_t>(body_height_ / height)));
      } else {
        fit = left;
      }
      for (size_t n = 0; n < fit; ++n) place_line(plan, lines[next + n], block);
      next += fit;
      if (next < lines.size()) new_page();
    }
  }

  void place_line(const Plan& plan, const PlacedLine& line, int block) {
    const double baseline = top_y() - plan.line_offset();
    PlacedText text;
    text.x = style_.margin_left + line.x;
    text.baseline = baseline;
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
    if (!plan.block->page_of.empty() && &line == &plan.paragraph.lines.back())
      slots_.push_back({static_cast<int>(out_.pages.size()) - 1, baseline, &plan});
    page.texts.push_back(std::move(text));
    cursor_ += plan.paragraph.line_height;
  }

  const Style& style_;
  PagedDocument& out_;
  double body_height_;
  double cursor_ = 0;
  double previous_after_ = 0;
  std::vector<PageNumberSlot> slots_;
};

PlacedText set_line(const std::string& text, const RoleStyle& role, const RoleFonts& fonts, FontLibrary& library,
                    double width, double x, double baseline, PagedDocument& out, Align align) {
  ShapeReport report;
  RoleStyle single = role;
  single.indent_em = 0;
  single.align = align;
  const ParagraphLayout layout = layout_paragraph(text, single, fonts, library, width, report);
  out.uncovered += report.uncovered;
  PlacedText placed;
  if (layout.lines.empty()) return placed;
  placed.x = x + layout.lines.front().x;
  placed.baseline = baseline;
  placed.size = role.size;
  placed.color = role.color;
  placed.glyphs = layout.lines.front().glyphs;
  placed.text = layout.lines.front().text;
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

}  // namespace

PagedDocument paginate(const std::vector<ComposedBlock>& blocks, const Style& style, FontLibrary& library,
                       const std::filesystem::path& base_directory) {
  PagedDocument out;
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
    out.blocks.push_back(
        {block.role, tag_for(block), block.alt, block.text, block.heading_level, block.anchor, block.outline});
    if (block.kind == ComposedKind::rule) {
      plan.rule_height = style.rule_width + 10;
      continue;
    }
    if (block.kind == ComposedKind::figure) {
      ImageFile image = read_image_file(base_directory / block.image, block.image, block.source_line);
      const FigureSize size = fit_figure(image, width, body_height);
      plan.image_width = size.width;
      plan.image_height = size.height;
      plan.image = static_cast<int>(out.images.size());
      out.images.push_back(std::move(image));
      continue;
    }
    ShapeReport report;
    // Contents entries keep room for their page number at the right.
    const double reserve = block.page_of.empty() ? 0 : plan.role->size * 3;
    plan.paragraph = layout_paragraph(block.text, *plan.role, plan.fonts, library, width, report, reserve);
    out.uncovered += report.uncovered;
  }
  Paginator paginator(style, out);
  paginator.place(plans);

  const int pages = static_cast<int>(out.pages.size());
  for (const auto& slot : paginator.page_number_slots()) {
    const auto found = out.destinations.find(slot.plan->block->page_of);
    if (found == out.destinations.end()) continue;
    PlacedText number = set_line(std::to_string(found->second.page + 1), *slot.plan->role, slot.plan->fonts, library,
                                 width, style.margin_left, slot.baseline, out, Align::right);
    number.block = static_cast<int>(slot.plan - plans.data());
    out.pages[static_cast<size_t>(slot.page)].texts.push_back(std::move(number));
  }
  if (!style.footer_format.empty()) {
    const RoleStyle& role = style.role("footer");
    const RoleFonts fonts = fonts_for_role(style, role, library);
    for (int p = 0; p < pages; ++p) {
      PlacedText footer = set_line(footer_text(style.footer_format, p + 1, pages), role, fonts, library, width,
                                   style.margin_left, style.footer_offset, out, Align::center);
      footer.block = -1;  // an artifact, not content
      out.pages[static_cast<size_t>(p)].texts.push_back(std::move(footer));
    }
  }
  return out;
}

}  // namespace reissue::layout
