// A ZIP package built in memory with libzip, deterministic: entries in the
// order added, one fixed timestamp, fixed compression, no extra fields.
#pragma once

#include <deque>
#include <string>

typedef struct zip zip_t;
typedef struct zip_source zip_source_t;

namespace reissue::layout {

class ZipPackage {
 public:
  // Every entry carries this date (DOS time has no zone, unlike time_t).
  ZipPackage(int year, int month, int day);
  ~ZipPackage();
  ZipPackage(const ZipPackage&) = delete;
  ZipPackage& operator=(const ZipPackage&) = delete;

  // `compress` false stores the bytes (already-compressed images).
  void add(const std::string& name, std::string bytes, bool compress = true);
  std::string finish();

 private:
  zip_source_t* source_ = nullptr;
  zip_t* archive_ = nullptr;
  std::deque<std::string> contents_;  // libzip reads them at finish()
  unsigned short dos_date_ = 0;
};

}  // namespace reissue::layout
