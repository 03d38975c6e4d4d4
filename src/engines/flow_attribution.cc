// Attribution of flow log records: a record is logged per interface and direction, and only the
// packets that open a connection are judged by the rules; answers of a tracked connection pass
// regardless (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html).
// So each record gets a role first, then the rules of that role's direction, then the subnet's
// ACL, which is stateless and judges every packet crossing the subnet's edge.

#include "engines/flow_attribution.h"

#include <algorithm>
#include <optional>

#include "engines/packet_match.h"

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

// The request the record's packets would answer: the same flow the other way.
Packet RequestAnswered(const Packet& recorded) {
  Packet p = recorded;
  std::swap(p.src, p.dst);
  std::swap(p.src_port, p.dst_port);
  return p;
}

// Whether one of `rules` allows `packet` whose peer `matcher` knows; every allowing rule goes to
// `allowing` when given.
bool RulesAllow(const std::vector<SecurityGroupMatch>& rules, const Packet& packet, RulePeerMatcher& matcher,
                std::vector<SecurityGroupMatch>* allowing = nullptr) {
  bool any = false;
  for (const SecurityGroupMatch& m : rules) {
    if (!ProtocolAndPortsMatch(m.rule->protocol, m.rule->ports, m.rule->icmp, packet) || !matcher.Covers(m.rule->peer))
      continue;
    any = true;
    if (!allowing) return true;
    allowing->push_back(m);
  }
  return any;
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

FlowAttributor::FlowAttributor(const Network& network) : network_(network) {
  for (const SecurityGroup& group : network.security_groups) {
    first_rule_id_.push_back(static_cast<uint32_t>(rules_by_id_.size()));
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const SecurityGroupRule& rule : group.rules(d)) rules_by_id_.push_back({&group, &rule});
  }
  interface_rules_.resize(network.network_interfaces.size());
  for (uint32_t i = 0; i < network.network_interfaces.size(); ++i) {
    const NetworkInterface& eni = network.network_interfaces[i];
    interface_by_id_.emplace(eni.id, i);
    InterfaceRules& r = interface_rules_[i];
    for (const SecurityGroup* group : network.GroupsOf(eni)) {
      for (auto& rule : group->ingress) r.ingress.push_back({group, &rule});
      for (auto& rule : group->egress) r.egress.push_back({group, &rule});
    }
    r.subnet = network.SubnetOf(eni);
    if (r.subnet) r.acl = network.NetworkAclForSubnet(*r.subnet);
  }
}

const NetworkInterface* FlowAttributor::FindInterface(std::string_view id) const {
  auto it = interface_by_id_.find(id);
  return it == interface_by_id_.end() ? nullptr : &network_.network_interfaces[it->second];
}

uint32_t FlowAttributor::RuleId(const SecurityGroupMatch& m) const {
  const std::vector<SecurityGroupRule>& list = m.group->rules(m.rule->direction);
  size_t before = m.rule->direction == Direction::kEgress ? m.group->ingress.size() : 0;
  return first_rule_id_[m.group - network_.security_groups.data()] + static_cast<uint32_t>(before + (m.rule - list.data()));
}

FlowAttribution FlowAttributor::Attribute(const FlowBatch& batch, const FlowRecord& record) const {
  FlowAttribution out;
  Attribute(batch, record, out);
  return out;
}

void FlowAttributor::Attribute(const FlowBatch& batch, const FlowRecord& record, FlowAttribution& out) const {
  std::vector<SecurityGroupMatch> storage = std::move(out.rules);
  storage.clear();
  out = FlowAttribution{};
  out.rules = std::move(storage);
  out.eni = FindInterface(batch.Text(record, FlowText::kInterfaceId));
  if (!out.eni) {
    out.unexplained = Unexplained::kUnknownInterface;
    return;
  }
  std::optional<Direction> direction = DirectionOf(*out.eni, record);
  if (!direction) {
    out.unexplained = Unexplained::kNotInterfaceAddress;
    return;
  }
  out.direction = *direction;
  Reading reading;
  reading.packet = PacketOf(record);
  reading.has_groups = !out.eni->group_ids.empty();
  out.peer = out.direction == Direction::kIngress ? reading.packet.src : reading.packet.dst;
  out.icmp_assumed_echo = reading.packet.is_icmp();

  const InterfaceRules& rules = interface_rules_[out.eni - network_.network_interfaces.data()];
  RulePeerMatcher matcher(network_, out.peer);
  reading.initiator_allowed = RulesAllow(rules.rules(out.direction), reading.packet, matcher, &out.rules);
  reading.response_allowed =
      RulesAllow(rules.rules(Opposite(out.direction)), RequestAnswered(reading.packet), matcher);
  DecideRole(record, reading, out);
  if (out.role != FlowRole::kInitiator) out.rules.clear();  // answers credit no rule

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
    return;
  }
  if (reading.has_groups && !role_allowed) out.unexplained = Unexplained::kNoRuleAllows;
  else if (acl_denies) out.unexplained = Unexplained::kAclDenies;
}

// Network ACLs sit at the subnet's edge: traffic between two addresses of one subnet meets none.
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
void FlowAttributor::ApplyAcl(const InterfaceRules& rules, const Packet& packet, FlowAttribution& out) const {
  if (!rules.subnet || !rules.acl) return;
  for (const IpPrefix& cidr : rules.subnet->cidrs)
    if (cidr.Contains(out.peer)) return;
  out.acl = rules.acl;
  out.acl_verdict = EvaluateNetworkAcl(*rules.acl, out.direction, packet);
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
