// CarrierReach on the hand snapshot why_reach (tests/data/why/reach.test tells its story): which
// sources reach eni-c1 depends on the service (subnet A's ACL denies TCP from b2, not UDP), the
// internet never reaches an interface without a public address, routed space is taken as
// reaching, and a carrier without a route table is unknown rather than unreachable.

#include "engines/reachable_sources.h"

#include <gtest/gtest.h>

#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

AddressSet A(const char* prefix) { return AddressSet::Of(*IpPrefix::Parse(prefix)); }

struct WhyReach {
  Network n = LoadSnapshot(std::filesystem::path(SGSCOPE_SOURCE_DIR) / "tests/data/snapshots/why_reach");
  DeliveryTable delivery{n, "all"};
  CarrierReach reach{n, "sg-0e0000000000000c", {n.FindNetworkInterface("eni-0e000000000000c1")}, delivery};
};

std::vector<std::string> LabelsOf(const std::vector<const SourceReach*>& sources) {
  std::vector<std::string> out;
  for (auto* s : sources) out.push_back(s->label);
  return out;
}

TEST(CarrierReach, DependsOnTheService) {
  WhyReach f;
  ASSERT_TRUE(f.reach.known());
  PeerReach ssh = f.reach.For(A("10.50.2.0/24"), ServiceSet::Services(kProtoTcp, {22, 22}));
  EXPECT_EQ(ssh.reachable, A("10.50.2.10/32"));
  EXPECT_EQ(ssh.admitted_sources, A("10.50.2.10/31"));
  EXPECT_EQ(LabelsOf(ssh.unreached), std::vector<std::string>{"eni-0e000000000000b2"});
  PeerReach dns = f.reach.For(A("10.50.2.0/24"), ServiceSet::Services(kProtoUdp, {53, 53}));
  EXPECT_EQ(dns.reachable, A("10.50.2.10/31"));
  EXPECT_TRUE(dns.unreached.empty());
}

TEST(CarrierReach, InternetNeverReachesAPrivateOnlyInterfaceButRoutedSpaceIsAssumed) {
  WhyReach f;
  PeerReach all = f.reach.For(A("0.0.0.0/0"), ServiceSet::Services(kProtoTcp, {22, 22}));
  EXPECT_FALSE(all.reachable.Intersects(InternetSpace()));
  EXPECT_TRUE(all.reachable.Contains(A("172.16.0.0/12")));  // routed via tgw-0e1
  EXPECT_FALSE(all.only_interfaces);
  EXPECT_FALSE(all.reachable.Contains(A("10.50.1.20/32")));  // the sole carrier is not its own source
  std::vector<std::string> unreached = LabelsOf(all.unreached);
  EXPECT_NE(std::find(unreached.begin(), unreached.end(), "internet"), unreached.end());
}

TEST(CarrierReach, CarrierWithoutRouteTableIsUnknown) {
  Network n;
  NetworkInterface eni;
  eni.id = "eni-1", eni.subnet_id = "subnet-missing", eni.group_ids = {"sg-1"};
  eni.ipv4 = {{*IpAddress::Parse("10.0.0.1"), true, std::nullopt, ""}};
  n.network_interfaces = {eni};
  n.Finalize();
  EXPECT_FALSE(CarrierReach(n, "sg-1", {&n.network_interfaces[0]}, DeliveryTable(n, "all")).known());
}

}  // namespace
}  // namespace sgscope
