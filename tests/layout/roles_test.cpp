// Roles are one vocabulary: the names style sheets use (styles/style.xsd),
// the Role enum that compose, the style sheet, DOCX styles and PDF tags
// share, and the error a sheet gets for a name that is none.
#include "reissue/error.h"
#include "reissue/role.h"
#include "reissue/style.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>

using namespace reissue;

TEST(Roles, EveryRoleHasOneNameAndTheSchemaListsTheSame) {
  std::set<std::string> names;
  for (Role role : kRoles) {
    names.insert(std::string(role_name(role)));
    EXPECT_EQ(role_named(role_name(role)), role);
  }
  EXPECT_EQ(names.size(), kRoleCount);
  EXPECT_FALSE(role_named("Body").has_value());
  EXPECT_FALSE(role_named("").has_value());

  const std::string schema = test::read_text(test::source_dir() / "styles/style.xsd");
  const size_t start = schema.find("<xs:simpleType name=\"RoleName\">");
  ASSERT_NE(start, std::string::npos);
  const std::string role_type = schema.substr(start, schema.find("</xs:simpleType>", start) - start);
  std::set<std::string> in_schema;
  const std::regex enumeration("<xs:enumeration value=\"([^\"]+)\"/>");
  for (std::sregex_iterator it(role_type.begin(), role_type.end(), enumeration), end; it != end; ++it)
    in_schema.insert((*it)[1]);
  EXPECT_EQ(in_schema, names);
}

// A role name that is none (a typo) is an error at its line, not a role
// quietly set like body text.
TEST(Roles, AStyleSheetNamingAnUnknownRoleIsAnErrorAtItsLine) {
  std::string sheet = test::read_text(test::source_dir() / "styles/default.xml");
  const size_t at = sheet.find("<role name=\"byline\"");
  ASSERT_NE(at, std::string::npos);
  const int line = 1 + static_cast<int>(std::count(sheet.begin(), sheet.begin() + static_cast<long>(at), '\n'));
  sheet.replace(at, 19, "<role name=\"bylines\"");
  try {
    load_style_from_memory(sheet, "typo.xml");
    FAIL() << "a role named \"bylines\" was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.file(), "typo.xml");
    EXPECT_EQ(error.line(), line);
    EXPECT_NE(error.message().find("bylines"), std::string::npos) << error.message();
    EXPECT_NE(error.message().find("byline"), std::string::npos) << error.message();
  }
}

// Roles a sheet leaves out are set like body text (docs/style.md); the ones it
// gives are its own.
TEST(Roles, RolesASheetLeavesOutAreSetAsBody) {
  const Style& style = default_style();
  Style only_body = style;
  only_body.roles = {{Role::body, style.role(Role::body)}};
  for (Role role : kRoles) EXPECT_EQ(&only_body.role(role), &only_body.roles.at(Role::body)) << role_name(role);
  EXPECT_EQ(style.role(Role::series).size, 26);
  EXPECT_EQ(style.role(Role::body).size, 12);
}
