#include "net/ip_protocol.h"

#include <gtest/gtest.h>

#include "net/packet.h"
#include "net/port_range.h"

namespace sgscope {
namespace {

// aws-semantics.md §1.2: names or numbers, any case; -1 is all; only 1/6/17/58 have ports.
TEST(ProtocolSelector, EverySpelling) {
  EXPECT_EQ(*ProtocolSelector::Parse("tcp"), ProtocolSelector::Only(6));
  EXPECT_EQ(*ProtocolSelector::Parse("TCP"), ProtocolSelector::Only(6));
  EXPECT_EQ(*ProtocolSelector::Parse("6"), ProtocolSelector::Only(6));
  EXPECT_EQ(*ProtocolSelector::Parse("udp"), ProtocolSelector::Only(17));
  EXPECT_EQ(*ProtocolSelector::Parse("17"), ProtocolSelector::Only(17));
  EXPECT_EQ(*ProtocolSelector::Parse("icmp"), ProtocolSelector::Only(1));
  EXPECT_EQ(*ProtocolSelector::Parse("1"), ProtocolSelector::Only(1));
  EXPECT_EQ(*ProtocolSelector::Parse("icmpv6"), ProtocolSelector::Only(58));
  EXPECT_EQ(*ProtocolSelector::Parse("58"), ProtocolSelector::Only(58));
  EXPECT_EQ(*ProtocolSelector::Parse("-1"), ProtocolSelector::Any());
  EXPECT_EQ(*ProtocolSelector::Parse("47"), ProtocolSelector::Only(47));
  for (const char* bad : {"", "256", "-2", "tcpx", "6 ", "0x6"}) EXPECT_FALSE(ProtocolSelector::Parse(bad)) << bad;
}

TEST(ProtocolSelector, OnlyTcpUdpHavePortsAndOnlyIcmpHasTypes) {
  EXPECT_TRUE(ProtocolSelector::Only(6).HasPorts());
  EXPECT_TRUE(ProtocolSelector::Only(17).HasPorts());
  EXPECT_FALSE(ProtocolSelector::Only(47).HasPorts());  // "other numbers allow all ports"
  EXPECT_FALSE(ProtocolSelector::Any().HasPorts());
  EXPECT_TRUE(ProtocolSelector::Only(1).HasIcmpTypes());
  EXPECT_TRUE(ProtocolSelector::Only(58).HasIcmpTypes());
  EXPECT_TRUE(ProtocolSelector::Any().Matches(132));
  EXPECT_FALSE(ProtocolSelector::Only(6).Matches(17));
}

TEST(IcmpTypeCode, WildcardsAndExactMatches) {
  EXPECT_TRUE((IcmpTypeCode{-1, -1}).Matches(8, 0));
  EXPECT_TRUE((IcmpTypeCode{8, -1}).Matches(8, 5));
  EXPECT_FALSE((IcmpTypeCode{8, -1}).Matches(0, 0));
  EXPECT_TRUE((IcmpTypeCode{3, 4}).Matches(3, 4));
  EXPECT_FALSE((IcmpTypeCode{3, 4}).Matches(3, 3));
}

TEST(PortRange, ContainsAndText) {
  EXPECT_TRUE(PortRange::All().Contains(0));
  EXPECT_TRUE((PortRange{1024, 65535}).Contains(PortRange::Single(40000)));
  EXPECT_FALSE((PortRange{1024, 65535}).Contains(80));
  EXPECT_EQ((PortRange{22, 22}).ToString(), "22");
  EXPECT_EQ((PortRange{1024, 65535}).ToString(), "1024-65535");
  EXPECT_EQ(PortRange::All().ToString(), "all");
}

TEST(Packet, ReversalSwapsEndpointsAndAnswersEcho) {
  Packet p{*IpAddress::Parse("10.0.0.1"), *IpAddress::Parse("10.0.0.2"), kProtoTcp, 40000, 443};
  Packet r = p.Reversed();
  EXPECT_EQ(r.src, p.dst);
  EXPECT_EQ(r.src_port, 443);
  EXPECT_EQ(r.dst_port, 40000);
  Packet ping{p.src, p.dst, kProtoIcmp, 0, 0, 8, 0};
  EXPECT_EQ(ping.Reversed().icmp_type, 0);
  Packet ping6{*IpAddress::Parse("::1"), *IpAddress::Parse("::2"), kProtoIcmpv6, 0, 0, 128, 0};
  EXPECT_EQ(ping6.Reversed().icmp_type, 129);
}

TEST(Packet, OnlyIcmpRequestsHaveResponses) {
  Packet p{*IpAddress::Parse("10.0.0.1"), *IpAddress::Parse("10.0.0.2"), kProtoIcmp, 0, 0, 13, 0};
  EXPECT_TRUE(p.HasResponse());
  EXPECT_EQ(p.Reversed().icmp_type, 14);  // timestamp reply
  p.icmp_type = 3;                         // destination unreachable: nothing answers it
  EXPECT_FALSE(p.HasResponse());
  p.protocol = kProtoTcp;
  EXPECT_TRUE(p.HasResponse());
}

}  // namespace
}  // namespace sgscope
