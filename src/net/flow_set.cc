// Flow sets: per protocol, the service axis is a partition into cells with one address set each.
// Every binary operation sweeps the two partitions at once and applies the address operation per
// elementary interval, merging neighbours with equal addresses, which keeps the form canonical.

#include "net/flow_set.h"

#include <algorithm>

namespace sgscope {

PortRange ServiceRange(uint8_t protocol, const PortRange& ports, const IcmpTypeCode& icmp) {
  if (protocol == kProtoTcp || protocol == kProtoUdp) return ports;
  if ((protocol != kProtoIcmp && protocol != kProtoIcmpv6) || icmp.type < 0) return PortRange::All();
  uint16_t base = static_cast<uint16_t>(icmp.type << 8);
  return icmp.code < 0 ? PortRange{base, static_cast<uint16_t>(base | 0xff)}
                       : PortRange::Single(static_cast<uint16_t>(base | icmp.code));
}

FlowSet FlowSet::Of(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                    const AddressSet& peer) {
  FlowSet set;
  if (peer.empty()) return set;
  for (int p = 0; p < 256; ++p) {
    if (!protocol.Matches(static_cast<uint8_t>(p))) continue;
    // An "all protocols" rule or entry admits every port and type.
    PortRange range = protocol.all ? PortRange::All() : ServiceRange(static_cast<uint8_t>(p), ports, icmp);
    if (range.from <= range.to) set.by_protocol_[p].push_back({range.from, range.to, peer});
  }
  return set;
}

bool FlowSet::empty() const {
  return std::all_of(by_protocol_.begin(), by_protocol_.end(), [](auto& cells) { return cells.empty(); });
}

AddressSet FlowSet::At(uint8_t protocol, uint16_t service) const {
  for (auto& c : by_protocol_[protocol])
    if (c.lo <= service && service <= c.hi) return c.addresses;
  return {};
}

FlowSet FlowSet::Combine(const FlowSet& o, Kind kind, const Op& op) const {
  FlowSet out;
  for (int p = 0; p < 256; ++p) {
    const auto &a = by_protocol_[p], &b = o.by_protocol_[p];
    // An empty side decides the result outright; most flow sets name few protocols.
    if (a.empty() || b.empty()) {
      if (kind == Kind::kUnion || (kind == Kind::kSubtract && b.empty())) out.by_protocol_[p] = a.empty() ? b : a;
      continue;
    }
    // Elementary intervals: every cell bound of either side.
    std::vector<uint32_t> starts{0};
    for (auto* cells : {&a, &b})
      for (auto& c : *cells) starts.push_back(c.lo), starts.push_back(uint32_t{c.hi} + 1);
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    size_t ia = 0, ib = 0;
    auto& result = out.by_protocol_[p];
    for (size_t k = 0; k < starts.size() && starts[k] <= 65535; ++k) {
      uint32_t lo = starts[k], hi = (k + 1 < starts.size() ? starts[k + 1] : 65536) - 1;
      while (ia < a.size() && a[ia].hi < lo) ++ia;
      while (ib < b.size() && b[ib].hi < lo) ++ib;
      static const AddressSet kNone;
      const AddressSet& x = ia < a.size() && a[ia].lo <= lo ? a[ia].addresses : kNone;
      const AddressSet& y = ib < b.size() && b[ib].lo <= lo ? b[ib].addresses : kNone;
      AddressSet r = op(x, y);
      if (r.empty()) continue;
      if (!result.empty() && result.back().hi + 1u == lo && result.back().addresses == r)
        result.back().hi = static_cast<uint16_t>(hi);
      else
        result.push_back({static_cast<uint16_t>(lo), static_cast<uint16_t>(hi), std::move(r)});
    }
  }
  return out;
}

FlowSet FlowSet::Union(const FlowSet& o) const {
  return Combine(o, Kind::kUnion, [](const AddressSet& x, const AddressSet& y) { return x.Union(y); });
}
FlowSet FlowSet::Intersect(const FlowSet& o) const {
  return Combine(o, Kind::kIntersect, [](const AddressSet& x, const AddressSet& y) { return x.Intersect(y); });
}
FlowSet FlowSet::Subtract(const FlowSet& o) const {
  return Combine(o, Kind::kSubtract, [](const AddressSet& x, const AddressSet& y) { return x.Subtract(y); });
}
FlowSet FlowSet::RestrictAddresses(const AddressSet& addresses) const {
  return Intersect(Of(ProtocolSelector{}, PortRange::All(), IcmpTypeCode{}, addresses));
}

}  // namespace sgscope
