#include "reissue/compose.h"

#include "reissue/placeholders.h"

#include <algorithm>
#include <map>

namespace reissue {

namespace {

ComposedBlock text(Role role, std::string content, bool keep_with_next = false, int source_line = 0) {
  ComposedBlock block;
  block.role = role;
  block.text = std::move(content);
  block.keep_with_next = keep_with_next;
  block.source_line = source_line;
  return block;
}

// A block of the issue printed as written, its markup with it.
ComposedBlock marked(Role role, const Block& source, bool keep_with_next) {
  ComposedBlock block = text(role, source.text, keep_with_next, source.line);
  block.inlines = source.inlines;
  return block;
}

// An intro paragraph with the generated values written in, its markup moved
// along with the text the values change.
ComposedBlock intro_paragraph(const Block& paragraph, const IntroFacts& facts) {
  ComposedBlock block = marked(Role::intro, paragraph, false);
  if (paragraph.inlines.empty()) {
    block.text = fill_generated_values(paragraph.text, facts);
    return block;
  }
  // Filled piece by piece between markup boundaries (a token lies inside one).
  std::vector<size_t> cuts = {0, paragraph.text.size()};
  for (const Inline& span : paragraph.inlines) cuts.push_back(span.begin), cuts.push_back(span.end);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::string text;
  std::map<size_t, size_t> moved;  // old offset -> new
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    moved[cuts[i]] = text.size();
    text += fill_generated_values(std::string_view(paragraph.text).substr(cuts[i], cuts[i + 1] - cuts[i]), facts);
  }
  moved[paragraph.text.size()] = text.size();
  block.text = std::move(text);
  for (Inline& span : block.inlines) span.begin = moved[span.begin], span.end = moved[span.end];
  return block;
}

// The contents as written, or, when the issue has none, one entry per article
// from its title and source: section 一 is never missing and editors type
// each title once.
std::vector<ContentsEntry> contents_of(const Issue& issue) {
  if (!issue.contents.empty()) return issue.contents;
  std::vector<ContentsEntry> entries;
  for (const Article& article : issue.articles) {
    ContentsEntry entry;
    entry.ref = article.id.empty() ? article_id(article.n) : article.id;
    entry.title = article.title.empty() ? article.headline : article.title;
    entry.source = article.source;
    entry.line = article.line;
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

std::vector<ComposedBlock> compose_issue(const Issue& issue) {
  std::vector<ComposedBlock> out;
  const Masthead& masthead = issue.masthead;
  // Masthead parts carry the masthead's line: the model keeps no finer one.
  const int masthead_line = masthead.line;
  if (!masthead.series.empty()) out.push_back(text(Role::series, masthead.series, true, masthead_line));
  // The number in full-width brackets, as Chinese text sets them: （第六四九）.
  if (!masthead.number_text.empty())
    out.push_back(text(Role::number, "（" + masthead.number_text + "）", true, masthead_line));
  if (!masthead.publisher.empty()) out.push_back(text(Role::publisher, masthead.publisher, true, masthead_line));
  if (!masthead.date_text.empty()) out.push_back(text(Role::date, masthead.date_text, true, masthead_line));
  if (!masthead.empty()) {
    ComposedBlock rule;
    rule.kind = ComposedKind::rule;
    rule.role = Role::date;
    rule.source_line = masthead_line;
    out.push_back(rule);
  }
  if (!issue.intro.empty()) {
    out.push_back(text(Role::section, "本期导语：", true));
    out.back().heading_level = 2;
    const IntroFacts facts = intro_facts(issue);
    for (const Block& paragraph : issue.intro) out.push_back(intro_paragraph(paragraph, facts));
  }
  const std::vector<ContentsEntry> contents = contents_of(issue);
  if (!contents.empty()) {
    out.push_back(text(Role::section, "一、信息目录", true));
    out.back().heading_level = 2;
    for (size_t i = 0; i < contents.size(); ++i) {
      const ContentsEntry& entry = contents[i];
      ComposedBlock line =
          text(Role::contents, std::to_string(i + 1) + "." + entry.title, !entry.source.empty(), entry.line);
      line.target = entry.ref;
      line.page_of = entry.ref;
      out.push_back(line);
      if (!entry.source.empty())
        out.push_back(text(Role::contents_source, "（" + entry.source + "）", false, entry.line));
    }
  }
  out.push_back(text(Role::section, "二、具体内容", true));
  out.back().heading_level = 2;
  for (const Article& article : issue.articles) {
    const std::string id = article.id.empty() ? article_id(article.n) : article.id;
    // The article's header lines carry the article's line.
    const int line = article.line;
    ComposedBlock title = text(Role::article_title, std::to_string(article.n) + ".标题：" + article.title, true, line);
    title.anchor = id;
    title.heading_level = 1;
    title.outline = std::to_string(article.n) + ". " + article.title;
    out.push_back(title);
    if (!article.source.empty()) {
      out.push_back(text(Role::article_meta, "来源：" + article.source, true, line));
      out.back().label_break = ComposedBlock::LabelBreak::inside;
    }
    if (!article.href.empty()) {
      out.push_back(text(Role::article_meta, "链接：", true, line));
      ComposedBlock link = text(Role::link, article.href, true, line);
      link.uri = article.href;
      out.push_back(link);
    }
    // A page may end after the label block (title, source, link) or after
    // 主要内容：, never after the title alone: the headline, dateline and
    // the first lines of text stay together.
    if (out.back().role != Role::article_title) out.back().label_break = ComposedBlock::LabelBreak::end;
    out.push_back(text(Role::article_meta, "主要内容：", true, line));
    out.back().label_break = ComposedBlock::LabelBreak::end;
    // The headline repeats the title unless the editor wrote another.
    const std::string& headline = article.headline.empty() ? article.title : article.headline;
    if (!headline.empty()) out.push_back(text(Role::headline, headline, true, line));
    if (article.dateline) {
      const std::string date = article.dateline->date ? article.dateline->date->iso() + " " : std::string();
      out.push_back(text(Role::dateline, date + "来源：" + article.dateline->source, true, line));
    }
    for (const Block& block : article.blocks) {
      switch (block.kind) {
        case BlockKind::paragraph: out.push_back(marked(Role::body, block, false)); break;
        case BlockKind::heading:
          out.push_back(marked(Role::heading, block, true));
          out.back().heading_level = 2;
          break;
        case BlockKind::byline: out.push_back(marked(Role::byline, block, false)); break;
        case BlockKind::figure: {
          if (!block.image.empty()) {
            ComposedBlock figure;
            figure.kind = ComposedKind::figure;
            figure.role = Role::caption;
            figure.image = block.image;
            figure.source_line = block.line;
            figure.alt = block.text.empty() ? "图" : block.text;
            figure.keep_with_next = !block.text.empty();
            out.push_back(figure);
          }
          if (!block.text.empty()) out.push_back(marked(Role::caption, block, false));
          break;
        }
      }
    }
  }
  return out;
}

std::string issue_title(const Issue& issue) {
  const Masthead& masthead = issue.masthead;
  std::string title = masthead.series.empty() ? "全国卫生信息化舆情监测周报" : masthead.series;
  if (!masthead.number_text.empty()) title += " " + masthead.number_text;
  return title;
}

}  // namespace reissue
