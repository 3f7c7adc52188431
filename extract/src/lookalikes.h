// Characters that look like the ones this newsletter prints, as producers
// emit them: a katakana middle dot for the dot in a transliterated name
// (马丁・泰勒), a math ellipsis (难题⋯⋯), a horizontal bar for the dash,
// full-width Latin letters and digits (ＡＩ, ２０２５). Each is replaced only in
// Chinese context (its neighbours say what it stands for); the table and its
// evidence are in docs/extract.md, "Look-alike characters".
#pragma once

#include "line.h"
#include "review.h"

#include <functional>
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

// Rewrites the lines `wanted` picks with `rewrite`, and for each line it
// changed sets the printed characters aside with what replaced them (so every
// input character is accounted for) and adds one review item of `kind`:
// `heading`, then `describe` of each substitution. Shared by the look-alike
// and OCR clean-up stages.
void substitute_in_lines(
    std::vector<Line>& lines, Review& review, const char* kind, const std::string& heading,
    const std::function<bool(const Line&)>& wanted,
    const std::function<std::u32string(const std::u32string&, std::vector<Substitution>*)>& rewrite,
    const std::function<std::string(const Substitution&)>& describe);

// Every line of either source: replaces, sets the printed characters aside
// with what replaced them (so every input character is accounted for) and
// lists each line's substitutions in the review ("look-alike").
void normalize_lookalikes(std::vector<Line>& lines, Review& review);

}  // namespace reissue::extract
