#include "zip_package.h"
#include "reissue/error.h"

#include <zip.h>

#include <algorithm>

namespace reissue::layout {

namespace {

[[noreturn]] void fail(const char* what, zip_error_t* error) {
  throw InternalError("libzip", std::string("packaging failed (") + what + "): " + zip_error_strerror(error));
}

struct EntryDeleter {  // an entry source until an archive takes it
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};

}  // namespace

void ZipPackage::SourceDeleter::operator()(zip_source_t* source) const { zip_source_free(source); }
void ZipPackage::ArchiveDeleter::operator()(zip_t* archive) const { zip_discard(archive); }

ZipPackage::ZipPackage(int year, int month, int day) {
  year = std::clamp(year, 1980, 2107);
  dos_date_ = static_cast<unsigned short>((year - 1980) << 9 | std::clamp(month, 1, 12) << 5 | std::clamp(day, 1, 31));
  zip_error_t error;
  zip_error_init(&error);
  source_.reset(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!source_) fail("buffer", &error);
  archive_.reset(zip_open_from_source(source_.get(), ZIP_TRUNCATE, &error));
  if (!archive_) fail("open", &error);
  // The archive owns the reference it was opened with; this one keeps the
  // bytes readable after it is closed.
  zip_source_keep(source_.get());
}

ZipPackage::~ZipPackage() = default;

void ZipPackage::add(const std::string& name, std::string bytes, bool compress) {
  const std::string& data = contents_.emplace_back(std::move(bytes));
  std::unique_ptr<zip_source_t, EntryDeleter> entry(zip_source_buffer(archive_.get(), data.data(), data.size(), 0));
  if (!entry) fail("entry", zip_get_error(archive_.get()));
  const zip_int64_t index = zip_file_add(archive_.get(), name.c_str(), entry.get(), ZIP_FL_ENC_UTF_8);
  if (index < 0) fail("add", zip_get_error(archive_.get()));
  entry.release();  // the archive's now
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_set_file_compression(archive_.get(), i, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, compress ? 6 : 0) < 0 ||
      zip_file_set_dostime(archive_.get(), i, 0, dos_date_, 0) < 0)
    fail("entry attributes", zip_get_error(archive_.get()));
}

std::string ZipPackage::finish() {
  if (zip_close(archive_.get()) < 0) fail("close", zip_get_error(archive_.get()));
  (void)archive_.release();  // zip_close freed it
  zip_stat_t stat;
  zip_stat_init(&stat);
  zip_source_t* source = source_.get();
  if (zip_source_stat(source, &stat) < 0 || zip_source_open(source) < 0) fail("read back", zip_source_error(source));
  std::string out(static_cast<size_t>(stat.size), '\0');
  const zip_int64_t read = zip_source_read(source, out.data(), out.size());
  zip_source_close(source);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) fail("read back", zip_source_error(source));
  return out;
}

}  // namespace reissue::layout
