// Loads real Batfish snapshots from ../shared/data (beside the repository; set
// SGSCOPE_SHARED_DATA to point elsewhere) and checks counts against
// shared/data/batfish/SOURCE.md and a few exact fields. Skipped when the data is absent.

#include "ingest/snapshot_loader.h"

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "ingest/snapshot_layout.h"
#include "ingest/test_support.h"

namespace sgscope {
namespace {

namespace fs = std::filesystem;

fs::path SharedData() {
  if (const char* env = std::getenv("SGSCOPE_SHARED_DATA")) return env;
  return fs::weakly_canonical(fs::path(__FILE__).parent_path() / "../../../shared/data");
}

fs::path BatfishAws() { return SharedData() / "batfish/projects/batfish/src/test/resources/org/batfish/representation/aws"; }

#define REQUIRE_DATA(path) \
  if (!fs::is_directory(path)) GTEST_SKIP() << "no test data at " << (path)

struct Counts {
  const char* snapshot;
  size_t groups, interfaces, acls, route_tables, subnets;
};

TEST(SnapshotLoaderTest, BatfishSnapshotCountsMatchTheirSource) {
  REQUIRE_DATA(BatfishAws());
  const Counts table[] = {
      {"test-public-subnet", 2, 1, 1, 2, 1},        {"test-public-private-subnet", 3, 2, 1, 2, 2},
      {"test-subnet", 3, 2, 1, 1, 1},               {"test-nat-gateway", 3, 4, 2, 3, 3},
      {"test-load-balancer", 3, 5, 1, 2, 3},        {"test-vpc-endpoint-interface", 2, 3, 2, 2, 2},
      {"test-vpc-endpoint-gateway", 2, 2, 2, 3, 2}, {"test-vpc-peering", 6, 3, 3, 3, 3},
      {"test-vpc-peering-multi-account", 4, 2, 0, 4, 2},
  };
  for (const Counts& c : table) {
    Network n = LoadSnapshot(BatfishAws() / c.snapshot);
    EXPECT_EQ(n.security_groups.size(), c.groups) << c.snapshot;
    EXPECT_EQ(n.network_interfaces.size(), c.interfaces) << c.snapshot;
    EXPECT_EQ(n.network_acls.size(), c.acls) << c.snapshot;
    EXPECT_EQ(n.route_tables.size(), c.route_tables) << c.snapshot;
    EXPECT_EQ(n.subnets.size(), c.subnets) << c.snapshot;
    EXPECT_EQ(n.diagnostics.count(Severity::kError), 0u) << c.snapshot << "\n" << ingest::testing::Diagnostics(n);
  }
}

TEST(SnapshotLoaderTest, PublicSubnetScenarioFields) {
  fs::path root = BatfishAws() / "test-public-subnet";
  REQUIRE_DATA(root);
  Network n = LoadSnapshot(root);
  const NetworkInterface* eni = n.FindNetworkInterface("eni-00064850627e198ee");
  ASSERT_NE(eni, nullptr);
  EXPECT_EQ(eni->attached_instance_id, "i-06669a407b2ef3ae5");
  EXPECT_EQ(eni->subnet_id, "subnet-0bb82ae8b3ea5dc78");
  EXPECT_EQ(eni->PrimaryIpv4(), IpAddress::Parse("10.0.0.91"));
  EXPECT_EQ(eni->PublicForPrivate(*IpAddress::Parse("10.0.0.91")), IpAddress::Parse("18.216.80.133"));
  EXPECT_EQ(n.FileOf(eni->source), "aws_configs/NetworkInterfaces.json");
  EXPECT_EQ(eni->source.path, "NetworkInterfaces[0]");

  const RouteTable* rt = n.RouteTableForSubnet(*n.FindSubnet("subnet-0bb82ae8b3ea5dc78"));
  ASSERT_NE(rt, nullptr);
  EXPECT_EQ(rt->id, "rtb-0489000c9e6c299e8");
  ASSERT_EQ(rt->routes.size(), 2u);
  EXPECT_EQ(rt->routes[1].destination, IpPrefix::AllV4());
  EXPECT_EQ(rt->routes[1].target_kind, RouteTargetKind::kInternetGateway);
  EXPECT_EQ(rt->routes[1].target_id, "igw-0a409e562d251f766");
  EXPECT_NE(n.FindInternetGateway("igw-0a409e562d251f766"), nullptr);
  EXPECT_EQ(n.instances.at(0).id, "i-06669a407b2ef3ae5");
}

TEST(SnapshotLoaderTest, HybridCloudNetwork) {
  fs::path root = SharedData() / "batfish/networks/hybrid-cloud-aws";
  REQUIRE_DATA(root);
  Network n = LoadSnapshot(root);
  EXPECT_EQ(n.security_groups.size(), 11u);
  EXPECT_EQ(n.network_interfaces.size(), 9u);
  EXPECT_EQ(n.network_acls.size(), 4u);
  EXPECT_EQ(n.route_tables.size(), 5u);
  EXPECT_EQ(n.subnets.size(), 10u);
  ASSERT_EQ(n.vpcs.size(), 4u);
  for (const Vpc& v : n.vpcs) EXPECT_EQ(v.region, "us-west-2");
  EXPECT_EQ(n.vpcs[0].account, n.vpcs[0].owner_id);  // the layout names no account

  const SecurityGroup* g = n.FindSecurityGroup("sg-331ad04e");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->name, "Arista Demo");
  ASSERT_GE(g->ingress.size(), 6u);
  EXPECT_TRUE(g->ingress[0].protocol.all);
  EXPECT_EQ(g->ingress[0].description, "ALL traffic within the VPC");
  EXPECT_EQ(g->ingress[5].ports, PortRange::Single(22));
  EXPECT_EQ(std::get<IpPrefix>(g->ingress[5].peer), IpPrefix::AllV4());
  EXPECT_EQ(g->ingress[5].source.path, "SecurityGroups[0].IpPermissions[1].IpRanges[4]");
  EXPECT_EQ(n.diagnostics.count(Severity::kError), 0u) << ingest::testing::Diagnostics(n);
}

TEST(SnapshotLoaderTest, AccountsLayoutNamesTheAccount) {
  fs::path root = BatfishAws() / "test-vpc-peering-multi-account";
  REQUIRE_DATA(root);
  Network n = LoadSnapshot(root);
  ASSERT_EQ(n.vpcs.size(), 2u);
  for (const Vpc& v : n.vpcs) {
    EXPECT_TRUE(v.account == "123456789012" || v.account == "123456789013") << v.account;
    EXPECT_EQ(v.region, "us-east-1");
  }
}

// Every diagnostic, in order, and where every rule and interface came from.
std::string Fingerprint(const Network& n) {
  std::string out = ingest::testing::Diagnostics(n);
  for (const SecurityGroup& g : n.security_groups)
    for (auto* rules : {&g.ingress, &g.egress})
      for (const SecurityGroupRule& r : *rules) out += g.id + " " + n.FileOf(r.source) + " " + r.source.path + "\n";
  for (const NetworkInterface& e : n.network_interfaces) out += e.id + " " + n.FileOf(e.source) + "\n";
  return out;
}

// Files load in parallel into partial networks; the result must be what loading them
// one by one in file order gives.
TEST(SnapshotLoaderTest, ParallelLoadEqualsLoadingFileByFile) {
  REQUIRE_DATA(BatfishAws());
  Network parallel = LoadSnapshot(BatfishAws());
  Network serial;
  Diagnostics listing;
  for (const ingest::SnapshotFile& file : ingest::ListSnapshotFiles(BatfishAws(), listing)) {
    std::ifstream in(file.path, std::ios::binary);
    std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LoadDocument(serial, file.name, json, file.account, file.region);
  }
  serial.Finalize();
  EXPECT_EQ(parallel.files, serial.files);
  EXPECT_EQ(parallel.diagnostics.skipped(), serial.diagnostics.skipped());
  EXPECT_EQ(Fingerprint(parallel), Fingerprint(serial));
  EXPECT_GT(parallel.security_groups.size(), 10u);
}

TEST(SnapshotLoaderTest, MissingFolderIsAnErrorAndAnEmptyNetwork) {
  Network n = LoadSnapshot("/nonexistent/sgscope/snapshot");
  EXPECT_EQ(n.diagnostics.count(Severity::kError), 1u);
  EXPECT_TRUE(n.files.empty());
  EXPECT_TRUE(n.vpcs.empty());
}

}  // namespace
}  // namespace sgscope
