#include "engines/connection_table.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

using std::chrono::seconds;

IpAddress Ip(std::string_view s) { return *IpAddress::Parse(s); }

Packet Tcp(std::string_view src, uint16_t sport, std::string_view dst, uint16_t dport) {
  return {Ip(src), Ip(dst), kProtoTcp, sport, dport};
}

TEST(FlowKeyTest, BothDirectionsOfAFiveTupleShareAKey) {
  Packet p = Tcp("203.0.113.1", 50000, "10.0.1.10", 22);
  EXPECT_EQ(FlowKey::Of(p), FlowKey::Of(p.Reversed()));
  EXPECT_NE(FlowKey::Of(p), FlowKey::Of(Tcp("203.0.113.1", 50001, "10.0.1.10", 22)));
  Packet udp = p;
  udp.protocol = kProtoUdp;
  EXPECT_NE(FlowKey::Of(p), FlowKey::Of(udp));
}

TEST(FlowKeyTest, IcmpRepliesFileWithTheirRequestAndOtherProtocolsIgnorePorts) {
  Packet echo{Ip("203.0.113.1"), Ip("10.0.1.10"), kProtoIcmp, 0, 0, 8, 0};
  EXPECT_EQ(FlowKey::Of(echo), FlowKey::Of(echo.Reversed()));  // type 0 reply
  Packet timestamp = echo;
  timestamp.icmp_type = 13;
  EXPECT_NE(FlowKey::Of(echo), FlowKey::Of(timestamp));
  Packet gre{Ip("10.0.1.10"), Ip("203.0.113.1"), 47, 1, 2};
  Packet gre_back{Ip("203.0.113.1"), Ip("10.0.1.10"), 47, 7, 9};
  EXPECT_EQ(FlowKey::Of(gre), FlowKey::Of(gre_back));
}

TEST(ConnectionTableTest, FlowsArePerInterface) {
  ConnectionTable table;
  Packet p = Tcp("203.0.113.1", 50000, "10.0.1.10", 22);
  table.Start("eni-1", p, seconds(0), "sg-1[ingress #0]");
  ASSERT_NE(table.Find("eni-1", p.Reversed()), nullptr);
  EXPECT_EQ(table.Find("eni-1", p)->created_by, "sg-1[ingress #0]");
  EXPECT_EQ(table.Find("eni-2", p), nullptr);
}

TEST(ConnectionTableTest, IdleExpiryUsesTheInterfaceTimeoutOrTheDefault) {
  ConnectionTable table;
  Packet p = Tcp("203.0.113.1", 50000, "10.0.1.10", 22);
  const TrackedFlow& flow = table.Start("eni-1", p, seconds(10), "r");
  EXPECT_TRUE(flow.LiveAt(seconds(432009), {}));
  EXPECT_FALSE(flow.LiveAt(seconds(432010), {}));  // idle for the whole default timeout
  ConnectionTrackingTimeouts custom{seconds(60), std::nullopt, std::nullopt};
  EXPECT_EQ(flow.ExpiresAt(custom), seconds(70));
  EXPECT_EQ(flow.Timeout(custom).setting, "TcpEstablishedTimeout 60 s");
  EXPECT_EQ(flow.Timeout({}).setting, "TcpEstablishedTimeout 432000 s (default)");
}

TEST(ConnectionTableTest, RefreshMovesTheExpiryAndStartReplacesAnExpiredFlow) {
  ConnectionTable table;
  Packet p = Tcp("203.0.113.1", 50000, "10.0.1.10", 22);
  table.Start("eni-1", p, seconds(0), "old");
  EXPECT_EQ(table.Refresh("eni-1", p.Reversed(), seconds(100)).ExpiresAt({}), seconds(432100));
  const TrackedFlow& again = table.Start("eni-1", p, seconds(500000), "new");
  EXPECT_EQ(again.created, seconds(500000));
  EXPECT_EQ(again.created_by, "new");
}

// UdpTimeout until more than one request/response exchange, then UdpStreamTimeout.
TEST(ConnectionTableTest, UdpBecomesAStreamAfterTwoExchanges) {
  ConnectionTable table;
  Packet request{Ip("203.0.113.1"), Ip("10.0.1.10"), kProtoUdp, 5000, 53};
  ConnectionTrackingTimeouts t{std::nullopt, seconds(90), seconds(40)};
  table.Start("eni-1", request, seconds(0), "r");
  EXPECT_EQ(table.Refresh("eni-1", request.Reversed(), seconds(1)).Timeout(t).value, seconds(40));
  EXPECT_EQ(table.Refresh("eni-1", request, seconds(2)).Timeout(t).value, seconds(40));
  EXPECT_EQ(table.Refresh("eni-1", request, seconds(3)).Timeout(t).value, seconds(40));  // no new exchange
  EXPECT_EQ(table.Refresh("eni-1", request.Reversed(), seconds(4)).Timeout(t).value, seconds(90));
  EXPECT_EQ(table.Find("eni-1", request)->Timeout({}).setting, "UdpStreamTimeout 180 s (default)");
}

TEST(ConnectionTableTest, IcmpAndOtherProtocolTimeouts) {
  ConnectionTable table;
  Packet echo{Ip("203.0.113.1"), Ip("10.0.1.10"), kProtoIcmp, 0, 0, 8, 0};
  Packet gre{Ip("10.0.1.10"), Ip("203.0.113.1"), 47};
  EXPECT_EQ(table.Start("eni-1", echo, seconds(0), "r").Timeout({}).value, kAssumedIcmpTimeout);
  EXPECT_EQ(table.Start("eni-1", gre, seconds(0), "r").Timeout({}).value, seconds(600));
}

}  // namespace
}  // namespace sgscope
