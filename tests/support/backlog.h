// Backlogs for the batch tests: real inputs in nested folders, and readers
// for what a batch leaves (its output tree, its report rows).
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace reissue::test {

std::filesystem::path seed(const std::string& number);  // tests/data/seeds/NUMBER_*.txt
std::filesystem::path corpus(const std::string& name);  // tests/data/corpus/NAME

// `copies` folders 2025-0, 2025-1, ... each with two texts, two PDFs and an
// issue XML (5 inputs each).
void make_good_backlog(const std::filesystem::path& root, int copies = 1);

// Every file under `root` but the batch reports: relative path -> bytes.
std::map<std::string, std::string> tree(const std::filesystem::path& root);

// The rows of a report.json by input.
std::map<std::string, nlohmann::json> report_rows(const std::filesystem::path& report);

std::string quoted(const std::filesystem::path& path);  // 'path' for the shell

}  // namespace reissue::test
