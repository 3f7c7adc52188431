// A DOCX as an untrusted ZIP package (libzip over the bytes in memory): the
// parts it holds, read under limits that hold whatever the archive claims,
// and the relationships that name the document part and what it refers to.
#pragma once

#include "reissue/xml_safe.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

typedef struct zip zip_t;
typedef struct zip_source zip_source_t;

namespace reissue::extract {

struct PackageLimits {
  std::size_t max_entries = 10000;
  std::size_t max_part = 64u * 1024 * 1024;    // one part, inflated
  std::size_t max_total = 256u * 1024 * 1024;  // all parts read, inflated
  // Deflate reaches about 1000:1 on repeated bytes; Word's XML parts about
  // 10:1. A part much larger than that compressed even further is a bomb.
  double max_ratio = 200;
  std::size_t ratio_from = 1u * 1024 * 1024;  // smaller parts may compress as they like
};

// A relationship of a part: its type (the last segment of the type URI:
// "officeDocument", "styles", "hyperlink", "image") and target.
struct Relationship {
  std::string type;
  std::string target;  // a part name (resolved, no leading '/') or, external, as written
  bool external = false;
};
using Relationships = std::map<std::string, Relationship>;  // by id

class Package {
 public:
  // Throws ReadError naming `name` when the bytes are not a ZIP archive or
  // hold more entries than the limit.
  Package(std::string_view bytes, const std::string& name, const PackageLimits& limits);
  ~Package();
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  bool has(const std::string& part) const;
  // The part's bytes; nullopt when it is missing. Throws ReadError ("NAME:
  // PART: ...") when it is encrypted, damaged or over the limits.
  std::optional<std::string> read(const std::string& part);
  // The relationships of `part` (its _rels/NAME.rels; "" for the package's
  // own), parsed safely; none when that part is missing.
  Relationships relationships(const std::string& part);

  const std::string& name() const { return name_; }

 private:
  std::int64_t index_of(const std::string& part) const;
  std::string inflate(std::int64_t index, const std::string& part, std::size_t declared);

  std::string name_;
  PackageLimits limits_;
  zip_t* archive_ = nullptr;
  std::size_t total_read_ = 0;
};

// A part parsed as untrusted XML (no DTD, no entities, no network). Throws
// ReadError "NAME: PART:LINE: what is wrong".
xml::DocPtr parse_part(const std::string& bytes, const std::string& name, const std::string& part);

// The bytes start as a ZIP archive does (a local file header, or an empty
// archive's end record).
bool looks_like_zip(std::string_view bytes);

// A part name `target` resolved against the folder of `source` ("word/
// document.xml" + "media/a.png" -> "word/media/a.png"; "/word/x" -> "word/x";
// ".." segments resolved, never above the package root).
std::string resolve_part(const std::string& source, const std::string& target);

}  // namespace reissue::extract
