// Inventory report: resource counts, interfaces grouped by owner, skipped items and
// diagnostics. Text and JSON are built from the same ordered lists so they agree.

#include "report/inventory_report.h"

#include <fmt/format.h>

#include <map>
#include <utility>
#include <vector>

#include "model/interface_owner.h"
#include "report/json_writer.h"
#include "report/text.h"

namespace sgscope {

namespace {

using Counts = std::vector<std::pair<const char*, size_t>>;

Counts ResourceCounts(const Network& n) {
  size_t rules = 0, acl_entries = 0, routes = 0;
  for (auto& g : n.security_groups) rules += g.ingress.size() + g.egress.size();
  for (auto& a : n.network_acls) acl_entries += a.ingress.size() + a.egress.size();
  for (auto& t : n.route_tables) routes += t.routes.size();
  return {{"vpcs", n.vpcs.size()},
          {"subnets", n.subnets.size()},
          {"security_groups", n.security_groups.size()},
          {"security_group_rules", rules},
          {"network_interfaces", n.network_interfaces.size()},
          {"instances", n.instances.size()},
          {"network_acls", n.network_acls.size()},
          {"network_acl_entries", acl_entries},
          {"route_tables", n.route_tables.size()},
          {"routes", routes},
          {"internet_gateways", n.internet_gateways.size()},
          {"egress_only_internet_gateways", n.egress_only_internet_gateways.size()},
          {"nat_gateways", n.nat_gateways.size()},
          {"vpn_gateways", n.vpn_gateways.size()},
          {"vpn_connections", n.vpn_connections.size()},
          {"vpc_peering_connections", n.vpc_peering_connections.size()},
          {"transit_gateways", n.transit_gateways.size()},
          {"transit_gateway_attachments", n.transit_gateway_attachments.size()},
          {"transit_gateway_route_tables", n.transit_gateway_route_tables.size()},
          {"vpc_endpoints", n.vpc_endpoints.size()},
          {"prefix_lists", n.prefix_lists.size()},
          {"elastic_ips", n.elastic_ips.size()},
          {"client_vpn_endpoints", n.client_vpn_endpoints.size()},
          {"directories", n.directories.size()},
          {"rds_instances", n.rds_instances.size()},
          {"load_balancers", n.load_balancers.size()},
          {"load_balancer_listeners", n.load_balancer_listeners.size()},
          {"target_groups", n.target_groups.size()},
          {"load_balancer_targets", n.load_balancer_targets.size()},
          {"lambda_functions_in_vpc", n.lambda_functions.size()},
          {"efs_mount_targets", n.efs_mount_targets.size()},
          {"instance_connect_endpoints", n.instance_connect_endpoints.size()}};
}

// owner kind -> (count, requester ids seen for managed ones)
std::map<std::string, size_t> InterfacesByOwner(const Network& n) {
  std::map<std::string, size_t> by_owner;
  for (auto& eni : n.network_interfaces) {
    std::string owner = InterfaceOwnerKind(n, eni);
    if (owner == "other-managed" && !eni.requester_id.empty()) owner += ":" + eni.requester_id;
    ++by_owner[owner];
  }
  return by_owner;
}

}  // namespace

void WriteInventoryText(const Network& n, std::ostream& out) {
  out << "Resources\n";
  for (auto& [name, count] : ResourceCounts(n)) out << fmt::format("  {:<32}{:>8}\n", name, count);
  out << "Network interfaces by owner\n";
  for (auto& [owner, count] : InterfacesByOwner(n))
    out << fmt::format("  {:<32}{:>8}\n", TerminalSafe(owner), count);
  if (n.diagnostics.skipped_total()) {
    out << "Skipped items\n";
    for (auto& [kind, count] : n.diagnostics.skipped()) out << fmt::format("  {:<32}{:>8}\n", kind, count);
  }
  const auto& d = n.diagnostics;
  out << fmt::format("Diagnostics: {} error(s), {} warning(s), {} info\n", d.count(Severity::kError),
                     d.count(Severity::kWarning), d.count(Severity::kInfo));
  for (auto& diag : d.items())
    out << fmt::format("  {}: {}{}{}: {}\n", SeverityName(diag.severity), TerminalSafe(diag.file),
                       diag.path.empty() ? "" : " ", TerminalSafe(diag.path), TerminalSafe(diag.message));
}

void WriteInventoryJson(const Network& n, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Key("counts").BeginObject();
  for (auto& [name, count] : ResourceCounts(n)) w.Field(name, static_cast<int64_t>(count));
  w.EndObject().Key("interfaces_by_owner").BeginObject();
  for (auto& [owner, count] : InterfacesByOwner(n)) w.Field(owner, static_cast<int64_t>(count));
  w.EndObject().Key("skipped").BeginObject();
  for (auto& [kind, count] : n.diagnostics.skipped()) w.Field(kind, static_cast<int64_t>(count));
  w.EndObject().Key("diagnostics").BeginArray();
  for (auto& d : n.diagnostics.items())
    w.BeginObject()
        .Field("severity", SeverityName(d.severity))
        .Field("file", d.file)
        .Field("path", d.path)
        .Field("message", d.message)
        .EndObject();
  w.EndArray().EndObject();
}

}  // namespace sgscope
