// Headless Chromium for the review page tests: the DOM after the page's
// script ran, and every URL the browser requested while loading it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace reissue::test {

struct BrowserLoad {
  std::string dom;                     // document.documentElement.outerHTML after scripts ran
  // URLs the net log shows requested, without the browser's own background
  // traffic (its update, time and account services at Google, which no
  // flag turns off entirely in headless mode). file: and data: loads do not
  // go through the network stack and are not logged.
  std::vector<std::string> requested;
};

bool have_chromium();

// Loads `file` (with `fragment`, e.g. "#block-3") in headless Chromium.
BrowserLoad load_in_browser(const std::filesystem::path& file, const std::string& fragment = "");

// Every start tag of `html`, in order.
std::vector<std::string> start_tags(const std::string& html);
// The start tags of elements whose class list holds `name`, in order.
std::vector<std::string> tags_with_class(const std::string& html, const std::string& name);
// The value of `attribute` in a start tag; "" when absent.
std::string attribute(const std::string& tag, const std::string& name);

}  // namespace reissue::test
