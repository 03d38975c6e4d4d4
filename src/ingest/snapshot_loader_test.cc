// Loads real Batfish snapshots from ../shared/data (beside the repository; set
// SGSCOPE_SHARED_DATA to point elsewhere) and checks counts against
// shared/data/batfish/SOURCE.md and a few exact fields. Skipped when the data is absent.

#include "ingest/snapshot_loader.h"

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "ingest/snapshot_layout.h"
#include "ingest/test_support.h"
#include "model/interface_owner.h"

namespace sgscope {
namespace {

namespace fs = std::filesystem;

using ingest::testing::SharedData;

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

// Loads the named files of `dir` in place as one snapshot.
Network LoadFilesIn(const fs::path& dir, std::initializer_list<const char*> names) {
  Network n;
  for (const char* name : names) {
    std::ifstream in(dir / name, std::ios::binary);
    std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LoadDocument(n, name, json);
  }
  n.Finalize();
  return n;
}

TEST(SnapshotLoaderTest, ClientVpnExamplesOfTheAwsCli) {
  REQUIRE_DATA(SharedData() / "aws_cli_examples/ec2");
  Network n = LoadFilesIn(SharedData() / "aws_cli_examples",
      {"ec2/describe-client-vpn-endpoints.1.json", "ec2/describe-client-vpn-target-networks.1.json",
       "ec2/describe-client-vpn-authorization-rules.1.json", "ec2/describe-client-vpn-routes.1.json"});
  EXPECT_EQ(n.diagnostics.count(Severity::kError), 0u) << ingest::testing::Diagnostics(n);
  EXPECT_EQ(n.diagnostics.count(Severity::kInfo), 0u) << ingest::testing::Diagnostics(n);
  EXPECT_TRUE(n.diagnostics.skipped().empty());
  const std::string id = "cvpn-endpoint-123456789123abcde";
  const ClientVpnEndpoint* e = n.FindClientVpnEndpoint(id);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->client_cidr, IpPrefix::Parse("172.31.0.0/16"));
  EXPECT_EQ(e->vpc_id, "vpc-a87f92c1");
  EXPECT_EQ(e->security_group_ids, std::vector<std::string>{"sg-aabbcc11223344567"});
  EXPECT_FALSE(e->split_tunnel);
  EXPECT_EQ(e->status, "available");
  EXPECT_EQ(e->transport_protocol, "udp");
  EXPECT_EQ(e->vpn_port, 443);
  EXPECT_EQ(e->dns_servers, std::vector<IpAddress>{*IpAddress::Parse("8.8.8.8")});
  EXPECT_EQ(n.FileOf(e->source), "ec2/describe-client-vpn-endpoints.1.json");

  ASSERT_EQ(n.client_vpn_target_networks.size(), 1u);
  const ClientVpnTargetNetwork& t = n.client_vpn_target_networks[0];
  EXPECT_EQ(t.id, "cvpn-assoc-012e837060753dc3d");
  EXPECT_EQ(t.endpoint_id, id);
  EXPECT_EQ(t.subnet_id, "subnet-0123456789abcabca");
  EXPECT_EQ(t.vpc_id, "vpc-11111222222333333");
  EXPECT_EQ(t.security_group_ids, std::vector<std::string>{"sg-012345678910abcab"});
  EXPECT_EQ(t.status, "associating");

  ASSERT_EQ(n.client_vpn_authorization_rules.size(), 1u);
  const ClientVpnAuthorizationRule& r = n.client_vpn_authorization_rules[0];
  EXPECT_EQ(r.endpoint_id, id);
  EXPECT_EQ(r.destination, IpPrefix::AllV4());
  EXPECT_EQ(r.group_id, "");
  EXPECT_TRUE(r.access_all);
  EXPECT_EQ(r.status, "active");

  ASSERT_EQ(n.client_vpn_routes.size(), 2u);
  EXPECT_EQ(n.client_vpn_routes[0].destination, IpPrefix::Parse("10.0.0.0/16"));
  EXPECT_EQ(n.client_vpn_routes[0].origin, "associate");
  EXPECT_EQ(n.client_vpn_routes[0].description, "Default Route");
  EXPECT_EQ(n.client_vpn_routes[1].destination, IpPrefix::AllV4());
  EXPECT_EQ(n.client_vpn_routes[1].origin, "add-route");
  for (const ClientVpnRoute& route : n.client_vpn_routes) {
    EXPECT_EQ(route.target_subnet_id, "subnet-0123456789abcabca");
    EXPECT_EQ(route.type, "Nat");
    EXPECT_EQ(route.status, "active");
  }
  EXPECT_EQ(n.client_vpn_routes[1].source.path, "Routes[1]");
}

TEST(SnapshotLoaderTest, SharedDirectoryExampleOfTheAwsCli) {
  REQUIRE_DATA(SharedData() / "aws_cli_examples/ds");
  Network n = LoadFilesIn(SharedData() / "aws_cli_examples", {"ds/describe-directories.1.json"});
  EXPECT_EQ(n.diagnostics.count(Severity::kError), 0u) << ingest::testing::Diagnostics(n);
  EXPECT_EQ(n.diagnostics.count(Severity::kInfo), 0u) << ingest::testing::Diagnostics(n);
  // The owner's VPC is in another account: no dangling-reference warnings for it.
  EXPECT_EQ(n.diagnostics.count(Severity::kWarning), 0u) << ingest::testing::Diagnostics(n);
  const Directory* d = n.FindDirectory("d-a1b2c3d4e5");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "mydirectory.example.com");
  EXPECT_EQ(d->type, "SharedMicrosoftAD");
  EXPECT_EQ(d->edition, "Standard");
  EXPECT_EQ(d->stage, "Active");
  EXPECT_TRUE(d->dns_ips.empty());
  EXPECT_FALSE(d->vpc);
  EXPECT_FALSE(d->connector);
  EXPECT_EQ(d->owner_directory_id, "d-b2c3d4e5f6");
  EXPECT_EQ(d->owner_account_id, "123456789111");
  EXPECT_EQ(d->owner_dns_ips,
            (std::vector<IpAddress>{*IpAddress::Parse("203.113.0.248"), *IpAddress::Parse("203.113.0.253")}));
  ASSERT_TRUE(d->owner_vpc);
  EXPECT_EQ(d->owner_vpc->vpc_id, "vpc-a1b2c3d4");
  EXPECT_EQ(d->owner_vpc->subnet_ids, (std::vector<std::string>{"subnet-a1b2c3d4", "subnet-d4c3b2a1"}));
  EXPECT_EQ(d->owner_vpc->availability_zones, (std::vector<std::string>{"us-west-2a", "us-west-2c"}));
  EXPECT_EQ(d->owner_vpc->security_group_id, "");
}

// Batfish's RdsInstanceTest.json: the describe-db-instances shape, every field known.
TEST(SnapshotLoaderTest, BatfishRdsInstance) {
  REQUIRE_DATA(BatfishAws());
  Network n = LoadFilesIn(BatfishAws(), {"RdsInstanceTest.json"});
  EXPECT_EQ(n.diagnostics.count(Severity::kError) + n.diagnostics.count(Severity::kInfo), 0u)
      << ingest::testing::Diagnostics(n);
  const RdsInstance* db = n.FindRdsInstance("arn:aws:rds:us-west-2:1111111111:db:test-db");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->identifier, "test-db");
  EXPECT_EQ(db->engine, "mysql");
  EXPECT_EQ(db->status, "available");
  EXPECT_EQ(db->endpoint_address, "batfish-db.com");
  EXPECT_EQ(db->port, 3306);
  EXPECT_EQ(db->vpc_id, "vpc-1");
  EXPECT_EQ(db->subnet_ids, std::vector<std::string>{"subnet-1"});
  ASSERT_EQ(db->security_groups.size(), 1u);
  EXPECT_EQ(db->security_groups[0].group_id, "sg-12345");
  EXPECT_TRUE(db->publicly_accessible);
}

// Batfish's LoadBalancerTest.json (three load balancers, one failed, one with no zones) and
// LoadBalancerListenerTest.json (Batfish's per-load-balancer listener groups).
TEST(SnapshotLoaderTest, BatfishLoadBalancersAndListeners) {
  REQUIRE_DATA(BatfishAws());
  Network n = LoadFilesIn(BatfishAws(), {"LoadBalancerTest.json", "LoadBalancerListenerTest.json"});
  EXPECT_EQ(n.diagnostics.count(Severity::kError) + n.diagnostics.count(Severity::kInfo), 0u)
      << ingest::testing::Diagnostics(n);
  ASSERT_EQ(n.load_balancers.size(), 3u);
  const std::string arn = "arn:aws:elasticloadbalancing:us-east-2:554773406868:loadbalancer/net/lb-lb/6f57a43b75d8f2c1";
  const LoadBalancer* lb = n.FindLoadBalancer(arn);
  ASSERT_NE(lb, nullptr);
  EXPECT_EQ(lb->name, "lb-lb");
  EXPECT_EQ(lb->type, "network");
  EXPECT_EQ(lb->scheme, "internet-facing");
  EXPECT_EQ(lb->subnet_ids, (std::vector<std::string>{"subnet-01822d50b2db5a4a0", "subnet-09f78a95e9df6b959"}));
  EXPECT_EQ(n.FindLoadBalancer("arn-failed")->state, "failed");
  EXPECT_EQ(n.FindLoadBalancer("arn-application")->type, "application");
  auto listeners = n.ListenersOf(*lb);
  ASSERT_EQ(listeners.size(), 1u);
  EXPECT_EQ(listeners[0]->port, 80);
  EXPECT_EQ(listeners[0]->protocol, "TCP");
}

// Batfish test-load-balancer: both NLB interfaces ("ELB net/test-lb/725b996cb6be8fba") link to
// the load balancer of LoadBalancers.json, whose listener comes from LoadBalancerListeners.json.
TEST(SnapshotLoaderTest, BatfishLoadBalancerInterfacesLinkToTheirLoadBalancer) {
  REQUIRE_DATA(BatfishAws() / "test-load-balancer");
  Network n = LoadSnapshot(BatfishAws() / "test-load-balancer");
  const std::string arn =
      "arn:aws:elasticloadbalancing:us-east-2:554773406868:loadbalancer/net/test-lb/725b996cb6be8fba";
  const LoadBalancer* lb = n.FindLoadBalancer(arn);
  ASSERT_NE(lb, nullptr);
  EXPECT_EQ(n.ListenersOf(*lb).size(), 1u);
  for (const char* id : {"eni-01f261dccaba46564", "eni-0c82d6f7254ae6695"}) {
    const NetworkInterface* eni = n.FindNetworkInterface(id);
    ASSERT_NE(eni, nullptr) << id;
    InterfaceLink link = LinkedOwner(n, *eni);
    ASSERT_NE(link.service, nullptr) << id;
    EXPECT_EQ(link.service->id, "load-balancer");
    EXPECT_EQ(link.resource_id, arn);
  }
}

// cartography's LIST_LAMBDA_FUNCTIONS (boto3 list_functions payloads, SOURCE.md): 10 functions,
// 7 with an empty VpcConfig and 3 without one, so none is in a VPC; every field is a known one.
TEST(SnapshotLoaderTest, CartographyLambdaFunctionsAreOutsideVpcs) {
  const fs::path file = SharedData() / "cartography/tests/data/aws/lambda_function.json";
  REQUIRE_DATA(file.parent_path());
  simdjson::dom::parser parser;
  simdjson::dom::element functions;
  ASSERT_EQ(parser.load(file.string())["LIST_LAMBDA_FUNCTIONS"].get(functions), simdjson::SUCCESS);
  Network n;
  LoadDocument(n, "functions.json", "{\"Functions\":" + simdjson::to_string(functions) + "}");
  n.Finalize();
  EXPECT_TRUE(n.lambda_functions.empty());
  EXPECT_EQ(n.diagnostics.skipped().at("Lambda function outside a VPC"), 10u);
  ASSERT_EQ(n.diagnostics.items().size(), 1u) << ingest::testing::Diagnostics(n);
  EXPECT_NE(n.diagnostics.items()[0].message.find("not in a VPC"), std::string::npos);
}

// Every diagnostic, in order, and where every rule and interface came from.
std::string Fingerprint(const Network& n) {
  std::string out = ingest::testing::Diagnostics(n);
  for (const SecurityGroup& g : n.security_groups)
    for (auto* rules : {&g.ingress, &g.egress})
      for (const SecurityGroupRule& r : *rules) out += g.id + " " + n.FileOf(r.source) + " " + r.source.path + "\n";
  for (const NetworkInterface& e : n.network_interfaces) out += e.id + " " + n.FileOf(e.source) + "\n";
  for (const RdsInstance& db : n.rds_instances) out += db.id + " " + n.FileOf(db.source) + "\n";
  for (const LoadBalancer& lb : n.load_balancers) out += lb.id + " " + n.FileOf(lb.source) + "\n";
  for (const LoadBalancerListener& l : n.load_balancer_listeners) out += l.id + " " + n.FileOf(l.source) + "\n";
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

// Cartography's test data keeps describe-network-interfaces output under a Python constant's name;
// wrapped in the AWS key it loads as is, and its Classic ELB interface ("ELB new-life-001",
// RequesterId amazon-elb, InterfaceType "interface") is attributed to the load balancer.
TEST(SnapshotLoaderTest, CartographyInterfacesAreAttributed) {
  fs::path file = SharedData() / "cartography/tests/data/aws/ec2/network_interfaces.json";
  REQUIRE_DATA(file.parent_path());
  std::ifstream in(file, std::ios::binary);
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string constant = "\"DESCRIBE_NETWORK_INTERFACES\"";
  ASSERT_NE(json.find(constant), std::string::npos);
  json.replace(json.find(constant), constant.size(), "\"NetworkInterfaces\"");
  Network n = ingest::testing::Load(json);
  ASSERT_EQ(n.network_interfaces.size(), 3u) << ingest::testing::Diagnostics(n);
  const NetworkInterface* elb = n.FindNetworkInterface("eni-0d9877f559c240362");
  ASSERT_NE(elb, nullptr);
  EXPECT_EQ(InterfaceOwnerKind(n, *elb), "load-balancer");
  EXPECT_EQ(InterfaceOwnerKind(n, *n.FindNetworkInterface("eni-0e106a07c15ff7d14")), "instance");
}

}  // namespace
}  // namespace sgscope
