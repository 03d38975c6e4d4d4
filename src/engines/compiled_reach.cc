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
#include <array>
#include <bit>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

#include "engines/client_vpn_path.h"
#include "engines/filter_services.h"
#include "engines/load_balancer_path.h"
#include "engines/trace.h"
#include "ingest/parallel_tasks.h"
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
  uint32_t Index(uint32_t a) const { return uint32_t(std::upper_bound(starts.begin(), starts.end(), a) - starts.begin() - 1); }
  SetId At(uint32_t a) const { return sets[Index(a)]; }
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
  uint32_t groupset = 0;  // the security groups found in the snapshot
  uint32_t kind = 0;      // groupset plus every group id the interface names (references match ids)
  uint32_t path_key = 0;  // (subnet, has groups) among the sources' or destinations' keys
  bool usable = false;    // plain enough for the tables, as a source
  bool usable_destination = false;
  bool refuses = false;   // its service takes no connection, whatever the packet
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
  uint16_t response_port = 0;  // response steps: the client port the filter saw
  auto operator<=>(const SkeletonStep&) const = default;
  // Its answer depends on the destination's address (so a row's answers differ by it).
  bool ByDestinationAddress() const { return groups ? of_source : peer_is_destination; }
};

struct Skeleton {
  bool usable = false;
  bool protocol_dependent = false;  // a NAT gateway on the path: each protocol class has its own
  std::vector<SkeletonStep> steps;
  bool forward_failed = false, return_failed = false, left_network = false;
  auto operator<=>(const Skeleton&) const = default;
};

// Skeletons traced between representatives of two path keys.
Skeleton TraceSkeleton(const Network& n, const Side& src, const Side& dst, const ProtocolClass& pc) {
  FilterPath path;
  TraceQuery q;
  q.from = src.eni->id, q.to = IpAddress::V4(dst.address).ToString();
  q.protocol = pc.protocol, q.icmp_type = pc.icmp_type, q.explain = false, q.record = &path;
  Skeleton out;
  if (!Trace(n, q).result || path.service_dependent) return out;
  out.protocol_dependent = path.protocol_dependent;
  out.forward_failed = path.forward_failed, out.return_failed = path.return_failed;
  out.left_network = path.left_network;
  if (out.forward_failed || out.left_network) {  // nothing gets there, whatever the filters
    out.usable = true;
    return out;
  }
  for (const FilterStep& f : path.steps) {
    SkeletonStep step;
    step.direction = f.direction, step.response = f.response, step.response_port = f.packet.dst_port;
    const IpAddress& peer_address = f.direction == Direction::kIngress ? f.packet.src : f.packet.dst;
    if (!peer_address.is_v4()) return out;
    step.peer_is_destination = peer_address.v4() == dst.address;
    if (!step.peer_is_destination && peer_address.v4() != src.address) return out;  // a translated or third address
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

}  // namespace

struct CompiledPaths::Data {
  const Network& n;
  std::vector<Side> sources, destinations;
  std::map<std::string, uint32_t> group_numbers;
  std::vector<const NetworkInterface*> groupset_carrier;  // an interface carrying each group set
  std::vector<uint32_t> kind_groupset;                    // by kind
  std::vector<std::vector<uint32_t>> kind_groups;         // by kind: group numbers, sorted
  // Up to two members of each path key: a skeleton is traced between two different interfaces.
  using Representatives = std::array<const Side*, 2>;
  std::vector<Representatives> source_keys, destination_keys;
  std::vector<Skeleton> skeletons;   // the distinct TCP skeletons
  // (source key * destination keys + destination key) * protocol classes + class -> skeletons
  // index; the classes share the TCP skeleton unless a NAT gateway on it tells them apart.
  std::vector<uint32_t> skeleton_of;
  size_t classes = ProtocolClasses().size();

  Data(const Network& network, const std::vector<EndpointClass>& src, const std::vector<EndpointClass>& dst)
      : n(network) {
    SideBuilder builder(*this);
    for (auto& c : src) sources.push_back(builder.Of(c));
    for (auto& c : dst) destinations.push_back(builder.Of(c));
    AssignPathKeys(sources, source_keys, &Side::usable);
    AssignPathKeys(destinations, destination_keys, &Side::usable_destination);
    TraceSkeletons();
  }

  uint32_t GroupNumber(const std::string& id) { return group_numbers.emplace(id, group_numbers.size()).first->second; }

  // Computes Sides; knows which interfaces the tables cannot stand for.
  struct SideBuilder {
    Data& d;
    std::vector<IpPrefix> route_prefixes;
    std::set<const NetworkInterface*> appliances;  // interfaces that routes send traffic through
    std::map<std::vector<const SecurityGroup*>, uint32_t> groupset_ids;
    std::map<std::pair<uint32_t, std::vector<uint32_t>>, uint32_t> kind_ids;

    explicit SideBuilder(Data& data) : d(data) {
      const Network& n = d.n;
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

    Side Of(const EndpointClass& c) {
      Side side;
      if (c.kind != EndpointClass::Kind::kInterfaces) return side;
      const Network& n = d.n;
      const NetworkInterface& eni = *c.members.front();
      side.eni = &eni, side.subnet = n.SubnetOf(eni);
      auto address = eni.PrimaryIpv4();
      if (!address || !side.subnet) return side;
      side.address = address->v4();
      std::vector<const SecurityGroup*> groups = n.GroupsOf(eni);
      std::sort(groups.begin(), groups.end());
      auto [it, added] = groupset_ids.emplace(groups, groupset_ids.size());
      if (added) d.groupset_carrier.push_back(&eni);
      side.groupset = it->second;
      std::vector<uint32_t> numbers;
      for (auto& g : eni.group_ids) numbers.push_back(d.GroupNumber(g));
      std::sort(numbers.begin(), numbers.end());
      auto [kind, new_kind] = kind_ids.emplace(std::make_pair(side.groupset, numbers), kind_ids.size());
      if (new_kind) d.kind_groupset.push_back(side.groupset), d.kind_groups.push_back(numbers);
      side.kind = kind->second;
      // Interfaces that answer for a service rather than themselves (trace's ArriveAt): a NAT
      // gateway's, also when a response comes back to it; a Client VPN interface, where a
      // client's tunnel arrives, and load balancer nodes when a flow arrives. Other services
      // that take no connection (Lambda, Instance Connect) refuse every packet alike, which a
      // skeleton traced to one of them records as a failed path.
      bool nat = std::any_of(n.nat_gateways.begin(), n.nat_gateways.end(),
                             [&](auto& g) { return g.network_interface_id == eni.id; });
      // An appliance (a route's target) is on other interfaces' paths: a skeleton traced to it
      // would stand for the wrong filters, so pairs with it take the per-pair traces.
      side.usable = !nat && !appliances.count(&eni) && RoutesUniformly(*side.subnet) &&
                    n.InterfacesWithPrivateAddress(*address).size() == 1;
      const ManagedService* service = ServiceOfInterface(n, eni);
      side.refuses = service && service->inbound == InboundUse::kNotConsulted;
      side.usable_destination = side.usable && !(side.refuses && ClientVpnEndpointOfInterface(n, eni)) &&
                                !LoadBalancerOfInterface(n, eni);
      return side;
    }
  };

  // Interfaces without groups (gateway interfaces) meet no security-group step at all, and
  // refusing ones end every path, so the key is the subnet, whether there are groups and
  // whether the interface refuses.
  static void AssignPathKeys(std::vector<Side>& sides, std::vector<Representatives>& keys, bool Side::*usable) {
    std::map<std::tuple<const Subnet*, bool, bool>, uint32_t> ids;
    for (Side& s : sides) {
      if (!(s.*usable)) continue;
      auto [it, added] = ids.emplace(std::make_tuple(s.subnet, s.eni->group_ids.empty(), s.refuses), keys.size());
      if (added) keys.push_back({&s, nullptr});
      else if (!keys[it->second][1] && keys[it->second][0]->eni != s.eni) keys[it->second][1] = &s;
      s.path_key = it->second;
    }
  }

  // The skeleton between two path keys, traced between different interfaces; when both keys
  // hold one and the same interface no pair needs it.
  Skeleton TraceBetween(const Representatives& src, const Representatives& dst, size_t protocol_class) const {
    for (const Side* s : src)
      for (const Side* d : dst)
        if (s && d && s->eni != d->eni) return TraceSkeleton(n, *s, *d, ProtocolClasses()[protocol_class]);
    return Skeleton{};
  }

  // One TCP trace per pair of path keys, and one per other protocol class where the TCP path
  // depends on the protocol, spread over the cores; equal skeletons kept once.
  void TraceSkeletons() {
    size_t columns = destination_keys.size();
    skeleton_of.assign(source_keys.size() * columns * classes, 0);
    std::map<Skeleton, uint32_t> ids;
    std::mutex mutex;
    std::vector<size_t> order(source_keys.size());
    std::iota(order.begin(), order.end(), 0);
    ingest::RunTasks(order, ingest::WorkerCount(order.size()), [&](unsigned, size_t k) {
      std::vector<Skeleton> row;  // columns * classes
      for (const Representatives& dst : destination_keys) {
        row.push_back(TraceBetween(source_keys[k], dst, 0));
        bool dependent = row.back().protocol_dependent;
        for (size_t c = 1; c < classes; ++c)
          row.push_back(dependent ? TraceBetween(source_keys[k], dst, c) : row[row.size() - c]);
      }
      std::lock_guard<std::mutex> lock(mutex);
      for (size_t cell = 0; cell < row.size(); ++cell) {
        auto [it, added] = ids.emplace(std::move(row[cell]), skeletons.size());
        if (added) skeletons.push_back(it->first);
        skeleton_of[k * columns * classes + cell] = it->second;
      }
    });
  }
};

CompiledPaths::CompiledPaths(const Network& network, const std::vector<EndpointClass>& sources,
                             const std::vector<EndpointClass>& destinations)
    : data_(std::make_unique<Data>(network, sources, destinations)) {}

CompiledPaths::~CompiledPaths() = default;

namespace {

// A row's answers by destination signature (the skeleton, the destination's kind, and the
// pieces of the address tables its address falls in): destinations of one row that agree on
// these get the same answer, so most pairs cost one probe. Open addressing; a new row only
// bumps the stamp.
class RowCache {
 public:
  static constexpr size_t kMaxKey = 8;
  struct Key {
    uint32_t size = 0;
    std::array<uint32_t, kMaxKey> words{};
    bool Add(uint32_t w) { return size < kMaxKey ? (words[size++] = w, true) : false; }
    bool operator==(const Key& o) const {
      return size == o.size && std::equal(words.begin(), words.begin() + size, o.words.begin());
    }
  };
  void NewRow() {
    if (++stamp_ == 0) std::fill(slots_.begin(), slots_.end(), Slot{}), stamp_ = 1;
    used_ = 0;
  }
  const SetId* Find(const Key& key) const {
    for (size_t at = Hash(key) & mask(); slots_[at].stamp == stamp_; at = (at + 1) & mask())
      if (slots_[at].key == key) return &slots_[at].value;
    return nullptr;
  }
  void Insert(const Key& key, SetId value) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    size_t at = Hash(key) & mask();
    while (slots_[at].stamp == stamp_) at = (at + 1) & mask();
    slots_[at] = {stamp_, key, value};
    ++used_;
  }

 private:
  struct Slot {
    uint32_t stamp = 0;
    Key key;
    SetId value = 0;
  };
  size_t mask() const { return slots_.size() - 1; }
  static size_t Hash(const Key& key) {
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (uint32_t k = 0; k < key.size; ++k) h = (h ^ key.words[k]) * 0xff51afd7ed558ccdull, h ^= h >> 32;
    return h;
  }
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(1024, slots_.size() * 2));
    old.swap(slots_);
    used_ = 0;
    for (Slot& s : old)
      if (s.stamp == stamp_) Insert(s.key, s.value);
  }
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  uint32_t stamp_ = 1;
  size_t used_ = 0;
};

// Values computed once per row, indexed densely; a new row only bumps the stamp.
class RowMemo {
 public:
  void NewRow() {
    if (++stamp_ == 0) std::fill(stamps_.begin(), stamps_.end(), 0), stamp_ = 1;
  }
  template <typename Compute>
  SetId Get(size_t index, Compute compute) {
    if (index >= stamps_.size()) stamps_.resize(index + 1, 0), values_.resize(index + 1);
    if (stamps_[index] != stamp_) values_[index] = compute(), stamps_[index] = stamp_;
    return values_[index];
  }

 private:
  std::vector<uint32_t> stamps_;
  std::vector<SetId> values_;
  uint32_t stamp_ = 1;
};

}  // namespace

struct CompiledReach::State {
  const CompiledPaths::Data& p;
  const Network& n;
  ServiceSet universe;
  SetTable sets;
  SetId universe_id = 0, without_response_id = 0, empty_id = 0;
  std::vector<SetId> class_universe_ids;  // the examined services of each protocol class
  // What one group set answers in one direction, built on first use.
  struct GroupTable {
    bool built = false;
    Pieces cidr;                                    // the CIDR and prefix-list part, by peer address
    std::vector<std::pair<uint32_t, SetId>> refs;   // group-reference rules: (group number, services)
    std::unordered_map<uint64_t, SetId> parts;      // which refs match (mask) -> their union
  };
  std::vector<GroupTable> group_tables;             // by groupset * 2 + direction
  std::vector<std::optional<Pieces>> acl_tables;    // by ACL index * 2 + direction
  std::unordered_map<uint64_t, SetId> responses;    // (passes, client port) -> forward services
  uint32_t member_kind = UINT32_MAX;                // the row's source's kind, and its groups
  std::vector<uint8_t> member_groups;                // by group number
  size_t row = SIZE_MAX;                            // the source whose answers the row caches hold
  RowCache row_cache;
  RowMemo row_ingress;     // by destination group set, direction and references
  RowMemo row_references;  // the source's egress reference part, by destination kind

  State(const CompiledPaths::Data& paths, const ServiceSet& u) : p(paths), n(paths.n), universe(u) {
    empty_id = sets.Intern(ServiceSet());
    universe_id = sets.Intern(universe);
    without_response_id = sets.Intern(WithoutResponse(universe));
    for (const ProtocolClass& pc : ProtocolClasses()) class_universe_ids.push_back(sets.Intern(pc.universe.Intersect(universe)));
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
    if (!references) return cidr;
    SetId part = ReferencePart(t, peer);
    return part == empty_id ? cidr : sets.Union(cidr, part);
  }

  // What the table's group-reference rules admit from a peer with these groups.
  SetId ReferencePart(GroupTable& t, const Side& peer) {
    if (t.refs.empty()) return empty_id;
    const std::vector<uint32_t>& groups = p.kind_groups[peer.kind];
    auto member = [&](uint32_t group) {  // the row's source is asked most: its groups by number
      return peer.kind == member_kind ? bool(member_groups[group])
                                      : std::binary_search(groups.begin(), groups.end(), group);
    };
    if (t.refs.size() > 64) {  // too many for a mask: union the matching rules directly
      SetId out = empty_id;
      for (auto& [group, services] : t.refs)
        if (member(group)) out = sets.Union(out, services);
      return out;
    }
    uint64_t mask = 0;
    for (size_t k = 0; k < t.refs.size(); ++k)
      if (member(t.refs[k].first)) mask |= uint64_t{1} << k;
    if (!mask) return empty_id;
    if (!(mask & (mask - 1))) return t.refs[std::countr_zero(mask)].second;  // one rule matches
    auto [part, added] = t.parts.emplace(mask, empty_id);
    if (added)
      for (size_t k = 0; k < t.refs.size(); ++k)
        if (mask >> k & 1) part->second = sets.Union(part->second, t.refs[k].second);
    return part->second;
  }

  void BuildGroupTable(uint32_t groupset, Direction d, GroupTable& t) {
    const NetworkInterface& carrier = *p.groupset_carrier[groupset];
    std::vector<uint64_t> bounds;
    for (const SecurityGroup* g : n.GroupsOf(carrier))
      for (auto& r : g->rules(d)) {
        if (auto* prefix = std::get_if<IpPrefix>(&r.peer)) AddBounds(*prefix, bounds);
        if (auto* ref = std::get_if<GroupReference>(&r.peer)) {
          auto number = p.group_numbers.find(ref->group_id);  // a group no interface names matches none
          if (number != p.group_numbers.end())
            t.refs.push_back({number->second, sets.Intern(ServiceSet::Of(r.protocol, r.ports, r.icmp))});
        }
        if (auto* list = std::get_if<PrefixListReference>(&r.peer))
          if (const PrefixList* l = n.FindPrefixList(list->prefix_list_id))
            for (auto& c : l->cidrs) AddBounds(c, bounds);
      }
    t.cidr = BuildPieces(bounds, [&](uint32_t a) {  // without references: the CIDR and prefix-list part
      return sets.Intern(SecurityGroupServices(n, carrier, d, IpAddress::V4(a), PeerScope{false, nullptr}));
    });
    t.built = true;
  }

  const Pieces& AclTable(const NetworkAcl& acl, Direction d) {
    size_t index = size_t(&acl - n.network_acls.data()) * 2 + (d == Direction::kEgress);
    if (index >= acl_tables.size()) acl_tables.resize(index + 1);
    std::optional<Pieces>& table = acl_tables[index];
    if (!table) {
      std::vector<uint64_t> bounds;
      for (auto& e : acl.entries(d)) AddBounds(e.cidr, bounds);
      table = BuildPieces(bounds, [&](uint32_t a) { return sets.Intern(NetworkAclServices(acl, d, IpAddress::V4(a))); });
    }
    return *table;
  }

  SetId Response(SetId passes, uint16_t client_port) {
    auto [it, added] = responses.emplace(uint64_t{passes} << 16 | client_port, 0);
    if (added) {
      Packet response;
      response.dst_port = client_port;
      it->second = sets.Intern(ResponsePasses(sets.Get(passes), response, universe));
    }
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
    if (step.groups)
      return step.of_source ? Groups(src.groupset, step.direction, dst, true)
                            : Groups(dst.groupset, step.direction, src, step.references);
    SetId passes = AclTable(*step.acl, step.direction).At(step.peer_is_destination ? dst.address : src.address);
    return step.response ? Response(passes, step.response_port) : passes;
  }

  // Evaluate (of the `examined` services) through the row caches. Within a row the source is
  // fixed, so each step's answer depends on the destination only through its groups and, for
  // steps whose peer is the destination's address, the piece of the step's table that address
  // falls in. The key holds those answers (set ids) and pieces: destinations that agree on them
  // agree on the result, and a step that admits nothing ends the pair at once.
  SetId EvaluateInRow(const Skeleton& skeleton, uint32_t skeleton_index, SetId examined, const Side& src,
                      const Side& dst) {
    if (skeleton.forward_failed || skeleton.left_network) return empty_id;
    RowCache::Key key;
    key.Add(skeleton_index), key.Add(examined);
    for (const SkeletonStep& step : skeleton.steps) {
      bool room = true;
      if (step.groups && !step.of_source) {
        SetId admitted = RowIngress(dst.groupset, step, src);
        if (admitted == empty_id) return empty_id;
        room = key.Add(admitted);
      } else if (step.groups) {
        GroupTable& t = TableOf(src.groupset, step.direction);
        uint32_t piece = t.cidr.Index(dst.address);
        SetId part = row_references.Get(dst.kind, [&] { return ReferencePart(t, dst); });
        if (part == empty_id && t.cidr.sets[piece] == empty_id) return empty_id;
        room = key.Add(piece) && key.Add(part);
      } else if (step.peer_is_destination) {
        room = key.Add(AclTable(*step.acl, step.direction).Index(dst.address));
      }
      if (!room) return Evaluate(skeleton, examined, src, dst);
    }
    if (const SetId* known = row_cache.Find(key)) return *known;
    SetId allowed = Evaluate(skeleton, examined, src, dst);
    row_cache.Insert(key, allowed);
    return allowed;
  }

  // The destination's groups' answer for the row's source, once per group set and row.
  SetId RowIngress(uint32_t groupset, const SkeletonStep& step, const Side& src) {
    return row_ingress.Get(groupset * 4 + (step.direction == Direction::kEgress) * 2 + step.references,
                           [&] { return Groups(groupset, step.direction, src, step.references); });
  }

  void StartRow(size_t i) {
    if (row == i) return;
    row = i;
    row_cache.NewRow(), row_ingress.NewRow(), row_references.NewRow();
    uint32_t kind = p.sources[i].kind;
    if (kind == member_kind) return;
    member_groups.assign(p.group_numbers.size(), 0);
    for (uint32_t g : p.kind_groups[kind]) member_groups[g] = 1;
    member_kind = kind;
  }
};

CompiledReach::CompiledReach(const CompiledPaths& paths, const ServiceSet& universe)
    : state_(std::make_unique<State>(paths.data(), universe)) {}

CompiledReach::~CompiledReach() = default;

const ServiceSet& CompiledReach::universe() const { return state_->universe; }

std::optional<uint32_t> CompiledReach::AllowedId(size_t i, size_t j) {
  State& s = *state_;
  const CompiledPaths::Data& p = s.p;
  const Side &src = p.sources[i], &dst = p.destinations[j];
  if (!src.usable || !dst.usable_destination || src.eni == dst.eni) return std::nullopt;
  size_t cell = (size_t{src.path_key} * p.destination_keys.size() + dst.path_key) * p.classes;
  const Skeleton& tcp = p.skeletons[p.skeleton_of[cell]];
  if (!tcp.usable) return std::nullopt;
  s.StartRow(i);
  if (!tcp.protocol_dependent) return s.EvaluateInRow(tcp, p.skeleton_of[cell], s.universe_id, src, dst);
  // A NAT gateway on the path: each protocol class has its own skeleton.
  SetId allowed = s.empty_id;
  for (size_t c = 0; c < p.classes; ++c) {
    const Skeleton& skeleton = p.skeletons[p.skeleton_of[cell + c]];
    if (!skeleton.usable) return std::nullopt;
    allowed = s.sets.Union(allowed, s.EvaluateInRow(skeleton, p.skeleton_of[cell + c], s.class_universe_ids[c], src, dst));
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
