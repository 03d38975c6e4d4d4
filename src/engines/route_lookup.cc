// Longest-prefix match over the routes of one table. Tables hold tens of routes, so a
// scan is both exact and fast; prefix-list destinations are expanded on the fly.

#include "engines/route_lookup.h"

#include <algorithm>

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

AddressSet DestinationsRoutedBy(const Network& network, const RouteTable& table,
                                const std::function<bool(const Route&)>& chosen) {
  // Every (block, route) a lookup can end on, most specific first, in LookupRoute's tie order; a
  // block decides the addresses no earlier block took.
  struct Candidate {
    IpPrefix block;
    const Route* route;
  };
  std::vector<Candidate> candidates;
  for (auto& route : table.routes) {
    if (route.destination_prefix_list_id.empty()) {
      candidates.push_back({route.destination, &route});
    } else if (const PrefixList* list = network.FindPrefixList(route.destination_prefix_list_id)) {
      for (auto& c : list->cidrs) candidates.push_back({c, &route});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.block.length() != b.block.length()) return a.block.length() > b.block.length();
    return Preference(*a.route) > Preference(*b.route);
  });
  AddressSet taken, out;
  for (auto& c : candidates) {
    AddressSet block = AddressSet::Of(c.block).Subtract(taken);
    if (chosen(*c.route)) out = out.Union(block);
    taken = taken.Union(block);
  }
  return out;
}

}  // namespace sgscope
