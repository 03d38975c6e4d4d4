// describe-vpn-connections: site-to-site VPN connections on a virtual private gateway or a
// transit gateway. With static routing, Routes are the on-premises prefixes the VPN
// carries; with BGP they are learned at run time and not in the snapshot.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kConnectionIgnored[] = {
    "Category", "CoreNetworkArn", "CoreNetworkAttachmentArn", "CustomerGatewayConfiguration", "CustomerGatewayId",
    "GatewayAssociationState", "PreSharedKeyArn", "Tags", "Type", "VgwTelemetry", "VpnConcentratorId"};
constexpr std::string_view kOptionsIgnored[] = {
    "EnableAcceleration", "LocalIpv4NetworkCidr", "LocalIpv6NetworkCidr", "OutsideIpAddressType",
    "RemoteIpv4NetworkCidr", "RemoteIpv6NetworkCidr", "TransportTransitGatewayAttachmentId", "TunnelBandwidth",
    "TunnelInsideIpVersion", "TunnelOptions"};
constexpr std::string_view kRouteIgnored[] = {"Source"};

// A static route; routes being deleted or deleted no longer carry traffic.
void LoadRoute(JsonCursor& c, VpnConnection& connection) {
  if (!c.ExpectObject()) return c.context().Skip("VPN route");
  std::optional<IpPrefix> cidr = ReadCidr(c, "DestinationCidrBlock", std::nullopt, Need::kRequired);
  std::optional<std::string_view> state = c.String("State");
  c.CheckFields("VpnStaticRoute", kRouteIgnored);
  if (!cidr) return c.context().Skip("VPN route");
  if (state != "deleting" && state != "deleted") connection.routes.push_back(*cidr);
}

void LoadVpnConnection(JsonCursor& c) {
  VpnConnection connection;
  if (!ReadItemId(c, "VpnConnectionId", connection.id, "VPN connection")) return;
  c.ReadString("VpnGatewayId", connection.vpn_gateway_id);
  c.ReadString("TransitGatewayId", connection.transit_gateway_id);
  c.ReadString("State", connection.state);
  c.Object("Options", [&](JsonCursor& options) {
    options.ReadBool("StaticRoutesOnly", connection.static_routes_only);
    options.CheckFields("VpnConnectionOptions", kOptionsIgnored);
  });
  c.ForEach("Routes", [&](JsonCursor& route) { LoadRoute(route, connection); });
  AddItem(c, "VpnConnection", kConnectionIgnored, std::move(connection), c.context().network().vpn_connections);
}

}  // namespace

void LoadVpnConnections(JsonCursor& list) { list.ForEachElement(LoadVpnConnection); }

}  // namespace sgscope::ingest
