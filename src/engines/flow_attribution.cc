// Attribution of flow log records: a record is logged per interface and direction, and only the
// packets that open a connection are judged by the rules; answers of a tracked connection pass
// regardless (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html).
// So each record gets a role first, then the rules of that role's direction, then the subnet's
// ACL, which is stateless and judges every packet crossing the subnet's edge.

#include "engines/flow_attribution.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>

#include "engines/packet_match.h"

namespace sgscope {

namespace {

constexpr uint16_t kTcpSyn = 2, kTcpAck = 16;

Direction Opposite(Direction d) { return d == Direction::kIngress ? Direction::kEgress : Direction::kIngress; }

// The record's direction: its flow-direction field (v5), else which address is the interface's:
// flow logs write the interface's own side as its private address.
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
std::optional<Direction> DirectionOf(const InterfaceRules& rules, const NetworkInterface& eni, const FlowRecord& r) {
  if (r.direction == FlowDirection::kIngress) return Direction::kIngress;
  if (r.direction == FlowDirection::kEgress) return Direction::kEgress;
  if (r.Has(FlowField::kDstAddr) && rules.HasPrivateAddress(eni, r.dst)) return Direction::kIngress;
  if (r.Has(FlowField::kSrcAddr) && rules.HasPrivateAddress(eni, r.src)) return Direction::kEgress;
  return std::nullopt;
}

// The record's packets as the groups see them: srcaddr/dstaddr show the interface's primary
// address and a NAT gateway's own, so pkt-srcaddr / pkt-dstaddr win when present.
Packet PacketOf(const FlowRecord& r) {
  Packet p;
  p.src = r.Has(FlowField::kPktSrcAddr) ? r.pkt_src : r.src;
  p.dst = r.Has(FlowField::kPktDstAddr) ? r.pkt_dst : r.dst;
  p.protocol = r.protocol;
  if (p.has_ports()) {
    p.src_port = r.src_port;
    p.dst_port = r.dst_port;
  }
  if (p.is_icmp()) p.icmp_type = p.protocol == kProtoIcmpv6 ? 128 : 8;  // echo request
  return p;
}

// The request the record's packets would answer: the same flow the other way.
Packet RequestAnswered(const Packet& recorded) {
  Packet p = recorded;
  std::swap(p.src, p.dst);
  std::swap(p.src_port, p.dst_port);
  return p;
}

// The record read both ways: what its packets are, and whether each role is allowed.
struct Reading {
  Packet packet;  // with an ICMP echo request's type
  bool has_groups = false;
  bool initiator_allowed = false;  // the interface's rules in the record's direction allow it
  bool response_allowed = false;   // its rules the other way allow the request it would answer
};

// SYN without ACK is sent by the side that opens, SYN-ACK by the side that answers ("When a flow
// log entry consists of only ACK packets, the flag value is 0"); without them, a rejected record
// the groups refuse as an opening is one (an answer would have passed, tracked), else the reading
// only the rules allow; with both allowed, the lower port is the service. Otherwise the record is taken
// as opening: crediting its rules can keep a rule that was not needed, never drop one that was.
void DecideRole(const FlowRecord& record, const Reading& reading, FlowAttribution& out) {
  const Packet& p = reading.packet;
  if (p.protocol == kProtoTcp && record.Has(FlowField::kTcpFlags) && (record.tcp_flags & kTcpSyn)) {
    out.role = record.tcp_flags & kTcpAck ? FlowRole::kResponse : FlowRole::kInitiator;
    out.basis = RoleBasis::kTcpFlags;
  } else if (record.action == FlowAction::kReject && reading.has_groups && !reading.initiator_allowed) {
    out.role = FlowRole::kInitiator;  // the groups refuse it as a new connection: that explains the reject
    out.basis = RoleBasis::kRules;
  } else if (reading.initiator_allowed != reading.response_allowed) {
    out.role = reading.initiator_allowed ? FlowRole::kInitiator : FlowRole::kResponse;
    out.basis = RoleBasis::kRules;
  } else if (p.has_ports() && p.src_port != p.dst_port) {
    out.role = p.dst_port < p.src_port ? FlowRole::kInitiator : FlowRole::kResponse;
    out.basis = RoleBasis::kPorts;
  } else {
    out.role = FlowRole::kInitiator;
    out.basis = RoleBasis::kNone;
  }
}

}  // namespace

// The record's peer as rules ask about it. Which interfaces hold it as a private address is
// looked up once, when a group reference first asks: RulePeerMatcher's reading (references
// match members' private addresses), on group numbers.
class FlowAttributor::RecordPeer {
 public:
  RecordPeer(const FlowAttributor& attributor, IpAddress address) : address(address), attributor_(attributor) {}

  bool HeldByMemberOf(uint32_t group) {
    if (!looked_up_) {
      looked_up_ = true;
      auto* range = address.is_v4() ? attributor_.member_groups_of_v4_.Find(address.v4())
                                     : attributor_.member_groups_of_v6_.Find(address);
      if (range) groups_ = *range;
    }
    for (uint32_t i = groups_.first; i < groups_.second; ++i)
      if (attributor_.member_groups_[i] == group) return true;
    return false;
  }

  const IpAddress address;

 private:
  const FlowAttributor& attributor_;
  bool looked_up_ = false;
  std::pair<uint32_t, uint32_t> groups_{0, 0};
};

bool InterfaceRules::HasPrivateAddress(const NetworkInterface& eni, IpAddress a) const {
  if (!a.is_v4() || !private_v4_inline) return eni.HasPrivateAddress(a);
  for (uint8_t i = 0; i < private_v4_count; ++i)
    if (private_v4[i] == a.v4()) return true;
  return false;
}

// ProtocolAndPortsMatch and RulePeerMatcher::Covers on a compiled rule.
bool FlowAttributor::Allows(const CompiledRule& rule, const Packet& packet, RecordPeer& peer) const {
  using Selects = CompiledRule::Selects;
  if (rule.selects != Selects::kAll && packet.protocol != rule.protocol) return false;
  if (rule.selects == Selects::kPorts && !rule.ports.Contains(packet.dst_port)) return false;
  if (rule.selects == Selects::kIcmp && !rules_by_id_[rule.id].rule->icmp.Matches(packet.icmp_type, packet.icmp_code))
    return false;
  switch (rule.peer) {
    case CompiledRule::Peer::kV4Cidr: return peer.address.is_v4() && (peer.address.v4() & rule.mask) == rule.value;
    case CompiledRule::Peer::kV6Cidr: return std::get<IpPrefix>(rules_by_id_[rule.id].rule->peer).Contains(peer.address);
    case CompiledRule::Peer::kGroup: return peer.HeldByMemberOf(rule.value);
    case CompiledRule::Peer::kPrefixList:
      if (const PrefixList* list = prefix_lists_[rule.value])
        for (const IpPrefix& c : list->cidrs)
          if (c.Contains(peer.address)) return true;
      return false;
  }
  return false;
}

// Whether one of the interface's rules in direction `d` allows `packet`; every allowing rule
// goes to `out` when given.
bool FlowAttributor::RulesAllow(const InterfaceRules& interface, Direction d, const Packet& packet, RecordPeer& peer,
                                FlowAttribution* out) const {
  std::span<const CompiledRule> rules = interface.rules(d);
  bool any = false;
  for (size_t chunk = 0; chunk * 64 < rules.size(); ++chunk) {
    std::span<const CompiledRule> part = rules.subspan(chunk * 64, std::min<size_t>(64, rules.size() - chunk * 64));
    uint64_t allowed = ChunkAllows(part, interface.index(d)[chunk], packet, peer, !out);
    any |= allowed != 0;
    if (!out) {
      if (any) return true;
      continue;
    }
    for (uint64_t m = allowed; m; m &= m - 1) {
      const CompiledRule& rule = part[std::countr_zero(m)];
      out->rules.push_back(rules_by_id_[rule.id]);
      out->rule_ids.push_back(rule.id);
    }
    if (rules.size() <= 64) {
      out->rule_list = static_cast<uint32_t>(rules.data() - compiled_.data());
      out->rule_positions = allowed;
    }
  }
  return any;
}

// The positions of `rules` (at most 64) that allow `packet`. An IPv4 peer is answered by the
// list's index, the rules it cannot settle asked one by one; others rule by rule. With
// `any_suffices`, a single allowing position is enough: a rule the index settles, if there is one.
uint64_t FlowAttributor::ChunkAllows(std::span<const CompiledRule> rules, const RuleListIndex& index,
                                     const Packet& packet, RecordPeer& peer, bool any_suffices) const {
  uint64_t candidates = rules.size() == 64 ? ~uint64_t{0} : (uint64_t{1} << rules.size()) - 1;
  uint64_t unsure = candidates;
  if (peer.address.is_v4()) {
    candidates = index.Candidates(packet.protocol, packet.dst_port, peer.address.v4());
    unsure = candidates & index.tested();
    if (any_suffices && candidates != unsure) return candidates & ~unsure;
  }
  for (; unsure; unsure &= unsure - 1) {
    int i = std::countr_zero(unsure);
    if (!Allows(rules[i], packet, peer)) candidates &= ~(uint64_t{1} << i);
    else if (any_suffices) return uint64_t{1} << i;
  }
  return candidates;
}

namespace {

CoordinateRange V4Range(uint32_t value, uint32_t mask) { return {value & mask, value | ~mask}; }

// The protocol and ports ProtocolAndPortsMatch tests, as an index holds them; ICMP types are
// left to the rule.
void Select(const ProtocolSelector& protocol, const PortRange& ports, IndexedRule& out) {
  if (protocol.all) return;
  out.protocol = protocol.number;
  if (protocol.HasPorts()) out.ports = {ports.from, ports.to};
  if (protocol.HasIcmpTypes()) out.tested = true;
}

// Each 64 rules of a list get one index: rules 64c..64c+63 in the c-th.
template <typename Rule, typename Describe>
std::vector<RuleListIndex> IndexEach64(std::span<const Rule> rules, const Describe& describe) {
  std::vector<RuleListIndex> out;
  for (size_t first = 0; first < rules.size(); first += 64) {
    std::vector<IndexedRule> chunk;
    for (size_t i = first; i < std::min(rules.size(), first + 64); ++i) chunk.push_back(describe(rules[i]));
    out.emplace_back(chunk);
  }
  return out;
}

}  // namespace

// A group reference may hold anywhere a member is: the index leaves it to the rule.
std::vector<RuleListIndex> FlowAttributor::IndexesOf(std::span<const CompiledRule> rules) const {
  return IndexEach64(rules, [&](const CompiledRule& rule) {
    IndexedRule out;
    switch (rule.peer) {
      case CompiledRule::Peer::kV4Cidr: out.peers.push_back(V4Range(rule.value, rule.mask)); break;
      case CompiledRule::Peer::kV6Cidr: break;  // holds no IPv4 address
      case CompiledRule::Peer::kGroup: out.peers.push_back({0, UINT32_MAX}), out.tested = true; break;
      case CompiledRule::Peer::kPrefixList:
        if (const PrefixList* list = prefix_lists_[rule.value])
          for (const IpPrefix& cidr : list->cidrs)
            if (CompiledCidr c(cidr); c.v4) out.peers.push_back(V4Range(c.value, c.mask));
        break;
    }
    const SecurityGroupRule& model = *rules_by_id_[rule.id].rule;
    Select(model.protocol, model.ports, out);
    return out;
  });
}

CompiledAcl FlowAttributor::CompileAcl(const NetworkAcl& acl) {
  CompiledAcl out;
  for (Direction d : {Direction::kIngress, Direction::kEgress}) {
    std::span<const NetworkAclEntry> entries = acl.entries(d);
    int side = d == Direction::kIngress ? 0 : 1;
    for (const NetworkAclEntry& entry : entries) out.cidrs[side].emplace_back(entry.cidr);
    out.indexes[side] = IndexEach64(entries, [](const NetworkAclEntry& entry) {
      IndexedRule rule;
      if (CompiledCidr c(entry.cidr); c.v4) rule.peers.push_back(V4Range(c.value, c.mask));
      Select(entry.protocol, entry.ports, rule);
      return rule;
    });
  }
  return out;
}

CompiledRule FlowAttributor::Compile(uint32_t id, std::unordered_map<std::string_view, uint32_t>& group_numbers) {
  const SecurityGroupRule& rule = *rules_by_id_[id].rule;
  CompiledRule c{.id = id, .protocol = rule.protocol.number, .ports = rule.ports};
  c.selects = rule.protocol.all            ? CompiledRule::Selects::kAll
              : rule.protocol.HasPorts()     ? CompiledRule::Selects::kPorts
              : rule.protocol.HasIcmpTypes() ? CompiledRule::Selects::kIcmp
                                             : CompiledRule::Selects::kProtocol;
  if (auto* cidr = std::get_if<IpPrefix>(&rule.peer)) {
    c.peer = cidr->family() == IpFamily::kV4 ? CompiledRule::Peer::kV4Cidr : CompiledRule::Peer::kV6Cidr;
    c.value = static_cast<uint32_t>(cidr->address().value());
    c.mask = static_cast<uint32_t>(PrefixMask(IpFamily::kV4, cidr->length()));
  } else if (auto* ref = std::get_if<GroupReference>(&rule.peer)) {
    c.peer = CompiledRule::Peer::kGroup;
    c.value = group_numbers.emplace(ref->group_id, group_numbers.size()).first->second;
  } else {
    c.peer = CompiledRule::Peer::kPrefixList;
    c.value = static_cast<uint32_t>(prefix_lists_.size());
    prefix_lists_.push_back(network_.FindPrefixList(std::get<PrefixListReference>(rule.peer).prefix_list_id));
  }
  return c;
}

void FlowAttributor::CompileRules(const std::vector<const SecurityGroup*>& groups, Direction d,
                                  const std::unordered_map<const SecurityGroupRule*, uint32_t>& id_of,
                                  std::unordered_map<std::string_view, uint32_t>& group_numbers) {
  for (const SecurityGroup* group : groups)
    for (const SecurityGroupRule& rule : group->rules(d)) compiled_.push_back(Compile(id_of.at(&rule), group_numbers));
}

FlowAttributor::FlowAttributor(const Network& network) : network_(network) {
  std::unordered_map<const SecurityGroupRule*, uint32_t> id_of;
  for (const SecurityGroup& group : network.security_groups)
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const SecurityGroupRule& rule : group.rules(d)) {
        id_of.emplace(&rule, static_cast<uint32_t>(rules_by_id_.size()));
        rules_by_id_.push_back({&group, &rule});
      }
  std::unordered_map<std::string_view, uint32_t> group_numbers;
  // Interfaces with the same groups share their compiled rules: [ingress, egress, end) offsets.
  std::map<std::vector<const SecurityGroup*>, std::array<size_t, 3>> compiled_for;
  std::vector<std::array<size_t, 3>> offsets(network.network_interfaces.size());
  interface_rules_.resize(network.network_interfaces.size());
  for (uint32_t i = 0; i < network.network_interfaces.size(); ++i) {
    const NetworkInterface& eni = network.network_interfaces[i];
    bool added;  // the first of duplicate ids wins, as a lookup by id in the snapshot would
    if (eni.id.size() < sizeof(ShortId)) {
      uint32_t& index = interface_by_short_id_.FindOrAdd(ShortId(eni.id), added);
      if (added) index = i;
    } else {
      interface_by_long_id_.emplace(eni.id, i);
    }
    for (const std::string& id : eni.group_ids) group_numbers.emplace(id, group_numbers.size());
    std::vector<const SecurityGroup*> groups = network.GroupsOf(eni);
    auto [it, first] = compiled_for.try_emplace(groups);
    if (first) {
      it->second[0] = compiled_.size();
      CompileRules(groups, Direction::kIngress, id_of, group_numbers);
      it->second[1] = compiled_.size();
      CompileRules(groups, Direction::kEgress, id_of, group_numbers);
      it->second[2] = compiled_.size();
    }
    offsets[i] = it->second;
    InterfaceRules& r = interface_rules_[i];
    r.subnet = network.SubnetOf(eni);
    if (r.subnet) r.acl = network.NetworkAclForSubnet(*r.subnet);
    if (r.acl) {
      auto [cidrs, new_subnet] = subnet_cidrs_.try_emplace(r.subnet);
      if (new_subnet)
        for (const IpPrefix& cidr : r.subnet->cidrs) cidrs->second.emplace_back(cidr);
      r.subnet_cidrs = &cidrs->second;
      auto [acl, new_acl] = compiled_acls_.try_emplace(r.acl);
      if (new_acl) acl->second = CompileAcl(*r.acl);
      r.compiled_acl = &acl->second;
    }
    r.has_groups = !eni.group_ids.empty();
    r.private_v4_inline = eni.ipv4.size() <= r.private_v4.size();
    for (const PrivateIpv4& a : eni.ipv4)  // an IPv6 entry would never equal an IPv4 address
      if (r.private_v4_inline && a.private_ip.is_v4()) r.private_v4[r.private_v4_count++] = a.private_ip.v4();
  }
  IndexMemberGroups(group_numbers);
  std::span<const CompiledRule> all(compiled_);
  std::map<std::pair<size_t, size_t>, std::pair<size_t, size_t>> index_of;  // list [begin, end) -> its indexes
  for (auto& [groups, at] : compiled_for)
    for (int side : {0, 1}) {
      std::span<const CompiledRule> list = all.subspan(at[side], at[side + 1] - at[side]);
      auto& [first, count] = index_of[{at[side], at[side + 1]}];
      first = list_indexes_.size();
      for (RuleListIndex& index : IndexesOf(list)) list_indexes_.push_back(std::move(index));
      count = list_indexes_.size() - first;
    }
  std::span<const RuleListIndex> indexes(list_indexes_);
  for (uint32_t i = 0; i < interface_rules_.size(); ++i) {
    InterfaceRules& r = interface_rules_[i];
    r.ingress = all.subspan(offsets[i][0], offsets[i][1] - offsets[i][0]);
    r.egress = all.subspan(offsets[i][1], offsets[i][2] - offsets[i][1]);
    auto [in_first, in_count] = index_of.at({offsets[i][0], offsets[i][1]});
    auto [out_first, out_count] = index_of.at({offsets[i][1], offsets[i][2]});
    r.ingress_index = indexes.subspan(in_first, in_count);
    r.egress_index = indexes.subspan(out_first, out_count);
  }
}

// Network::InterfacesWithPrivateAddress, with each holder's group ids as numbers, ahead of time.
void FlowAttributor::IndexMemberGroups(const std::unordered_map<std::string_view, uint32_t>& group_numbers) {
  auto index = [&](IpAddress a) {
    bool added;
    std::pair<uint32_t, uint32_t>& range =
        a.is_v4() ? member_groups_of_v4_.FindOrAdd(a.v4(), added) : member_groups_of_v6_.FindOrAdd(a, added);
    if (!added) return;
    range.first = static_cast<uint32_t>(member_groups_.size());
    for (uint32_t holder : network_.InterfacesWithPrivateAddress(a))
      for (const std::string& id : network_.network_interfaces[holder].group_ids)
        member_groups_.push_back(group_numbers.at(id));
    range.second = static_cast<uint32_t>(member_groups_.size());
  };
  for (const NetworkInterface& eni : network_.network_interfaces) {
    for (const PrivateIpv4& a : eni.ipv4) index(a.private_ip);
    for (IpAddress a : eni.ipv6) index(a);
  }
}

// Two fixed-size copies that overlap in the middle: a copy of variable size is a libc call, and
// this runs for every record.
FlowAttributor::ShortId::ShortId(std::string_view id) {
  auto* bytes = reinterpret_cast<char*>(words.data());
  size_t n = id.size();
  if (n >= 16) {
    std::memcpy(bytes, id.data(), 16);
    std::memcpy(bytes + n - 16, id.data() + n - 16, 16);
  } else if (n >= 8) {
    std::memcpy(bytes, id.data(), 8);
    std::memcpy(bytes + n - 8, id.data() + n - 8, 8);
  } else {
    for (size_t i = 0; i < n; ++i) bytes[i] = id[i];
  }
  words[3] |= uint64_t{n} << 56;
}

size_t FlowAttributor::ShortIdHash::operator()(const ShortId& k) const {
  uint64_t h = (k.words[0] ^ k.words[1] * 0x9E3779B97F4A7C15ull ^ k.words[2] * 0xBF58476D1CE4E5B9ull ^ k.words[3]) *
               0x94D049BB133111EBull;
  return static_cast<size_t>(h ^ (h >> 31));
}

const NetworkInterface* FlowAttributor::FindInterface(std::string_view id) const {
  if (id.size() < sizeof(ShortId)) {
    const uint32_t* i = interface_by_short_id_.Find(ShortId(id));
    return i ? &network_.network_interfaces[*i] : nullptr;
  }
  auto it = interface_by_long_id_.find(id);
  return it == interface_by_long_id_.end() ? nullptr : &network_.network_interfaces[it->second];
}

FlowAttribution FlowAttributor::Attribute(const FlowBatch& batch, const FlowRecord& record) const {
  FlowAttribution out;
  Attribute(record, FindInterface(batch.Text(record, FlowText::kInterfaceId)), out);
  return out;
}

void FlowAttributor::Attribute(const FlowRecord& record, const NetworkInterface* eni, FlowAttribution& out) const {
  std::vector<SecurityGroupMatch> storage = std::move(out.rules);
  std::vector<uint32_t> id_storage = std::move(out.rule_ids);
  storage.clear();
  id_storage.clear();
  out = FlowAttribution{};
  out.rules = std::move(storage);
  out.rule_ids = std::move(id_storage);
  out.eni = eni;
  if (!out.eni) {
    out.unexplained = Unexplained::kUnknownInterface;
    return;
  }
  const InterfaceRules& rules = interface_rules_[out.eni - network_.network_interfaces.data()];
  std::optional<Direction> direction = DirectionOf(rules, *out.eni, record);
  if (!direction) {
    out.unexplained = Unexplained::kNotInterfaceAddress;
    return;
  }
  out.direction = *direction;
  Reading reading;
  reading.packet = PacketOf(record);
  reading.has_groups = rules.has_groups;
  out.peer = out.direction == Direction::kIngress ? reading.packet.src : reading.packet.dst;
  out.icmp_assumed_echo = reading.packet.is_icmp();

  RecordPeer peer(*this, out.peer);
  reading.initiator_allowed = RulesAllow(rules, out.direction, reading.packet, peer, &out);
  reading.response_allowed = RulesAllow(rules, Opposite(out.direction), RequestAnswered(reading.packet), peer);
  DecideRole(record, reading, out);
  if (out.role != FlowRole::kInitiator) out.rules.clear(), out.rule_ids.clear();  // answers credit no rule

  Packet crossing = reading.packet;  // what the ACL sees: an answer carries the reply type
  if (out.role == FlowRole::kResponse && crossing.is_icmp())
    crossing.icmp_type = static_cast<uint8_t>(IcmpReplyType(crossing.protocol, crossing.icmp_type));
  ApplyAcl(rules, crossing, out);

  bool role_allowed = out.role == FlowRole::kInitiator ? reading.initiator_allowed : reading.response_allowed;
  bool acl_denies = out.acl && !out.acl_verdict.allow;
  if (record.action == FlowAction::kReject) {
    out.groups_deny = reading.has_groups && out.role == FlowRole::kInitiator && !reading.initiator_allowed;
    if (!out.groups_deny && !acl_denies) out.unexplained = Unexplained::kRejectNotExplained;
    out.rules.clear();
    out.rule_ids.clear();
    return;
  }
  if (reading.has_groups && !role_allowed) out.unexplained = Unexplained::kNoRuleAllows;
  else if (acl_denies) out.unexplained = Unexplained::kAclDenies;
}

// Network ACLs sit at the subnet's edge: traffic between two addresses of one subnet meets none.
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
void FlowAttributor::ApplyAcl(const InterfaceRules& rules, const Packet& packet, FlowAttribution& out) const {
  if (!rules.subnet || !rules.acl) return;
  for (const CompiledCidr& cidr : *rules.subnet_cidrs)
    if (cidr.Contains(out.peer)) return;
  out.acl = rules.acl;
  if (const NetworkAclEntry* entry = FirstAclMatch(rules, out.direction, packet, out.peer))
    out.acl_verdict = {entry->allow, entry};
}

// The entries judge in rule-number order, the first match deciding (EvaluateNetworkAcl's
// reading); the peer is the source for ingress, else the destination. An IPv4 peer's first
// match is among its indexes' candidates.
const NetworkAclEntry* FlowAttributor::FirstAclMatch(const InterfaceRules& rules, Direction d, const Packet& packet,
                                                     IpAddress peer) const {
  int side = d == Direction::kIngress ? 0 : 1;
  const std::vector<NetworkAclEntry>& entries = rules.acl->entries(d);
  const std::vector<CompiledCidr>& cidrs = rules.compiled_acl->cidrs[side];
  auto matches = [&](size_t i) {
    const NetworkAclEntry& e = entries[i];
    return cidrs[i].Contains(peer) && ProtocolAndPortsMatch(e.protocol, e.ports, e.icmp, packet);
  };
  if (!peer.is_v4()) {
    for (size_t i = 0; i < entries.size(); ++i)
      if (matches(i)) return &entries[i];
    return nullptr;
  }
  const std::vector<RuleListIndex>& indexes = rules.compiled_acl->indexes[side];
  for (size_t chunk = 0; chunk < indexes.size(); ++chunk) {
    const RuleListIndex& index = indexes[chunk];
    for (uint64_t candidates = index.Candidates(packet.protocol, packet.dst_port, peer.v4()); candidates;
         candidates &= candidates - 1) {
      size_t i = chunk * 64 + std::countr_zero(candidates);
      if (!(index.tested() >> (i % 64) & 1) || matches(i)) return &entries[i];
    }
  }
  return nullptr;
}

CompiledCidr::CompiledCidr(const IpPrefix& cidr) : prefix(&cidr), v4(cidr.family() == IpFamily::kV4) {
  value = static_cast<uint32_t>(cidr.address().value());
  mask = static_cast<uint32_t>(PrefixMask(IpFamily::kV4, cidr.length()));
}

std::string_view UnexplainedName(Unexplained u) {
  switch (u) {
    case Unexplained::kNone: return "none";
    case Unexplained::kUnknownInterface: return "unknown-interface";
    case Unexplained::kNotInterfaceAddress: return "not-interface-address";
    case Unexplained::kNoRuleAllows: return "no-rule-allows";
    case Unexplained::kAclDenies: return "acl-denies";
    case Unexplained::kRejectNotExplained: return "reject-not-explained";
  }
  return "none";
}

}  // namespace sgscope
