#include "checks/registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

namespace sgscope {
namespace {

TEST(Registry, IdsAreSortedUniqueKebabCaseWithHelp) {
  const std::regex kebab("[a-z0-9]+(-[a-z0-9]+)*");
  std::string previous;
  for (const Check& c : AllChecks()) {
    EXPECT_TRUE(std::regex_match(c.id, kebab)) << c.id;
    EXPECT_LT(previous, c.id) << "registry.inc must list checks in id order";
    EXPECT_NE(std::string(c.title), "") << c.id;
    EXPECT_NE(std::string(c.help), "") << c.id;
    EXPECT_NE(c.run, nullptr) << c.id;
    EXPECT_EQ(FindCheck(c.id), &c);
    previous = c.id;
  }
  EXPECT_EQ(FindCheck("no-such-check"), nullptr);
}

// A check is one file, one doc page and one test folder (docs/audit.md).
TEST(Registry, EveryCheckHasItsDocPageAndTestFolder) {
  std::filesystem::path root = SGSCOPE_SOURCE_DIR;
  for (const Check& c : AllChecks()) {
    EXPECT_TRUE(std::filesystem::exists(root / "docs/checks" / (std::string(c.id) + ".md"))) << c.id;
    EXPECT_TRUE(std::filesystem::exists(root / "tests/data/audit" / c.id / (std::string(c.id) + ".test"))) << c.id;
  }
}

}  // namespace
}  // namespace sgscope
