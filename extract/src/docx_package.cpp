#include "docx_package.h"

#include "reissue/atomic_file.h"
#include "reissue/error.h"

#include <zip.h>

#include <algorithm>
#include <vector>

namespace reissue::extract {

namespace {

std::string size_text(std::size_t bytes) { return human_size(bytes); }

// The last segment of a relationship type URI.
std::string short_type(const std::string& uri) {
  const size_t slash = uri.rfind('/');
  return slash == std::string::npos ? uri : uri.substr(slash + 1);
}

std::string rels_part_of(const std::string& part) {
  if (part.empty()) return "_rels/.rels";
  const size_t slash = part.rfind('/');
  const std::string folder = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  const std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return folder + "_rels/" + file + ".rels";
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) || bytes.substr(0, 4) == std::string_view("PK\x05\x06", 4);
}

std::string resolve_part(const std::string& source, const std::string& target) {
  std::string path;
  if (!target.empty() && target.front() == '/') {
    path = target.substr(1);
  } else {
    const size_t slash = source.rfind('/');
    path = (slash == std::string::npos ? "" : source.substr(0, slash + 1)) + target;
  }
  std::vector<std::string> segments;
  size_t at = 0;
  while (at <= path.size()) {
    const size_t end = std::min(path.find('/', at), path.size());
    const std::string segment = path.substr(at, end - at);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    at = end + 1;
  }
  std::string out;
  for (const std::string& segment : segments) out += (out.empty() ? "" : "/") + segment;
  return out;
}

xml::DocPtr parse_part(const std::string& bytes, const std::string& name, const std::string& part) {
  try {
    return xml::parse_untrusted(bytes, part, bytes.size() + 1);
  } catch (const ReadError& error) {
    const std::string place = part + (error.line() > 0 ? ":" + std::to_string(error.line()) : "");
    throw ReadError(name, 0, place + ": " + error.message());
  }
}

Package::Package(std::string_view bytes, const std::string& name, const PackageLimits& limits)
    : name_(name), limits_(limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source) archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive_) {
    if (source) zip_source_free(source);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw ReadError(name, 0, "is not a ZIP archive that can be read (" + why + "): damaged or truncated");
  }
  zip_error_fini(&error);
  const zip_int64_t entries = zip_get_num_entries(archive_, 0);
  if (entries < 0 || static_cast<std::size_t>(entries) > limits_.max_entries) {
    zip_discard(archive_);
    archive_ = nullptr;
    throw ReadError(name, 0, "holds " + std::to_string(entries) + " ZIP entries; a DOCX has a few dozen (the limit is " +
                                 std::to_string(limits_.max_entries) + ")");
  }
}

Package::~Package() {
  if (archive_) zip_discard(archive_);
}

std::int64_t Package::index_of(const std::string& part) const {
  // Part names are case-insensitive (OPC); some writers add a leading '/'.
  zip_int64_t index = zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE | ZIP_FL_ENC_GUESS);
  if (index < 0) index = zip_name_locate(archive_, ("/" + part).c_str(), ZIP_FL_NOCASE | ZIP_FL_ENC_GUESS);
  return index;
}

bool Package::has(const std::string& part) const { return index_of(part) >= 0; }

std::optional<std::string> Package::read(const std::string& part) {
  const zip_int64_t index = index_of(part);
  if (index < 0) return std::nullopt;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) < 0)
    throw ReadError(name_, 0, part + ": damaged ZIP entry");
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
    throw ReadError(name_, 0, part + ": is encrypted (a password-protected document): save it without a password");
  const std::size_t declared = (stat.valid & ZIP_STAT_SIZE) ? static_cast<std::size_t>(stat.size) : 0;
  const std::size_t packed = (stat.valid & ZIP_STAT_COMP_SIZE) ? static_cast<std::size_t>(stat.comp_size) : 0;
  if (declared > limits_.max_part)
    throw ReadError(name_, 0, part + ": is " + size_text(declared) + " uncompressed; the limit for one part is " +
                                  size_text(limits_.max_part));
  if (declared > limits_.ratio_from && static_cast<double>(declared) > limits_.max_ratio * static_cast<double>(std::max<std::size_t>(packed, 1)))
    throw ReadError(name_, 0, part + ": compressed " + std::to_string(declared / std::max<std::size_t>(packed, 1)) +
                                  ":1, far beyond what a document compresses (a ZIP bomb?)");
  return inflate(index, part, declared);
}

// Reads in chunks and stops at the limits whatever size the entry declared:
// a bomb's header may lie, the inflated bytes cannot.
std::string Package::inflate(std::int64_t index, const std::string& part, std::size_t declared) {
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (!file) throw ReadError(name_, 0, part + ": cannot be opened (" + zip_strerror(archive_) + ")");
  std::string bytes;
  bytes.reserve(std::min(declared, limits_.max_part));
  char buffer[65536];
  std::string failure;
  for (;;) {
    const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
    if (got < 0) {
      failure = std::string("damaged (") + zip_file_strerror(file) + ")";
      break;
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(got));
    if (bytes.size() > limits_.max_part) {
      failure = "inflates to more than " + size_text(limits_.max_part) + " (the limit for one part)";
      break;
    }
    if (total_read_ + bytes.size() > limits_.max_total) {
      failure = "the parts read so far inflate to more than " + size_text(limits_.max_total) + " (the limit)";
      break;
    }
  }
  zip_fclose(file);
  if (!failure.empty()) throw ReadError(name_, 0, part + ": " + failure);
  total_read_ += bytes.size();
  return bytes;
}

Relationships Package::relationships(const std::string& part) {
  Relationships out;
  const std::string rels = rels_part_of(part);
  const std::optional<std::string> bytes = read(rels);
  if (!bytes) return out;
  const xml::DocPtr doc = parse_part(*bytes, name_, rels);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  for (const xmlNode* node = root ? root->children : nullptr; node; node = node->next) {
    if (!xml::is_element(node, "Relationship")) continue;
    Relationship relationship;
    relationship.type = short_type(xml::attribute(node, "Type"));
    relationship.external = xml::attribute(node, "TargetMode") == "External";
    const std::string target = xml::attribute(node, "Target");
    relationship.target = relationship.external ? target : resolve_part(part, target);
    out.emplace(xml::attribute(node, "Id"), std::move(relationship));
  }
  return out;
}

}  // namespace reissue::extract
