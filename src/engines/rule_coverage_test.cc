// Unit tests for the coverage algebra: ports joining across rules, address blocks joining across
// /0 splits, IPv4 and IPv6 kept apart, protocol "all", ICMP type/code, prefix lists, group references.

#include "engines/rule_coverage.h"

#include <gtest/gtest.h>

#include <random>

namespace sgscope {
namespace {

IpPrefix P(const char* s) { return *IpPrefix::Parse(s); }

RuleTraffic Tcp(PortRange ports, std::vector<IpPrefix> addresses) {
  return {ProtocolSelector::Only(kProtoTcp), ports, {}, std::move(addresses)};
}
RuleTraffic Udp(PortRange ports, std::vector<IpPrefix> addresses) {
  return {ProtocolSelector::Only(kProtoUdp), ports, {}, std::move(addresses)};
}
RuleTraffic All(std::vector<IpPrefix> addresses) { return {ProtocolSelector::Any(), {}, {}, std::move(addresses)}; }
RuleTraffic Icmp(int type, int code, std::vector<IpPrefix> addresses) {
  return {ProtocolSelector::Only(kProtoIcmp), {}, {type, code}, std::move(addresses)};
}
RuleTraffic Group(const char* proto, PortRange ports, const char* group) {
  RuleTraffic r{*ProtocolSelector::Parse(proto), ports};
  r.group_id = group;
  return r;
}

bool Covered(const RuleTraffic& c, std::vector<RuleTraffic> others) { return IsCovered(c, others); }

TEST(RuleCoverage, NothingCoversNothing) {
  EXPECT_FALSE(Covered(Tcp({22, 22}, {P("10.0.0.0/8")}), {}));
}

TEST(RuleCoverage, AdjacentPortRangesJoin) {
  auto candidate = Tcp({1000, 2000}, {P("10.0.0.0/16")});
  EXPECT_TRUE(Covered(candidate, {Tcp({0, 1499}, {P("10.0.0.0/8")}), Tcp({1500, 65535}, {P("10.0.0.0/16")})}));
  // A one-port gap (1500) leaves a cell uncovered.
  EXPECT_FALSE(Covered(candidate, {Tcp({0, 1499}, {P("10.0.0.0/8")}), Tcp({1501, 65535}, {P("10.0.0.0/16")})}));
}

TEST(RuleCoverage, PortsAndAddressesMustBeCoveredTogether) {
  // Ports 1000-1499 are covered only for 10.0.0.0/17, the rest of the /16 only for 1500+.
  auto candidate = Tcp({1000, 2000}, {P("10.0.0.0/16")});
  EXPECT_FALSE(Covered(candidate, {Tcp({0, 1499}, {P("10.0.0.0/17")}), Tcp({1500, 65535}, {P("10.0.0.0/16")})}));
  EXPECT_TRUE(Covered(candidate, {Tcp({0, 1499}, {P("10.0.0.0/17")}), Tcp({0, 1499}, {P("10.0.128.0/17")}),
                                  Tcp({1500, 65535}, {P("10.0.0.0/16")})}));
}

TEST(RuleCoverage, ZeroSlashZeroSplitIntoHalves) {
  auto candidate = Tcp({443, 443}, {P("0.0.0.0/0")});
  EXPECT_TRUE(Covered(candidate, {Tcp({443, 443}, {P("0.0.0.0/1")}), Tcp({443, 443}, {P("128.0.0.0/1")})}));
  EXPECT_FALSE(Covered(candidate, {Tcp({443, 443}, {P("0.0.0.0/1")}), Tcp({443, 443}, {P("128.0.0.0/2")})}));
  auto v6 = Tcp({443, 443}, {P("::/0")});
  EXPECT_TRUE(Covered(v6, {Tcp({443, 443}, {P("::/1")}), Tcp({443, 443}, {P("8000::/1")})}));
  EXPECT_TRUE(Covered(v6, {Tcp({443, 443}, {P("8000::/1")}), Tcp({443, 443}, {P("::/1")})}));  // order free
}

TEST(RuleCoverage, Ipv4NeverCoversIpv6) {
  EXPECT_FALSE(Covered(Tcp({22, 22}, {P("2001:db8::/32")}), {All({P("0.0.0.0/0")})}));
  EXPECT_FALSE(Covered(Tcp({22, 22}, {P("10.0.0.0/8")}), {All({P("::/0")})}));
  EXPECT_TRUE(Covered(Tcp({22, 22}, {P("2001:db8::/32")}), {All({P("::/0")})}));
}

TEST(RuleCoverage, AllProtocolsCoverEveryProtocolButAreCoveredOnlyByAll) {
  EXPECT_TRUE(Covered(Udp({53, 53}, {P("10.0.0.0/8")}), {All({P("10.0.0.0/8")})}));
  EXPECT_TRUE(Covered(Icmp(8, 0, {P("10.0.0.0/8")}), {All({P("10.0.0.0/8")})}));
  auto all = All({P("10.0.0.0/8")});
  // TCP + UDP + ICMP on every port still leaves GRE (47) and every other protocol.
  EXPECT_FALSE(Covered(all, {Tcp(PortRange::All(), {P("10.0.0.0/8")}), Udp(PortRange::All(), {P("10.0.0.0/8")}),
                             Icmp(-1, -1, {P("10.0.0.0/8")})}));
  EXPECT_TRUE(Covered(all, {All({P("10.0.0.0/9")}), All({P("10.128.0.0/9")})}));
}

TEST(RuleCoverage, ProtocolWithoutPortsIsOneCell) {
  RuleTraffic gre{ProtocolSelector::Only(47), {1, 1}, {}, {P("10.0.0.0/8")}};  // ports ignored for 47
  RuleTraffic wide_gre{ProtocolSelector::Only(47), {}, {}, {P("10.0.0.0/8")}};
  EXPECT_TRUE(Covered(wide_gre, {gre}));
  EXPECT_FALSE(Covered(gre, {Tcp(PortRange::All(), {P("10.0.0.0/8")})}));
}

TEST(RuleCoverage, IcmpTypeAndCode) {
  auto echo = Icmp(8, 0, {P("10.0.0.0/8")});
  EXPECT_TRUE(Covered(echo, {Icmp(8, -1, {P("10.0.0.0/8")})}));
  EXPECT_TRUE(Covered(echo, {Icmp(-1, -1, {P("0.0.0.0/0")})}));
  EXPECT_FALSE(Covered(echo, {Icmp(8, 1, {P("10.0.0.0/8")})}));
  EXPECT_FALSE(Covered(echo, {Icmp(0, -1, {P("10.0.0.0/8")})}));
  EXPECT_FALSE(Covered(Icmp(8, -1, {P("10.0.0.0/8")}), {echo}));
  // All types are covered only when every type is: type 3 alone is not enough.
  EXPECT_FALSE(Covered(Icmp(-1, -1, {P("10.0.0.0/8")}), {Icmp(3, -1, {P("10.0.0.0/8")})}));
  // ICMP is not TCP even when the packed type/code equals a port number.
  EXPECT_FALSE(Covered(Icmp(8, 0, {P("10.0.0.0/8")}), {Tcp(PortRange::All(), {P("0.0.0.0/0")})}));
}

TEST(RuleCoverage, PrefixListsExpandAndUnknownListsAreNeverCovered) {
  RuleTraffic list = Tcp({443, 443}, {P("192.0.2.0/25"), P("198.51.100.0/24")});
  EXPECT_TRUE(Covered(list, {Tcp({443, 443}, {P("192.0.2.0/24")}), Tcp({443, 443}, {P("198.51.100.0/24")})}));
  EXPECT_FALSE(Covered(list, {Tcp({443, 443}, {P("192.0.2.0/24")})}));
  RuleTraffic unknown = Tcp({443, 443}, {});
  unknown.peer_known = false;
  EXPECT_FALSE(Covered(unknown, {All({P("0.0.0.0/0"), P("::/0")})}));
  // An unknown list in the other rules covers nothing.
  EXPECT_FALSE(Covered(Tcp({443, 443}, {P("192.0.2.0/24")}), {unknown}));
}

TEST(RuleCoverage, GroupReferencesAreSymbolic) {
  auto ref = Group("tcp", {5432, 5432}, "sg-app");
  EXPECT_TRUE(Covered(ref, {Group("tcp", {5000, 6000}, "sg-app")}));
  EXPECT_FALSE(Covered(ref, {Group("tcp", {5000, 6000}, "sg-other")}));
  // Members' current addresses do not count: a VPC-wide block is not enough.
  EXPECT_FALSE(Covered(ref, {Tcp({5432, 5432}, {P("10.0.0.0/8")})}));
  EXPECT_FALSE(Covered(ref, {Tcp({5432, 5432}, {P("0.0.0.0/0")})}));
  EXPECT_TRUE(Covered(ref, {Tcp({5432, 5432}, {P("0.0.0.0/0")}), Tcp({0, 65535}, {P("::/0")})}));
  // Part of the ports by the same group, the rest by everything.
  EXPECT_TRUE(Covered(Group("tcp", {5000, 6000}, "sg-app"),
                      {Group("tcp", {5000, 5500}, "sg-app"), All({P("0.0.0.0/0"), P("::/0")})}));
  // A group reference never covers addresses.
  EXPECT_FALSE(Covered(Tcp({5432, 5432}, {P("10.0.0.5/32")}), {Group("-1", {}, "sg-app")}));
}

TEST(RuleCoverage, HelpsCover) {
  EXPECT_TRUE(HelpsCover(Tcp({20, 30}, {P("10.0.0.0/8")}), Tcp({30, 40}, {P("10.1.0.0/16")})));
  EXPECT_FALSE(HelpsCover(Tcp({20, 30}, {P("10.0.0.0/8")}), Tcp({31, 40}, {P("10.1.0.0/16")})));
  EXPECT_FALSE(HelpsCover(Tcp({20, 30}, {P("10.0.0.0/8")}), Udp({20, 30}, {P("10.0.0.0/8")})));
  EXPECT_TRUE(HelpsCover(Icmp(8, 0, {P("10.2.0.0/16")}), All({P("10.0.0.0/8")})));
  EXPECT_FALSE(HelpsCover(All({P("10.0.0.0/8")}), All({P("::/0")})));
  EXPECT_TRUE(HelpsCover(Group("-1", {}, "sg-a"), All({P("::/0")})));
  EXPECT_FALSE(HelpsCover(All({P("::/0")}), Group("-1", {}, "sg-a")));  // references never cover addresses
  EXPECT_FALSE(HelpsCover(Group("-1", {}, "sg-a"), Group("-1", {}, "sg-b")));
}

// Brute force over a small universe, to check the algebra against enumeration. Rules use ports 0-8
// (or all), ICMP types/codes 0-2 (or -1), blocks inside 10.0.0.0/29 (or /0), protocols tcp, udp,
// icmp, 47 (or all); one extra point per axis (port 100, type/code 9, 11.0.0.0, protocol 50)
// stands for everything outside those bounds, where every rule behaves alike.
struct Universe {
  std::mt19937 rng{20261128};
  int Pick(int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); }

  RuleTraffic Random() {
    static const char* kProtocols[] = {"-1", "tcp", "udp", "icmp", "47"};
    RuleTraffic r{*ProtocolSelector::Parse(kProtocols[Pick(5)])};
    if (Pick(4) == 0) {
      r.ports = PortRange::All();
    } else {
      int a = Pick(9), b = Pick(9);
      r.ports = {static_cast<uint16_t>(std::min(a, b)), static_cast<uint16_t>(std::max(a, b))};
    }
    r.icmp.type = Pick(4) - 1;
    r.icmp.code = r.icmp.type < 0 ? -1 : Pick(4) - 1;
    for (int n = 1 + Pick(2); n > 0; --n) {
      if (Pick(6) == 0) {
        r.addresses.push_back(IpPrefix::AllV4());
      } else {
        IpAddress a = IpAddress::V4((10u << 24) | static_cast<uint32_t>(Pick(8)));
        r.addresses.push_back(IpPrefix(a, 29 + Pick(4)));
      }
    }
    return r;
  }

  static bool Admits(const RuleTraffic& r, int protocol, int port, int type, int code, IpAddress a) {
    if (!r.protocol.Matches(static_cast<uint8_t>(protocol))) return false;
    if (r.protocol.HasPorts() && !r.ports.Contains(static_cast<uint16_t>(port))) return false;
    if (r.protocol.HasIcmpTypes() && !r.icmp.Matches(static_cast<uint8_t>(type), static_cast<uint8_t>(code)))
      return false;
    for (auto& p : r.addresses)
      if (p.Contains(a)) return true;
    return false;
  }

  static bool BruteCovered(const RuleTraffic& c, const std::vector<RuleTraffic>& others) {
    std::vector<IpAddress> addresses{IpAddress::V4(11u << 24)};
    for (uint32_t i = 0; i < 8; ++i) addresses.push_back(IpAddress::V4((10u << 24) | i));
    for (int protocol : {1, 6, 17, 47, 50})
      for (int port : {0, 1, 2, 3, 4, 5, 6, 7, 8, 100})
        for (int type : {0, 1, 2, 9})
          for (int code : {0, 1, 2, 9})
            for (IpAddress a : addresses) {
              if (!Admits(c, protocol, port, type, code, a)) continue;
              bool any = false;
              for (auto& o : others) any = any || Admits(o, protocol, port, type, code, a);
              if (!any) return false;
            }
    return true;
  }
};

TEST(RuleCoverage, AgreesWithEnumerationOnRandomRules) {
  Universe u;
  int covered = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    RuleTraffic candidate = u.Random();
    std::vector<RuleTraffic> others;
    for (int n = u.Pick(7); n > 0; --n) others.push_back(u.Random());
    bool expected = Universe::BruteCovered(candidate, others);
    covered += expected;
    ASSERT_EQ(IsCovered(candidate, others), expected) << "trial " << trial;
  }
  EXPECT_GT(covered, 300);  // both answers are well exercised
}

}  // namespace
}  // namespace sgscope
