#include <gtest/gtest.h>

#include "ingest/test_support.h"

namespace sgscope::ingest {
namespace {

using testing::HasDiagnostic;

constexpr std::string_view kManaged = R"({"PrefixLists":[{"PrefixListId":"pl-0123456abcabcabc1","AddressFamily":"IPv4",
  "State":"active","PrefixListArn":"arn","PrefixListName":"vpc-cidrs","MaxEntries":10,"Version":1,"Tags":[],
  "OwnerId":"123456789012"}]})";
constexpr std::string_view kEntries = R"({"Entries":[{"Cidr":"10.0.0.0/16","Description":"vpc-a"},
  {"Cidr":"10.2.0.0/16","Description":"vpc-b"}]})";

TEST(PrefixListsTest, AwsManagedListsCarryTheirCidrs) {
  Network n = testing::Load(R"({"PrefixLists":[{"PrefixListName":"com.amazonaws.us-east-1.s3",
    "Cidrs":["54.231.0.0/17","52.216.0.0/15","bad"],"PrefixListId":"pl-63a5400a"}]})");
  ASSERT_EQ(n.prefix_lists.size(), 1u);
  const PrefixList& p = n.prefix_lists[0];
  EXPECT_EQ(p.name, "com.amazonaws.us-east-1.s3");
  EXPECT_EQ(p.owner_id, "AWS");
  EXPECT_TRUE(p.entries_known);
  EXPECT_EQ(p.cidrs.size(), 2u);
  EXPECT_TRUE(HasDiagnostic(n, Severity::kError, "PrefixLists[0].Cidrs[2]", "is not a CIDR block"));
}

TEST(PrefixListsTest, ManagedListWithoutEntriesIsKnownEmpty) {
  Network n = testing::Load(kManaged);
  ASSERT_EQ(n.prefix_lists.size(), 1u);
  EXPECT_FALSE(n.prefix_lists[0].entries_known);
  EXPECT_EQ(n.prefix_lists[0].owner_id, "123456789012");
  EXPECT_TRUE(n.diagnostics.items().empty()) << testing::Diagnostics(n);
}

TEST(PrefixListsTest, EntriesFileIsTiedByFileNameOrTopLevelId) {
  for (bool entries_first : {false, true}) {
    Network n;
    if (!entries_first) LoadDocument(n, "lists.json", kManaged);
    LoadDocument(n, "entries/pl-0123456abcabcabc1.json", kEntries);
    if (entries_first) LoadDocument(n, "lists.json", kManaged);
    n.Finalize();
    ASSERT_EQ(n.prefix_lists.size(), 1u);
    const PrefixList& p = n.prefix_lists[0];
    EXPECT_EQ(p.name, "vpc-cidrs");
    EXPECT_TRUE(p.entries_known);
    EXPECT_EQ(p.cidrs.size(), 2u);
    EXPECT_EQ(n.FileOf(p.source), "lists.json");
  }
  Network n = testing::Load(R"({"PrefixListId":"pl-1","Entries":[{"Cidr":"2001:db8::/32"}]})");
  ASSERT_EQ(n.prefix_lists.size(), 1u);
  EXPECT_EQ(n.prefix_lists[0].id, "pl-1");
  EXPECT_EQ(n.prefix_lists[0].cidrs.at(0).family(), IpFamily::kV6);
}

TEST(PrefixListsTest, EntriesThatSayNoListAreReported) {
  Network n = testing::Load(kEntries);
  EXPECT_TRUE(n.prefix_lists.empty());
  EXPECT_TRUE(HasDiagnostic(n, Severity::kWarning, "Entries", "2 entries skipped"));
  EXPECT_EQ(testing::Skipped(n, "prefix list entry"), 2u);
  Network other = testing::Load(R"({"Entries":[]})");
  LoadDocument(other, "xpl-0123456abcabcabc1.json", kEntries);  // not a pl- id on its own
  EXPECT_TRUE(other.prefix_lists.empty());
}

TEST(PrefixListsTest, ManagedPrefixListsIsAnAliasOfPrefixLists) {
  Network n = testing::Load(R"({"ManagedPrefixLists":[{"PrefixListId":"pl-1","PrefixListName":"x","OwnerId":"1"}]})");
  ASSERT_EQ(n.prefix_lists.size(), 1u);
  EXPECT_EQ(n.prefix_lists[0].name, "x");
}

TEST(PrefixListsTest, EmbeddedEntriesAreRead) {
  Network n = testing::Load(R"({"PrefixLists":[{"PrefixListId":"pl-1","Entries":[{"Cidr":"10.0.0.0/8"}]}]})");
  ASSERT_EQ(n.prefix_lists.size(), 1u);
  EXPECT_TRUE(n.prefix_lists[0].entries_known);
  EXPECT_EQ(n.prefix_lists[0].cidrs.size(), 1u);
}

}  // namespace
}  // namespace sgscope::ingest
