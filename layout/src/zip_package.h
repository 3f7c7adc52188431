// A ZIP package built in memory with libzip, deterministic: entries in the
// order added, one fixed timestamp, fixed compression, no extra fields.
#pragma once

#include <deque>
#include <memory>
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
  struct SourceDeleter {
    void operator()(zip_source_t* source) const;
  };
  struct ArchiveDeleter {  // an archive not finished is discarded
    void operator()(zip_t* archive) const;
  };
  std::unique_ptr<zip_source_t, SourceDeleter> source_;  // the package's bytes, read back after closing
  std::unique_ptr<zip_t, ArchiveDeleter> archive_;       // declared after source_: released before it
  std::deque<std::string> contents_;                     // libzip reads them at finish()
  unsigned short dos_date_ = 0;
};

}  // namespace reissue::layout
