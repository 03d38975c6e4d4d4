// Longest-prefix match over the routes of one table. Tables hold tens of routes, so a
// scan is both exact and fast; prefix-list destinations are expanded on the fly.

#include "engines/route_lookup.h"

namespace sgscope {

namespace {

// Length of the best match of `destination` against a route destination, or -1.
int MatchLength(const Network& network, const IpPrefix& prefix, const std::string& prefix_list_id,
                IpAddress destination) {
  if (prefix_list_id.empty()) return prefix.Contains(destination) ? prefix.length() : -1;
  const PrefixList* list = network.FindPrefixList(prefix_list_id);
  int best = -1;
  if (list)
    for (auto& c : list->cidrs)
      if (c.Contains(destination) && c.length() > best) best = c.length();
  return best;
}

// Ranks equal-length routes: local first, then static, then propagated.
int Preference(const Route& r) {
  if (r.target_kind == RouteTargetKind::kLocal) return 2;
  return r.propagated ? 0 : 1;
}

}  // namespace

const Route* LookupRoute(const Network& network, const RouteTable& table, IpAddress destination) {
  const Route* best = nullptr;
  int best_length = -1;
  for (auto& route : table.routes) {
    int length = MatchLength(network, route.destination, route.destination_prefix_list_id, destination);
    if (length < 0) continue;
    if (length > best_length || (length == best_length && Preference(route) > Preference(*best))) {
      best = &route;
      best_length = length;
    }
  }
  return best;
}

// Propagation from a VPC attachment installs the VPC's CIDR blocks as routes to it:
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html#tgw-route-propagation
// Snapshots list propagations but not always the resulting routes, so they are derived here.
TransitGatewayLookup LookupTransitGatewayRoute(const Network& network, const TransitGatewayRouteTable& table,
                                               IpAddress destination) {
  TransitGatewayLookup best;
  int best_length = -1;
  bool best_static = false;
  for (auto& route : table.routes) {
    int length = MatchLength(network, route.destination, route.destination_prefix_list_id, destination);
    bool is_static = !route.propagated;
    if (length < 0 || length < best_length || (length == best_length && (best_static || !is_static))) continue;
    best = {&route, route.blackhole ? "" : (route.attachment_ids.empty() ? "" : route.attachment_ids.front()),
            route.destination, route.blackhole};
    best_length = length, best_static = is_static;
  }
  for (auto& attachment_id : table.propagating_attachment_ids) {
    const TransitGatewayAttachment* a = network.FindTransitGatewayAttachment(attachment_id);
    const Vpc* vpc = a && a->resource_type == "vpc" ? network.FindVpc(a->resource_id) : nullptr;
    if (!vpc) continue;
    for (auto& cidr : vpc->cidrs)
      if (cidr.Contains(destination) && cidr.length() > best_length) {
        best = {nullptr, attachment_id, cidr, false};
        best_length = cidr.length(), best_static = false;
      }
  }
  return best;
}

}  // namespace sgscope
