// One object, one entry. AWS ids are unique, so two entries with one id are two views of
// the same object: a peering connection or a shared transit gateway listed by each of
// its accounts, a shared VPC's subnets listed by owner and participants, or a file given
// twice. The first definition (in file order) is kept. Kinds with their own merge
// (interfaces, security groups, prefix lists, transit gateway attachments and route
// tables) drop their repeats there.

#include "ingest/fold_by_id.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

void DropRepeatedDefinitions(Network& network) {
  DropRepeatedIds(network.vpcs);
  DropRepeatedIds(network.subnets);
  DropRepeatedIds(network.network_acls);
  DropRepeatedIds(network.route_tables);
  DropRepeatedIds(network.instances);
  DropRepeatedIds(network.internet_gateways);
  DropRepeatedIds(network.egress_only_internet_gateways);
  DropRepeatedIds(network.nat_gateways);
  DropRepeatedIds(network.vpn_gateways);
  DropRepeatedIds(network.vpn_connections);
  DropRepeatedIds(network.vpc_peering_connections);
  DropRepeatedIds(network.transit_gateways);
  DropRepeatedIds(network.vpc_endpoints);
  DropRepeatedIds(network.client_vpn_endpoints);
  DropRepeatedIds(network.client_vpn_target_networks);
  DropRepeatedIds(network.directories);
  DropRepeatedIds(network.target_groups);
  DropRepeatedIds(network.load_balancer_attributes);
  DropRepeatedIds(network.rds_instances);
  DropRepeatedIds(network.load_balancers);
  DropRepeatedIds(network.load_balancer_listeners);
  DropRepeatedIds(network.lambda_functions);
  DropRepeatedIds(network.efs_mount_targets);
  DropRepeatedIds(network.instance_connect_endpoints);
}

}  // namespace sgscope::ingest
