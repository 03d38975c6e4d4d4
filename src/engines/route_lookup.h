#pragma once
// Longest-prefix route lookup in a VPC route table or a transit gateway route table.

#include <functional>

#include "model/network.h"
#include "net/address_set.h"

namespace sgscope {

// The route a VPC route table uses for `destination`, or null. Prefix-list destinations
// count with the length of their longest matching entry; on equal length "local" wins,
// then static routes over propagated ones:
// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
const Route* LookupRoute(const Network& network, const RouteTable& table, IpAddress destination);

// The outcome of a transit gateway route lookup: the listed route (null when the match is a
// route derived from a propagating VPC attachment), the attachment it leads to, and whether
// it is a blackhole. `found()` is false when nothing matches.
struct TransitGatewayLookup {
  const TransitGatewayRoute* route = nullptr;
  std::string attachment_id;
  IpPrefix destination;
  bool blackhole = false;
  bool found() const { return route || !attachment_id.empty(); }
};

// Longest-prefix lookup over the table's routes and the routes its propagating VPC
// attachments install; static routes win over propagated ones of the same length.
TransitGatewayLookup LookupTransitGatewayRoute(const Network& network, const TransitGatewayRouteTable& table,
                                               IpAddress destination);

// Every destination address whose lookup in `table` ends on a route `chosen` accepts: the
// set-valued form of LookupRoute, used where all addresses are judged at once.
AddressSet DestinationsRoutedBy(const Network& network, const RouteTable& table,
                                const std::function<bool(const Route&)>& chosen);

}  // namespace sgscope
