#include "browser.h"

#include "backlog.h"
#include "test_support.h"

#include <cctype>
#include <regex>

namespace fs = std::filesystem;

namespace reissue::test {

namespace {
constexpr const char* kChromium = "/usr/bin/chromium";
}

bool have_chromium() { return fs::exists(kChromium); }

BrowserLoad load_in_browser(const fs::path& file, const std::string& fragment) {
  TempDir profile;
  const fs::path net_log = profile / "net-log.json";
  // --virtual-time-budget lets the page's script and layout settle before the
  // DOM is dumped; its own profile keeps parallel tests apart.
  const std::string command = std::string(kChromium) +
                              " --headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions"
                              " --disable-background-networking --disable-component-update --disable-sync"
                              " --disable-default-apps --disable-spell-checking --no-pings"
                              " --virtual-time-budget=2000 --user-data-dir=" +
                              test::quoted(profile / "profile") + " --log-net-log=" + test::quoted(net_log) +
                              " --dump-dom " + test::quoted(fs::path("file://" + fs::absolute(file).string() + fragment)) +
                              " 2>/dev/null";
  const RunResult run = run_command(command);
  BrowserLoad load;
  load.dom = run.out;
  const std::string log = fs::exists(net_log) ? read_text(net_log) : "";
  static const std::regex url("\"url\":\"([^\"]*)\"");
  static const std::regex background(R"re(^https?://[^/]*(\.google\.com|\.googleapis\.com|\.gvt1\.com)/)re");
  for (auto it = std::sregex_iterator(log.begin(), log.end(), url); it != std::sregex_iterator(); ++it)
    if (!std::regex_search((*it)[1].str(), background)) load.requested.push_back((*it)[1]);
  return load;
}

// Plain scanning, not std::regex: libstdc++'s matcher recurses once a
// character and overflows the stack on a page picture's data: URI.
std::vector<std::string> start_tags(const std::string& html) {
  std::vector<std::string> out;
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    if (at + 1 >= html.size() || !std::isalpha(static_cast<unsigned char>(html[at + 1]))) continue;
    const size_t end = html.find('>', at);
    if (end == std::string::npos) break;
    out.push_back(html.substr(at, end - at + 1));
  }
  return out;
}

std::vector<std::string> tags_with_class(const std::string& html, const std::string& name) {
  std::vector<std::string> out;
  for (std::string& tag : start_tags(html)) {
    const std::string classes = " " + attribute(tag, "class") + " ";
    if (classes.find(" " + name + " ") != std::string::npos) out.push_back(std::move(tag));
  }
  return out;
}

std::string attribute(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const size_t start = tag.find(key);
  if (start == std::string::npos) return "";
  const size_t value = start + key.size();
  return tag.substr(value, tag.find('"', value) - value);
}

}  // namespace reissue::test
