// Characters that look like the ones this newsletter prints, as producers
// emit them: a katakana middle dot for the dot in a transliterated name
// (马丁・泰勒), a math ellipsis (难题⋯⋯), a horizontal bar for the dash,
// full-width Latin letters and digits (ＡＩ, ２０２５). Each is replaced only in
// Chinese context (its neighbours say what it stands for); the table and its
// evidence are in docs/extract.md, "Look-alike characters".
#pragma once

#include "line.h"
#include "review.h"

#include <string>
#include <vector>

namespace reissue::extract {

struct Substitution {
  std::u32string from, to;  // as printed, and what the newsletter prints
  std::string why;          // the kind of look-alike, for the review
  int count = 0;
};

// `text` with its look-alikes replaced; `done` gets one entry per kind, counted.
std::u32string without_lookalikes(const std::u32string& text, std::vector<Substitution>* done = nullptr);

// Every line of either source: replaces, sets the printed characters aside
// with what replaced them (so every input character is accounted for) and
// lists each line's substitutions in the review ("look-alike").
void normalize_lookalikes(std::vector<Line>& lines, Review& review);

}  // namespace reissue::extract
