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
  return AuthorizeClientVpn(n, n.client_vpn_endpoints.front(), Ip(destination), group).allowed;
}

TEST(ClientVpnAuthorization, LongestPrefixHidesTheCatchAllForOtherGroups) {
  Network n = DocExample();
  // "Group 1 has access to 10.1.0.0/16 only, and Group 2 has access to 172.131.0.0/16 only."
  EXPECT_TRUE(Allowed(n, "10.1.2.3", "group-1"));
  EXPECT_FALSE(Allowed(n, "10.1.2.3", "group-2"));
  EXPECT_TRUE(Allowed(n, "172.131.0.9", "group-2"));
  EXPECT_FALSE(Allowed(n, "172.131.0.9", "group-1"));
  // "Group 3 does not have access to 10.1.0.0/16 or 172.131.0.0/16, but it has access to all other networks."
  EXPECT_FALSE(Allowed(n, "10.1.2.3", "group-3"));
  EXPECT_FALSE(Allowed(n, "172.131.0.9", "group-3"));
  EXPECT_TRUE(Allowed(n, "8.8.8.8", "group-3"));
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
  auto in_admin_net = AuthorizeClientVpn(n, n.client_vpn_endpoints.front(), Ip("10.0.5.9"), "");
  EXPECT_FALSE(in_admin_net.allowed);  // the /24 for admins hides the /16 granted to everybody
  ASSERT_TRUE(in_admin_net.decisive_prefix);
  EXPECT_EQ(in_admin_net.decisive_prefix->ToString(), "10.0.5.0/24");
  EXPECT_EQ(in_admin_net.rules.size(), 1u);
  EXPECT_TRUE(Allowed(n, "10.0.5.9", "admins"));
  EXPECT_TRUE(Allowed(n, "10.0.6.9", "anyone"));  // a revoking rule decides nothing
  EXPECT_FALSE(Allowed(n, "10.1.0.1", "admins")); // no rule: default deny
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
  EXPECT_EQ(LookupClientVpnRoute(n, e, Ip("10.0.9.1"))->target_subnet_id, "subnet-a");
  EXPECT_EQ(LookupClientVpnRoute(n, e, Ip("1.1.1.1"))->target_subnet_id, "subnet-b");
  n.client_vpn_routes.pop_back(), n.client_vpn_routes.pop_back();
  EXPECT_EQ(LookupClientVpnRoute(n, e, Ip("1.1.1.1")), nullptr);
  EXPECT_EQ(ClientVpnEndpointFor(n, Ip("10.200.3.4")), &e);
  EXPECT_EQ(ClientVpnEndpointFor(n, Ip("10.204.0.1")), nullptr);
}

}  // namespace
}  // namespace sgscope
