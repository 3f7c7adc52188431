// The kinds of text an issue prints: one vocabulary for composing, style
// sheets (styles/style.xsd lists the same names), DOCX paragraph styles and
// PDF tags. A misspelt role in code does not compile; a misspelt one in a
// style sheet is an error at its line.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace reissue {

enum class Role {
  series, number, publisher, date,  // the masthead lines
  section,                          // 本期导语：, 一、信息目录, 二、具体内容
  intro,
  contents, contents_source,
  article_title, article_meta, link,
  headline, dateline,
  body, heading, caption, byline,
  footer,
};

inline constexpr std::size_t kRoleCount = static_cast<std::size_t>(Role::footer) + 1;

// Every role, in the order style sheets and DOCX styles list them.
inline constexpr std::array<Role, kRoleCount> kRoles = [] {
  std::array<Role, kRoleCount> roles{};
  for (std::size_t i = 0; i < kRoleCount; ++i) roles[i] = static_cast<Role>(i);
  return roles;
}();

// The role's name in style sheets and messages ("article-title").
constexpr std::string_view role_name(Role role) {
  constexpr std::array<std::string_view, kRoleCount> names = {
      "series",        "number",       "publisher", "date",     "section",  "intro",
      "contents",      "contents-source", "article-title", "article-meta", "link", "headline",
      "dateline",      "body",         "heading",   "caption",  "byline",   "footer"};
  return names[static_cast<std::size_t>(role)];
}

// The role a style sheet names; nullopt for a name that is none.
constexpr std::optional<Role> role_named(std::string_view name) {
  for (Role role : kRoles)
    if (role_name(role) == name) return role;
  return std::nullopt;
}

}  // namespace reissue
