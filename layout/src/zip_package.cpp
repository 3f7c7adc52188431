#include "zip_package.h"

#include <zip.h>

#include <algorithm>
#include <stdexcept>

namespace reissue::layout {

namespace {
[[noreturn]] void fail(const char* what, zip_error_t* error) {
  throw std::runtime_error(std::string("ZIP packaging failed (") + what + "): " + zip_error_strerror(error));
}
}  // namespace

ZipPackage::ZipPackage(int year, int month, int day) {
  year = std::clamp(year, 1980, 2107);
  dos_date_ = static_cast<unsigned short>((year - 1980) << 9 | std::clamp(month, 1, 12) << 5 | std::clamp(day, 1, 31));
  zip_error_t error;
  zip_error_init(&error);
  source_ = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!source_) fail("buffer", &error);
  zip_source_keep(source_);  // the archive's bytes are read from it after zip_close
  archive_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error);
  if (!archive_) {
    zip_source_free(source_);
    fail("open", &error);
  }
}

ZipPackage::~ZipPackage() {
  if (archive_) zip_discard(archive_);
  if (source_) zip_source_free(source_);
}

void ZipPackage::add(const std::string& name, std::string bytes, bool compress) {
  const std::string& data = contents_.emplace_back(std::move(bytes));
  zip_source_t* entry = zip_source_buffer(archive_, data.data(), data.size(), 0);
  if (!entry) fail("entry", zip_get_error(archive_));
  const zip_int64_t index = zip_file_add(archive_, name.c_str(), entry, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(entry);
    fail("add", zip_get_error(archive_));
  }
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_set_file_compression(archive_, i, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, compress ? 6 : 0) < 0 ||
      zip_file_set_dostime(archive_, i, 0, dos_date_, 0) < 0)
    fail("entry attributes", zip_get_error(archive_));
}

std::string ZipPackage::finish() {
  if (zip_close(archive_) < 0) fail("close", zip_get_error(archive_));
  archive_ = nullptr;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(source_, &stat) < 0 || zip_source_open(source_) < 0) fail("read back", zip_source_error(source_));
  std::string out(static_cast<size_t>(stat.size), '\0');
  const zip_int64_t read = zip_source_read(source_, out.data(), out.size());
  zip_source_close(source_);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) fail("read back", zip_source_error(source_));
  return out;
}

}  // namespace reissue::layout
