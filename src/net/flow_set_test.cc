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

}  // namespace
}  // namespace sgscope
