#include "hyphenation.h"

#include <hunspell.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "joiner.h"
#include "reissue/text.h"

namespace reissue::extract {

class SpellingDictionary {
 public:
  explicit SpellingDictionary(Hunhandle* handle) : handle_(handle, Hunspell_destroy) {}
  bool spells(const std::string& word) const {
    // Hunspell keeps state while it checks a word: one check at a time.
    std::lock_guard lock(mutex_);
    return Hunspell_spell(handle_.get(), word.c_str()) != 0;
  }

 private:
  std::unique_ptr<Hunhandle, decltype(&Hunspell_destroy)> handle_;
  mutable std::mutex mutex_;
};

const SpellingDictionary* spelling_dictionary(const std::string& path) {
  // Loading en_US takes a noticeable fraction of a text's extraction: once a
  // process (a batch worker serves many issues).
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<SpellingDictionary>> loaded;
  std::lock_guard lock(mutex);
  const auto found = loaded.find(path);
  if (found != loaded.end()) return found->second.get();
  std::unique_ptr<SpellingDictionary>& slot = loaded[path];
  // Hunspell reports missing files on stderr and returns an empty dictionary;
  // the library prints nothing, so the files are checked first.
  std::error_code error;
  if (std::filesystem::is_regular_file(path + ".aff", error) && std::filesystem::is_regular_file(path + ".dic", error))
    if (Hunhandle* handle = Hunspell_create((path + ".aff").c_str(), (path + ".dic").c_str()))
      slot = std::make_unique<SpellingDictionary>(handle);
  return slot.get();
}

bool spells(const SpellingDictionary& dictionary, const std::u32string& word) {
  return dictionary.spells(u32_to_utf8(word));
}

namespace {

bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The letters before a line-end hyphen, when they are a word's start: not
// part of a number or code (COVID-, 5G-), nor of a URL (gov.cn/a-).
std::u32string hyphenated_start(const std::u32string& text) {
  if (text.size() < 2 || text.back() != U'-') return {};
  size_t start = text.size() - 1;
  while (start > 0 && is_letter(text[start - 1])) --start;
  if (start == text.size() - 1) return {};
  if (start > 0) {
    const char32_t before = text[start - 1];
    if ((before >= '0' && before <= '9') ||
        std::u32string_view(U"-_./:=?&%#@~").find(before) != std::u32string_view::npos)
      return {};
  }
  return text.substr(start, text.size() - 1 - start);
}

std::u32string leading_letters(const std::u32string& text) {
  size_t end = 0;
  while (end < text.size() && is_letter(text[end])) ++end;
  // A word that goes on in digits (En-|doscopy2) is a code, not a hyphenated word.
  if (end < text.size() && text[end] >= '0' && text[end] <= '9') return {};
  return text.substr(0, end);
}

}  // namespace

void mark_soft_hyphens(std::vector<Line>& lines, const std::string& dictionary_path, Review& review) {
  const SpellingDictionary* dictionary = nullptr;
  bool looked = false;
  std::optional<Vocabulary> vocabulary;  // built when first needed
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    Line& line = lines[i];
    const Line& next = lines[i + 1];
    if (line.is_figure() || next.is_figure()) continue;
    const std::u32string left = hyphenated_start(line.text);
    const std::u32string right = left.empty() ? std::u32string() : leading_letters(next.text);
    if (right.empty()) continue;
    if (!std::exchange(looked, true)) dictionary = spelling_dictionary(dictionary_path);
    if (!dictionary) {
      review.warn_once("line-end hyphens in Latin words were kept: no spelling dictionary at " + dictionary_path +
                       ".aff/.dic to tell a word the layout hyphenated (En-doscopy) from a hyphenated compound "
                       "(AI-driven); install hunspell-en-us");
      continue;
    }
    // A word the dictionary lacks (hyperparameter, photoacoustic) is a word
    // all the same when the issue spells it whole elsewhere.
    if (!(line.soft_hyphen = spells(*dictionary, left + right))) {
      if (!vocabulary) vocabulary.emplace(lines);
      line.soft_hyphen = vocabulary->contains(left + right);
    }
  }
}

}  // namespace reissue::extract
