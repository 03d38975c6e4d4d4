// Sections of `exposure` for sources inside the network's reach other than the internet. Each is
// a `reach` between two populations: a Client VPN endpoint's clients and every interface; the
// interfaces of the two VPCs of an active peering connection, both ways; the interfaces of each
// pair of VPCs attached to one transit gateway. Pairs that carry nothing are dropped.

#include "engines/exposure_sections.h"

#include <algorithm>
#include <set>

namespace sgscope {

namespace {

void Add(const Network& n, std::vector<ExposureSection>& out, ExposureSection section, const std::string& from_selector,
         const std::string& to_selector) {
  EndpointSelection from = SelectEndpoints(n, from_selector), to = SelectEndpoints(n, to_selector);
  if (!from.error.empty() || !to.error.empty()) return;  // a side without interfaces reaches nothing
  ReachQuery query;
  section.answer = ReachBetween(n, std::move(from.classes), std::move(to.classes), query);
  auto& pairs = section.answer.pairs;
  pairs.erase(std::remove_if(pairs.begin(), pairs.end(), [](const ReachPair& p) { return p.allowed.empty(); }),
              pairs.end());
  out.push_back(std::move(section));
}

void VpnSections(const Network& n, std::vector<ExposureSection>& out) {
  for (auto& e : n.client_vpn_endpoints)
    Add(n, out, {"vpn-clients", e.id, "clients of " + e.id, "every interface", {}}, "vpn:" + e.id, "all");
}

void PeeringSections(const Network& n, std::vector<ExposureSection>& out) {
  for (auto& p : n.vpc_peering_connections) {
    if (!p.active()) continue;
    for (auto [a, b] : {std::pair{p.requester.vpc_id, p.accepter.vpc_id}, std::pair{p.accepter.vpc_id, p.requester.vpc_id}})
      Add(n, out, {"peered-vpc", p.id, "interfaces of " + a, "interfaces of " + b, {}}, a, b);
  }
}

void TransitSections(const Network& n, std::vector<ExposureSection>& out) {
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

std::vector<ExposureSection> ComputeExposureSections(const Network& network, const std::vector<std::string>& kinds) {
  std::vector<ExposureSection> out;
  auto wanted = [&](const char* kind) { return std::find(kinds.begin(), kinds.end(), kind) != kinds.end(); };
  if (wanted("vpn")) VpnSections(network, out);
  if (wanted("peers")) PeeringSections(network, out);
  if (wanted("transit")) TransitSections(network, out);
  return out;
}

}  // namespace sgscope
