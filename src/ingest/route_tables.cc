// describe-route-tables: routes with their destination and target, and the associations
// that say which subnets (or, for edge associations, which gateways) use the table and
// whether it is the VPC's main table.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html
// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html

#include <unordered_map>

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kTableIgnored[] = {"OwnerId", "PropagatingVgws", "Tags"};
constexpr std::string_view kAssociationIgnored[] = {"PublicIpv4Pool", "RouteTableAssociationId", "RouteTableId"};
constexpr std::string_view kRouteIgnored[] = {"InstanceOwnerId", "IpAddress"};

// Target members in order of precedence. A route to an instance shows both InstanceId and
// NetworkInterfaceId; the interface is the hop, so it comes first.
struct TargetField {
  std::string_view key;
  RouteTargetKind kind;
};
constexpr TargetField kTargets[] = {
    {"NetworkInterfaceId", RouteTargetKind::kNetworkInterface},
    {"InstanceId", RouteTargetKind::kInstance},
    {"GatewayId", RouteTargetKind::kUnknown},  // kind from the id's prefix
    {"NatGatewayId", RouteTargetKind::kNatGateway},
    {"TransitGatewayId", RouteTargetKind::kTransitGateway},
    {"VpcPeeringConnectionId", RouteTargetKind::kVpcPeering},
    {"EgressOnlyInternetGatewayId", RouteTargetKind::kEgressOnlyInternetGateway},
    {"LocalGatewayId", RouteTargetKind::kLocalGateway},
    {"CarrierGatewayId", RouteTargetKind::kCarrierGateway},
    {"CoreNetworkArn", RouteTargetKind::kCoreNetwork},
    {"OdbNetworkArn", RouteTargetKind::kUnknown},
};

// GatewayId holds "local", igw-, vgw- or vpce- (gateway endpoints, and Gateway Load
// Balancer endpoints, told apart later from describe-vpc-endpoints).
RouteTargetKind GatewayKind(std::string_view id) {
  struct Prefix {
    std::string_view prefix;
    RouteTargetKind kind;
  };
  static constexpr Prefix kPrefixes[] = {
      {"igw-", RouteTargetKind::kInternetGateway},   {"vgw-", RouteTargetKind::kVpnGateway},
      {"vpce-", RouteTargetKind::kGatewayEndpoint},  {"eigw-", RouteTargetKind::kEgressOnlyInternetGateway},
      {"nat-", RouteTargetKind::kNatGateway},        {"tgw-", RouteTargetKind::kTransitGateway},
      {"pcx-", RouteTargetKind::kVpcPeering},        {"lgw-", RouteTargetKind::kLocalGateway},
      {"cagw-", RouteTargetKind::kCarrierGateway},
  };
  if (id == "local") return RouteTargetKind::kLocal;
  for (const Prefix& p : kPrefixes)
    if (id.starts_with(p.prefix)) return p.kind;
  return RouteTargetKind::kUnknown;
}

// Reads every target member; the first present wins.
void ReadTarget(JsonCursor& c, Route& route) {
  int found = 0;
  for (const TargetField& t : kTargets) {
    std::optional<std::string_view> id = c.String(t.key);
    if (!id || found++) continue;
    route.target_id = *id;
    route.target_kind = t.key == "GatewayId" ? GatewayKind(*id) : t.kind;
  }
  bool instance_and_interface = c.Has("InstanceId") && c.Has("NetworkInterfaceId");
  if (found > 1 + instance_and_interface)
    c.Report(Severity::kWarning, "route has several targets; using " + route.target_id);
  if (found == 0) c.Report(Severity::kWarning, "route has no target sgscope knows; it matches as unknown");
  else if (route.target_kind == RouteTargetKind::kUnknown)
    c.Report(Severity::kWarning, "route target " + route.target_id + " is of a kind sgscope does not know");
}

// DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId.
bool ReadDestination(JsonCursor& c, Route& route) {
  int found = 0;
  std::optional<IpPrefix> cidr;
  if (c.Has("DestinationCidrBlock")) ++found, cidr = ReadCidr(c, "DestinationCidrBlock", IpFamily::kV4);
  if (c.Has("DestinationIpv6CidrBlock")) ++found, cidr = ReadCidr(c, "DestinationIpv6CidrBlock", IpFamily::kV6);
  if (c.ReadString("DestinationPrefixListId", route.destination_prefix_list_id)) ++found;
  if (found != 1) {
    c.Error(found == 0 ? "route has no destination" : "route has more than one destination");
    return false;
  }
  if (cidr) route.destination = *cidr;
  return cidr || !route.destination_prefix_list_id.empty();
}

void LoadRoute(JsonCursor& c, RouteTable& table) {
  Route route;
  if (!c.ExpectObject() || !ReadDestination(c, route)) return c.context().Skip("route");
  ReadTarget(c, route);
  route.blackhole = c.String("State") == "blackhole";
  route.propagated = c.String("Origin") == "EnableVgwRoutePropagation";
  AddItem(c, "Route", kRouteIgnored, std::move(route), table.routes);
}

// Associations in a state other than "associated" (associating, disassociating,
// disassociated, failed) do not route the subnet yet or any more.
void LoadAssociation(JsonCursor& c, RouteTable& table) {
  if (!c.ExpectObject()) return;
  bool main = false;
  c.ReadBool("Main", main);
  std::optional<std::string_view> subnet = c.String("SubnetId"), gateway = c.String("GatewayId");
  bool live = IsLiveState(c, "AssociationState", {"associated"});
  c.CheckFields("RouteTableAssociation", kAssociationIgnored);
  if (!live) return c.Report(Severity::kInfo, "association is not in state \"associated\"; ignored");
  table.is_main |= main;
  if (subnet) table.subnet_ids.emplace_back(*subnet);
  if (gateway) table.gateway_ids.emplace_back(*gateway);
}

void LoadRouteTable(JsonCursor& c) {
  RouteTable table;
  if (!ReadItemId(c, "RouteTableId", table.id, "route table")) return;
  c.ReadString("VpcId", table.vpc_id);
  c.ForEach("Associations", [&](JsonCursor& a) { LoadAssociation(a, table); });
  c.ForEach("Routes", [&](JsonCursor& r) { LoadRoute(r, table); });
  AddItem(c, "RouteTable", kTableIgnored, std::move(table), c.context().network().route_tables);
}

}  // namespace

void LoadRouteTables(JsonCursor& list) { list.ForEachElement(LoadRouteTable); }

void ResolveEndpointRouteTargets(Network& network) {
  std::unordered_map<std::string_view, bool> gwlb;
  for (const VpcEndpoint& e : network.vpc_endpoints) gwlb.emplace(e.id, e.type == "GatewayLoadBalancer");
  for (RouteTable& table : network.route_tables)
    for (Route& route : table.routes)
      if (route.target_kind == RouteTargetKind::kGatewayEndpoint) {
        auto it = gwlb.find(route.target_id);
        if (it != gwlb.end() && it->second) route.target_kind = RouteTargetKind::kGatewayLoadBalancerEndpoint;
      }
}

}  // namespace sgscope::ingest
