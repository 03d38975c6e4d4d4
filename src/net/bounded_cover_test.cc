#include "net/bounded_cover.h"

#include <gtest/gtest.h>

#include <random>

namespace sgscope {
namespace {

IpAddress A(const char* text) { return *IpAddress::Parse(text); }
IpPrefix P(const char* text) { return *IpPrefix::Parse(text); }

uint64_t Size(const std::vector<IpPrefix>& blocks) {
  uint64_t total = 0;
  for (auto& b : blocks) total += uint64_t{1} << (32 - b.length());
  return total;
}

TEST(PrefixCover, OneBlockIsTheCommonPrefix) {
  std::vector<IpAddress> a{A("10.0.0.5"), A("10.0.0.9")};
  EXPECT_EQ(CoverAddresses(a, 1), std::vector<IpPrefix>{P("10.0.0.0/28")});
}

TEST(PrefixCover, EnoughBlocksGiveHosts) {
  std::vector<IpAddress> a{A("10.0.0.9"), A("10.0.0.5"), A("10.0.0.5")};
  EXPECT_EQ(CoverAddresses(a, 8), (std::vector<IpPrefix>{P("10.0.0.5/32"), P("10.0.0.9/32")}));
}

TEST(PrefixCover, SplitsWhereTheGapIsWidest) {
  // Two clusters far apart: two blocks cover each cluster tightly.
  std::vector<IpAddress> a{A("10.0.0.1"), A("10.0.0.2"), A("192.168.1.1"), A("192.168.1.3")};
  EXPECT_EQ(CoverAddresses(a, 2), (std::vector<IpPrefix>{P("10.0.0.0/30"), P("192.168.1.0/30")}));
}

TEST(PrefixCover, Ipv6) {
  std::vector<IpAddress> a{A("2001:db8::1"), A("2001:db8::ff")};
  EXPECT_EQ(CoverAddresses(a, 1), std::vector<IpPrefix>{P("2001:db8::/120")});
  std::vector<IpAddress> far{A("::1"), A("ffff::1")};
  EXPECT_EQ(CoverAddresses(far, 1), std::vector<IpPrefix>{P("::/0")});
}

TEST(PrefixCover, EmptyInput) { EXPECT_TRUE(CoverAddresses({}, 3).empty()); }

// Exhaustive search over every set of at most k blocks inside 10.0.0.0/28: the cover must be
// valid, exactly as small as the best one and, of those, use the fewest blocks.
std::pair<uint64_t, size_t> BestByExhaustion(const std::vector<IpAddress>& addresses, size_t k) {
  std::vector<IpPrefix> all;
  for (int length = 28; length <= 32; ++length)
    for (uint32_t v = 0; v < 16; v += 1u << (32 - length)) all.push_back(IpPrefix(IpAddress::V4(0x0A000000 + v), length));
  std::pair<uint64_t, size_t> best{UINT64_MAX, 0};
  std::vector<IpPrefix> chosen;
  auto covers = [&] {
    for (auto a : addresses)
      if (std::none_of(chosen.begin(), chosen.end(), [&](const IpPrefix& p) { return p.Contains(a); })) return false;
    return true;
  };
  auto search = [&](auto&& self, size_t from) -> void {
    if (covers()) best = std::min(best, {Size(chosen), chosen.size()});
    if (chosen.size() == k) return;
    for (size_t i = from; i < all.size(); ++i) {
      chosen.push_back(all[i]);
      self(self, i + 1);
      chosen.pop_back();
    }
  };
  search(search, 0);
  return best;
}

TEST(PrefixCover, OptimalAgainstExhaustiveSearch) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<IpAddress> addresses;
    for (int i = 0, n = 1 + rng() % 10; i < n; ++i) addresses.push_back(IpAddress::V4(0x0A000000 + rng() % 16));
    size_t k = 1 + rng() % 5;
    std::vector<IpPrefix> cover = CoverAddresses(addresses, k);
    ASSERT_LE(cover.size(), k);
    for (auto a : addresses)
      ASSERT_TRUE(std::any_of(cover.begin(), cover.end(), [&](const IpPrefix& p) { return p.Contains(a); }));
    ASSERT_EQ(std::make_pair(Size(cover), cover.size()), BestByExhaustion(addresses, k)) << "round " << round;
  }
}

TEST(PortCover, RunsAndGaps) {
  std::vector<uint16_t> ports{443, 80, 81, 82, 8080, 8443};
  EXPECT_EQ(CoverPorts(ports, 8), (std::vector<PortRange>{{80, 82}, {443, 443}, {8080, 8080}, {8443, 8443}}));
  // Three ranges: the narrowest gap (82..443, 360 ports) closes first, not 8080..8443 (362).
  EXPECT_EQ(CoverPorts(ports, 3), (std::vector<PortRange>{{80, 443}, {8080, 8080}, {8443, 8443}}));
  EXPECT_EQ(CoverPorts(ports, 1), (std::vector<PortRange>{{80, 8443}}));
  EXPECT_TRUE(CoverPorts({}, 2).empty());
}

TEST(PortCover, OptimalAgainstExhaustiveSearch) {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    std::vector<uint16_t> ports;
    for (int i = 0, n = 1 + rng() % 7; i < n; ++i) ports.push_back(static_cast<uint16_t>(rng() % 20));
    size_t k = 1 + rng() % 4;
    std::vector<PortRange> cover = CoverPorts(ports, k);
    ASSERT_LE(cover.size(), k);
    size_t total = 0;
    for (auto& r : cover) total += r.to - r.from + 1;
    for (auto p : ports)
      ASSERT_TRUE(std::any_of(cover.begin(), cover.end(), [&](const PortRange& r) { return r.Contains(p); }));
    // Best: over every set of ranges within 0..19 (a range is chosen by its bounds), by recursion.
    std::vector<uint16_t> sorted(ports);
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    auto best = [&](auto&& self, size_t from, size_t left) -> size_t {
      if (from == sorted.size()) return 0;
      if (left == 0) return SIZE_MAX / 2;
      size_t b = SIZE_MAX / 2;
      for (size_t to = from; to < sorted.size(); ++to)
        b = std::min(b, sorted[to] - sorted[from] + 1 + self(self, to + 1, left - 1));
      return b;
    };
    ASSERT_EQ(total, best(best, 0, k)) << "round " << round;
  }
}

}  // namespace
}  // namespace sgscope
