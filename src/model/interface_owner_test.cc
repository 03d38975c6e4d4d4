#include "model/interface_owner.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

NetworkInterface Eni(std::string type, std::string description, bool managed = false, std::string instance = "") {
  NetworkInterface e;
  e.interface_type = std::move(type);
  e.description = std::move(description);
  e.requester_managed = managed;
  e.attached_instance_id = std::move(instance);
  return e;
}

TEST(InterfaceOwner, ByTypeThenDescription) {
  Network none;
  auto owner = [&](const NetworkInterface& e) { return InterfaceOwnerKind(none, e); };
  EXPECT_EQ(owner(Eni("nat_gateway", "")), "nat-gateway");
  EXPECT_EQ(owner(Eni("natGateway", "")), "nat-gateway");  // enum spelling, aws-semantics.md §5.2
  EXPECT_EQ(owner(Eni("network_load_balancer", "ELB net/test-lb/1")), "load-balancer");
  EXPECT_EQ(owner(Eni("interface", "ELB app/web/abc", true)), "load-balancer");
  EXPECT_EQ(owner(Eni("interface", "ClientVPN Endpoint resource cvpn-endpoint-1", true)), "client-vpn");
  EXPECT_EQ(owner(Eni("interface", "AWS created network interface for directory d-1", true)), "directory-service");
  EXPECT_EQ(owner(Eni("interface", "RDSNetworkInterface", true)), "rds");
  EXPECT_EQ(owner(Eni("interface", "something", true)), "other-managed");
  EXPECT_EQ(owner(Eni("interface", "Primary network interface", false, "i-1")), "instance");
  EXPECT_EQ(owner(Eni("interface", "")), "unattached");
}

// The snapshot's own links win over descriptions, which AWS does not document for Client VPN.
TEST(InterfaceOwner, ClientVpnByTargetNetworkAndDirectoryByControllerAddress) {
  Network n;
  ClientVpnTargetNetwork association;
  association.id = "cvpn-assoc-1", association.subnet_id = "subnet-1", association.security_group_ids = {"sg-vpn"};
  n.client_vpn_target_networks = {association};
  Directory directory;
  directory.id = "d-1", directory.dns_ips = {*IpAddress::Parse("10.0.2.10")};
  n.directories = {directory};
  n.Finalize();

  NetworkInterface vpn = Eni("interface", "", true);
  vpn.subnet_id = "subnet-1", vpn.group_ids = {"sg-vpn"};
  EXPECT_EQ(InterfaceOwnerKind(n, vpn), "client-vpn");
  vpn.group_ids = {"sg-other"};  // another service's interface in the same subnet
  EXPECT_EQ(InterfaceOwnerKind(n, vpn), "other-managed");

  NetworkInterface controller = Eni("interface", "", true);
  controller.ipv4 = {{*IpAddress::Parse("10.0.2.10"), true, std::nullopt, ""}};
  EXPECT_EQ(InterfaceOwnerKind(n, controller), "directory-service");
}

// An interface in `subnet` with `groups`, described `description`, with id `id`.
NetworkInterface ServiceEni(std::string id, std::string description, std::string subnet = "subnet-1",
                            std::vector<std::string> groups = {"sg-1"}) {
  NetworkInterface e = Eni("interface", std::move(description), true);
  e.id = std::move(id), e.subnet_id = std::move(subnet), e.group_ids = std::move(groups);
  return e;
}

void ExpectLink(const Network& n, const NetworkInterface& eni, std::string_view service, std::string_view resource) {
  InterfaceLink link = LinkedOwner(n, eni);
  ASSERT_NE(link.service, nullptr) << eni.id;
  EXPECT_EQ(link.service->id, service) << eni.id;
  EXPECT_EQ(link.resource_id, resource) << eni.id;
}

// EFS mount targets and Instance Connect Endpoints name their interfaces: the id decides, even
// against a description that says otherwise.
TEST(InterfaceOwner, EfsAndInstanceConnectByInterfaceId) {
  Network n;
  EfsMountTarget mount;
  mount.id = "fsmt-1", mount.network_interface_id = "eni-efs";
  n.efs_mount_targets = {mount};
  InstanceConnectEndpoint eice;
  eice.id = "eice-1", eice.network_interface_ids = {"eni-x", "eni-eice"};
  n.instance_connect_endpoints = {eice};
  n.Finalize();
  ExpectLink(n, ServiceEni("eni-efs", "ELB app/web/1"), "efs", "fsmt-1");
  ExpectLink(n, ServiceEni("eni-eice", ""), "ec2-instance-connect-endpoint", "eice-1");
  EXPECT_EQ(InterfaceOwnerKind(n, ServiceEni("eni-other", "")), "other-managed");
}

TEST(InterfaceOwner, LoadBalancerByNameInTheDescription) {
  Network n;
  LoadBalancer app, net, classic, other;
  const std::string arn = "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/";
  app.id = arn + "app/web/abc", app.name = "web", app.type = "application";
  net.id = arn + "net/web/def", net.name = "web", net.type = "network";
  classic.id = classic.name = "web", classic.type = "classic";
  other.id = other.name = "web2", other.type = "classic";
  n.load_balancers = {app, net, classic, other};
  n.Finalize();
  ExpectLink(n, ServiceEni("eni-1", "ELB app/web/abc"), "load-balancer", app.id);
  ExpectLink(n, ServiceEni("eni-2", "ELB net/web/def"), "load-balancer", net.id);
  ExpectLink(n, ServiceEni("eni-3", "ELB web"), "load-balancer", "web");
  ExpectLink(n, ServiceEni("eni-4", "ELB web2"), "load-balancer", "web2");
  // A load balancer the snapshot lacks: no link, but the description pattern still recognises it.
  NetworkInterface unknown = ServiceEni("eni-5", "ELB app/gone/123");
  EXPECT_EQ(LinkedOwner(n, unknown).service, nullptr);
  EXPECT_EQ(InterfaceOwnerKind(n, unknown), "load-balancer");
}

// RDS describes all its interfaces alike: the DB subnet group and a shared group pick the instance.
TEST(InterfaceOwner, RdsBySubnetGroupAndSecurityGroup) {
  Network n;
  RdsInstance a, b;
  a.id = "db-a", a.subnet_ids = {"subnet-1", "subnet-2"}, a.security_groups = {{"sg-a", "active"}};
  b.id = "db-b", b.subnet_ids = {"subnet-1"}, b.security_groups = {{"sg-b", "active"}};
  n.rds_instances = {a, b};
  n.Finalize();
  ExpectLink(n, ServiceEni("eni-1", "RDSNetworkInterface", "subnet-2", {"sg-a"}), "rds", "db-a");
  ExpectLink(n, ServiceEni("eni-2", "RDSNetworkInterface", "subnet-1", {"sg-x", "sg-b"}), "rds", "db-b");
  EXPECT_EQ(LinkedOwner(n, ServiceEni("eni-3", "RDSNetworkInterface", "subnet-2", {"sg-b"})).service, nullptr);
  EXPECT_EQ(LinkedOwner(n, ServiceEni("eni-4", "something else", "subnet-2", {"sg-a"})).service, nullptr);
}

// Function names may contain "-": the longest loaded name the description continues with "-" wins.
TEST(InterfaceOwner, LambdaByFunctionNameInTheDescription) {
  Network n;
  LambdaFunction f, g;
  f.id = "arn:aws:lambda:us-east-1:1:function:my-fn", f.name = "my-fn";
  g.id = "arn:aws:lambda:us-east-1:1:function:my-fn-2", g.name = "my-fn-2";
  n.lambda_functions = {f, g};
  n.Finalize();
  const std::string uuid = "-3e2c8a2b-9e0c-4d3f-8f9a-0e6b0f2b1c1d";
  ExpectLink(n, ServiceEni("eni-1", "AWS Lambda VPC ENI-my-fn" + uuid), "lambda", f.id);
  ExpectLink(n, ServiceEni("eni-2", "AWS Lambda VPC ENI-my-fn-2" + uuid), "lambda", g.id);
  EXPECT_EQ(LinkedOwner(n, ServiceEni("eni-3", "AWS Lambda VPC ENI-other" + uuid)).service, nullptr);
  EXPECT_EQ(LinkedOwner(n, ServiceEni("eni-4", "AWS Lambda VPC ENI-my-fn")).service, nullptr);
}

}  // namespace
}  // namespace sgscope
