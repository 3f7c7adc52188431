// `reissue review` pages loaded in headless Chromium: every recovered part
// has its block with page and box, one picture a page, every decision of
// review.json in place, counts at the top, nothing fetched.
#include "browser.h"
#include "backlog.h"
#include "reissue/issue_parts.h"
#include "reissue/issue_xml.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace reissue {
namespace {

namespace fs = std::filesystem;
using test::attribute;
using test::tags_with_class;

#define REQUIRE_CHROMIUM() \
  if (!test::have_chromium()) GTEST_SKIP() << "chromium is not installed (setup.sh installs it)"

struct Reviewed {
  test::TempDir dir;
  fs::path page;
  Issue issue;  // from `reissue extract` of the same input
  nlohmann::json report;
  test::BrowserLoad load;
};

std::unique_ptr<Reviewed> review(const fs::path& input, const std::string& fragment = "") {
  auto r = std::make_unique<Reviewed>();
  r->page = r->dir / "page.html";
  const test::RunResult reviewed = test::run_reissue("review -q " + test::quoted(input) + " -o " + test::quoted(r->page));
  EXPECT_EQ(reviewed.exit_code, 0) << reviewed.err;
  const test::RunResult extracted = test::run_reissue("extract -q " + test::quoted(input) + " -o " +
                                                      test::quoted(r->dir / "issue.xml") + " --report " +
                                                      test::quoted(r->dir / "review.json"));
  EXPECT_EQ(extracted.exit_code, 0) << extracted.err;
  r->issue = read_issue(r->dir / "issue.xml");
  r->report = nlohmann::json::parse(test::read_text(r->dir / "review.json"));
  r->load = test::load_in_browser(r->page, fragment);
  return r;
}

std::vector<double> numbers(const std::string& text) {
  std::vector<double> out;
  std::istringstream in(text);
  for (double value; in >> value;) out.push_back(value);
  return out;
}

// Page sizes in points as pdfinfo (not reissue) reads them, turned by /Rotate.
std::vector<std::pair<double, double>> pdf_page_sizes(const fs::path& pdf) {
  const test::RunResult info = test::run_command("pdfinfo -f 1 -l 9999 " + test::quoted(pdf));
  std::vector<std::pair<double, double>> sizes;
  static const std::regex size_line(R"(Page +\d+ size: +([\d.]+) x ([\d.]+) pts)");
  static const std::regex rotation_line(R"(Page +\d+ rot: +(\d+))");
  std::istringstream in(info.out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, size_line)) sizes.emplace_back(std::stod(m[1]), std::stod(m[2]));
    if (std::regex_search(line, m, rotation_line) && std::stoi(m[1]) % 180 == 90)
      std::swap(sizes.back().first, sizes.back().second);
  }
  return sizes;
}

// Every part of the extracted issue is one block, with its path, a page in
// range and a box inside that page (PDF: the media box; text: the picture).
void expect_blocks(const Reviewed& r, const std::vector<std::pair<double, double>>& page_sizes) {
  const std::vector<std::string> blocks = tags_with_class(r.load.dom, "block");
  const std::vector<IssuePart> parts = issue_parts(r.issue);
  ASSERT_EQ(blocks.size(), parts.size());
  const int pages = r.report.at("pages").get<int>();
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& tag = blocks[i];
    EXPECT_EQ(attribute(tag, "data-path"), parts[i].path) << tag;
    EXPECT_EQ(attribute(tag, "data-element"), parts[i].element) << tag;
    const std::string page_text = attribute(tag, "data-page");
    ASSERT_FALSE(page_text.empty()) << tag;
    const int page = std::stoi(page_text);
    EXPECT_TRUE(page >= 1 && page <= pages) << tag;
    const std::vector<double> box = numbers(attribute(tag, "data-bbox"));
    ASSERT_EQ(box.size(), 4u) << tag;
    const auto [width, height] = page_sizes.at(static_cast<size_t>(page - 1));
    EXPECT_TRUE(box[0] >= -0.5 && box[1] >= -0.5 && box[0] <= box[2] && box[1] <= box[3] && box[2] <= width + 0.5 &&
                box[3] <= height + 0.5)
        << tag << " on a page of " << width << " x " << height;
  }
}

// The pictures' own sizes (text input: the SVG's units are the boxes' units).
std::vector<std::pair<double, double>> picture_sizes(const std::string& dom) {
  std::vector<std::pair<double, double>> sizes;
  for (const std::string& tag : tags_with_class(dom, "page"))
    if (tag.starts_with("<figure"))
      sizes.emplace_back(std::stod(attribute(tag, "data-width")), std::stod(attribute(tag, "data-height")));
  return sizes;
}

// Each review item and set-aside item is a .decision of its kind; the
// counts at the top say the same.
void expect_decisions(const Reviewed& r) {
  std::map<std::string, int> expected, shown, counted;
  for (const auto& item : r.report.at("review")) ++expected["review:" + item.at("kind").get<std::string>()];
  for (const auto& item : r.report.at("set_aside")) ++expected["set-aside:" + item.at("reason").get<std::string>()];
  for (const std::string& tag : tags_with_class(r.load.dom, "decision"))
    if (tag.starts_with("<aside")) ++shown[attribute(tag, "data-group") + ":" + attribute(tag, "data-kind")];
  EXPECT_EQ(shown, expected);
  static const std::regex count_item(R"re(<li data-group="([^"]+)" data-kind="([^"]+)" data-count="(\d+)">)re");
  for (auto it = std::sregex_iterator(r.load.dom.begin(), r.load.dom.end(), count_item); it != std::sregex_iterator(); ++it)
    counted[(*it)[1].str() + ":" + (*it)[2].str()] += std::stoi((*it)[3]);
  EXPECT_EQ(counted, expected);
}

void expect_one_picture_a_page(const Reviewed& r) {
  std::vector<std::string> images;
  for (const std::string& tag : tags_with_class(r.load.dom, "page-image"))
    if (tag.starts_with("<img")) images.push_back(tag);
  EXPECT_EQ(static_cast<int>(images.size()), r.report.at("pages").get<int>());
  for (const std::string& tag : images) EXPECT_TRUE(attribute(tag, "src").starts_with("data:image/")) << tag.substr(0, 80);
}

// An attribute value as the browser reads it (what the page escapes).
std::string html_unescaped(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, character] : entities)
    for (size_t at; (at = text.find(entity)) != std::string::npos;) text.replace(at, std::strlen(entity), character);
  return text;
}

// Nothing but the page itself and its data: URIs was requested; the HTML
// names no other resource (an article's link is an <a> the reader may follow).
void expect_no_request(const Reviewed& r) {
  EXPECT_TRUE(r.load.requested.empty()) << r.load.requested.front();
  const std::string html = test::read_text(r.page);
  std::set<std::string> links;
  for (const IssuePart& part : issue_parts(r.issue))
    if (part.element == "link") links.insert(part.text);
  for (const std::string& tag : test::start_tags(html)) {
    for (const char* fetched : {"src", "srcset", "poster", "action"}) {
      const std::string value = attribute(tag, fetched);
      EXPECT_TRUE(value.empty() || value.starts_with("data:")) << tag.substr(0, 200);
    }
    const std::string href = attribute(tag, "href");
    if (href.empty() || href.starts_with("#")) continue;
    EXPECT_TRUE(tag.starts_with("<a ") && links.count(html_unescaped(href))) << "not a link of the issue: " << tag;
    EXPECT_EQ(attribute(tag, "rel"), "noopener noreferrer nofollow") << tag;
  }
  EXPECT_EQ(html.find("url("), std::string::npos) << "no url() in the style sheet";
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
}

void expect_whole_page(const Reviewed& r, const std::vector<std::pair<double, double>>& page_sizes) {
  EXPECT_NE(r.load.dom.find("data-ready=\"true\""), std::string::npos) << "the page's script did not run";
  expect_blocks(r, page_sizes);
  expect_one_picture_a_page(r);
  expect_decisions(r);
  expect_no_request(r);
}

fs::path data(const std::string& relative) { return test::source_dir() / "tests/data" / relative; }

// The net log does show what a page requests: a page without the policy
// that asks for a picture on the network.
TEST(ReviewPage, NetLogShowsAPagesRequests) {
  REQUIRE_CHROMIUM();
  test::TempDir dir;
  test::write_text(dir / "probe.html", "<!DOCTYPE html><img src=\"http://127.0.0.1:9/probe.png\">");
  const test::BrowserLoad load = test::load_in_browser(dir / "probe.html");
  EXPECT_NE(std::find(load.requested.begin(), load.requested.end(), "http://127.0.0.1:9/probe.png"), load.requested.end());
}

TEST(ReviewPage, CorpusPdf) {
  REQUIRE_CHROMIUM();
  const auto r = review(data("corpus/corpus-000.pdf"));
  expect_whole_page(*r, pdf_page_sizes(data("corpus/corpus-000.pdf")));
}

TEST(ReviewPage, CorpusPdfWithFigures) {
  REQUIRE_CHROMIUM();
  const auto r = review(data("corpus/corpus-001.pdf"));
  expect_whole_page(*r, pdf_page_sizes(data("corpus/corpus-001.pdf")));
  EXPECT_FALSE(tags_with_class(r->load.dom, "el-figure").empty());
}

TEST(ReviewPage, ProducerPdfWithReviewItems) {
  REQUIRE_CHROMIUM();
  const auto r = review(data("producers/gs-rewrite-001.pdf"));
  ASSERT_FALSE(r->report.at("review").empty());
  expect_whole_page(*r, pdf_page_sizes(data("producers/gs-rewrite-001.pdf")));
}

// A scan: OCR's words become the blocks, each box where OCR read it (~7 s
// of Tesseract twice: review, then extract for the comparison).
TEST(ReviewPage, ScanReadByOcr) {
  REQUIRE_CHROMIUM();
  const auto r = review(data("scans/scan-g4-000.pdf"));
  expect_whole_page(*r, pdf_page_sizes(data("scans/scan-g4-000.pdf")));
  EXPECT_FALSE(tags_with_class(r->load.dom, "decision-region").empty()) << "OCR's doubtful words are outlined";
}

TEST(ReviewPage, Text) {
  REQUIRE_CHROMIUM();
  const auto r = review(data("corpus/corpus-001.txt"));
  expect_whole_page(*r, picture_sizes(r->load.dom));
  for (const std::string& tag : tags_with_class(r->load.dom, "page-image"))
    if (tag.starts_with("<img")) {
      EXPECT_TRUE(attribute(tag, "src").starts_with("data:image/svg+xml;base64,"));
    }
}

// A deep link selects its block and outlines its region on the page picture.
TEST(ReviewPage, DeepLinkSelectsBlockAndRegion) {
  REQUIRE_CHROMIUM();
  const auto r = review(data("corpus/corpus-002.pdf"), "#block-5");
  bool block = false, region = false;
  for (const std::string& tag : tags_with_class(r->load.dom, "selected")) {
    block = block || attribute(tag, "id") == "block-5";
    region = region || attribute(tag, "data-target") == "block-5";
  }
  EXPECT_TRUE(block);
  EXPECT_TRUE(region);
}

// Text from an archive is data: markup in it stays text, bad bytes become U+FFFD.
TEST(ReviewPage, HostileTextIsEscaped) {
  REQUIRE_CHROMIUM();
  test::TempDir dir;
  const std::string seed = test::read_text(test::seed("000"));
  const size_t cut = seed.find("\n", seed.size() / 2);
  test::write_text(dir / "hostile.txt", seed.substr(0, cut) +
                                            "\n\n<script>document.title='pwned'</script> \"><img src=x onerror=alert(1)> "
                                            "'quoted' &amp;\n" +
                                            seed.substr(cut));
  const auto r = review(dir / "hostile.txt");
  size_t scripts = 0;
  for (size_t at = 0; (at = r->load.dom.find("<script", at)) != std::string::npos; ++at) ++scripts;
  EXPECT_EQ(scripts, 1u) << "only the page's own script";
  for (const std::string& tag : test::start_tags(r->load.dom)) EXPECT_EQ(tag.find(" onerror"), std::string::npos) << tag;
  EXPECT_EQ(r->load.dom.find("pwned</title>"), std::string::npos);
  EXPECT_NE(r->load.dom.find("&lt;script&gt;"), std::string::npos);
  expect_blocks(*r, picture_sizes(r->load.dom));
}

TEST(ReviewPage, IssueXmlIsRefused) {
  const test::RunResult run = test::run_reissue("review " + test::quoted(test::source_dir() / "samples/649.xml") + " -o -");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("needs the original PDF or text"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
}

TEST(ReviewPage, DefaultOutputIsStemInCurrentFolder) {
  test::TempDir dir;
  const test::RunResult run = test::run_command("cd " + test::quoted(dir.path()) + " && " +
                                                test::quoted(test::reissue_binary()) + " review -q " +
                                                test::quoted(data("corpus/corpus-001.txt")));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(dir / "corpus-001.review.html"));
}

}  // namespace
}  // namespace reissue
