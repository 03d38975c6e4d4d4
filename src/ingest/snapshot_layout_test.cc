#include "ingest/snapshot_layout.h"

#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

namespace sgscope::ingest {
namespace {

namespace fs = std::filesystem;

TEST(SnapshotLayoutTest, RecognisesRegionNames) {
  for (const char* r : {"us-east-1", "us-gov-west-1", "cn-north-1", "eu-central-2", "ap-southeast-3",
                        "us-isob-east-1", "il-central-1", "ca-west-1", "eusc-de-east-1"})
    EXPECT_TRUE(LooksLikeRegion(r)) << r;
  for (const char* r : {"aws_configs", "us-east", "east-1", "US-EAST-1", "us-middle-1", "us-east-123", "accounts",
                        "123456789012", "u-east-1", "us-gov-west-1-x", "us-government-west-1"})
    EXPECT_FALSE(LooksLikeRegion(r)) << r;
}

struct LayoutCase {
  const char* name;
  const char* account;
  const char* region;
};

TEST(SnapshotLayoutTest, DerivesAccountAndRegionFromEveryLayout) {
  const LayoutCase cases[] = {
      {"SecurityGroups.json", "", ""},
      {"aws_configs/us-west-2/Vpcs.json", "", "us-west-2"},
      {"aws_configs/prod/us-west-2/Vpcs.json", "prod", "us-west-2"},
      {"aws_configs/123456789012/eu-west-1/Vpcs.json", "123456789012", "eu-west-1"},
      {"aws_configs/accounts/111/us-west-1/Vpcs.json", "111", "us-west-1"},
      {"account-data/demo/us-east-1/ec2-describe-vpcs.json", "demo", "us-east-1"},
      {"snapshots/2024-01-01/us-east-1/Vpcs.json", "", "us-east-1"},
      {"123456789012/Vpcs.json", "123456789012", ""},
  };
  for (const LayoutCase& c : cases) {
    std::string account = "stale", region = "stale";
    AccountAndRegion(c.name, account, region);
    EXPECT_EQ(account, c.account) << c.name;
    EXPECT_EQ(region, c.region) << c.name;
  }
}

class SnapshotFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("sgscope_layout_" + std::to_string(::getpid()));
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& name) {
    fs::create_directories((root_ / name).parent_path());
    std::ofstream(root_ / name) << "{}";
  }
  fs::path root_;
};

TEST_F(SnapshotFolderTest, ListsJsonFilesSortedAndSkipsHiddenOnes) {
  for (const char* f : {"b/us-east-1/Z.json", "a.JSON", "b/us-east-1/A.json", ".hidden/x.json", "b/.x.json",
                        "notes.txt", "accounts/42/eu-west-1/Vpcs.json"})
    Write(f);
  Diagnostics diagnostics;
  std::vector<SnapshotFile> files = ListSnapshotFiles(root_, diagnostics);
  std::vector<std::string> names;
  for (auto& f : files) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a.JSON", "accounts/42/eu-west-1/Vpcs.json", "b/us-east-1/A.json",
                                             "b/us-east-1/Z.json"}));
  EXPECT_EQ(files[1].account, "42");
  EXPECT_EQ(files[1].region, "eu-west-1");
  EXPECT_TRUE(diagnostics.items().empty());
}

TEST_F(SnapshotFolderTest, MissingOrEmptyFolderIsAnError) {
  Diagnostics missing;
  EXPECT_TRUE(ListSnapshotFiles(root_ / "nope", missing).empty());
  ASSERT_EQ(missing.items().size(), 1u);
  EXPECT_EQ(missing.items()[0].message, "snapshot folder does not exist");

  Write("readme.txt");
  Diagnostics empty;
  EXPECT_TRUE(ListSnapshotFiles(root_, empty).empty());
  ASSERT_EQ(empty.items().size(), 1u);
  EXPECT_EQ(empty.items()[0].message, "no .json files in the snapshot");
}

TEST_F(SnapshotFolderTest, ASingleFileIsASnapshot) {
  Write("one.json");
  Diagnostics diagnostics;
  std::vector<SnapshotFile> files = ListSnapshotFiles(root_ / "one.json", diagnostics);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "one.json");
}

}  // namespace
}  // namespace sgscope::ingest
