#include "fuzz_support.h"

#include "reissue/issue_xml.h"

#include <cstdio>
#include <cstdlib>

namespace reissue::fuzz {

void refused(const Error& error) {
  if (error.status() == ExitStatus::internal) fail(std::string("internal error: ") + error.what());
}

namespace {

// Short, but with every block kind and role a style sheet can set, a figure
// image, Latin text next to Chinese and a line long enough to wrap.
constexpr std::string_view kSmallIssue = R"(<?xml version="1.0" encoding="UTF-8"?>
<issue xmlns="urn:reissue:issue:1" xml:lang="zh-CN">
  <masthead>
    <series>全国卫生信息化舆情监测周报</series>
    <number n="7">第七</number>
    <publisher>北京市卫生健康大数据与政策研究中心</publisher>
    <date when="2025-11-14">2025年11月14日</date>
  </masthead>
  <intro><p>本期周报共收集2篇相关信息，时间从2025年11月08日到2025年11月14日。</p></intro>
  <contents>
    <entry ref="a1"><title>“医学+AI”视角看健康中国新图景</title><source>新华社</source></entry>
    <entry ref="a2"><title>全国职业健康技能竞赛决赛举行</title></entry>
  </contents>
  <article n="1" id="a1">
    <title>“医学+AI”视角看健康中国新图景</title>
    <source>新华社</source>
    <link href="https://example.org/a/1"/>
    <body>
      <headline>科学与健康</headline>
      <dateline when="2025-11-11">新华社</dateline>
      <p>手术机器人精准缝合眼底血管、大模型辅助医生诊断罕见病、人形机器人在药房自主拣药……这些曾出现在科幻电影中的场景，正逐渐成为现实（AI医疗2025）。</p>
      <heading>AI加快成医生“得力助手”</heading>
      <figure src="fig.png"><caption>工作人员操纵机器人同步动作。 新华社记者 邓华 摄</caption></figure>
      <byline>记者 张三</byline>
    </body>
  </article>
  <article n="2" id="a2">
    <title>全国职业健康技能竞赛决赛举行</title>
    <body><figure src="fig.jpg"/><p>短文。</p></body>
  </article>
</issue>
)";

}  // namespace

void fail(const std::string& what) {
  std::fprintf(stderr, "\nfuzz property broken: %s\n", what.c_str());
  std::abort();
}

std::filesystem::path image_folder() { return REISSUE_FUZZ_IMAGES; }

const Issue& small_issue() {
  static const Issue issue = [] {
    LoadResult loaded = load_issue_from_memory(kSmallIssue, "small-issue.xml");
    if (!loaded.ok()) fail("the built-in small issue does not validate");
    return std::move(*loaded.issue);
  }();
  return issue;
}

}  // namespace reissue::fuzz
