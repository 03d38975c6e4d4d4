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

}  // namespace
}  // namespace sgscope
