// Reachability diff. Reach answers both snapshots in bulk, without explanations. Their classes
// differ (a group change moves interfaces), so the diff groups are their common refinement:
// interfaces sharing a class in both snapshots, internet blocks cut by both. Each group pair reads
// its allowed services from each answer; only pairs that differ are explained, for what changed.

#include "engines/reachability_diff.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace sgscope {

namespace {

constexpr size_t kNone = static_cast<size_t>(-1);
constexpr int kOld = 0, kNew = 1;

// An interface in one address family: its IPv4 and IPv6 classes are apart.
using FamilyId = std::pair<IpFamily, std::string>;

// One snapshot: its bulk answers (one per source selector), its pairs by class indexes, and its
// classes over every interface and the whole internet, for endpoints an answer does not hold.
struct Snapshot {
  const Network* network = nullptr;
  std::vector<ReachAnswer> answers;
  std::vector<std::map<std::pair<size_t, size_t>, const ServiceSet*>> allowed;
  std::vector<EndpointClass> all_interfaces, all_internet;
  std::map<FamilyId, size_t> interface_class;  // -> index into all_interfaces
};

// A diff group under construction: where it sits in each snapshot.
struct Located {
  DiffEndpoints endpoints;
  std::array<std::vector<size_t>, 2> at;  // per snapshot, per answer: its class there, or kNone
};

// Which answers' classes count for one side: per snapshot, per answer, the classes or null.
using Partitions = std::array<std::vector<const std::vector<EndpointClass>*>, 2>;

Snapshot Bulk(const Network& n, const DiffQuery& q) {
  Snapshot s;
  s.network = &n;
  for (const std::string& from : q.from) {
    ReachQuery query;
    query.from = from, query.to = q.to, query.vpn_groups = q.vpn_groups, query.explain = false;
    ReachAnswer& a = s.answers.emplace_back(Reach(n, query));
    if (!a.error.empty()) {  // one selector names nothing here: the other one's endpoints still count
      a.sources = SelectEndpoints(n, from, EndpointFamilies::kIpv4AndIpv6).classes;
      a.destinations = SelectEndpoints(n, q.to, EndpointFamilies::kIpv4AndIpv6).classes;
    }
  }
  for (auto& a : s.answers) {
    auto& pairs = s.allowed.emplace_back();
    for (auto& p : a.pairs) pairs[{p.from, p.to}] = &p.allowed;
  }
  s.all_interfaces = SelectEndpoints(n, "all", EndpointFamilies::kIpv4AndIpv6).classes;
  s.all_internet = SelectEndpoints(n, "internet", EndpointFamilies::kIpv4AndIpv6).classes;
  for (size_t k = 0; k < s.all_interfaces.size(); ++k)
    for (auto* m : s.all_interfaces[k].members) s.interface_class[{s.all_interfaces[k].family, m->id}] = k;
  return s;
}

// How one snapshot's Trace names an endpoint group's member (`text`: an id, an address, vpn:…):
// an interface of an IPv6 group by its IPv6 address there, empty when it has none.
std::string InSnapshot(const Network& n, IpFamily family, const std::string& text) {
  if (family == IpFamily::kV4) return text;
  const NetworkInterface* eni = n.FindNetworkInterface(text);
  if (!eni) return text;
  auto address = eni->AddressOf(family);
  return address ? address->ToString() : "";
}

// One pair asked of `n`'s reach between two named endpoints (ids, addresses, vpn:…), in `family`:
// an IPv6 group's interfaces by their IPv6 address there, an IPv4 group's by id, which selects the
// interface's classes of both families, so the pair of `family` is picked. Empty when an end has
// no address of the family there or the answer holds no single such pair.
ReachPair AskPair(const Network& n, IpFamily family, const std::string& from, const std::string& to,
                  ReachQuery query) {
  query.from = InSnapshot(n, family, from), query.to = InSnapshot(n, family, to);
  if (query.from.empty() || query.to.empty()) return {};
  ReachAnswer a = Reach(n, query);
  ReachPair* out = nullptr;
  for (ReachPair& p : a.pairs)
    if (a.sources[p.from].family == family) {
      if (out) return {};
      out = &p;
    }
  return out ? std::move(*out) : ReachPair();
}

// Interfaces: grouped by their class in every answer and over all interfaces, in both snapshots.
void InterfaceGroups(const std::array<Snapshot, 2>& snaps, const Partitions& parts, std::vector<Located>& out) {
  std::set<FamilyId> ids;
  std::array<std::vector<std::map<FamilyId, size_t>>, 2> holding;  // per snapshot, per answer: -> class
  for (int s : {kOld, kNew})
    for (auto* classes : parts[s]) {
      auto& of = holding[s].emplace_back();
      for (size_t k = 0; classes && k < classes->size(); ++k)
        for (auto* m : (*classes)[k].members) {
          FamilyId member{(*classes)[k].family, m->id};
          ids.insert(member), of[member] = k;
        }
    }
  std::map<std::string, size_t> group;  // key -> index into out
  for (const FamilyId& member : ids) {
    const auto& [family, id] = member;
    Located l;
    l.endpoints.family = family;
    std::string key = family == IpFamily::kV4 ? "4|" : "6|";
    for (int s : {kOld, kNew}) {
      auto full = snaps[s].interface_class.find(member);
      key += full == snaps[s].interface_class.end() ? "-" : std::to_string(full->second);
      (s == kOld ? l.endpoints.in_old : l.endpoints.in_new) = full != snaps[s].interface_class.end();
      for (auto& of : holding[s]) {
        auto k = of.find(member);
        key += "," + std::to_string(l.at[s].emplace_back(k == of.end() ? kNone : k->second));
      }
      key += "|";
    }
    auto [it, added] = group.emplace(key, out.size());
    if (added) {
      l.endpoints.trace_text = id;
      out.push_back(std::move(l));
    }
    out[it->second].endpoints.members.push_back(id);
  }
}

// Cuts every piece that `needs` it by the internet classes of `classes`, recording the class in
// at[s][i] (kNone for what no class covers).
template <typename Needs>
void CutInternet(std::vector<Located>& pieces, const std::vector<EndpointClass>& classes, int s, size_t i,
                 Needs needs) {
  std::vector<Located> out;
  for (Located& p : pieces) {
    if (!needs(p)) {
      out.push_back(std::move(p));
      continue;
    }
    AddressSet rest = p.endpoints.addresses;
    for (size_t k = 0; k < classes.size(); ++k) {
      if (classes[k].kind != EndpointClass::Kind::kInternet || !rest.Intersects(classes[k].addresses)) continue;
      Located piece = p;
      piece.endpoints.addresses = rest.Intersect(classes[k].addresses);
      if (i != kNone) piece.at[s][i] = k;
      rest = rest.Subtract(classes[k].addresses);
      out.push_back(std::move(piece));
    }
    if (!rest.empty()) p.endpoints.addresses = rest, out.push_back(std::move(p));
  }
  pieces = std::move(out);
}

// Internet blocks: cut by every answer's blocks, and where an answer holds none of a piece, by
// the snapshot's own partition of the internet so that the piece is still one class there.
void InternetGroups(const std::array<Snapshot, 2>& snaps, const Partitions& parts, std::vector<Located>& out) {
  Located all;
  all.endpoints.kind = EndpointClass::Kind::kInternet;
  for (int s : {kOld, kNew}) {
    all.at[s].assign(parts[s].size(), kNone);
    for (auto* classes : parts[s])
      if (classes)
        for (auto& c : *classes)
          if (c.kind == EndpointClass::Kind::kInternet)
            all.endpoints.addresses = all.endpoints.addresses.Union(c.addresses);
  }
  // Each family apart: a pair is of one family.
  std::vector<Located> pieces;
  for (IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
    Located part = all;
    part.endpoints.family = family;
    part.endpoints.addresses = all.endpoints.addresses.Intersect(AddressSet::AllOf(family));
    if (!part.endpoints.addresses.empty()) pieces.push_back(std::move(part));
  }
  for (int s : {kOld, kNew}) {
    for (size_t i = 0; i < parts[s].size(); ++i)
      if (parts[s][i]) CutInternet(pieces, *parts[s][i], s, i, [](auto&) { return true; });
    CutInternet(pieces, snaps[s].all_internet, s, kNone, [&](const Located& p) {
      for (size_t i = 0; i < parts[s].size(); ++i)
        if (parts[s][i] && p.at[s][i] == kNone) return true;
      return false;
    });
  }
  for (Located& p : pieces) {
    p.endpoints.trace_text = p.endpoints.addresses.ToPrefixes().front().address().ToString();
    out.push_back(std::move(p));
  }
}

// Client VPN clients: one group per endpoint, present where the snapshot has the endpoint.
void VpnGroups(const std::array<Snapshot, 2>& snaps, const Partitions& parts, std::vector<Located>& out) {
  std::map<std::string, Located> by_text;
  for (int s : {kOld, kNew})
    for (auto* classes : parts[s])
      if (classes)
        for (auto& c : *classes)
          if (c.kind == EndpointClass::Kind::kVpnClients) by_text[c.trace_text].endpoints.trace_text = c.trace_text;
  for (auto& [text, l] : by_text) {
    l.endpoints.kind = EndpointClass::Kind::kVpnClients;
    for (int s : {kOld, kNew}) {
      (s == kOld ? l.endpoints.in_old : l.endpoints.in_new) =
          snaps[s].network->FindClientVpnEndpoint(text.substr(4)) != nullptr;
      for (auto* classes : parts[s]) {
        size_t k = kNone;
        for (size_t j = 0; classes && j < classes->size(); ++j)
          if ((*classes)[j].trace_text == text) k = j;
        l.at[s].push_back(k);
      }
    }
    out.push_back(std::move(l));
  }
}

std::vector<Located> Groups(const std::array<Snapshot, 2>& snaps, const Partitions& parts) {
  std::vector<Located> out;
  InterfaceGroups(snaps, parts, out);
  InternetGroups(snaps, parts, out);
  VpnGroups(snaps, parts, out);
  return out;
}

// What a snapshot allows from one group to another: from its bulk answer where that holds the
// pair, else from a query for the two representatives.
ServiceSet Allowed(const Snapshot& snap, int s, size_t answer, const Located& from, const Located& to,
                   const std::string& to_text, const DiffQuery& q) {
  bool present =
      s == kOld ? from.endpoints.in_old && to.endpoints.in_old : from.endpoints.in_new && to.endpoints.in_new;
  if (!present) return {};
  size_t f = from.at[s][answer], t = to.at[s][answer];
  if (f != kNone && t != kNone)
    if (auto it = snap.allowed[answer].find({f, t}); it != snap.allowed[answer].end()) return *it->second;
  ReachQuery query;
  query.vpn_groups = q.vpn_groups, query.explain = false;
  return AskPair(*snap.network, from.endpoints.family, from.endpoints.trace_text, to_text, query).allowed;
}

// One pair explained in one snapshot, for `services` only.
ReachPair Explain(const Network& n, IpFamily family, const std::string& from, const std::string& to,
                  const ServiceSet& services, const DiffQuery& q) {
  ReachQuery query;
  query.vpn_groups = q.vpn_groups, query.services = services;
  return AskPair(n, family, from, to, query);
}

// The pieces of `services` a report lists apart: TCP, UDP, ICMP, ICMPv6, then the rest together.
std::vector<std::pair<std::optional<uint8_t>, ServiceSet>> ByProtocol(const ServiceSet& services) {
  std::vector<std::pair<std::optional<uint8_t>, ServiceSet>> out;
  ServiceSet rest = services;
  for (uint8_t p : {kProtoTcp, kProtoUdp, kProtoIcmp, kProtoIcmpv6}) {
    ServiceSet part = services.Intersect(ServiceSet::Protocol(p));
    if (!part.empty()) out.push_back({p, part});
    rest = rest.Subtract(ServiceSet::Protocol(p));
  }
  if (!rest.empty()) out.push_back({std::nullopt, rest});
  return out;
}

// One flow per protocol piece, each explained on its own: the rules of `admitting` that admit it
// and, where `blocking` is given, the components of it that stop it. Explaining the piece rather
// than filtering the whole pair's rules by their services keeps the rules of a load balancer's
// second leg, which admit the flow on the target's port, not on the piece's.
void AddFlows(size_t from, size_t to, IpFamily family, const std::string& from_text, const std::string& to_text,
              const ServiceSet& changed, const Network& admitting, const Network* blocking, const DiffQuery& q,
              std::vector<DiffFlow>& out) {
  for (auto& [protocol, part] : ByProtocol(changed)) {
    DiffFlow flow{from, to, protocol, part, {}, {}};
    flow.rules = Explain(admitting, family, from_text, to_text, part, q).rules;
    if (blocking) flow.blockers = Explain(*blocking, family, from_text, to_text, part, q).blockers;
    out.push_back(std::move(flow));
  }
}

bool Before(const DiffEndpoints& a, const DiffEndpoints& b) {
  if (a.kind != b.kind) return a.kind < b.kind;
  if (a.family != b.family) return a.family < b.family;
  if (a.kind == EndpointClass::Kind::kInternet)
    return a.addresses.ToPrefixes().front() < b.addresses.ToPrefixes().front();
  return a.trace_text < b.trace_text;
}

void SortGroups(std::vector<Located>& groups) {
  std::sort(groups.begin(), groups.end(), [](auto& a, auto& b) { return Before(a.endpoints, b.endpoints); });
}

}  // namespace

ReachDiff DiffReach(const Network& old_network, const Network& new_network, const DiffQuery& q) {
  ReachDiff diff;
  std::array<Snapshot, 2> snaps{Bulk(old_network, q), Bulk(new_network, q)};
  // A selector may name nothing in one snapshot (its interfaces are new); in both, it is an error.
  for (size_t i = 0; i < q.from.size(); ++i)
    if (!snaps[kOld].answers[i].error.empty() && !snaps[kNew].answers[i].error.empty()) {
      diff.error = snaps[kNew].answers[i].error;
      return diff;
    }
  Partitions destination_parts;
  std::vector<std::vector<Located>> sources_by_answer;
  for (size_t i = 0; i < q.from.size(); ++i) {
    Partitions source_parts;
    for (int s : {kOld, kNew}) {
      source_parts[s].assign(q.from.size(), nullptr);
      source_parts[s][i] = &snaps[s].answers[i].sources;
      destination_parts[s].push_back(&snaps[s].answers[i].destinations);
    }
    sources_by_answer.push_back(Groups(snaps, source_parts));
  }
  std::vector<Located> destinations = Groups(snaps, destination_parts);
  SortGroups(destinations);
  for (auto& d : destinations) diff.destinations.push_back(d.endpoints);
  for (size_t i = 0; i < q.from.size(); ++i) {
    SortGroups(sources_by_answer[i]);
    for (const Located& from : sources_by_answer[i]) {
      size_t f = diff.sources.size();
      diff.sources.push_back(from.endpoints);
      for (size_t t = 0; t < destinations.size(); ++t) {
        const Located& to = destinations[t];
        if (to.endpoints.family != from.endpoints.family) continue;
        std::string to_text = to.endpoints.trace_text;
        if (to_text == from.endpoints.trace_text) {
          if (to.endpoints.members.size() < 2) continue;  // an interface with itself
          to_text = to.endpoints.members[1];
        }
        ServiceSet before = Allowed(snaps[kOld], kOld, i, from, to, to_text, q);
        ServiceSet after = Allowed(snaps[kNew], kNew, i, from, to, to_text, q);
        const std::string& from_text = from.endpoints.trace_text;
        if (ServiceSet gained = after.Subtract(before); !gained.empty())
          AddFlows(f, t, from.endpoints.family, from_text, to_text, gained, new_network, nullptr, q, diff.gained);
        if (ServiceSet lost = before.Subtract(after); !lost.empty()) {
          // A removed endpoint has no blockers: it is gone.
          bool both_new = from.endpoints.in_new && to.endpoints.in_new;
          AddFlows(f, t, from.endpoints.family, from_text, to_text, lost, old_network, both_new ? &new_network : nullptr,
                   q, diff.lost);
        }
      }
    }
  }
  return diff;
}

}  // namespace sgscope
