#include "net/service_set.h"

#include <gtest/gtest.h>

#include <random>

namespace sgscope {
namespace {

TEST(ServiceSet, RuleFieldsSelectTheirServices) {
  ServiceSet ssh = ServiceSet::Of(ProtocolSelector::Only(kProtoTcp), {22, 22}, {});
  EXPECT_TRUE(ssh.Contains(kProtoTcp, 22));
  EXPECT_FALSE(ssh.Contains(kProtoTcp, 23));
  EXPECT_FALSE(ssh.Contains(kProtoUdp, 22));
  EXPECT_TRUE(ServiceSet::Of(ProtocolSelector::Any(), {22, 22}, {}).is_all());  // "-1" ignores ports
  ServiceSet echo = ServiceSet::Of(ProtocolSelector::Only(kProtoIcmp), {}, {8, -1});
  EXPECT_TRUE(echo.Contains(kProtoIcmp, 8 << 8 | 3));
  EXPECT_FALSE(echo.Contains(kProtoIcmp, 0));
  ServiceSet gre = ServiceSet::Of(ProtocolSelector::Only(47), {22, 22}, {});  // no ports for GRE
  EXPECT_TRUE(gre.Contains(47, 0) && gre.Contains(47, 65535));
}

TEST(ServiceSet, Renders) {
  ServiceSet web = ServiceSet::Services(kProtoTcp, {80, 80}).Union(ServiceSet::Services(kProtoTcp, {443, 443}))
                       .Union(ServiceSet::Services(kProtoUdp, {53, 53}));
  EXPECT_EQ(web.ToString(), "tcp 80, 443; udp 53");
  EXPECT_EQ(ServiceSet().ToString(), "nothing");
  EXPECT_EQ(ServiceSet::All().ToString(), "all traffic");
  EXPECT_EQ(ServiceSet::All().Subtract(ServiceSet::Services(kProtoTcp, {22, 22})).ToString(),
            "all traffic except tcp 22");
  ServiceSet icmp = ServiceSet::Services(kProtoIcmp, {0x300, 0x5ff}).Union(ServiceSet::Services(kProtoIcmp, {0x800, 0x800}));
  EXPECT_EQ(icmp.ToString(), "icmp types 3-5, type 8 code 0");
  EXPECT_EQ(ServiceSet::Protocol(47).Union(ServiceSet::Protocol(50)).Union(ServiceSet::Protocol(51)).ToString(),
            "protocol 47; protocols 50-51");
  EXPECT_EQ(ServiceSet::Protocol(kProtoTcp).ToString(), "tcp all ports");
}

// The algebra agrees with membership predicates on random sets.
TEST(ServiceSet, AlgebraMatchesMembership) {
  std::mt19937 rng(7);
  auto random_set = [&] {
    ServiceSet s;
    for (int k = rng() % 4; k > 0; --k) {
      uint8_t p = std::vector<uint8_t>{kProtoTcp, kProtoUdp, kProtoIcmp, 47}[rng() % 4];
      uint16_t a = rng() % 200, b = a + rng() % 50;
      s = s.Union(ServiceSet::Services(p, {a, b}));
    }
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    ServiceSet a = random_set(), b = random_set();
    for (uint8_t p : {kProtoTcp, kProtoUdp, kProtoIcmp, uint8_t{47}})
      for (uint16_t s = 0; s < 260; ++s) {
        bool in_a = a.Contains(p, s), in_b = b.Contains(p, s);
        ASSERT_EQ(a.Union(b).Contains(p, s), in_a || in_b);
        ASSERT_EQ(a.Intersect(b).Contains(p, s), in_a && in_b);
        ASSERT_EQ(a.Subtract(b).Contains(p, s), in_a && !in_b);
        ASSERT_EQ(a.Complement().Contains(p, s), !in_a);
      }
    EXPECT_EQ(a.Subtract(b).Union(a.Intersect(b)), a);  // canonical
  }
}

}  // namespace
}  // namespace sgscope
