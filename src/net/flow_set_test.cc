#include "net/flow_set.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

ProtocolSelector Proto(int n) {
  ProtocolSelector p;
  p.all = n < 0;
  p.number = static_cast<uint8_t>(n < 0 ? 0 : n);
  return p;
}

// A random box, and the same box as a predicate.
struct Box {
  ProtocolSelector protocol;
  PortRange ports;
  IcmpTypeCode icmp;
  IpPrefix peer;
  bool Contains(uint8_t p, uint16_t service, IpAddress a) const {
    if (!protocol.Matches(p) || !peer.Contains(a)) return false;
    PortRange range = protocol.all ? PortRange::All() : ServiceRange(p, ports, icmp);
    return range.Contains(service);
  }
};

TEST(FlowSet, ServiceAxisPerProtocol) {
  EXPECT_EQ(ServiceRange(kProtoTcp, {22, 22}, {}), PortRange::Single(22));
  EXPECT_EQ(ServiceRange(kProtoIcmp, {}, {8, -1}), (PortRange{0x800, 0x8ff}));
  EXPECT_EQ(ServiceRange(kProtoIcmp, {}, {3, 4}), PortRange::Single(0x304));
  EXPECT_EQ(ServiceRange(47, {22, 22}, {}), PortRange::All());  // GRE has no ports
  FlowSet ssh = FlowSet::Of(Proto(kProtoTcp), {22, 22}, {}, AddressSet::Of(*IpPrefix::Parse("10.0.0.0/8")));
  EXPECT_TRUE(ssh.At(kProtoTcp, 22).Contains(*IpAddress::Parse("10.1.2.3")));
  EXPECT_TRUE(ssh.At(kProtoTcp, 23).empty());
  EXPECT_TRUE(ssh.At(kProtoUdp, 22).empty());
  EXPECT_EQ(FlowSet::All().Subtract(FlowSet::All()), FlowSet());
  EXPECT_TRUE(FlowSet::All().Subtract(ssh).Union(ssh) == FlowSet::All());  // canonical after a round trip
}

// Union, intersection and difference agree with the predicates on random points.
TEST(FlowSet, AgreesWithBoxPredicates) {
  uint64_t seed = 11;
  auto next = [&] { return seed = seed * 6364136223846793005ull + 1442695040888963407ull, seed >> 33; };
  const int kProtos[] = {-1, kProtoTcp, kProtoUdp, kProtoIcmp, 47};
  const char* kPeers[] = {"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "192.0.2.0/24", "10.1.2.3/32"};
  auto random_box = [&] {
    Box b{Proto(kProtos[next() % 5]), {}, {}, *IpPrefix::Parse(kPeers[next() % 5])};
    uint16_t from = static_cast<uint16_t>(next() % 100);
    b.ports = {from, static_cast<uint16_t>(from + next() % 50)};
    b.icmp = {static_cast<int>(next() % 4) - 1, static_cast<int>(next() % 3) - 1};
    return b;
  };
  const char* kPoints[] = {"10.1.2.3", "10.1.9.9", "10.200.0.1", "192.0.2.55", "203.0.113.1"};
  for (int round = 0; round < 100; ++round) {
    std::vector<Box> a(3), b(3);
    FlowSet fa, fb;
    for (auto& box : a) box = random_box(), fa = fa.Union(FlowSet::Of(box.protocol, box.ports, box.icmp, AddressSet::Of(box.peer)));
    for (auto& box : b) box = random_box(), fb = fb.Union(FlowSet::Of(box.protocol, box.ports, box.icmp, AddressSet::Of(box.peer)));
    FlowSet u = fa.Union(fb), i = fa.Intersect(fb), d = fa.Subtract(fb);
    for (int k = 0; k < 200; ++k) {
      uint8_t p = static_cast<uint8_t>(kProtos[1 + next() % 4]);
      uint16_t service = static_cast<uint16_t>(next() % 160);
      if (p == kProtoIcmp) service = static_cast<uint16_t>((next() % 4) << 8 | (next() % 3));
      IpAddress addr = *IpAddress::Parse(kPoints[next() % 5]);
      bool in_a = std::any_of(a.begin(), a.end(), [&](auto& x) { return x.Contains(p, service, addr); });
      bool in_b = std::any_of(b.begin(), b.end(), [&](auto& x) { return x.Contains(p, service, addr); });
      ASSERT_EQ(u.At(p, service).Contains(addr), in_a || in_b);
      ASSERT_EQ(i.At(p, service).Contains(addr), in_a && in_b);
      ASSERT_EQ(d.At(p, service).Contains(addr), in_a && !in_b);
    }
  }
}

// One list of cells stands for every protocol not listed; equal sets must compare equal however
// they were built, protocol 255 (the one behind that list) included.
TEST(FlowSet, CanonicalWhicheverProtocolsAreListed) {
  AddressSet office = AddressSet::Of(*IpPrefix::Parse("192.0.2.0/24"));
  std::vector<FlowSet> each;
  for (int p = 0; p < 256; ++p) each.push_back(FlowSet::Of(Proto(p), PortRange::All(), {}, office));
  FlowSet all = FlowSet::Of(Proto(-1), PortRange::All(), {}, office);
  EXPECT_EQ(FlowSet::UnionOf(each), all);
  FlowSet without_255 = all.Subtract(each[255]);
  EXPECT_TRUE(without_255.At(255, 0).empty());
  EXPECT_TRUE(without_255.At(47, 0).Contains(*IpAddress::Parse("192.0.2.1")));
  EXPECT_EQ(without_255.Union(each[255]), all);
  EXPECT_EQ(all.Subtract(all), FlowSet());
  EXPECT_TRUE(FlowSet().empty());
  EXPECT_FALSE(each[255].empty());
}

// Intersects, RestrictAddresses and UnionOf agree with the operations they stand for.
TEST(FlowSet, ShortcutsAgreeWithTheOperations) {
  const int kProtos[] = {-1, kProtoTcp, kProtoUdp, kProtoIcmp, 47, 255};
  const char* kPeers[] = {"0.0.0.0/0", "10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32", "10.1.2.3/32"};
  uint64_t seed = 7;
  auto next = [&] { return seed = seed * 6364136223846793005ull + 1442695040888963407ull, seed >> 33; };
  auto random_set = [&] {
    uint16_t from = static_cast<uint16_t>(next() % 100);
    return FlowSet::Of(Proto(kProtos[next() % 6]), {from, static_cast<uint16_t>(from + next() % 50)},
                       {static_cast<int>(next() % 4) - 1, -1}, AddressSet::Of(*IpPrefix::Parse(kPeers[next() % 5])));
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<FlowSet> parts{random_set(), random_set(), random_set()};
    FlowSet a = parts[0].Union(parts[1]).Subtract(parts[2]), b = random_set().Union(random_set());
    EXPECT_EQ(a.Intersects(b), !a.Intersect(b).empty());
    AddressSet restrict_to = AddressSet::Of(*IpPrefix::Parse(kPeers[next() % 5]));
    EXPECT_EQ(a.RestrictAddresses(restrict_to),
              a.Intersect(FlowSet::Of(Proto(-1), PortRange::All(), {}, restrict_to)));
    EXPECT_EQ(FlowSet::UnionOf(parts), parts[0].Union(parts[1]).Union(parts[2]));
  }
}

}  // namespace
}  // namespace sgscope
