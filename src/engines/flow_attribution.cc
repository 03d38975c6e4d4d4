// Attribution of flow log records: a record is logged per interface and direction, and only the
// packets that open a connection are judged by the rules; answers of a tracked connection pass
// regardless (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html).
// So each record gets a role first, then the rules of that role's direction, then the subnet's
// ACL, which is stateless and judges every packet crossing the subnet's edge.

#include "engines/flow_attribution.h"

#include "engines/packet_match.h"

#include <algorithm>
#include <optional>

namespace sgscope {

namespace {

constexpr uint16_t kTcpSyn = 2, kTcpAck = 16;

Direction Opposite(Direction d) { return d == Direction::kIngress ? Direction::kEgress : Direction::kIngress; }

// The record's direction: its flow-direction field (v5), else which address is the interface's:
// flow logs write the interface's own side as its private address.
// https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
std::optional<Direction> DirectionOf(const NetworkInterface& eni, const FlowRecord& r) {
  if (r.direction == FlowDirection::kIngress) return Direction::kIngress;
  if (r.direction == FlowDirection::kEgress) return Direction::kEgress;
  if (r.Has(FlowField::kDstAddr) && eni.HasPrivateAddress(r.dst)) return Direction::kIngress;
  if (r.Has(FlowField::kSrcAddr) && eni.HasPrivateAddress(r.src)) return Direction::kEgress;
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

// The packet that opened the connection, read in `role`: the record's own packets, or, when
// they answer, the request the other side sent.
Packet Opening(const Packet& recorded, FlowRole role) {
  if (role == FlowRole::kInitiator) return recorded;
  Packet p = recorded;
  std::swap(p.src, p.dst);
  std::swap(p.src_port, p.dst_port);
  return p;
}

// Whether a candidate rule also matches `packet`'s protocol and ports.
bool AnyAllows(const std::vector<SecurityGroupMatch>& candidates, const Packet& packet) {
  for (const SecurityGroupMatch& m : candidates)
    if (ProtocolAndPortsMatch(m.rule->protocol, m.rule->ports, m.rule->icmp, packet)) return true;
  return false;
}

// First match wins among the entries covering the peer, as among all entries: the others
// cannot match. https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
AclVerdict FirstMatch(const std::vector<const NetworkAclEntry*>& candidates, const Packet& packet) {
  for (const NetworkAclEntry* e : candidates)
    if (ProtocolAndPortsMatch(e->protocol, e->ports, e->icmp, packet)) return {e->allow, e};
  return {false, nullptr};
}

}  // namespace

const PeerCandidates* FlowMatchCache::Find(uint32_t eni, uint8_t protocol, IpAddress peer) const {
  auto it = entries_.find(Key{peer, eni, protocol});
  return it == entries_.end() ? nullptr : &it->second;
}

const PeerCandidates& FlowMatchCache::Insert(uint32_t eni, uint8_t protocol, IpAddress peer, PeerCandidates c) {
  if (entries_.size() >= max_entries_) entries_.clear();
  return entries_.insert_or_assign(Key{peer, eni, protocol}, std::move(c)).first->second;
}

// The record read both ways: what its packets are, and whether each role is allowed.
struct FlowAttributor::Reading {
  Packet packet;  // with an ICMP echo request's type
  bool has_groups = false;
  bool initiator_allowed = false;  // the interface's rules in the record's direction allow it
  bool response_allowed = false;   // its rules the other way allow the request it would answer
};

FlowAttributor::FlowAttributor(const Network& network) : network_(network) {
  for (uint32_t i = 0; i < network.network_interfaces.size(); ++i)
    interface_by_id_.emplace(network.network_interfaces[i].id, i);
}

const NetworkInterface* FlowAttributor::FindInterface(std::string_view id) const {
  auto it = interface_by_id_.find(id);
  return it == interface_by_id_.end() ? nullptr : &network_.network_interfaces[it->second];
}

PeerCandidates FlowAttributor::CandidatesFor(const NetworkInterface& eni, uint8_t protocol, IpAddress peer) const {
  PeerCandidates c;
  for (Direction d : {Direction::kIngress, Direction::kEgress}) {
    auto& rules = d == Direction::kIngress ? c.ingress : c.egress;
    for (const SecurityGroupMatch& m : MatchSecurityGroupPeers(network_, eni, d, peer, PeerScope{}))
      if (m.rule->protocol.Matches(protocol)) rules.push_back(m);
  }
  // Network ACLs sit at the subnet's edge: traffic between two addresses of one subnet meets none.
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
  const Subnet* subnet = network_.SubnetOf(eni);
  if (!subnet || std::any_of(subnet->cidrs.begin(), subnet->cidrs.end(), [&](const IpPrefix& p) { return p.Contains(peer); }))
    return c;
  c.acl = network_.NetworkAclForSubnet(*subnet);
  if (c.acl)
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const NetworkAclEntry& e : c.acl->entries(d))
        if (e.cidr.Contains(peer) && e.protocol.Matches(protocol))
          (d == Direction::kIngress ? c.acl_ingress : c.acl_egress).push_back(&e);
  return c;
}

FlowAttribution FlowAttributor::Attribute(const FlowBatch& batch, const FlowRecord& record, FlowMatchCache* cache) const {
  FlowAttribution out;
  out.eni = FindInterface(batch.Text(record, FlowText::kInterfaceId));
  if (!out.eni) {
    out.unexplained = Unexplained::kUnknownInterface;
    return out;
  }
  std::optional<Direction> direction = DirectionOf(*out.eni, record);
  if (!direction) {
    out.unexplained = Unexplained::kNotInterfaceAddress;
    return out;
  }
  out.direction = *direction;
  Reading reading;
  reading.packet = PacketOf(record);
  reading.has_groups = !out.eni->group_ids.empty();
  out.peer = out.direction == Direction::kIngress ? reading.packet.src : reading.packet.dst;
  out.icmp_assumed_echo = reading.packet.is_icmp();

  uint32_t eni_index = static_cast<uint32_t>(out.eni - network_.network_interfaces.data());
  PeerCandidates uncached;
  const PeerCandidates* c = cache ? cache->Find(eni_index, record.protocol, out.peer) : nullptr;
  if (!c) {
    uncached = CandidatesFor(*out.eni, record.protocol, out.peer);
    c = cache ? &cache->Insert(eni_index, record.protocol, out.peer, std::move(uncached)) : &uncached;
  }
  reading.initiator_allowed = AnyAllows(c->rules(out.direction), reading.packet);
  reading.response_allowed =
      AnyAllows(c->rules(Opposite(out.direction)), Opening(reading.packet, FlowRole::kResponse));
  DecideRole(record, reading, out);

  Packet crossing = reading.packet;  // what the ACL sees: an answer carries the reply type
  if (out.role == FlowRole::kResponse && crossing.is_icmp())
    crossing.icmp_type = static_cast<uint8_t>(IcmpReplyType(crossing.protocol, crossing.icmp_type));
  out.acl = c->acl;
  if (out.acl) out.acl_verdict = FirstMatch(c->acl_entries(out.direction), crossing);

  bool role_allowed = out.role == FlowRole::kInitiator ? reading.initiator_allowed : reading.response_allowed;
  bool acl_denies = out.acl && !out.acl_verdict.allow;
  if (record.action == FlowAction::kReject) {
    out.groups_deny = reading.has_groups && out.role == FlowRole::kInitiator && !reading.initiator_allowed;
    if (!out.groups_deny && !acl_denies) out.unexplained = Unexplained::kRejectNotExplained;
    return out;
  }
  if (reading.has_groups && !role_allowed) out.unexplained = Unexplained::kNoRuleAllows;
  else if (acl_denies) out.unexplained = Unexplained::kAclDenies;
  if (out.role == FlowRole::kInitiator)
    for (const SecurityGroupMatch& m : c->rules(out.direction))
      if (ProtocolAndPortsMatch(m.rule->protocol, m.rule->ports, m.rule->icmp, reading.packet)) out.rules.push_back(m);
  return out;
}

// SYN without ACK is sent by the side that opens, SYN-ACK by the side that answers ("When a flow
// log entry consists of only ACK packets, the flag value is 0"); without them, a reading only the
// rules allow; with both allowed, the lower port is the service. Otherwise the record is taken
// as opening: crediting its rules can keep a rule that was not needed, never drop one that was.
void FlowAttributor::DecideRole(const FlowRecord& record, const Reading& reading, FlowAttribution& out) const {
  const Packet& p = reading.packet;
  if (p.protocol == kProtoTcp && record.Has(FlowField::kTcpFlags) && (record.tcp_flags & kTcpSyn)) {
    out.role = record.tcp_flags & kTcpAck ? FlowRole::kResponse : FlowRole::kInitiator;
    out.basis = RoleBasis::kTcpFlags;
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

std::string_view RoleBasisName(RoleBasis b) {
  switch (b) {
    case RoleBasis::kTcpFlags: return "tcp-flags";
    case RoleBasis::kRules: return "rules";
    case RoleBasis::kPorts: return "ports";
    case RoleBasis::kNone: return "none";
  }
  return "none";
}

std::string_view FlowRoleName(FlowRole r) { return r == FlowRole::kInitiator ? "initiator" : "response"; }

}  // namespace sgscope
