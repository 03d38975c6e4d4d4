#include "engines/peer_tallies.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace sgscope {
namespace {

TEST(PeerTallies, AgreesWithAnOrderedMapAcrossGrowth) {
  std::mt19937 rng(3);
  PeerTallies table;
  std::map<IpAddress, PeerTally> expected;
  for (int i = 0; i < 20000; ++i) {
    // Mostly IPv4 from a small range (repeats), some 0.0.0.0 and 255.255.255.255, some IPv6.
    uint32_t pick = static_cast<uint32_t>(rng() % 100);
    IpAddress a = pick < 2    ? IpAddress::V4(pick ? UINT32_MAX : 0)
                  : pick < 10 ? IpAddress::V6((uint128{0x20010db8} << 96) | rng() % 50)
                              : IpAddress::V4(0x0a000000 | static_cast<uint32_t>(rng() % 3000));
    PeerTally& t = table.FindOrAdd(a);
    t.records += 1;
    t.bytes += i;
    expected[a].records += 1;
    expected[a].bytes += i;
  }
  ASSERT_EQ(table.size(), expected.size());
  auto entries = table.Entries();
  ASSERT_EQ(entries.size(), expected.size());
  auto it = expected.begin();  // IPv4 sorts before IPv6 in both
  for (auto& [address, tally] : entries) {
    EXPECT_EQ(address, it->first);
    EXPECT_EQ(tally.records, it->second.records);
    EXPECT_EQ(tally.bytes, it->second.bytes);
    ++it;
  }
  EXPECT_EQ(table.Find(IpAddress::V4(0x0b000000)), nullptr);
  EXPECT_NE(table.Find(IpAddress::V4(0)), nullptr);
}

TEST(PeerTallies, EmptyFindsNothing) {
  PeerTallies table;
  EXPECT_EQ(table.Find(IpAddress::V4(1)), nullptr);
  EXPECT_EQ(table.Find(IpAddress::V6(1)), nullptr);
  EXPECT_TRUE(table.Entries().empty());
}

}  // namespace
}  // namespace sgscope
