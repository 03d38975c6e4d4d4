// Compiled all-pairs evaluation over the skeletons of compiled_paths.h. A security group's answer
// for a peer is the union of its CIDR part (piecewise constant over the address space, looked up
// by binary search) and its group-reference part (by which referenced groups the peer carries);
// an ACL's answer is piecewise constant too. Sets are interned and their unions and
// intersections memoized; pairs are answered a source row at a time, and destinations of a row
// that every filter answers alike share one evaluation. Anything else goes to PairEvaluator.

#include "engines/compiled_reach.h"

#include <algorithm>
#include <bit>
#include <ctime>
#include <unordered_map>

#include "engines/filter_services.h"
#include "engines/memo_map.h"
#include "engines/row_cache.h"

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
  SetId Op(SetId a, SetId b, MemoMap& memo, F f) {
    if (a == b) return a;
    if (a > b) std::swap(a, b);
    uint64_t key = uint64_t{a} << 32 | b;
    if (const SetId* known = memo.Find(key)) return *known;
    SetId id = Intern(f(Get(a), Get(b)));
    memo.Insert(key, id);
    return id;
  }
  std::unordered_map<ServiceSet, SetId, ServiceSetHash> ids_;
  std::vector<const ServiceSet*> sets_;  // node-based map: stable addresses
  MemoMap unions_, intersections_;
};

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

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

}  // namespace

struct CompiledReach::State {
  const CompiledPaths& p;
  const Network& n;
  ServiceSet universe;
  bool open_destination_ingress = false;
  SetTable sets;
  SetId universe_id = 0, without_response_id = 0, empty_id = 0;
  std::vector<SetId> class_universe_ids;  // the examined services of each protocol class
  // What one group set answers in one direction, built on first use.
  struct GroupTable {
    bool built = false;
    Pieces cidr;                                    // the CIDR and prefix-list part, by peer address
    std::vector<std::pair<uint32_t, SetId>> refs;   // group-reference rules: (group number, services)
    MemoMap parts;                                  // which refs match (mask) -> their union
  };
  std::vector<GroupTable> group_tables;             // by groupset * 2 + direction; sized once (plans point in)
  std::vector<std::optional<Pieces>> acl_tables;    // by ACL index * 2 + direction; sized once
  MemoMap responses;                                // (passes, client port) -> forward services
  // Building tables is paid once per worker, not per row: the benchmark counts it apart.
  double table_seconds = 0;  // this thread's CPU time
  size_t tables_built = 0;
  struct TableTimer {
    State& s;
    double start = ThreadCpuSeconds();
    ~TableTimer() { s.table_seconds += ThreadCpuSeconds() - start, ++s.tables_built; }
  };
  uint32_t member_kind = UINT32_MAX;                // the row's source's kind, and its groups
  std::vector<uint8_t> member_groups;                // by group number
  size_t row = SIZE_MAX;                            // the source whose answers the row caches hold
  RowCache row_cache;
  RowMemo row_ingress;     // by destination group set, direction and references
  RowMemo row_references;  // the source's egress reference part, by destination kind

  State(const CompiledPaths& paths, const ServiceSet& u)
      : p(paths), n(paths.n), universe(u), group_tables(paths.groupset_carrier.size() * 2),
        acl_tables(paths.n.network_acls.size() * 2) {
    empty_id = sets.Intern(ServiceSet());
    universe_id = sets.Intern(universe);
    without_response_id = sets.Intern(WithoutResponse(universe));
    for (const ProtocolClass& pc : ProtocolClasses()) class_universe_ids.push_back(sets.Intern(pc.universe.Intersect(universe)));
  }

  GroupTable& TableOf(uint32_t groupset, Direction d) {
    GroupTable& t = group_tables[size_t{groupset} * 2 + (d == Direction::kEgress)];
    if (!t.built) {
      TableTimer timer{*this};
      BuildGroupTable(groupset, d, t);
    }
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
    if (const SetId* known = t.parts.Find(mask)) return *known;
    SetId part = empty_id;
    for (size_t k = 0; k < t.refs.size(); ++k)
      if (mask >> k & 1) part = sets.Union(part, t.refs[k].second);
    t.parts.Insert(mask, part);
    return part;
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
    std::optional<Pieces>& table = acl_tables[size_t(&acl - n.network_acls.data()) * 2 + (d == Direction::kEgress)];
    if (!table) {
      std::vector<uint64_t> bounds;
      for (auto& e : acl.entries(d)) AddBounds(e.cidr, bounds);
      TableTimer timer{*this};
      table = BuildPieces(bounds, [&](uint32_t a) { return sets.Intern(NetworkAclServices(acl, d, IpAddress::V4(a))); });
    }
    return *table;
  }

  SetId Response(SetId passes, uint16_t client_port) {
    uint64_t key = uint64_t{passes} << 16 | client_port;
    if (const SetId* known = responses.Find(key)) return *known;
    Packet response;
    response.dst_port = client_port;
    SetId id = sets.Intern(ResponsePasses(sets.Get(passes), response, universe));
    responses.Insert(key, id);
    return id;
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
      return step.of_source ? Groups(src.groupset, step.direction, dst, true) : DestinationIngress(dst.groupset, step, src);
    SetId passes = AclTable(*step.acl, step.direction).At(step.peer_is_destination ? dst.address : src.address);
    return step.response ? Response(passes, step.response_port) : passes;
  }

  // How EvaluateInRow finds a skeleton's step answers for the destinations of one block (a
  // destination key: one subnet) of the row's source. A step whose peer is the source answers
  // alike for the whole block; a table whose piece is the same at both ends of the subnet does
  // too. The rest is looked up per destination.
  struct PlannedStep {
    const SkeletonStep* step = nullptr;
    GroupTable* groups = nullptr;   // the source's own groups (their peer is the destination)
    const Pieces* acl = nullptr;    // an ACL looking at the destination's address
    uint32_t piece = kAnyPiece;     // the piece of `groups`' CIDR part or `acl` for the block
  };
  static constexpr uint32_t kAnyPiece = UINT32_MAX;
  struct Plan {
    const Skeleton* skeleton = nullptr;
    uint32_t skeleton_index = 0;
    SetId examined = 0;
    uint32_t lo = 1, hi = 0;  // the block's addresses (none: every piece looked up)
    std::vector<PlannedStep> steps;
  };
  std::vector<Plan> plans;  // PlanBlock's, for the block being answered
  size_t planned = 0;

  void MakePlan(const Skeleton& skeleton, uint32_t skeleton_index, SetId examined, const Subnet* block, const Side& src,
                Plan& plan) {
    plan.skeleton = &skeleton, plan.skeleton_index = skeleton_index, plan.examined = examined;
    plan.lo = 1, plan.hi = 0;
    if (block && !block->cidrs.empty() && block->cidrs.front().address().is_v4())
      plan.lo = block->cidrs.front().First().v4(), plan.hi = block->cidrs.front().Last().v4();
    auto piece_of = [&](const Pieces& pieces) {
      if (plan.lo > plan.hi) return kAnyPiece;
      uint32_t first = pieces.Index(plan.lo);
      return first == pieces.Index(plan.hi) ? first : kAnyPiece;
    };
    plan.steps.clear();
    for (const SkeletonStep& step : skeleton.steps) {
      PlannedStep planned;
      planned.step = &step;
      if (step.groups && step.of_source) {
        planned.groups = &TableOf(src.groupset, step.direction);
        planned.piece = piece_of(planned.groups->cidr);
      } else if (!step.groups && step.peer_is_destination) {
        planned.acl = &AclTable(*step.acl, step.direction);
        planned.piece = piece_of(*planned.acl);
      } else if (!step.groups) {
        continue;  // the peer is the source: the key need not hold it
      }
      plan.steps.push_back(planned);
    }
  }

  // The piece of `pieces` the destination's address falls in.
  uint32_t PieceOf(const PlannedStep& planned, const Pieces& pieces, const Plan& plan, const Side& dst) const {
    bool in_block = dst.address >= plan.lo && dst.address <= plan.hi;
    return planned.piece != kAnyPiece && in_block ? planned.piece : pieces.Index(dst.address);
  }

  // Evaluate (of the plan's examined services) through the row caches. Within a row the source is
  // fixed, so each step's answer depends on the destination only through its groups and, for
  // steps whose peer is the destination's address, the piece of the step's table that address
  // falls in. The key holds those answers (set ids) and pieces: destinations that agree on them
  // agree on the result, and a step that admits nothing ends the pair at once.
  SetId EvaluateInRow(const Plan& plan, const Side& src, const Side& dst) {
    const Skeleton& skeleton = *plan.skeleton;
    if (skeleton.forward_failed || skeleton.left_network) return empty_id;
    RowCache::Key key;
    key.Add(plan.skeleton_index), key.Add(plan.examined);
    for (const PlannedStep& planned : plan.steps) {
      const SkeletonStep& step = *planned.step;
      bool room = true;
      if (planned.groups) {
        GroupTable& t = *planned.groups;
        uint32_t piece = PieceOf(planned, t.cidr, plan, dst);
        SetId part = t.refs.empty() ? empty_id : row_references.Get(dst.kind, [&] { return ReferencePart(t, dst); });
        if (part == empty_id && t.cidr.sets[piece] == empty_id) return empty_id;
        room = key.Add(piece) && key.Add(part);
      } else if (planned.acl) {
        room = key.Add(PieceOf(planned, *planned.acl, plan, dst));
      } else {
        SetId admitted = RowIngress(dst.groupset, step, src);
        if (admitted == empty_id) return empty_id;
        room = key.Add(admitted);
      }
      if (!room) return Evaluate(skeleton, plan.examined, src, dst);
    }
    if (const SetId* known = row_cache.Find(key)) return *known;
    SetId allowed = Evaluate(skeleton, plan.examined, src, dst);
    row_cache.Insert(key, allowed);
    return allowed;
  }

  // The destination's groups' answer for the row's source, once per group set and row.
  SetId RowIngress(uint32_t groupset, const SkeletonStep& step, const Side& src) {
    return row_ingress.Get(groupset * 4 + (step.direction == Direction::kEgress) * 2 + step.references,
                           [&] { return DestinationIngress(groupset, step, src); });
  }

  // A group step not of the source is the destination's ingress (Trace: no other is usable);
  // open_destination_ingress lets everything through it.
  SetId DestinationIngress(uint32_t groupset, const SkeletonStep& step, const Side& src) {
    return open_destination_ingress ? universe_id : Groups(groupset, step.direction, src, step.references);
  }

  // Plans for the skeletons from the row's source to a destination key (`block`: its subnet, or
  // null to look every piece up): one, or one per protocol class where a NAT gateway on the path
  // tells them apart. False when a skeleton cannot stand for the path.
  bool PlanBlock(const Side& src, uint32_t key, const Subnet* block) {
    uint32_t tcp_index = p.SkeletonIndex(src, key, 0);
    const Skeleton& tcp = p.skeletons[tcp_index];
    if (!tcp.usable) return false;
    planned = tcp.protocol_dependent ? p.classes : 1;
    if (plans.size() < planned) plans.resize(planned);
    if (!tcp.protocol_dependent) {
      MakePlan(tcp, tcp_index, universe_id, block, src, plans[0]);
      return true;
    }
    for (size_t c = 0; c < p.classes; ++c) {
      uint32_t index = p.SkeletonIndex(src, key, c);
      if (!p.skeletons[index].usable) return false;
      MakePlan(p.skeletons[index], index, class_universe_ids[c], block, src, plans[c]);
    }
    return true;
  }

  // What gets from the row's source to a destination of the planned block.
  SetId AnswerInBlock(const Side& src, const Side& dst) {
    if (planned == 1) return EvaluateInRow(plans[0], src, dst);
    SetId allowed = empty_id;
    for (size_t c = 0; c < planned; ++c) allowed = sets.Union(allowed, EvaluateInRow(plans[c], src, dst));
    return allowed;
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

CompiledReach::CompiledReach(const CompiledPaths& paths, const ServiceSet& universe, bool open_destination_ingress)
    : state_(std::make_unique<State>(paths, universe)) {
  state_->open_destination_ingress = open_destination_ingress;
}

CompiledReach::~CompiledReach() = default;

const ServiceSet& CompiledReach::universe() const { return state_->universe; }

std::optional<uint32_t> CompiledReach::AllowedId(size_t i, size_t j) {
  State& s = *state_;
  const Side &src = s.p.sources[i], &dst = s.p.destinations[j];
  if (!src.usable || !dst.usable_destination || src.eni == dst.eni) return std::nullopt;
  s.StartRow(i);
  if (!s.PlanBlock(src, dst.path_key, nullptr)) return std::nullopt;
  return s.AnswerInBlock(src, dst);
}

void CompiledReach::AllowedRow(size_t i, std::vector<uint32_t>& row) {
  State& s = *state_;
  const CompiledPaths& p = s.p;
  row.assign(p.destinations.size(), kNoAnswer);
  const Side& src = p.sources[i];
  if (!src.usable) return;
  s.StartRow(i);
  for (uint32_t key = 0; key < p.destination_keys.size(); ++key) {
    const std::vector<uint32_t>& members = p.destinations_by_key[key];
    if (members.empty()) continue;
    bool dead = p.Dead(src, key);
    if (!dead && !s.PlanBlock(src, key, p.destination_keys[key][0]->subnet)) continue;
    for (uint32_t j : members)
      if (p.destinations[j].eni != src.eni) row[j] = dead ? s.empty_id : s.AnswerInBlock(src, p.destinations[j]);
  }
}

CompiledReach::TableCost CompiledReach::TakeTableCost() {
  TableCost cost{state_->table_seconds, state_->tables_built};
  state_->table_seconds = 0, state_->tables_built = 0;
  return cost;
}

const ServiceSet& CompiledReach::Set(uint32_t id) const { return state_->sets.Get(id); }

std::optional<ServiceSet> CompiledReach::Allowed(size_t i, size_t j) {
  std::optional<uint32_t> id = AllowedId(i, j);
  if (!id) return std::nullopt;
  return Set(*id);
}

}  // namespace sgscope
