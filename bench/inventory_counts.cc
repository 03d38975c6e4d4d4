// Counts what a planned inventory holds, the way sgscope's model counts it (one
// security-group rule per peer, every ACL entry including the implicit denies), so the
// benchmark can check that the loader dropped nothing.

#include "synthetic_inventory.h"

namespace sgscope::bench {

namespace {

void CountRules(const std::vector<PlanPermission>& perms, const char* direction, std::map<std::string, uint64_t>& c) {
  static const char* const kKindKey[] = {"sg_rules_ipv4", "sg_rules_ipv6", "sg_rules_group_refs",
                                         "sg_rules_prefix_lists"};
  for (auto& p : perms)
    for (auto& peer : p.peers) {
      ++c["sg_rules"], ++c[direction];
      ++c[kKindKey[static_cast<int>(peer.kind)]];
    }
}

}  // namespace

std::map<std::string, uint64_t> CountInventory(const Inventory& inv) {
  std::map<std::string, uint64_t> c;
  c["vpcs"] = inv.vpcs.size();
  c["subnets"] = inv.subnets.size();
  c["security_groups"] = inv.groups.size();
  for (auto& g : inv.groups) CountRules(g.ingress, "sg_rules_ingress", c), CountRules(g.egress, "sg_rules_egress", c);
  c["network_interfaces"] = inv.interfaces.size();
  for (auto& e : inv.interfaces) {
    c["interfaces_requester_managed"] += e.requester_managed;
    c["interfaces_with_public_ip"] += e.public_ip != 0;
    c["interfaces_with_ipv6"] += !e.ipv6.empty();
    c["elastic_ips"] += !e.allocation_id.empty();
    c["private_ipv4_addresses"] += e.private_ips.size();
    c["vpc_endpoints"] += !e.endpoint_id.empty();
  }
  c["vpc_endpoints"] += inv.vpcs.size();  // one S3 gateway endpoint each
  c["instances"] = inv.instances.size();
  c["network_acls"] = inv.acls.size();
  for (auto& a : inv.acls) c["acl_entries"] += a.entries.size();
  c["route_tables"] = inv.route_tables.size();
  for (auto& t : inv.route_tables) c["routes"] += t.routes.size();
  c["vpc_peering_connections"] = inv.peerings.size();
  c["prefix_lists"] = inv.prefix_lists.size();
  for (auto& l : inv.prefix_lists) c["prefix_list_entries"] += l.cidrs.size();
  c["internet_gateways"] = inv.vpcs.size();
  c["nat_gateways"] = inv.vpcs.size();
  for (auto& v : inv.vpcs) c["egress_only_internet_gateways"] += !v.eigw.empty();
  return c;
}

}  // namespace sgscope::bench
