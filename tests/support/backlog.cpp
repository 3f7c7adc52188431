#include "backlog.h"

#include "test_support.h"

namespace reissue::test {

namespace fs = std::filesystem;

fs::path seed(const std::string& number) {
  for (const auto& entry : fs::directory_iterator(source_dir() / "tests/data/seeds"))
    if (entry.path().filename().string().rfind(number + "_", 0) == 0) return entry.path();
  return {};
}

fs::path corpus(const std::string& name) { return source_dir() / "tests/data/corpus" / name; }

void make_good_backlog(const fs::path& root, int copies) {
  for (int i = 0; i < copies; ++i) {
    const fs::path folder = root / ("2025-" + std::to_string(i));
    fs::create_directories(folder / "text");
    fs::copy_file(seed("000"), folder / "text/000.txt");
    fs::copy_file(seed("002"), folder / "text/002.txt");
    fs::copy_file(corpus("corpus-000.pdf"), folder / "corpus-000.pdf");
    fs::copy_file(corpus("corpus-003.pdf"), folder / "corpus-003.pdf");
    fs::copy_file(source_dir() / "samples/649.xml", folder / "649.xml");
  }
}

std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string relative = entry.path().lexically_relative(root).generic_string();
    // The reports and the index page a run writes over its outputs are not outputs.
    if (entry.is_regular_file() && !relative.starts_with("report") && relative != "index.html")
      files[relative] = read_text(entry.path());
  }
  return files;
}

std::map<std::string, nlohmann::json> report_rows(const fs::path& report) {
  std::map<std::string, nlohmann::json> rows;
  const auto json = nlohmann::json::parse(read_text(report));
  for (const auto& row : json.at("inputs")) rows[row.at("input").get<std::string>()] = row;
  return rows;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

}  // namespace reissue::test
