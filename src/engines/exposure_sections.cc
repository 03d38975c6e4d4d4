// Sections of `exposure` for sources inside the network's reach other than the internet. Each is
// a `reach` between two populations: a Client VPN endpoint's clients and every interface; the
// interfaces of the two VPCs of an active peering connection, both ways; the interfaces of each
// pair of VPCs attached to one transit gateway. Pairs that carry nothing are dropped.

#include "engines/exposure_sections.h"

#include <algorithm>
#include <set>

namespace sgscope {

namespace {

// Collects the populations; ComputeExposureSections runs reach on each.
using Populations = std::vector<SectionPopulations>;

void Add(const Network&, Populations& out, ExposureSection section, const std::string& from_selector,
         const std::string& to_selector) {
  out.push_back({std::move(section), from_selector, to_selector});
}

void VpnSections(const Network& n, Populations& out) {
  for (auto& e : n.client_vpn_endpoints)
    Add(n, out, {"vpn-clients", e.id, "clients of " + e.id, "every interface", {}}, "vpn:" + e.id, "all");
}

void PeeringSections(const Network& n, Populations& out) {
  for (auto& p : n.vpc_peering_connections) {
    if (!p.active()) continue;
    for (auto [a, b] : {std::pair{p.requester.vpc_id, p.accepter.vpc_id}, std::pair{p.accepter.vpc_id, p.requester.vpc_id}})
      Add(n, out, {"peered-vpc", p.id, "interfaces of " + a, "interfaces of " + b, {}}, a, b);
  }
}

void TransitSections(const Network& n, Populations& out) {
  std::set<std::string> gateways;
  for (auto& a : n.transit_gateway_attachments) gateways.insert(a.transit_gateway_id);
  for (const std::string& tgw : gateways) {
    std::set<std::string> vpcs;
    for (auto& a : n.transit_gateway_attachments)
      if (a.transit_gateway_id == tgw && a.resource_type == "vpc" && a.state == "available") vpcs.insert(a.resource_id);
    for (const std::string& a : vpcs)
      for (const std::string& b : vpcs)
        if (a != b) Add(n, out, {"transit-gateway", tgw, "interfaces of " + a, "interfaces of " + b, {}}, a, b);
  }
}

}  // namespace

std::vector<SectionPopulations> ExposureSectionPopulations(const Network& network, const std::vector<std::string>& kinds) {
  Populations out;
  auto wanted = [&](const char* kind) { return std::find(kinds.begin(), kinds.end(), kind) != kinds.end(); };
  if (wanted("vpn")) VpnSections(network, out);
  if (wanted("peers")) PeeringSections(network, out);
  if (wanted("transit")) TransitSections(network, out);
  return out;
}

std::vector<ExposureSection> ComputeExposureSections(const Network& network, const std::vector<std::string>& kinds) {
  std::vector<ExposureSection> out;
  for (SectionPopulations& p : ExposureSectionPopulations(network, kinds)) {
    EndpointSelection from = SelectEndpoints(network, p.from_selector, EndpointFamilies::kIpv4), to = SelectEndpoints(network, p.to_selector, EndpointFamilies::kIpv4);
    if (!from.error.empty() || !to.error.empty()) continue;  // a side without interfaces reaches nothing
    ReachQuery query;
    p.section.answer = ReachBetween(network, std::move(from.classes), std::move(to.classes), query);
    auto& pairs = p.section.answer.pairs;
    pairs.erase(std::remove_if(pairs.begin(), pairs.end(), [](const ReachPair& r) { return r.allowed.empty(); }),
                pairs.end());
    out.push_back(std::move(p.section));
  }
  return out;
}

}  // namespace sgscope
