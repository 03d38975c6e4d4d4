// Counts of a loaded Network under the generator manifest's keys, and their comparison.
// A mismatch means the loader dropped or duplicated something the generator wrote.

#include "model_check.h"

namespace sgscope::bench {

namespace {

void CountRules(const std::vector<SecurityGroupRule>& rules, const char* direction, std::map<std::string, uint64_t>& c) {
  for (auto& rule : rules) {
    ++c["sg_rules"], ++c[direction];
    if (auto* prefix = std::get_if<IpPrefix>(&rule.peer))
      ++c[prefix->family() == IpFamily::kV4 ? "sg_rules_ipv4" : "sg_rules_ipv6"];
    else if (std::holds_alternative<GroupReference>(rule.peer))
      ++c["sg_rules_group_refs"];
    else
      ++c["sg_rules_prefix_lists"];
  }
}

void CountInterfaces(const Network& n, std::map<std::string, uint64_t>& c) {
  c["network_interfaces"] = n.network_interfaces.size();
  for (auto& eni : n.network_interfaces) {
    c["interfaces_requester_managed"] += eni.requester_managed;
    c["interfaces_with_ipv6"] += !eni.ipv6.empty();
    c["private_ipv4_addresses"] += eni.ipv4.size();
    bool has_public = false;
    for (auto& a : eni.ipv4) has_public |= a.public_ip.has_value();
    c["interfaces_with_public_ip"] += has_public;
  }
}

}  // namespace

std::map<std::string, uint64_t> CountModel(const Network& n) {
  std::map<std::string, uint64_t> c;
  c["vpcs"] = n.vpcs.size();
  c["subnets"] = n.subnets.size();
  c["security_groups"] = n.security_groups.size();
  for (auto& g : n.security_groups) CountRules(g.ingress, "sg_rules_ingress", c), CountRules(g.egress, "sg_rules_egress", c);
  CountInterfaces(n, c);
  c["instances"] = n.instances.size();
  c["network_acls"] = n.network_acls.size();
  for (auto& acl : n.network_acls) c["acl_entries"] += acl.ingress.size() + acl.egress.size();
  c["route_tables"] = n.route_tables.size();
  for (auto& t : n.route_tables) c["routes"] += t.routes.size();
  c["vpc_peering_connections"] = n.vpc_peering_connections.size();
  c["prefix_lists"] = n.prefix_lists.size();
  for (auto& l : n.prefix_lists) c["prefix_list_entries"] += l.cidrs.size();
  c["internet_gateways"] = n.internet_gateways.size();
  c["egress_only_internet_gateways"] = n.egress_only_internet_gateways.size();
  c["nat_gateways"] = n.nat_gateways.size();
  c["vpc_endpoints"] = n.vpc_endpoints.size();
  c["elastic_ips"] = n.elastic_ips.size();
  return c;
}

std::vector<std::string> CompareWithManifest(const Network& network, const std::map<std::string, uint64_t>& manifest) {
  std::vector<std::string> mismatches;
  for (auto& [key, loaded] : CountModel(network)) {
    auto it = manifest.find(key);
    uint64_t generated = it == manifest.end() ? 0 : it->second;
    if (generated != loaded)
      mismatches.push_back(key + ": generated " + std::to_string(generated) + ", loaded " + std::to_string(loaded));
  }
  return mismatches;
}

}  // namespace sgscope::bench
