#include "engines/client_vpn_path.h"

#include <gtest/gtest.h>

namespace sgscope {
namespace {

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

ClientVpnAuthorizationRule Rule(const char* cidr, const char* group, std::string status = "active") {
  ClientVpnAuthorizationRule r;
  r.endpoint_id = "cvpn-endpoint-1";
  r.destination = IpPrefix::Parse(cidr);
  r.group_id = group;
  r.access_all = std::string(group).empty();
  r.status = std::move(status);
  return r;
}

ClientVpnEndpoint Endpoint() {
  ClientVpnEndpoint e;
  e.id = "cvpn-endpoint-1";
  e.client_cidr = IpPrefix::Parse("10.200.0.0/22");
  return e;
}

// The five rules of AWS's troubleshooting page, in its creation order:
// https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/ad-group-auth-rules.html
Network DocExample() {
  Network n;
  n.client_vpn_endpoints = {Endpoint()};
  n.client_vpn_authorization_rules = {Rule("10.1.0.0/16", "group-1"), Rule("0.0.0.0/0", "group-1"),
                                      Rule("0.0.0.0/0", "group-2"), Rule("0.0.0.0/0", "group-3"),
                                      Rule("172.131.0.0/16", "group-2")};
  n.Finalize();
  return n;
}

bool Allowed(const Network& n, const char* destination, const char* group) {
  std::vector<std::string> groups;
  if (*group) groups.push_back(group);
  return AuthorizeClientVpn(n, n.client_vpn_endpoints.front(), Ip(destination), groups).allowed;
}

TEST(ClientVpnAuthorization, LongestPrefixHidesTheCatchAllForOtherGroups) {
  Network n = DocExample();
  // Of the two /16 networks, "Group 1 has access to 10.1.0.0/16 only, and Group 2 has access to
  // 172.131.0.0/16 only": each /16 rule hides the other group's 0.0.0.0/0 grant there.
  EXPECT_TRUE(Allowed(n, "10.1.2.3", "group-1"));
  EXPECT_FALSE(Allowed(n, "10.1.2.3", "group-2"));
  EXPECT_TRUE(Allowed(n, "172.131.0.9", "group-2"));
  EXPECT_FALSE(Allowed(n, "172.131.0.9", "group-1"));
  // "Group 3 does not have access to 10.1.0.0/16 or 172.131.0.0/16, but it has access to all other networks."
  EXPECT_FALSE(Allowed(n, "10.1.2.3", "group-3"));
  EXPECT_FALSE(Allowed(n, "172.131.0.9", "group-3"));
  EXPECT_TRUE(Allowed(n, "8.8.8.8", "group-3"));
  // Elsewhere only 0.0.0.0/0 matches, and rules 2 and 3 grant it to groups 1 and 2 as well.
  EXPECT_TRUE(Allowed(n, "8.8.8.8", "group-1"));
  // A client in none of the groups gets nothing: the default is deny.
  EXPECT_FALSE(Allowed(n, "8.8.8.8", ""));
}

TEST(ClientVpnAuthorization, WithoutTheSpecificRulesEveryGroupReachesEverything) {
  Network n = DocExample();
  auto& rules = n.client_vpn_authorization_rules;
  std::erase_if(rules, [](auto& r) { return r.destination->length() == 16; });  // "If you remove Rules 1 and 5"
  for (const char* group : {"group-1", "group-2", "group-3"}) {
    EXPECT_TRUE(Allowed(n, "10.1.2.3", group)) << group;
    EXPECT_TRUE(Allowed(n, "172.131.0.9", group)) << group;
  }
}

TEST(ClientVpnAuthorization, AccessAllAndDecisiveRulesAreReported) {
  Network n;
  n.client_vpn_endpoints = {Endpoint()};
  n.client_vpn_authorization_rules = {Rule("10.0.0.0/16", ""), Rule("10.0.5.0/24", "admins"),
                                      Rule("10.0.6.0/24", "", "revoking")};
  n.Finalize();
  auto in_admin_net = AuthorizeClientVpn(n, n.client_vpn_endpoints.front(), Ip("10.0.5.9"), {});
  EXPECT_FALSE(in_admin_net.allowed);  // the /24 for admins hides the /16 granted to everybody
  ASSERT_TRUE(in_admin_net.decisive_prefix);
  EXPECT_EQ(in_admin_net.decisive_prefix->ToString(), "10.0.5.0/24");
  EXPECT_EQ(in_admin_net.rules.size(), 1u);
  EXPECT_TRUE(Allowed(n, "10.0.5.9", "admins"));
  EXPECT_TRUE(Allowed(n, "10.0.6.9", "anyone"));  // a revoking rule decides nothing
  EXPECT_FALSE(Allowed(n, "10.1.0.1", "admins")); // no rule: default deny
  // A client in several groups is allowed when any of them is granted.
  EXPECT_TRUE(AuthorizeClientVpn(n, n.client_vpn_endpoints.front(), Ip("10.0.5.9"), {"staff", "admins"}).allowed);
}

TEST(ClientVpnRoutes, LongestPrefixThenFirstSubnet) {
  Network n;
  n.client_vpn_endpoints = {Endpoint()};
  auto route = [](const char* cidr, const char* subnet, const char* status = "active") {
    ClientVpnRoute r;
    r.endpoint_id = "cvpn-endpoint-1", r.destination = IpPrefix::Parse(cidr), r.target_subnet_id = subnet;
    r.status = status;
    return r;
  };
  n.client_vpn_routes = {route("10.0.0.0/16", "subnet-b"), route("10.0.0.0/16", "subnet-a"),
                         route("0.0.0.0/0", "subnet-b"), route("10.0.9.0/24", "subnet-c", "failed")};
  n.Finalize();
  const ClientVpnEndpoint& e = n.client_vpn_endpoints.front();
  auto redundant = LookupClientVpnRoutes(n, e, Ip("10.0.9.1"));  // the failed /24 decides nothing
  ASSERT_EQ(redundant.size(), 2u);
  EXPECT_EQ(redundant[0]->target_subnet_id, "subnet-a");
  EXPECT_EQ(redundant[1]->target_subnet_id, "subnet-b");
  EXPECT_EQ(LookupClientVpnRoutes(n, e, Ip("1.1.1.1")).front()->target_subnet_id, "subnet-b");
  n.client_vpn_routes.pop_back(), n.client_vpn_routes.pop_back();
  EXPECT_TRUE(LookupClientVpnRoutes(n, e, Ip("1.1.1.1")).empty());
}

TEST(ClientVpnEndpoints, OverlappingClientCidrsAndHostAddresses) {
  Network n;
  ClientVpnEndpoint second = Endpoint(), deleted = Endpoint();
  second.id = "cvpn-endpoint-2", deleted.id = "cvpn-endpoint-3", deleted.status = "deleted";
  n.client_vpn_endpoints = {Endpoint(), second, deleted};
  n.Finalize();
  EXPECT_EQ(ClientVpnEndpointsFor(n, Ip("10.200.3.4")).size(), 2u);  // the deleted one is not a candidate
  EXPECT_TRUE(ClientVpnEndpointsFor(n, Ip("10.204.0.1")).empty());
  EXPECT_EQ(ClientVpnHost(*IpPrefix::Parse("10.200.0.0/22"), 1), Ip("10.200.0.1"));
  EXPECT_EQ(ClientVpnHost(*IpPrefix::Parse("10.200.0.7/32"), 2), Ip("10.200.0.7"));
  EXPECT_EQ(ClientVpnHost(*IpPrefix::Parse("fd00:1::/64"), 1), Ip("fd00:1::1"));
}

// The association's interface is found only when it can carry traffic, and otherwise the reason
// names what is missing.
TEST(ClientVpnInterfaces, AssociationStatusGroupsAndAddresses) {
  Network n;
  n.client_vpn_endpoints = {Endpoint()};
  ClientVpnTargetNetwork association;
  association.id = "cvpn-assoc-1", association.endpoint_id = "cvpn-endpoint-1", association.subnet_id = "subnet-1";
  association.security_group_ids = {"sg-default"}, association.status = "associating";
  n.client_vpn_target_networks = {association};
  Subnet subnet;
  subnet.id = "subnet-1";
  n.subnets = {subnet};
  NetworkInterface endpoint_eni, endpoint_in_the_same_group;
  endpoint_eni.id = "eni-2", endpoint_eni.subnet_id = "subnet-1", endpoint_eni.requester_managed = true;
  endpoint_eni.group_ids = {"sg-default"}, endpoint_eni.description = "ClientVPN Endpoint resource";
  endpoint_in_the_same_group = endpoint_eni;
  endpoint_in_the_same_group.id = "eni-1", endpoint_in_the_same_group.interface_type = "vpc_endpoint";
  endpoint_in_the_same_group.description = "VPC Endpoint Interface vpce-1";
  n.network_interfaces = {endpoint_eni, endpoint_in_the_same_group};
  n.Finalize();
  const ClientVpnEndpoint& e = n.client_vpn_endpoints.front();
  EXPECT_EQ(ClientVpnInterfaceIn(n, e, "subnet-1").problem, "its association cvpn-assoc-1 in subnet-1 is associating");
  EXPECT_EQ(ClientVpnInterfaceIn(n, e, "subnet-9").problem.rfind("the endpoint has no target network association", 0), 0u);
  n.client_vpn_target_networks[0].status = "associated";
  EXPECT_EQ(ClientVpnInterfaceIn(n, e, "subnet-1").problem, "its interface eni-2 has no IPv4 address");
  n.network_interfaces[1].ipv4 = {{Ip("10.0.0.5"), true, std::nullopt, ""}};  // eni-2 after sorting
  ClientVpnInterface found = ClientVpnInterfaceIn(n, e, "subnet-1");
  ASSERT_NE(found.eni, nullptr) << found.problem;
  EXPECT_EQ(found.eni->id, "eni-2");  // eni-1 shares the default group but is an interface endpoint
  EXPECT_EQ(ClientVpnEndpointOfInterface(n, n.network_interfaces[0]), nullptr);
  EXPECT_EQ(ClientVpnEndpointOfInterface(n, n.network_interfaces[1]), &e);
}

}  // namespace
}  // namespace sgscope
