// Coverage of one rule by the union of others, exactly. Per protocol, the "service" axis (TCP/UDP
// ports, or ICMP type/code packed as type*256+code) is cut into atomic cells at every rule's bounds;
// in each cell the candidate's addresses must lie inside the union of the covering rules' prefixes
// (merged per family, so adjacent and overlapping blocks join). -1 wildcards follow
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html

#include "engines/rule_coverage.h"

#include <algorithm>
#include <bitset>
#include <optional>

#include "net/address_set.h"
#include "net/flow_set.h"

namespace sgscope {

namespace {

// What `rule` admits of protocol `p` on the service axis (flow_set.h); nothing when it is about
// another protocol.
std::optional<PortRange> ServiceFor(const RuleTraffic& rule, uint8_t p) {
  if (rule.protocol.all) return PortRange::All();
  if (rule.protocol.number != p) return std::nullopt;
  return ServiceRange(p, rule.ports, rule.icmp);
}

// The protocols that stand for the candidate's: its own, or for "all" every number another rule
// names plus one that none names (all unnamed numbers behave alike).
std::vector<uint8_t> ProtocolsToCheck(const RuleTraffic& candidate, std::span<const RuleTraffic> others) {
  if (!candidate.protocol.all) return {candidate.protocol.number};
  std::bitset<256> named;
  for (auto& o : others)
    if (!o.protocol.all) named.set(o.protocol.number);
  std::vector<uint8_t> protocols;
  for (int p = 0; p < 256; ++p)
    if (named[p]) protocols.push_back(static_cast<uint8_t>(p));
  for (int p = 0; p < 256; ++p)
    if (!named[p]) return protocols.push_back(static_cast<uint8_t>(p)), protocols;
  return protocols;
}

// Starts of the atomic cells of `range` when cut at the bounds of every range in `cuts`.
std::vector<uint16_t> CellStarts(PortRange range, const std::vector<PortRange>& cuts) {
  std::vector<uint16_t> starts{range.from};
  for (auto& c : cuts) {
    if (range.Contains(c.from)) starts.push_back(c.from);
    if (c.to < 65535 && range.Contains(static_cast<uint16_t>(c.to + 1))) starts.push_back(c.to + 1);
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  return starts;
}

AddressSet Union(const std::vector<IpPrefix>& prefixes) {
  AddressSet set;
  for (auto& p : prefixes) set = set.Union(AddressSet::Of(p));
  return set;
}

// A rule of `others` with what it admits on the service axis of the protocol under check.
struct Slice {
  const RuleTraffic* rule;
  PortRange service;
};

// The atomic cell starting at `point` is covered: by a rule naming the same group, or by the union
// of the address rules admitting it (for a group reference: all of both families, since the
// group's members change over time).
bool CellCovered(const RuleTraffic& candidate, const std::vector<Slice>& slices, uint16_t point) {
  AddressSet have;
  for (auto& s : slices) {
    if (!s.service.Contains(point)) continue;
    if (!candidate.group_id.empty() && s.rule->group_id == candidate.group_id) return true;
    if (s.rule->group_id.empty()) have = have.Union(Union(s.rule->addresses));
  }
  if (!candidate.group_id.empty()) return have.Contains(AddressSet::All());
  return have.Contains(Union(candidate.addresses));
}

bool PeerHelps(const RuleTraffic& candidate, const RuleTraffic& other) {
  if (!other.group_id.empty()) return other.group_id == candidate.group_id;
  if (!candidate.group_id.empty()) return !other.addresses.empty();
  for (auto& x : candidate.addresses)
    for (auto& y : other.addresses)
      if (x.Overlaps(y)) return true;
  return false;
}

}  // namespace

bool IsCovered(const RuleTraffic& candidate, std::span<const RuleTraffic> others) {
  if (!candidate.peer_known) return false;
  for (uint8_t p : ProtocolsToCheck(candidate, others)) {
    std::vector<Slice> slices;
    std::vector<PortRange> cuts;
    for (auto& o : others)
      if (auto service = ServiceFor(o, p); service && o.peer_known) {
        slices.push_back({&o, *service});
        cuts.push_back(*service);
      }
    for (uint16_t point : CellStarts(*ServiceFor(candidate, p), cuts))
      if (!CellCovered(candidate, slices, point)) return false;
  }
  return true;
}

bool HelpsCover(const RuleTraffic& candidate, const RuleTraffic& other) {
  const RuleTraffic& c = candidate;
  if (!c.protocol.all && !other.protocol.all && c.protocol.number != other.protocol.number) return false;
  uint8_t p = c.protocol.all ? other.protocol.number : c.protocol.number;
  PortRange x = *ServiceFor(c, p), y = *ServiceFor(other, p);
  return x.from <= y.to && y.from <= x.to && PeerHelps(c, other);
}

}  // namespace sgscope
