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
  EXPECT_EQ(InterfaceOwnerKind(Eni("nat_gateway", "")), "nat-gateway");
  EXPECT_EQ(InterfaceOwnerKind(Eni("natGateway", "")), "nat-gateway");  // enum spelling, aws-semantics.md §5.2
  EXPECT_EQ(InterfaceOwnerKind(Eni("network_load_balancer", "ELB net/test-lb/1")), "load-balancer");
  EXPECT_EQ(InterfaceOwnerKind(Eni("interface", "ELB app/web/abc", true)), "load-balancer");
  EXPECT_EQ(InterfaceOwnerKind(Eni("interface", "ClientVPN Endpoint resource cvpn-endpoint-1", true)), "client-vpn");
  EXPECT_EQ(InterfaceOwnerKind(Eni("interface", "AWS created network interface for directory d-1", true)),
            "directory-service");
  EXPECT_EQ(InterfaceOwnerKind(Eni("interface", "RDSNetworkInterface", true)), "rds");
  EXPECT_EQ(InterfaceOwnerKind(Eni("interface", "something", true)), "other-managed");
  EXPECT_EQ(InterfaceOwnerKind(Eni("interface", "Primary network interface", false, "i-1")), "instance");
  EXPECT_EQ(InterfaceOwnerKind(Eni("interface", "")), "unattached");
}

}  // namespace
}  // namespace sgscope
