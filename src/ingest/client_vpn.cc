// describe-client-vpn-endpoints, -target-networks, -authorization-rules and -routes:
// a Client VPN endpoint and the three lists that hang off it, each a flat list naming
// its endpoint by ClientVpnEndpointId. `Routes` is also search-transit-gateway-routes'
// key; only elements that name a Client VPN endpoint are read here, the others stay
// "not modelled" as before.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ClientVpnEndpoint.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TargetNetwork.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizationRule.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ClientVpnRoute.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kEndpointIgnored[] = {
    "AuthenticationOptions", "ClientConnectOptions", "ClientLoginBannerOptions", "ClientRouteEnforcementOptions",
    "ConnectionLogOptions", "CreationTime", "DeletionTime", "Description", "DisconnectOnSessionTimeout", "DnsName",
    "SelfServicePortalUrl", "ServerCertificateArn", "SessionTimeoutHours", "Tags", "VpnProtocol"};
constexpr std::string_view kStatusIgnored[] = {"Message"};

// Status.Code of an item (shape `shape`), into `code`.
void ReadStatus(JsonCursor& c, std::string_view shape, std::string& code) {
  c.Object("Status", [&](JsonCursor& status) {
    status.ReadString("Code", code);
    status.CheckFields(shape, kStatusIgnored);
  });
}

void LoadEndpoint(JsonCursor& c) {
  ClientVpnEndpoint endpoint;
  if (!ReadItemId(c, "ClientVpnEndpointId", endpoint.id, "Client VPN endpoint")) return;
  c.ReadString("VpcId", endpoint.vpc_id);
  endpoint.client_cidr = ReadCidr(c, "ClientCidrBlock", std::nullopt);
  ReadStringList(c, "SecurityGroupIds", endpoint.security_group_ids);
  c.ReadBool("SplitTunnel", endpoint.split_tunnel);
  ReadStatus(c, "ClientVpnEndpointStatus", endpoint.status);
  c.ReadString("TransportProtocol", endpoint.transport_protocol);
  endpoint.vpn_port = c.Int("VpnPort");
  ReadAddressList(c, "DnsServers", endpoint.dns_servers);
  AddItem(c, "ClientVpnEndpoint", kEndpointIgnored, std::move(endpoint),
          c.context().network().client_vpn_endpoints);
}

void LoadTargetNetwork(JsonCursor& c) {
  ClientVpnTargetNetwork target;
  if (!ReadItemId(c, "AssociationId", target.id, "Client VPN target network")) return;
  c.ReadString("ClientVpnEndpointId", target.endpoint_id, Need::kRequired);
  c.ReadString("TargetNetworkId", target.subnet_id, Need::kRequired);
  c.ReadString("VpcId", target.vpc_id);
  ReadStringList(c, "SecurityGroups", target.security_group_ids);
  ReadStatus(c, "AssociationStatus", target.status);
  AddItem(c, "TargetNetwork", FieldList{}, std::move(target),
          c.context().network().client_vpn_target_networks);
}

// Rules and routes have no id of their own: the endpoint and the destination are required.
template <typename T>
bool ReadEndpointAndDestination(JsonCursor& c, T& item, std::string_view kind) {
  bool ok = c.ExpectObject() && c.ReadString("ClientVpnEndpointId", item.endpoint_id, Need::kRequired);
  if (ok) item.destination = ReadCidr(c, "DestinationCidr", std::nullopt, Need::kRequired);
  if (ok && item.destination) return true;
  c.context().Skip(kind);
  return false;
}

// The Description and Status every rule and route has, then AddItem.
template <typename T>
void AddEndpointItem(JsonCursor& c, std::string_view shape, std::string_view status_shape, T&& item,
                     std::vector<std::decay_t<T>>& out) {
  c.ReadString("Description", item.description);
  ReadStatus(c, status_shape, item.status);
  AddItem(c, shape, FieldList{}, std::forward<T>(item), out);
}

void LoadAuthorizationRule(JsonCursor& c) {
  ClientVpnAuthorizationRule rule;
  if (!ReadEndpointAndDestination(c, rule, "Client VPN authorization rule")) return;
  c.ReadString("GroupId", rule.group_id);
  c.ReadBool("AccessAll", rule.access_all);
  AddEndpointItem(c, "AuthorizationRule", "ClientVpnAuthorizationRuleStatus", std::move(rule),
                  c.context().network().client_vpn_authorization_rules);
}

void LoadRoute(JsonCursor& c) {
  ClientVpnRoute route;
  if (!ReadEndpointAndDestination(c, route, "Client VPN route")) return;
  c.ReadString("TargetSubnet", route.target_subnet_id);
  c.ReadString("Type", route.type);
  c.ReadString("Origin", route.origin);
  AddEndpointItem(c, "ClientVpnRoute", "ClientVpnRouteStatus", std::move(route),
                  c.context().network().client_vpn_routes);
}

bool NamesClientVpnEndpoint(simdjson::dom::element item) {
  return item.is_object() && item["ClientVpnEndpointId"].error() == simdjson::SUCCESS;
}

}  // namespace

void LoadClientVpnEndpoints(JsonCursor& list) { list.ForEachElement(LoadEndpoint); }
void LoadClientVpnTargetNetworks(JsonCursor& list) { list.ForEachElement(LoadTargetNetwork); }
void LoadClientVpnAuthorizationRules(JsonCursor& list) { list.ForEachElement(LoadAuthorizationRule); }

void LoadRoutes(JsonCursor& list) {
  simdjson::dom::array array;
  if (list.value().get_array().get(array) != simdjson::SUCCESS) return ReportNotModelled(list, "Routes", 1);
  size_t other = 0;
  for (simdjson::dom::element item : array) other += !NamesClientVpnEndpoint(item);
  if (other < array.size())
    list.ForEachElement([](JsonCursor& item) {
      if (NamesClientVpnEndpoint(item.value())) LoadRoute(item);
    });
  ReportNotModelled(list, "Routes", other);
}

}  // namespace sgscope::ingest
