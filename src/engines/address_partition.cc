// The partition of one family's address space by every CIDR of the snapshot: the prefixes'
// first addresses and the addresses after their last, sorted.

#include "engines/address_partition.h"

namespace sgscope {

AddressPartition::AddressPartition(const Network& n, IpFamily family) : family_(family) {
  starts_.push_back(0);
  auto add = [&](const IpPrefix& p) {
    if (p.family() != family) return;
    starts_.push_back(p.address().value());
    if (uint128 last = p.Last().value(); last < Last()) starts_.push_back(last + 1);
  };
  for (auto& g : n.security_groups)
    for (auto* rules : {&g.ingress, &g.egress})
      for (auto& r : *rules)
        if (auto* p = std::get_if<IpPrefix>(&r.peer)) add(*p);
  for (auto& l : n.prefix_lists)
    for (auto& c : l.cidrs) add(c);
  for (auto& a : n.network_acls)
    for (auto* entries : {&a.ingress, &a.egress})
      for (auto& e : *entries) add(e.cidr);
  for (auto& t : n.route_tables)
    for (auto& r : t.routes) add(r.destination);
  for (auto& t : n.transit_gateway_route_tables)
    for (auto& r : t.routes) add(r.destination);
  for (auto& s : n.subnets)
    for (auto& c : s.cidrs) add(c);
  for (auto& e : n.client_vpn_endpoints)
    if (e.client_cidr) add(*e.client_cidr);
  for (auto& r : n.client_vpn_authorization_rules)
    if (r.destination) add(*r.destination);
  for (auto& r : n.client_vpn_routes)
    if (r.destination) add(*r.destination);
  for (auto& v : n.vpcs)
    for (auto& c : v.cidrs) add(c);
  for (auto& c : n.vpn_connections)
    for (auto& r : c.routes) add(r);
  std::sort(starts_.begin(), starts_.end());
  starts_.erase(std::unique(starts_.begin(), starts_.end()), starts_.end());
}

AddressSet AddressPartition::Block(size_t i) const {
  uint128 lo = starts_[i], hi = i + 1 < starts_.size() ? starts_[i + 1] - 1 : Last();
  return family_ == IpFamily::kV4 ? AddressSet::RangeV4(static_cast<uint32_t>(lo), static_cast<uint32_t>(hi))
                                  : AddressSet::RangeV6(lo, hi);
}

}  // namespace sgscope
