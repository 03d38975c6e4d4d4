#include "net/address_set.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

AddressSet A(const char* cidr) { return AddressSet::Of(*IpPrefix::Parse(cidr)); }

TEST(AddressSet, PrefixesRoundTripMinimally) {
  EXPECT_EQ(A("10.0.0.0/16").ToString(), "10.0.0.0/16");
  EXPECT_EQ(A("10.0.0.0/25").Union(A("10.0.0.128/25")).ToString(), "10.0.0.0/24");
  EXPECT_EQ(A("0.0.0.0/0").Subtract(A("10.0.0.0/8")).ToString(),
            "0.0.0.0/5, 8.0.0.0/7, 11.0.0.0/8, 12.0.0.0/6, 16.0.0.0/4, 32.0.0.0/3, 64.0.0.0/2, 128.0.0.0/1");
  EXPECT_EQ(AddressSet::All().ToString(), "0.0.0.0/0, ::/0");
  EXPECT_EQ(AddressSet().ToString(), "none");
  EXPECT_EQ(A("255.255.255.255/32").ToString(), "255.255.255.255/32");
  EXPECT_EQ(A("::/0").Subtract(A("::/1")).ToString(), "8000::/1");
  EXPECT_EQ(A("2001:db8::/32").Subtract(A("2001:db8::1/128")).ToPrefixes().size(), 96u);
  AddressSet mixed = A("0.0.0.0/0").Subtract(A("10.0.0.0/8")).Union(A("2001:db8::/32"));
  EXPECT_EQ(mixed.PrefixCount(), 9u);
  EXPECT_EQ(mixed.ToPrefixes(0).size(), 0u);
  EXPECT_EQ(mixed.ToPrefixes(8).back().ToString(), "128.0.0.0/1");  // the limit stops before IPv6
  EXPECT_EQ(AddressSet().PrefixCount(), 0u);
}

TEST(AddressSet, FamiliesAreSeparate) {
  AddressSet v4 = AddressSet::AllOf(IpFamily::kV4);
  EXPECT_TRUE(v4.Contains(*IpAddress::Parse("203.0.113.9")));
  EXPECT_FALSE(v4.Contains(*IpAddress::Parse("2001:db8::1")));
  EXPECT_FALSE(v4.Intersects(A("::/0")));
  EXPECT_TRUE(AddressSet::All().Contains(A("2001:db8::/32").Union(A("10.0.0.0/8"))));
  EXPECT_EQ(v4.Union(A("::/0")), AddressSet::All());
}

// Any interval's prefix cover is exact: its prefixes are disjoint, aligned, and add up.
TEST(AddressSet, CoverIsExactOnRandomIntervals) {
  uint64_t seed = 42;
  auto next = [&] { return seed = seed * 6364136223846793005ull + 1442695040888963407ull, seed >> 33; };
  for (int i = 0; i < 500; ++i) {
    uint32_t lo = static_cast<uint32_t>(next()), span = static_cast<uint32_t>(next() % 100000);
    uint32_t hi = lo > 0xffffffffu - span ? 0xffffffffu : lo + span;
    AddressSet set = AddressSet::Of(IpPrefix(IpAddress::V4(lo), 32));
    for (uint64_t a = lo; a <= hi; a += 1 + a % 997) set = set.Union(AddressSet::Of(IpAddress::V4(static_cast<uint32_t>(a))));
    AddressSet rebuilt;
    for (const IpPrefix& p : set.ToPrefixes()) {
      EXPECT_FALSE(rebuilt.Intersects(AddressSet::Of(p)));
      rebuilt = rebuilt.Union(AddressSet::Of(p));
    }
    EXPECT_EQ(rebuilt, set);
  }
}

// IPv6 blocks are sized on 128 bits: holes on either side of the 64-bit halves still give an
// exact, minimal cover (one prefix per bit below the hole's length).
TEST(AddressSet, Ipv6CoverIsExactAcrossTheHalves) {
  for (const char* hole : {"::/128", "::1/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "0:0:0:1::/64",
                           "ffff:ffff:ffff:ffff::/64", "2001:db8::/32", "8000::/1"}) {
    IpPrefix prefix = *IpPrefix::Parse(hole);
    AddressSet set = A("::/0").Subtract(AddressSet::Of(prefix));
    std::vector<IpPrefix> cover = set.ToPrefixes();
    EXPECT_EQ(cover.size(), static_cast<size_t>(prefix.length())) << hole;
    EXPECT_EQ(set.PrefixCount(), cover.size()) << hole;
    EXPECT_EQ(set.ToPrefixes(3),
              std::vector<IpPrefix>(cover.begin(), cover.begin() + std::min<size_t>(3, cover.size())));
    AddressSet rebuilt;
    for (const IpPrefix& p : cover) {
      EXPECT_FALSE(rebuilt.Intersects(AddressSet::Of(p))) << hole;
      rebuilt = rebuilt.Union(AddressSet::Of(p));
    }
    EXPECT_EQ(rebuilt, set) << hole;
  }
}

}  // namespace
}  // namespace sgscope
