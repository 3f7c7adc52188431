// The text path: decode -> lines -> furniture -> measure -> structure.
#include "furniture.h"
#include "measure.h"
#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/extract.h"
#include "structure.h"
#include "text_input.h"

namespace reissue {

ExtractResult extract_text(std::string_view bytes, const std::string& name,
                           const ExtractOptions& options) {
  if (bytes.size() > options.max_bytes)
    throw ReadError(name, 0, "is too large for one issue's text (" + human_size(bytes.size()) + "; the limit is " +
                                 human_size(options.max_bytes) +
                                 ", an issue is usually under 1 MiB): give one file per issue");
  if (bytes.empty()) throw ReadError(name, 0, "file is empty");
  const extract::DecodedText decoded = extract::decode_text(bytes, name, options.encoding);

  ExtractResult result;
  result.report.input = name;
  result.report.input_kind = "text";
  result.report.encoding = decoded.encoding;
  extract::Review review(result.report);

  extract::LineSet set;
  set.lines = extract::split_lines(decoded.utf8());
  if (set.lines.empty()) throw ReadError(name, 0, "contains no text");
  result.report.pages = set.lines.back().page + 1;
  extract::remove_control_characters(set.lines, review);
  if (set.lines.empty()) throw ReadError(name, 0, "contains no text");
  set.running_signatures =
      extract::remove_page_furniture(set.lines, extract::masthead_zone_end(set.lines), review);
  extract::measure_text_lines(set);
  result.issue = extract::recognize_structure(set, review);
  return result;
}

}  // namespace reissue
