// Collects what the extractor set aside and what it was unsure of, and passes
// its reasoning to the caller's debug sink when one is set.
#pragma once

#include "line.h"
#include "reissue/extract.h"

namespace reissue::extract {

class Review {
 public:
  explicit Review(ExtractReport& report, ExtractDebug debug = {}) : report_(report), debug_(std::move(debug)) {}

  // Decisions are made while the lines still hold their text (joined
  // paragraphs give it up), so each item takes its excerpt from `lines` then.
  void quote_from(const LineSet* lines) { lines_ = lines; }

  void uncertain(const std::string& kind, int first_line, int last_line, std::string message);
  void set_aside(const std::string& reason, int line, const std::u32string& text);
  // `text` as printed was replaced by `by` (a look-alike character).
  void replaced(const std::string& reason, int line, const std::u32string& text, const std::u32string& by);
  // A warning given once in a report, however often its cause is met.
  void warn_once(const std::string& message);
  void warn(std::string message) { report_.warnings.push_back(std::move(message)); }
  void contradiction(int line, std::string message) { report_.contradictions.push_back({line, std::move(message)}); }

  // Diagnostics: callers build the message only when tracing.
  bool tracing() const { return static_cast<bool>(debug_); }
  void trace(const std::string& message) const {
    if (debug_) debug_(message);
  }

 private:
  ExtractReport& report_;
  ExtractDebug debug_;
  const LineSet* lines_ = nullptr;
};

}  // namespace reissue::extract
