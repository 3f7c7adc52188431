// A font library outlives one call: typesetting through a shared library
// gives the same bytes as through a fresh one, whatever was typeset before.
#include "reissue/error.h"
#include "reissue/fonts.h"
#include "reissue/issue_xml.h"
#include "reissue/style.h"
#include "reissue/typeset.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace reissue;

TEST(SharedFontLibrary, GivesTheSameBytesAsAFreshOneAcrossCalls) {
  const Issue sample = read_issue(test::source_dir() / "samples/649.xml");
  const Issue seed = read_issue(test::source_dir() / "tests/data/expected/seed-002.xml");
  const Style large = load_style(test::source_dir() / "styles/large-print.xml");
  const Figures none;
  TypesetOptions options;
  options.parallel = false;
  const std::string sample_alone = typeset_pdf(sample, default_style(), none, nullptr, options);
  const std::string seed_alone = typeset_pdf(seed, large, none, nullptr, options);

  FontLibrary shared;
  EXPECT_TRUE(typeset_pdf(sample, default_style(), none, shared, nullptr, options) == sample_alone);
  EXPECT_TRUE(typeset_pdf(seed, large, none, shared, nullptr, options) == seed_alone);
  EXPECT_TRUE(typeset_pdf(sample, default_style(), none, shared, nullptr, options) == sample_alone)
      << "the sample came out differently after another issue and style";
  options.parallel = true;
  EXPECT_TRUE(typeset_pdf(seed, large, none, shared, nullptr, options) == seed_alone);
}

// A family that is not installed stays an error on every call (the library
// remembers the miss, and says the same).
TEST(SharedFontLibrary, AMissingFamilyIsTheSameErrorEachTime) {
  FontLibrary shared;
  std::string first;
  for (int call = 0; call < 2; ++call) {
    try {
      shared.get("No Such Family Anywhere", false);
      FAIL() << "a missing family was found";
    } catch (const Error& error) {
      if (call == 0) first = error.what();
      EXPECT_EQ(error.what(), first);
      EXPECT_NE(first.find("font family is not installed"), std::string::npos) << first;
    }
  }
}
