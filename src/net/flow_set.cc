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

namespace {

// Appends [lo, hi] with `addresses` to ascending cells, merged into the last one when it ends at
// lo - 1 with the same addresses (the canonical form never holds such neighbours).
void AppendCell(std::vector<FlowSet::Cell>& cells, uint32_t lo, uint32_t hi, AddressSet addresses) {
  if (!cells.empty() && cells.back().hi + 1u == lo && cells.back().addresses == addresses)
    cells.back().hi = static_cast<uint16_t>(hi);
  else
    cells.push_back({static_cast<uint16_t>(lo), static_cast<uint16_t>(hi), std::move(addresses)});
}

// One protocol's cells of a binary operation: the service axis is cut at every cell bound of
// either side, and `op` gets the addresses each side has on a piece (nullptr: none).
template <typename Op>
std::vector<FlowSet::Cell> Sweep(const std::vector<FlowSet::Cell>& a, const std::vector<FlowSet::Cell>& b, bool keep_a,
                                 bool keep_b, Op op) {
  std::vector<FlowSet::Cell> out;
  size_t ia = 0, ib = 0;
  uint32_t pos = 0;
  // Once one side is exhausted, the rest of the other matters only if the operation keeps it.
  auto more = [&] {
    bool ha = ia < a.size(), hb = ib < b.size();
    return (ha && hb) || (ha && keep_a) || (hb && keep_b);
  };
  while (more()) {
    const AddressSet *x = nullptr, *y = nullptr;
    uint32_t end = 65536;  // where the piece starting at pos ends (exclusive)
    if (ia < a.size()) end = a[ia].lo <= pos ? (x = &a[ia].addresses, a[ia].hi + 1u) : a[ia].lo;
    if (ib < b.size()) end = std::min(end, b[ib].lo <= pos ? (y = &b[ib].addresses, b[ib].hi + 1u) : uint32_t{b[ib].lo});
    if (x || y)
      if (AddressSet r = op(x, y); !r.empty()) AppendCell(out, pos, end - 1, std::move(r));
    pos = end;
    if (ia < a.size() && a[ia].hi < pos) ++ia;
    if (ib < b.size() && b[ib].hi < pos) ++ib;
  }
  return out;
}

}  // namespace

FlowSet FlowSet::Of(const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                    const AddressSet& peer) {
  FlowSet set;
  if (peer.empty()) return set;
  for (int p = 0; p < 256; ++p) {
    if (!protocol.Matches(static_cast<uint8_t>(p))) continue;
    // An "all protocols" rule or entry admits every port and type.
    PortRange range = protocol.all ? PortRange::All() : ServiceRange(static_cast<uint8_t>(p), ports, icmp);
    if (range.from <= range.to) set.protocols_.push_back({static_cast<uint8_t>(p), {{range.from, range.to, peer}}});
  }
  return set;
}

FlowSet FlowSet::UnionOf(std::vector<FlowSet> sets) {
  std::erase_if(sets, [](const FlowSet& s) { return s.empty(); });
  while (sets.size() > 1) {
    for (size_t i = 0; i < sets.size() / 2; ++i) sets[i] = sets[2 * i].Union(sets[2 * i + 1]);
    if (sets.size() % 2) sets[sets.size() / 2] = std::move(sets.back());
    sets.resize((sets.size() + 1) / 2);
  }
  return sets.empty() ? FlowSet() : std::move(sets.front());
}

const std::vector<FlowSet::Cell>& FlowSet::cells(uint8_t protocol) const {
  static const std::vector<Cell> kNone;
  auto it = std::lower_bound(protocols_.begin(), protocols_.end(), protocol,
                             [](const Protocol& p, uint8_t number) { return p.number < number; });
  return it != protocols_.end() && it->number == protocol ? it->cells : kNone;
}

AddressSet FlowSet::At(uint8_t protocol, uint16_t service) const {
  for (auto& c : cells(protocol))
    if (c.lo <= service && service <= c.hi) return c.addresses;
  return {};
}

template <typename Op>
FlowSet FlowSet::Combine(const FlowSet& o, bool keep_a, bool keep_b, Op op) const {
  FlowSet out;
  auto a = protocols_.begin(), b = o.protocols_.begin();
  while (a != protocols_.end() || b != o.protocols_.end()) {
    // A protocol only one side has is kept whole or dropped; most flow sets name few protocols.
    if (b == o.protocols_.end() || (a != protocols_.end() && a->number < b->number)) {
      if (keep_a) out.protocols_.push_back(*a);
      ++a;
    } else if (a == protocols_.end() || b->number < a->number) {
      if (keep_b) out.protocols_.push_back(*b);
      ++b;
    } else {
      Protocol merged{a->number, Sweep(a->cells, b->cells, keep_a, keep_b, op)};
      if (!merged.cells.empty()) out.protocols_.push_back(std::move(merged));
      ++a, ++b;
    }
  }
  return out;
}

FlowSet FlowSet::Union(const FlowSet& o) const {
  return Combine(o, true, true, [](const AddressSet* x, const AddressSet* y) {
    return !x ? *y : !y ? *x : x->Union(*y);
  });
}
FlowSet FlowSet::Intersect(const FlowSet& o) const {
  return Combine(o, false, false, [](const AddressSet* x, const AddressSet* y) {
    return x && y ? x->Intersect(*y) : AddressSet();
  });
}
FlowSet FlowSet::Subtract(const FlowSet& o) const {
  return Combine(o, true, false, [](const AddressSet* x, const AddressSet* y) {
    return !x ? AddressSet() : !y ? *x : x->Subtract(*y);
  });
}

bool FlowSet::Intersects(const FlowSet& o) const {
  auto a = protocols_.begin(), b = o.protocols_.begin();
  while (a != protocols_.end() && b != o.protocols_.end()) {
    if (a->number != b->number) {
      (a->number < b->number ? ++a : ++b);
      continue;
    }
    for (auto x = a->cells.begin(), y = b->cells.begin(); x != a->cells.end() && y != b->cells.end();) {
      if (std::max(x->lo, y->lo) <= std::min(x->hi, y->hi) && x->addresses.Intersects(y->addresses)) return true;
      (x->hi < y->hi ? ++x : ++y);
    }
    ++a, ++b;
  }
  return false;
}

FlowSet FlowSet::RestrictAddresses(const AddressSet& addresses) const {
  FlowSet out;
  for (auto& protocol : protocols_) {
    Protocol kept{protocol.number, {}};
    for (auto& c : protocol.cells)
      if (AddressSet r = c.addresses.Intersect(addresses); !r.empty()) AppendCell(kept.cells, c.lo, c.hi, std::move(r));
    if (!kept.cells.empty()) out.protocols_.push_back(std::move(kept));
  }
  return out;
}

}  // namespace sgscope
