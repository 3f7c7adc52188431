// Batch progress: on a terminal one status line redrawn (done/total, rate,
// ETA, failures) with failures printed as they happen; otherwise one log line
// per input.
#pragma once

#include "reissue/batch.h"

#include <chrono>
#include <cstdio>
#include <ostream>

namespace reissue::batch {

class Progress {
 public:
  using Clock = std::chrono::steady_clock;
  Progress(std::ostream& log, bool line, size_t total) : log_(log), line_(line), total_(total) {}

  void finished(const BatchRow& row) {
    ++done_;
    const bool failed = row.status == kFailed;
    if (failed) ++failed_;
    if (line_) {
      if (failed) log_ << "\r\033[Kfailed: " << row.input << ": " << row.reason << "\n";
      redraw();
    } else {
      log_ << "[" << done_ << "/" << total_ << "] " << row.status << " " << row.input;
      if (failed) log_ << ": " << row.reason;
      else if (row.status == kConverted)
        log_ << " (" << static_cast<int>(row.seconds * 1000) << " ms" << (row.corrected ? ", from the corrected issue.xml" : "") << ")";
      log_ << "\n";
    }
    log_.flush();
  }
  void tick() {
    if (line_) redraw();
  }
  void close() {
    if (line_) log_ << "\n";
    log_.flush();
  }

 private:
  void redraw() {
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
    const double left = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "\r\033[K[%zu/%zu] %.1f inputs/s, ETA %d:%02d, %d failed", done_, total_,
                  rate, static_cast<int>(left) / 60, static_cast<int>(left) % 60, failed_);
    log_ << buffer;
    log_.flush();
  }
  std::ostream& log_;
  bool line_;
  size_t total_, done_ = 0;
  int failed_ = 0;
  Clock::time_point start_ = Clock::now();
};

}  // namespace reissue::batch
