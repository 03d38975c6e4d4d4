// Appending a partial Network: each resource vector in turn. A new member of Network
// must be added to AppendPart, or items of that kind would be lost when loading a folder
// (the snapshot loader test compares LoadSnapshot with loading file by file).

#include "ingest/partial_network.h"

#include <iterator>

namespace sgscope::ingest {

namespace {

template <typename T>
void Append(std::vector<T>& into, std::vector<T>& from) {
  if (into.empty()) {
    into = std::move(from);  // the common case: one file per kind, no element moves
  } else {
    into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  }
  from.clear();
}

}  // namespace

void AppendPart(Network& into, Network& part) {
  into.diagnostics.Append(part.diagnostics);
  Append(into.vpcs, part.vpcs);
  Append(into.subnets, part.subnets);
  Append(into.security_groups, part.security_groups);
  Append(into.network_acls, part.network_acls);
  Append(into.route_tables, part.route_tables);
  Append(into.network_interfaces, part.network_interfaces);
  Append(into.instances, part.instances);
  Append(into.internet_gateways, part.internet_gateways);
  Append(into.egress_only_internet_gateways, part.egress_only_internet_gateways);
  Append(into.nat_gateways, part.nat_gateways);
  Append(into.vpn_gateways, part.vpn_gateways);
  Append(into.vpn_connections, part.vpn_connections);
  Append(into.vpc_peering_connections, part.vpc_peering_connections);
  Append(into.transit_gateways, part.transit_gateways);
  Append(into.transit_gateway_attachments, part.transit_gateway_attachments);
  Append(into.transit_gateway_route_tables, part.transit_gateway_route_tables);
  Append(into.vpc_endpoints, part.vpc_endpoints);
  Append(into.prefix_lists, part.prefix_lists);
  Append(into.elastic_ips, part.elastic_ips);
  Append(into.client_vpn_endpoints, part.client_vpn_endpoints);
  Append(into.client_vpn_target_networks, part.client_vpn_target_networks);
  Append(into.client_vpn_authorization_rules, part.client_vpn_authorization_rules);
  Append(into.client_vpn_routes, part.client_vpn_routes);
  Append(into.directories, part.directories);
  Append(into.target_groups, part.target_groups);
  Append(into.load_balancer_targets, part.load_balancer_targets);
  Append(into.load_balancer_attributes, part.load_balancer_attributes);
  Append(into.rds_instances, part.rds_instances);
  Append(into.load_balancers, part.load_balancers);
  Append(into.load_balancer_listeners, part.load_balancer_listeners);
  Append(into.lambda_functions, part.lambda_functions);
  Append(into.efs_mount_targets, part.efs_mount_targets);
  Append(into.instance_connect_endpoints, part.instance_connect_endpoints);
}

}  // namespace sgscope::ingest
