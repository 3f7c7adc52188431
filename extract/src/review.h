// Collects what the extractor set aside and what it was unsure of.
#pragma once

#include "line.h"
#include "reissue/extract.h"

namespace reissue::extract {

class Review {
 public:
  explicit Review(ExtractReport& report) : report_(report) {}

  void uncertain(const std::string& kind, int first_line, int last_line, std::string message) {
    report_.review.push_back({kind, first_line, last_line, std::move(message)});
  }
  void set_aside(const std::string& reason, int line, const std::u32string& text);
  void warn(std::string message) { report_.warnings.push_back(std::move(message)); }
  void contradiction(int line, std::string message) { report_.contradictions.push_back({line, std::move(message)}); }

 private:
  ExtractReport& report_;
};

}  // namespace reissue::extract
