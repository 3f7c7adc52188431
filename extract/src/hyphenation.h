// Latin words hyphenated at a line end. A typesetter (TeX, a word processor
// with automatic hyphenation) breaks a Latin word with a hyphen that is not
// part of it: (En-|doscopy On Air) is (Endoscopy On Air). A hyphen that is
// part of the text (AI-|driven, CT-|FFR, COVID-|19) looks the same. What the
// two halves make together decides: a word of a real spelling dictionary
// (Hunspell, Debian's en_US) was hyphenated; anything else keeps its hyphen.
#pragma once

#include "line.h"
#include "review.h"

#include <string>
#include <vector>

namespace reissue::extract {

// A Hunspell dictionary, loaded once a process per path (its .aff and .dic),
// shared by every extraction; null when the files are missing or unreadable.
class SpellingDictionary;
const SpellingDictionary* spelling_dictionary(const std::string& path);
bool spells(const SpellingDictionary& dictionary, const std::u32string& word);

// Marks each line that ends in a hyphen inside a Latin word (letters on both
// sides, the next line starting with letters) whose halves join into a word
// the dictionary at `dictionary_path` knows, or that the issue spells whole
// elsewhere (a term the dictionary lacks): Line::soft_hyphen. The joiner
// then drops that hyphen (set aside, reported) when it joins the lines.
// Without the dictionary every hyphen is kept and a warning says why.
void mark_soft_hyphens(std::vector<Line>& lines, const std::string& dictionary_path, Review& review);

}  // namespace reissue::extract
