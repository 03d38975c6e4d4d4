// Compiled all-pairs evaluation over the skeletons of compiled_paths.h. A security group's answer
// for a peer is the union of its CIDR part (piecewise constant over the address space, looked up
// by binary search) and its group-reference part (by which referenced groups the peer carries);
// an ACL's answer is piecewise constant too. Sets are interned and their unions and
// intersections memoized. Pairs are answered for a batch of sources (a few path keys) at a time,
// block of destinations (a subnet) by block: what is alike for a block is settled once, and what
// a destination's groups answer is worked out for the whole batch while their table is in cache.
// Anything else goes to PairEvaluator.

#include "engines/compiled_reach.h"

#include <algorithm>
#include <bit>
#include <ctime>
#include <unordered_map>

#include "engines/batch_columns.h"
#include "engines/filter_services.h"
#include "engines/memo_map.h"

namespace sgscope {

namespace {

using SetId = uint32_t;

struct ServiceSetHash {
  size_t operator()(const ServiceSet& s) const { return s.Hash(); }
};

// Interned service sets with memoized union and intersection. The empty set and the set of all
// services are ids 0 and 1: operations with them need no memo (most of a batch's are such).
class SetTable {
 public:
  static constexpr SetId kEmpty = 0, kAll = 1;
  SetTable() {
    Intern(ServiceSet());
    Intern(ServiceSet::All());
  }
  SetId Intern(ServiceSet s) {
    auto [it, added] = ids_.emplace(std::move(s), static_cast<SetId>(sets_.size()));
    if (added) sets_.push_back(&it->first);
    return it->second;
  }
  const ServiceSet& Get(SetId id) const { return *sets_[id]; }
  SetId Union(SetId a, SetId b) {
    if (a == kEmpty || b == kAll) return b;
    if (b == kEmpty || a == kAll) return a;
    return Op(a, b, unions_, recent_unions_, [](auto& x, auto& y) { return x.Union(y); });
  }
  SetId Intersect(SetId a, SetId b) {
    if (a == kAll || b == kEmpty) return b;
    if (b == kAll || a == kEmpty) return a;
    return Op(a, b, intersections_, recent_intersections_, [](auto& x, auto& y) { return x.Intersect(y); });
  }

 private:
  // Recent results sit in a small direct-mapped table in front of the memo: the pairs of a batch
  // repeat a few operations many times, and the memo grows past the caches.
  struct Recent {
    uint64_t key = ~uint64_t{0};  // no pair a < b makes this key
    SetId value = 0;
  };
  static constexpr size_t kRecentBits = 12;
  template <typename F>
  SetId Op(SetId a, SetId b, MemoMap& memo, std::vector<Recent>& recent, F f) {
    if (a == b) return a;
    if (a > b) std::swap(a, b);
    uint64_t key = uint64_t{a} << 32 | b;
    Recent& r = recent[(key * 0x9e3779b97f4a7c15ull) >> (64 - kRecentBits)];
    if (r.key == key) return r.value;
    const SetId* known = memo.Find(key);
    SetId id = known ? *known : Intern(f(Get(a), Get(b)));
    if (!known) memo.Insert(key, id);
    r = {key, id};
    return id;
  }
  std::unordered_map<ServiceSet, SetId, ServiceSetHash> ids_;
  std::vector<const ServiceSet*> sets_;  // node-based map: stable addresses
  MemoMap unions_, intersections_;
  std::vector<Recent> recent_unions_ = std::vector<Recent>(size_t{1} << kRecentBits);
  std::vector<Recent> recent_intersections_ = std::vector<Recent>(size_t{1} << kRecentBits);
};

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

// A function of a peer's address on the tables' axis (AddressAxis), constant between consecutive starts.
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

// A prefix's first coordinate and the one after its last: the axis's blocks never straddle it.
void AddBounds(const AddressAxis& axis, const IpPrefix& prefix, std::vector<uint64_t>& bounds) {
  if (prefix.family() != axis.family()) return;
  bounds.push_back(axis.Coordinate(prefix.First()));
  bounds.push_back(uint64_t{axis.Coordinate(prefix.Last())} + 1);
}

}  // namespace

struct CompiledReach::State {
  const CompiledPaths& p;
  const Network& n;
  ServiceSet universe;
  bool open_destination_ingress = false;
  SetTable sets;
  static constexpr SetId empty_id = SetTable::kEmpty;
  SetId universe_id = 0, without_response_id = 0;
  std::vector<SetId> class_universe_ids;  // the examined services of each protocol class
  // What one group set answers in one direction, built on first use.
  struct GroupTable {
    bool built = false;
    Pieces cidr;                                    // the CIDR and prefix-list part, by peer address
    std::vector<std::pair<uint32_t, SetId>> refs;   // group-reference rules: (group number, services)
    std::vector<std::pair<uint32_t, uint64_t>> ref_masks;  // at most 64 refs: group number -> its rules, sorted
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
  // The batch being answered: up to 64 sources of a few path keys, answered together block by block,
  // so the tables of a block's destinations are read once from memory for all of them.
  struct Slot;
  std::vector<Slot> slots;
  size_t batch = 0;                                 // slots in use
  std::vector<size_t> batch_rows;                   // the sources the caches hold
  uint32_t batch_lo = 0, batch_hi = 0;              // the lowest and highest address of its sources
  std::vector<uint64_t> batch_carriers;             // by group number: which slots carry the group (bit b)
  static constexpr size_t kBatch = 64;
  static_assert(kBatch <= 64, "a slot per bit of batch_carriers");
  using Column = BatchColumns<kBatch>::Column;      // a value per source of the batch
  BatchColumns<kBatch> ingress_columns;             // by (destination group set, direction, references)
  BatchColumns<kBatch> reference_columns;           // by (destination kind, direction): the sources' reference parts

  State(const CompiledPaths& paths, const ServiceSet& u)
      : p(paths), n(paths.n), universe(u), group_tables(paths.groupset_carrier.size() * 2),
        acl_tables(paths.n.network_acls.size() * 2) {
    universe_id = sets.Intern(universe);
    without_response_id = sets.Intern(WithoutResponse(universe));
    for (const ProtocolClass& pc : ProtocolClasses(paths.family))
      class_universe_ids.push_back(sets.Intern(pc.universe.Intersect(universe)));
  }

  GroupTable& TableOf(uint32_t groupset, Direction d) {
    GroupTable& t = group_tables[size_t{groupset} * 2 + (d == Direction::kEgress)];
    if (!t.built) {
      TableTimer timer{*this};
      BuildGroupTable(groupset, d, t);
    }
    return t;
  }

  // What the table's group-reference rules admit from a peer with these groups (a peer carries
  // a few groups: each is looked up among the rules').
  SetId ReferencePart(GroupTable& t, const Side& peer) {
    const std::vector<uint32_t>& groups = p.kind_groups[peer.kind];
    if (t.refs.size() > 64)
      return ReferencePart(t, [&](uint32_t group) { return std::binary_search(groups.begin(), groups.end(), group); });
    uint64_t mask = 0;
    for (uint32_t group : groups) {
      auto it = std::lower_bound(t.ref_masks.begin(), t.ref_masks.end(), std::pair<uint32_t, uint64_t>{group, 0});
      if (it != t.ref_masks.end() && it->first == group) mask |= it->second;
    }
    return PartOfMask(t, mask);
  }

  template <typename Member>
  SetId ReferencePart(GroupTable& t, Member member) {
    if (t.refs.size() > 64) {  // too many for a mask: union the matching rules directly
      SetId out = empty_id;
      for (auto& [group, services] : t.refs)
        if (member(group)) out = sets.Union(out, services);
      return out;
    }
    uint64_t mask = 0;
    for (size_t k = 0; k < t.refs.size(); ++k)
      if (member(t.refs[k].first)) mask |= uint64_t{1} << k;
    return PartOfMask(t, mask);
  }

  // The union of the table's reference rules in `mask` (at most 64 rules).
  SetId PartOfMask(GroupTable& t, uint64_t mask) {
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
        if (auto* prefix = std::get_if<IpPrefix>(&r.peer)) AddBounds(p.axis, *prefix, bounds);
        if (auto* ref = std::get_if<GroupReference>(&r.peer)) {
          auto number = p.group_numbers.find(ref->group_id);  // a group no interface names matches none
          if (number != p.group_numbers.end())
            t.refs.push_back({number->second, sets.Intern(ServiceSet::Of(r.protocol, r.ports, r.icmp))});
        }
        if (auto* list = std::get_if<PrefixListReference>(&r.peer))
          if (const PrefixList* l = n.FindPrefixList(list->prefix_list_id))
            for (auto& c : l->cidrs) AddBounds(p.axis, c, bounds);
      }
    if (t.refs.size() <= 64) {
      for (size_t k = 0; k < t.refs.size(); ++k) t.ref_masks.push_back({t.refs[k].first, uint64_t{1} << k});
      std::sort(t.ref_masks.begin(), t.ref_masks.end());
      size_t kept = 0;  // one entry per group, its rules' bits together
      for (auto& [group, mask] : t.ref_masks)
        if (kept && t.ref_masks[kept - 1].first == group) t.ref_masks[kept - 1].second |= mask;
        else t.ref_masks[kept++] = {group, mask};
      t.ref_masks.resize(kept);
    }
    t.cidr = BuildPieces(bounds, [&](uint32_t a) {  // without references: the CIDR and prefix-list part
      return sets.Intern(SecurityGroupServices(n, carrier, d, p.axis.Address(a), PeerScope{false, nullptr}));
    });
    t.built = true;
  }

  const Pieces& AclTable(const NetworkAcl& acl, Direction d) {
    std::optional<Pieces>& table = acl_tables[size_t(&acl - n.network_acls.data()) * 2 + (d == Direction::kEgress)];
    if (!table) {
      std::vector<uint64_t> bounds;
      for (auto& e : acl.entries(d)) AddBounds(p.axis, e.cidr, bounds);
      TableTimer timer{*this};
      table = BuildPieces(bounds, [&](uint32_t a) { return sets.Intern(NetworkAclServices(acl, d, p.axis.Address(a))); });
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

  // What an ACL step lets through: its table's piece, or for a response step what that piece
  // lets back to the client port.
  SetId AclStepSet(const SkeletonStep& step, SetId passes) {
    return step.response ? Response(passes, step.response_port) : passes;
  }

  // How a slot's destinations of one block (a destination key: one subnet) are answered. Steps
  // whose peer is the source answer alike for the whole block, and so does a table whose piece
  // is the same at both ends of the subnet: those are folded into `fixed`. The rest is looked up
  // per destination.
  static constexpr uint32_t kAnyPiece = UINT32_MAX;
  struct PlannedStep {
    const SkeletonStep* step = nullptr;
    GroupTable* groups = nullptr;  // the source's own groups (their peer is the destination)
    const Pieces* acl = nullptr;   // an ACL looking at the destination's address
    uint32_t piece = kAnyPiece;    // the piece of `groups`' CIDR part for the block
  };
  struct Plan {
    SetId fixed = 0;  // the examined services, less what the block-wide steps stop
    std::vector<PlannedStep> steps;
  };
  // One source of the batch.
  struct Slot {
    const Side* src = nullptr;
    std::vector<Plan> plans;       // for the block being answered: one, or one per protocol class
    size_t planned = 0;
  };
  // Each destination key's IPv4 block when every destination of the key lies in it (the steps
  // looking at destination addresses can then be settled for the block), else lo > hi.
  std::vector<std::pair<uint32_t, uint32_t>> key_blocks;

  void MakePlan(const Skeleton& skeleton, SetId examined, std::pair<uint32_t, uint32_t> block, const Side& src,
                Plan& plan) {
    plan.steps.clear();
    plan.fixed = skeleton.return_failed ? sets.Intersect(examined, without_response_id) : examined;
    if (skeleton.forward_failed || skeleton.left_network) plan.fixed = empty_id;
    auto piece_of = [&](const Pieces& pieces) {
      if (block.first > block.second) return kAnyPiece;
      uint32_t first = pieces.Index(block.first);
      return first == pieces.Index(block.second) ? first : kAnyPiece;
    };
    for (const SkeletonStep& step : skeleton.steps) {
      if (plan.fixed == empty_id) return;
      PlannedStep planned{&step};
      SetId block_wide = kNoSet;
      if (step.groups && step.of_source) {
        planned.groups = &TableOf(src.groupset, step.direction);
        planned.piece = piece_of(planned.groups->cidr);
        if (planned.piece != kAnyPiece && planned.groups->refs.empty()) block_wide = planned.groups->cidr.sets[planned.piece];
      } else if (!step.groups) {
        const Pieces& acl = AclTable(*step.acl, step.direction);
        uint32_t piece = step.peer_is_destination ? piece_of(acl) : acl.Index(src.address);
        if (piece != kAnyPiece) block_wide = AclStepSet(step, acl.sets[piece]);
        planned.acl = &acl;
      }
      if (block_wide != kNoSet) plan.fixed = sets.Intersect(plan.fixed, block_wide);
      else plan.steps.push_back(planned);
    }
  }
  static constexpr SetId kNoSet = UINT32_MAX;

  // What the plan lets through to one destination from source b of the batch.
  SetId Answer(const Plan& plan, size_t b, const Side& dst) {
    SetId allowed = plan.fixed;
    for (auto step = plan.steps.begin(); step != plan.steps.end() && allowed != empty_id; ++step)
      allowed = sets.Intersect(allowed, StepAnswer(*step, b, dst));
    return allowed;
  }

  // What a step the plan could not settle for the block answers for one destination.
  SetId StepAnswer(const PlannedStep& planned, size_t b, const Side& dst) {
    if (planned.acl) return AclStepSet(*planned.step, planned.acl->At(dst.address));
    if (!planned.groups) return IngressColumn(dst.groupset, *planned.step)[b];
    const GroupTable& t = *planned.groups;
    SetId cidr = t.cidr.sets[planned.piece != kAnyPiece ? planned.piece : t.cidr.Index(dst.address)];
    if (t.refs.empty()) return cidr;
    SetId part = ReferenceColumn(dst, planned.step->direction)[b];
    return part == empty_id ? cidr : sets.Union(cidr, part);
  }

  // The destination's groups' answer for each source of the batch (a group step not of the
  // source is the destination's ingress: Trace uses no other); open_destination_ingress lets
  // everything through them. The CIDR part is looked up once when every source of the batch
  // falls in the same piece.
  const Column& IngressColumn(uint32_t groupset, const SkeletonStep& step) {
    size_t index = size_t{groupset} * 4 + (step.direction == Direction::kEgress) * 2 + step.references;
    return ingress_columns.Get(index, [&](Column& column) {
      if (open_destination_ingress) return column.fill(universe_id);
      GroupTable& t = TableOf(groupset, step.direction);
      uint32_t piece = t.cidr.Index(batch_lo);
      bool one_piece = piece == t.cidr.Index(batch_hi);
      std::array<uint64_t, kBatch> masks{};  // each source's matching reference rules
      if (step.references && t.refs.size() <= 64)
        for (size_t k = 0; k < t.refs.size(); ++k)
          for (uint64_t carriers = batch_carriers[t.refs[k].first]; carriers; carriers &= carriers - 1)
            masks[std::countr_zero(carriers)] |= uint64_t{1} << k;
      for (size_t b = 0; b < batch; ++b) {
        SetId cidr = t.cidr.sets[one_piece ? piece : t.cidr.Index(slots[b].src->address)];
        SetId part = !step.references ? empty_id
                     : t.refs.size() <= 64
                         ? PartOfMask(t, masks[b])
                         : ReferencePart(t, [&](uint32_t group) { return bool(batch_carriers[group] >> b & 1); });
        column[b] = part == empty_id ? cidr : sets.Union(cidr, part);
      }
    });
  }

  // What each source's own group-reference rules (in direction d) admit of the destination.
  const Column& ReferenceColumn(const Side& dst, Direction d) {
    return reference_columns.Get(size_t{dst.kind} * 2 + (d == Direction::kEgress), [&](Column& column) {
      for (size_t b = 0; b < batch; ++b) column[b] = ReferencePart(TableOf(slots[b].src->groupset, d), dst);
    });
  }

  // Plans for the skeletons from the slot's source to a destination key: one, or one per
  // protocol class where a NAT gateway on the path tells them apart. False when a skeleton
  // cannot stand for the path.
  bool PlanBlock(Slot& slot, uint32_t key, std::pair<uint32_t, uint32_t> block) {
    const Side& src = *slot.src;
    const Skeleton& tcp = p.skeletons[p.SkeletonIndex(src, key, 0)];
    if (!tcp.usable) return false;
    slot.planned = tcp.protocol_dependent ? p.classes : 1;
    if (slot.plans.size() < slot.planned) slot.plans.resize(slot.planned);
    if (!tcp.protocol_dependent) {
      MakePlan(tcp, universe_id, block, src, slot.plans[0]);
      return true;
    }
    for (size_t c = 0; c < p.classes; ++c) {
      const Skeleton& skeleton = p.skeletons[p.SkeletonIndex(src, key, c)];
      if (!skeleton.usable) return false;
      MakePlan(skeleton, class_universe_ids[c], block, src, slot.plans[c]);
    }
    return true;
  }

  // What gets from the slot's source to a destination of the planned block.
  SetId AnswerInBlock(const Slot& slot, size_t b, const Side& dst) {
    if (slot.planned == 1) return Answer(slot.plans[0], b, dst);
    SetId allowed = empty_id;
    for (size_t c = 0; c < slot.planned; ++c) allowed = sets.Union(allowed, Answer(slot.plans[c], b, dst));
    return allowed;
  }

  // Points the slots at these sources; the caches keep what they hold when the batch is the same.
  void StartBatch(const size_t* rows, size_t count) {
    if (batch_rows.size() == count && std::equal(rows, rows + count, batch_rows.begin())) return;
    batch_rows.assign(rows, rows + count);
    ingress_columns.NewBatch(), reference_columns.NewBatch();
    batch_lo = UINT32_MAX, batch_hi = 0;
    for (size_t b = 0; b < batch; ++b)  // the previous batch's
      if (slots[b].src->usable)
        for (uint32_t g : p.kind_groups[slots[b].src->kind]) batch_carriers[g] = 0;
    batch_carriers.resize(p.group_numbers.size());
    batch = count;
    for (size_t b = 0; b < count; ++b) {
      Slot& slot = slots[b];
      slot.src = &p.sources[rows[b]];
      // A source the tables cannot stand for has no groups here (an IPv6 class, the internet: its
      // kind is no kind), and no pair of it is answered from them.
      if (!slot.src->usable) continue;
      batch_lo = std::min(batch_lo, slot.src->address), batch_hi = std::max(batch_hi, slot.src->address);
      for (uint32_t g : p.kind_groups[slot.src->kind]) batch_carriers[g] |= uint64_t{1} << b;
    }
  }

  // The destinations in the order AllowedRows answers them: key after key, then those no key
  // holds (the general evaluator's).
  std::vector<uint32_t> destination_order;
  std::vector<size_t> key_start;  // where each key's destinations begin in that order
  size_t keyed_end = 0;           // and where those no key holds begin

  std::unordered_map<const NetworkInterface*, size_t> position_of;  // a destination's interface -> where

  void OrderDestinations() {
    std::vector<uint8_t> placed(p.destinations.size(), 0);
    for (const std::vector<uint32_t>& members : p.destinations_by_key) {
      key_start.push_back(destination_order.size());
      for (uint32_t j : members) destination_order.push_back(j), placed[j] = 1;
    }
    keyed_end = destination_order.size();
    for (uint32_t j = 0; j < p.destinations.size(); ++j)
      if (!placed[j]) destination_order.push_back(j);
    for (size_t t = 0; t < destination_order.size(); ++t) position_of[p.destinations[destination_order[t]].eni] = t;
  }

  void FindKeyBlocks() {
    for (size_t key = 0; key < p.destination_keys.size(); ++key) {
      std::pair<uint32_t, uint32_t> block{1, 0};
      const Subnet* subnet = p.destination_keys[key][0]->subnet;
      if (const IpPrefix* cidr = subnet ? subnet->BlockOf(p.family) : nullptr) {
        block = {p.axis.Coordinate(cidr->First()), p.axis.Coordinate(cidr->Last())};
        for (uint32_t j : p.destinations_by_key[key])
          if (p.destinations[j].address < block.first || p.destinations[j].address > block.second) block = {1, 0};
      }
      key_blocks.push_back(block);
    }
  }
};

CompiledReach::CompiledReach(const CompiledPaths& paths, const ServiceSet& universe, bool open_destination_ingress)
    : state_(std::make_unique<State>(paths, universe)) {
  state_->open_destination_ingress = open_destination_ingress;
  state_->slots.resize(State::kBatch);
  state_->FindKeyBlocks();
  state_->OrderDestinations();
}

CompiledReach::~CompiledReach() = default;

const ServiceSet& CompiledReach::universe() const { return state_->universe; }

std::optional<uint32_t> CompiledReach::AllowedId(size_t i, size_t j) {
  State& s = *state_;
  const Side &src = s.p.sources[i], &dst = s.p.destinations[j];
  if (!src.usable || !dst.usable_destination || src.eni == dst.eni) return std::nullopt;
  s.StartBatch(&i, 1);
  if (!s.PlanBlock(s.slots[0], dst.path_key, {1, 0})) return std::nullopt;
  return s.AnswerInBlock(s.slots[0], 0, dst);
}

size_t CompiledReach::BatchSize() { return State::kBatch; }

const std::vector<uint32_t>& CompiledReach::DestinationOrder() const { return state_->destination_order; }

void CompiledReach::AllowedRows(const size_t* rows, size_t count, std::vector<uint32_t>& out) {
  State& s = *state_;
  const CompiledPaths& p = s.p;
  size_t columns = p.destinations.size();
  out.resize(count * columns);  // every cell is written below
  s.StartBatch(rows, count);
  for (size_t b = 0; b < count; ++b) {  // what no key holds, and every pair of a source the tables cannot stand for
    uint32_t* row = out.data() + b * columns;
    std::fill(row + (s.slots[b].src->usable ? s.keyed_end : 0), row + columns, kNoAnswer);
  }
  // Block by block, every source of the batch: the block's tables are read once for all.
  for (uint32_t key = 0; key < p.destination_keys.size(); ++key) {
    const std::vector<uint32_t>& members = p.destinations_by_key[key];
    if (members.empty()) continue;
    for (size_t b = 0; b < count; ++b) {
      State::Slot& slot = s.slots[b];
      const Side& src = *slot.src;
      if (!src.usable) continue;
      uint32_t* row = out.data() + b * columns + s.key_start[key];  // the key's destinations side by side
      if (p.Dead(src, key)) std::fill(row, row + members.size(), s.empty_id);
      else if (s.PlanBlock(slot, key, s.key_blocks[key]))
        for (size_t t = 0; t < members.size(); ++t) row[t] = s.AnswerInBlock(slot, b, p.destinations[members[t]]);
      else std::fill(row, row + members.size(), kNoAnswer);
    }
  }
  for (size_t b = 0; b < count; ++b)  // no pair of an interface with itself
    if (auto self = s.position_of.find(s.slots[b].src->eni); self != s.position_of.end())
      out[b * columns + self->second] = kNoAnswer;
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
