// The files an extraction leaves: the XML and, beside it, its figure folder.
// One place for extract (and anything else that writes an extraction out).
#include "reissue/atomic_file.h"
#include "reissue/extract.h"
#include "reissue/text.h"

#include <regex>

namespace reissue {

namespace fs = std::filesystem;

namespace {

// Bytes of a name that are not UTF-8 become U+FFFD, on disk too, so that
// the folder is the one the XML names.
std::string utf8_name(const std::string& name) { return u32_to_utf8(utf8_to_u32(name)); }

// What a figure folder holds: figure-N.png / figure-N.jpg only. A folder
// holding anything else is the user's and is never replaced.
std::string not_figures(const fs::path& folder) {
  static const std::regex figure(R"(figure-\d+\.(png|jpg))");
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (!entry.is_regular_file(error) || !std::regex_match(entry.path().filename().string(), figure))
      return entry.path().filename().string();
  return error ? "a part that cannot be read" : "";
}

}  // namespace

fs::path figure_folder_for(const fs::path& xml_output, const fs::path& input) {
  if (xml_output.empty() || xml_output == "-" || output_kind(xml_output) == OutputKind::stream) {
    const std::string stem = input == "-" ? "stdin" : input.stem().string();
    return utf8_name(stem) + "_images";
  }
  std::error_code error;
  fs::path output = fs::weakly_canonical(xml_output, error);  // beside the file a link names
  if (error) output = xml_output;
  return output.parent_path() / (utf8_name(output.stem().string()) + "_images");
}

void write_extracted(const fs::path& xml_output, const std::string& xml, const std::vector<ExtractedImage>& images,
                     const fs::path& figure_folder) {
  const fs::path output = xml_output.empty() ? fs::path("-") : xml_output;
  if (!discards_output(output)) {
    if (!images.empty()) {
      std::vector<std::pair<std::string, std::string>> files;
      for (const ExtractedImage& image : images) files.push_back({fs::path(image.path).filename().string(), image.bytes});
      write_directory_atomically(figure_folder, files, not_figures);
    } else if (output_kind(output) == OutputKind::file) {
      remove_directory_output(figure_folder, not_figures);  // an earlier run's, now stale
    }
  }
  write_file_atomically(output, xml);
}

}  // namespace reissue
