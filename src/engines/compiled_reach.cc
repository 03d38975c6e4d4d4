// Compiled all-pairs evaluation. Routes choose paths by address, so when no route is more
// specific than a subnet (the subnet routes uniformly) every pair of interfaces in two given
// subnets meets the same filters: one trace between representatives gives that skeleton, with
// each filter's peer named by role (the source or the destination). A security group's answer
// for a peer is the union of its CIDR part (piecewise constant over the address space, looked up
// by binary search) and its group-reference part (by which referenced groups the peer carries);
// an ACL's answer is piecewise constant too. Sets are interned and their unions and
// intersections memoized, so most pairs cost lookups. Anything else goes to PairEvaluator.

#include "engines/compiled_reach.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "engines/client_vpn_path.h"
#include "engines/filter_services.h"
#include "engines/load_balancer_path.h"
#include "engines/trace.h"
#include "model/interface_owner.h"

namespace sgscope {

namespace {

using SetId = uint32_t;

struct ServiceSetHash {
  size_t operator()(const ServiceSet& s) const { return s.Hash(); }
};

// Interned service sets with memoized union and intersection.
class SetTable {
 public:
  SetId Intern(ServiceSet s) {
    auto [it, added] = ids_.emplace(std::move(s), static_cast<SetId>(sets_.size()));
    if (added) sets_.push_back(&it->first);
    return it->second;
  }
  const ServiceSet& Get(SetId id) const { return *sets_[id]; }
  SetId Union(SetId a, SetId b) { return Op(a, b, unions_, [](auto& x, auto& y) { return x.Union(y); }); }
  SetId Intersect(SetId a, SetId b) { return Op(a, b, intersections_, [](auto& x, auto& y) { return x.Intersect(y); }); }

 private:
  template <typename F>
  SetId Op(SetId a, SetId b, std::unordered_map<uint64_t, SetId>& memo, F f) {
    if (a == b) return a;
    if (a > b) std::swap(a, b);
    uint64_t key = uint64_t{a} << 32 | b;
    if (auto it = memo.find(key); it != memo.end()) return it->second;
    SetId id = Intern(f(Get(a), Get(b)));
    memo.emplace(key, id);
    return id;
  }
  std::unordered_map<ServiceSet, SetId, ServiceSetHash> ids_;
  std::vector<const ServiceSet*> sets_;  // node-based map: stable addresses
  std::unordered_map<uint64_t, SetId> unions_, intersections_;
};

// A function of a peer's IPv4 address, constant between consecutive starts.
struct Pieces {
  std::vector<uint32_t> starts;  // ascending, starts[0] == 0
  std::vector<SetId> sets;
  SetId At(uint32_t a) const { return sets[std::upper_bound(starts.begin(), starts.end(), a) - starts.begin() - 1]; }
};

template <typename ValueAt>
Pieces BuildPieces(std::vector<uint64_t> bounds, ValueAt value_at) {
  bounds.push_back(0);
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  Pieces p;
  for (uint64_t b : bounds)
    if (b <= 0xffffffffull) p.starts.push_back(static_cast<uint32_t>(b)), p.sets.push_back(value_at(uint32_t(b)));
  return p;
}

void AddBounds(const IpPrefix& prefix, std::vector<uint64_t>& bounds) {
  if (!prefix.address().is_v4()) return;
  bounds.push_back(prefix.First().v4());
  bounds.push_back(uint64_t{prefix.Last().v4()} + 1);
}

// One end of a pair as the tables see it.
struct Side {
  const NetworkInterface* eni = nullptr;
  const Subnet* subnet = nullptr;
  uint32_t address = 0;
  uint32_t groupset = 0;
  std::vector<uint32_t> groups;  // group numbers, sorted
  bool usable = false;           // plain enough for the tables, as a source
  bool usable_destination = false;
};

// A filter of a skeleton, its peer named by role.
struct SkeletonStep {
  bool groups = false;       // a security group (else a network ACL)
  bool of_source = false;    // groups: the source's (egress) or the destination's (ingress)
  bool references = true;    // groups, ingress: group references may match the sender
  const NetworkAcl* acl = nullptr;
  Direction direction = Direction::kIngress;
  bool peer_is_destination = false;
  bool response = false;
  Packet response_packet;    // response steps: as the filter saw it (the client port)
};

struct Skeleton {
  bool usable = false;
  bool protocol_dependent = false;  // a NAT gateway on the path: each protocol class has its own
  std::vector<SkeletonStep> steps;
  bool forward_failed = false, return_failed = false, left_network = false;
};

}  // namespace

struct CompiledReach::State {
  const Network& n;
  ServiceSet universe;
  bool open_destination_ingress = false;
  SetTable sets;
  SetId universe_id = 0, without_response_id = 0, empty_id = 0;
  std::vector<SetId> class_universe_ids;  // the examined services of each protocol class
  std::vector<Side> sources, destinations;
  std::map<std::string, uint32_t> group_numbers;
  std::map<std::vector<const SecurityGroup*>, uint32_t> groupset_ids;
  std::vector<const NetworkInterface*> groupset_carrier;  // an interface carrying each group set
  std::vector<IpPrefix> route_prefixes;
  std::set<const NetworkInterface*> appliances;  // interfaces that routes send traffic through
  // Keyed by (source subnet, destination subnet, which ends have groups, protocol class), packed.
  std::unordered_map<uint64_t, Skeleton> skeletons;
  // What one group set answers in one direction, built on first use.
  struct GroupTable {
    bool built = false;
    Pieces cidr;                                    // the CIDR and prefix-list part, by peer address
    std::vector<std::pair<uint32_t, SetId>> refs;   // group-reference rules: (group number, services)
    std::unordered_map<uint64_t, SetId> parts;      // which refs match (mask) -> their union
  };
  std::vector<GroupTable> group_tables;             // by groupset * 2 + direction
  std::vector<std::optional<Pieces>> acl_tables;    // by ACL index * 2 + direction
  std::map<std::pair<SetId, uint16_t>, SetId> responses;

  State(const Network& network, const ServiceSet& u) : n(network), universe(u) {
    empty_id = sets.Intern(ServiceSet());
    universe_id = sets.Intern(universe);
    without_response_id = sets.Intern(WithoutResponse(universe));
    for (const ProtocolClass& pc : ProtocolClasses()) class_universe_ids.push_back(sets.Intern(pc.universe.Intersect(universe)));
    for (auto& t : n.route_tables)
      for (auto& r : t.routes) route_prefixes.push_back(r.destination);
    for (auto& t : n.transit_gateway_route_tables)
      for (auto& r : t.routes) route_prefixes.push_back(r.destination);
    for (auto& l : n.prefix_lists) route_prefixes.insert(route_prefixes.end(), l.cidrs.begin(), l.cidrs.end());
    for (auto& t : n.route_tables)
      for (auto& r : t.routes)
        if (r.target_kind == RouteTargetKind::kNetworkInterface || r.target_kind == RouteTargetKind::kInstance)
          for (auto& eni : n.network_interfaces)
            if (eni.id == r.target_id || (!eni.attached_instance_id.empty() && eni.attached_instance_id == r.target_id))
              appliances.insert(&eni);
  }

  // No route anywhere is more specific than the subnet, so all its addresses route alike.
  bool RoutesUniformly(const Subnet& s) const {
    if (s.cidrs.empty()) return false;
    const IpPrefix& block = s.cidrs.front();
    return std::none_of(route_prefixes.begin(), route_prefixes.end(), [&](const IpPrefix& p) {
      return p.family() == block.family() && p.length() > block.length() && block.Contains(p);
    });
  }

  uint32_t GroupNumber(const std::string& id) { return group_numbers.emplace(id, group_numbers.size()).first->second; }

  Side SideOf(const EndpointClass& c) {
    Side side;
    if (c.kind != EndpointClass::Kind::kInterfaces) return side;
    const NetworkInterface& eni = *c.members.front();
    side.eni = &eni, side.subnet = n.SubnetOf(eni);
    auto address = eni.PrimaryIpv4();
    if (!address || !side.subnet) return side;
    side.address = address->v4();
    std::vector<const SecurityGroup*> groups = n.GroupsOf(eni);
    std::sort(groups.begin(), groups.end());
    auto [it, added] = groupset_ids.emplace(groups, groupset_ids.size());
    if (added) groupset_carrier.push_back(&eni);
    side.groupset = it->second;
    for (auto& g : eni.group_ids) side.groups.push_back(GroupNumber(g));
    std::sort(side.groups.begin(), side.groups.end());
    // Interfaces that answer for a service rather than themselves (trace's ArriveAt): a NAT
    // gateway's, also when a response comes back to it; refusing services and load balancer
    // nodes when a flow arrives.
    bool nat = std::any_of(n.nat_gateways.begin(), n.nat_gateways.end(),
                           [&](auto& g) { return g.network_interface_id == eni.id; });
    // An appliance (a route's target) is on other interfaces' paths: a skeleton traced to it
    // would stand for the wrong filters, so pairs with it take the per-pair traces.
    side.usable = !nat && !appliances.count(&eni) && RoutesUniformly(*side.subnet) &&
                  n.InterfacesWithPrivateAddress(*address).size() == 1;
    const ManagedService* service = ServiceOfInterface(n, eni);
    side.usable_destination = side.usable && !(service && service->inbound == InboundUse::kNotConsulted) &&
                              !LoadBalancerOfInterface(n, eni);
    return side;
  }

  // Interfaces without groups (gateway interfaces) meet no security-group step at all.
  const Skeleton& SkeletonOf(const Side& src, const Side& dst, size_t protocol_class) {
    uint64_t subnets = n.subnets.size();
    uint64_t key = ((uint64_t(src.subnet - n.subnets.data()) * subnets + uint64_t(dst.subnet - n.subnets.data())) * 4 +
                    (src.eni->group_ids.empty() ? 2 : 0) + (dst.eni->group_ids.empty() ? 1 : 0)) * 8 + protocol_class;
    if (auto it = skeletons.find(key); it != skeletons.end()) return it->second;
    return skeletons.emplace(key, Trace(src, dst, ProtocolClasses()[protocol_class])).first->second;
  }

  Skeleton Trace(const Side& src, const Side& dst, const ProtocolClass& pc) {
    FilterPath path;
    TraceQuery q;
    q.from = src.eni->id, q.to = IpAddress::V4(dst.address).ToString();
    q.protocol = pc.protocol, q.icmp_type = pc.icmp_type, q.explain = false, q.record = &path;
    Skeleton out;
    if (!sgscope::Trace(n, q).result || path.service_dependent) return out;
    out.protocol_dependent = path.protocol_dependent;
    out.forward_failed = path.forward_failed, out.return_failed = path.return_failed;
    out.left_network = path.left_network;
    if (out.forward_failed || out.left_network) {  // nothing gets there, whatever the filters
      out.usable = true;
      return out;
    }
    for (const FilterStep& f : path.steps) {
      SkeletonStep step;
      step.direction = f.direction, step.response = f.response, step.response_packet = f.packet;
      uint32_t peer = (f.direction == Direction::kIngress ? f.packet.src : f.packet.dst).v4();
      if (!(f.direction == Direction::kIngress ? f.packet.src : f.packet.dst).is_v4()) return out;
      step.peer_is_destination = peer == dst.address;
      if (!step.peer_is_destination && peer != src.address) return out;  // a translated or third address
      if (f.kind == FilterStep::Kind::kNetworkAcl) {
        step.acl = f.acl;
      } else {
        if (f.response) return out;  // a response meeting rules without state
        step.groups = true, step.of_source = f.eni == src.eni;
        if (!step.of_source && f.eni != dst.eni) return out;  // a middlebox
        if (f.scope.peer && f.scope.peer != src.eni) return out;
        step.references = f.scope.references_usable;
      }
      out.steps.push_back(step);
    }
    out.usable = true;
    return out;
  }

  GroupTable& TableOf(uint32_t groupset, Direction d) {
    size_t index = size_t{groupset} * 2 + (d == Direction::kEgress);
    if (index >= group_tables.size()) group_tables.resize(index + 1);
    GroupTable& t = group_tables[index];
    if (!t.built) BuildGroupTable(groupset, d, t);
    return t;
  }

  // A group set's answer for a peer: CIDR part by address, reference part by the peer's groups.
  SetId Groups(uint32_t groupset, Direction d, const Side& peer, bool references) {
    GroupTable& t = TableOf(groupset, d);
    SetId cidr = t.cidr.At(peer.address);
    if (!references || t.refs.empty()) return cidr;
    if (t.refs.size() > 64) {  // too many for a mask: union the matching rules directly
      SetId out = cidr;
      for (auto& [group, services] : t.refs)
        if (std::binary_search(peer.groups.begin(), peer.groups.end(), group)) out = sets.Union(out, services);
      return out;
    }
    uint64_t mask = 0;
    for (size_t k = 0; k < t.refs.size(); ++k)
      if (std::binary_search(peer.groups.begin(), peer.groups.end(), t.refs[k].first)) mask |= uint64_t{1} << k;
    if (!mask) return cidr;
    auto [part, added] = t.parts.emplace(mask, empty_id);
    if (added)
      for (size_t k = 0; k < t.refs.size(); ++k)
        if (mask >> k & 1) part->second = sets.Union(part->second, t.refs[k].second);
    return sets.Union(cidr, part->second);
  }

  void BuildGroupTable(uint32_t groupset, Direction d, GroupTable& t) {
    const NetworkInterface& carrier = *groupset_carrier[groupset];
    std::vector<uint64_t> bounds;
    for (const SecurityGroup* g : n.GroupsOf(carrier))
      for (auto& r : g->rules(d)) {
        if (auto* p = std::get_if<IpPrefix>(&r.peer)) AddBounds(*p, bounds);
        if (auto* ref = std::get_if<GroupReference>(&r.peer))
          t.refs.push_back({GroupNumber(ref->group_id), sets.Intern(ServiceSet::Of(r.protocol, r.ports, r.icmp))});
        if (auto* list = std::get_if<PrefixListReference>(&r.peer))
          if (const PrefixList* l = n.FindPrefixList(list->prefix_list_id))
            for (auto& c : l->cidrs) AddBounds(c, bounds);
      }
    t.cidr = BuildPieces(bounds, [&](uint32_t a) {  // without references: the CIDR and prefix-list part
      return sets.Intern(SecurityGroupServices(n, carrier, d, IpAddress::V4(a), PeerScope{false, nullptr}));
    });
    t.built = true;
  }

  SetId Acl(const NetworkAcl& acl, Direction d, uint32_t peer) {
    size_t index = size_t(&acl - n.network_acls.data()) * 2 + (d == Direction::kEgress);
    if (index >= acl_tables.size()) acl_tables.resize(index + 1);
    std::optional<Pieces>& table = acl_tables[index];
    if (!table) {
      std::vector<uint64_t> bounds;
      for (auto& e : acl.entries(d)) AddBounds(e.cidr, bounds);
      table = BuildPieces(bounds, [&](uint32_t a) { return sets.Intern(NetworkAclServices(acl, d, IpAddress::V4(a))); });
    }
    return table->At(peer);
  }

  SetId Response(SetId passes, const Packet& response) {
    auto key = std::make_pair(passes, response.dst_port);
    auto it = responses.find(key);
    if (it == responses.end()) it = responses.emplace(key, sets.Intern(ResponsePasses(sets.Get(passes), response, universe))).first;
    return it->second;
  }

  // What the skeleton lets through of `universe` (an interned subset of the examined services).
  SetId Evaluate(const Skeleton& skeleton, SetId universe_id, const Side& src, const Side& dst) {
    if (skeleton.forward_failed || skeleton.left_network) return empty_id;
    SetId allowed = skeleton.return_failed ? sets.Intersect(universe_id, without_response_id) : universe_id;
    for (const SkeletonStep& step : skeleton.steps) {
      allowed = sets.Intersect(allowed, StepSet(step, src, dst));
      if (allowed == empty_id) break;
    }
    return allowed;
  }

  SetId StepSet(const SkeletonStep& step, const Side& src, const Side& dst) {
    // A group step not of the source is the destination's ingress (Trace: no other is usable).
    if (step.groups && !step.of_source && open_destination_ingress) return universe_id;
    if (step.groups)
      return step.of_source ? Groups(src.groupset, step.direction, dst, true)
                            : Groups(dst.groupset, step.direction, src, step.references);
    SetId passes = Acl(*step.acl, step.direction, step.peer_is_destination ? dst.address : src.address);
    return step.response ? Response(passes, step.response_packet) : passes;
  }
};

CompiledReach::CompiledReach(const Network& network, const std::vector<EndpointClass>& sources,
                             const std::vector<EndpointClass>& destinations, const ServiceSet& universe,
                             bool open_destination_ingress)
    : state_(std::make_unique<State>(network, universe)) {
  state_->open_destination_ingress = open_destination_ingress;
  for (auto& c : sources) state_->sources.push_back(state_->SideOf(c));
  for (auto& c : destinations) state_->destinations.push_back(state_->SideOf(c));
}

CompiledReach::~CompiledReach() = default;

const ServiceSet& CompiledReach::universe() const { return state_->universe; }

std::optional<uint32_t> CompiledReach::AllowedId(size_t i, size_t j) {
  State& s = *state_;
  const Side &src = s.sources[i], &dst = s.destinations[j];
  if (!src.usable || !dst.usable_destination || src.eni == dst.eni) return std::nullopt;
  // The TCP skeleton serves every protocol unless a NAT gateway on it tells them apart.
  const Skeleton& tcp = s.SkeletonOf(src, dst, 0);
  if (!tcp.usable) return std::nullopt;
  if (!tcp.protocol_dependent) return s.Evaluate(tcp, s.universe_id, src, dst);
  SetId allowed = s.empty_id;
  for (size_t c = 0; c < ProtocolClasses().size(); ++c) {
    const Skeleton& skeleton = s.SkeletonOf(src, dst, c);
    if (!skeleton.usable) return std::nullopt;
    allowed = s.sets.Union(allowed, s.Evaluate(skeleton, s.class_universe_ids[c], src, dst));
  }
  return allowed;
}

const ServiceSet& CompiledReach::Set(uint32_t id) const { return state_->sets.Get(id); }

std::optional<ServiceSet> CompiledReach::Allowed(size_t i, size_t j) {
  std::optional<uint32_t> id = AllowedId(i, j);
  if (!id) return std::nullopt;
  return Set(*id);
}

}  // namespace sgscope
