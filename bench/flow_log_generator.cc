// Scenario generator for synthetic VPC flow logs. A connection starts from a rule of the
// snapshot, or from traffic no rule allows; its records are written where AWS writes them
// (initiator egress, responder ingress, then the response, which tracking lets through the
// groups but the stateless ACL still judges) up to the first REJECT. Every verdict comes
// from the brute-force oracle (flow_truth.h), not from the rule the scenario started from.

#include "flow_log_generator.h"

#include <algorithm>

#include <fmt/format.h>

namespace sgscope::bench {

namespace {

constexpr uint64_t kDefaultAccount = 123456789012;
// Linux's ephemeral range (net.ipv4.ip_local_port_range), aws-semantics.md §3.
constexpr int kEphemeralFirst = 32768, kEphemeralLast = 60999;
constexpr int kAttempts = 8;
constexpr uint16_t kTcpSyn = 2, kTcpSynAck = 18;

size_t FieldCount(FlowLogLayout layout) {
  return static_cast<size_t>(layout == FlowLogLayout::kDefaultV2 ? FlowField::kLogStatus : FlowField::kTrafficPath) + 1;
}

uint8_t EchoRequest(IpFamily family) { return family == IpFamily::kV4 ? 8 : 128; }

// Scenario kinds and their relative weights.
enum class Scenario : uint8_t { kInbound, kOutbound, kGroupReject, kAclReject, kStatus, kMalformed };
const std::vector<double> kScenarioWeights = {40, 30, 12, 12, 4, 2};

}  // namespace

FlowLogGenerator::FlowLogGenerator(const Network& network, const FlowLogGeneratorOptions& options)
    : net_(network), options_(options), oracle_(network), rng_(options.seed, "flow-logs"),
      fields_(kFlowFieldCount, "-") {
  for (const NetworkInterface& eni : net_.network_interfaces) {
    if (eni.group_ids.empty()) continue;
    by_vpc_[eni.vpc_id].push_back(&eni);
    bool has_rule = false;
    for (const SecurityGroup* group : net_.GroupsOf(eni)) {
      members_[group->id].push_back(&eni);
      has_rule = has_rule || !group->ingress.empty() || !group->egress.empty();
    }
    if (has_rule) candidates_.push_back(&eni);
  }
}

std::string FlowLogGenerator::Header() const {
  std::string header;
  for (size_t i = 0; i < FieldCount(options_.layout); ++i)
    header += (i ? " " : "") + std::string(FlowFieldName(static_cast<FlowField>(i)));
  return header;
}

void FlowLogGenerator::NextScenario(std::vector<GeneratedRecord>& out) {
  if (candidates_.empty()) return;
  Connection c;
  switch (static_cast<Scenario>(rng_.Weighted(kScenarioWeights))) {
    case Scenario::kInbound:
      if (RuleConnection(Direction::kIngress, false, c)) return EmitConnection(c, out);
      break;
    case Scenario::kOutbound:
      if (RuleConnection(Direction::kEgress, false, c)) return EmitConnection(c, out);
      break;
    case Scenario::kGroupReject:
      if (RejectedConnection(c)) return EmitConnection(c, out);
      break;
    case Scenario::kAclReject:
      if (AclDeniedConnection(c)) return EmitConnection(c, out);
      break;
    case Scenario::kStatus: break;
    case Scenario::kMalformed: return EmitMalformed(out);
  }
  EmitStatus(out);
}

// A connection built from a random rule of a random interface in direction `d`.
bool FlowLogGenerator::RuleConnection(Direction d, bool aim_at_acl_deny, Connection& c) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const NetworkInterface& x = *rng_.Pick(candidates_);
    std::vector<std::pair<const SecurityGroup*, const SecurityGroupRule*>> rules;
    for (const SecurityGroup* group : net_.GroupsOf(x))
      for (const SecurityGroupRule& rule : group->rules(d)) rules.emplace_back(group, &rule);
    if (rules.empty()) continue;
    auto [group, rule] = rng_.Pick(rules);
    if (BuildFromRule(x, d, *rule, RuleHit{group->id, d, rule->index}, aim_at_acl_deny, c)) return true;
  }
  return false;
}

bool FlowLogGenerator::BuildFromRule(const NetworkInterface& x, Direction d, const SecurityGroupRule& rule,
                                     const RuleHit& hit, bool aim_at_acl_deny, Connection& c) {
  Endpoint peer;
  if (!PickPeer(x, rule.peer, aim_at_acl_deny, d, peer)) return false;
  // A secondary address only for a peer outside the snapshot: whether a group reference
  // covers a member's secondary addresses is UNCONFIRMED (aws-semantics.md §1.3), so no
  // truth may hang on it.
  auto local = LocalAddress(x, peer.address.family(), d == Direction::kIngress && !peer.eni);
  Packet p;
  if (!local || *local == peer.address || !PickTraffic(rule, peer.address.family(), p)) return false;
  Connect(Endpoint{&x, *local}, peer, d, p, c);
  c.chosen = hit;
  return true;
}

// Rule-built connections drawn until the interface's subnet ACL denies one (the last one
// drawn when none is denied); false when none could be built.
bool FlowLogGenerator::AclDeniedConnection(Connection& c) {
  Direction d = rng_.Chance(0.6) ? Direction::kIngress : Direction::kEgress;
  bool built = false;
  for (int attempt = 0; attempt < 2 * kAttempts; ++attempt) {
    if (!RuleConnection(d, true, c)) continue;
    built = true;
    auto acl = oracle_.DecidingAclEntry(*c.rule_owner, d, c.packet);
    if (acl && !acl->allow) break;
  }
  return built;
}

// `self` opens the connection toward `peer` (egress), or `peer` toward `self` (ingress).
void FlowLogGenerator::Connect(const Endpoint& self, const Endpoint& peer, Direction d, Packet p, Connection& c) {
  c.initiator = d == Direction::kIngress ? peer : self;
  c.responder = d == Direction::kIngress ? self : peer;
  p.src = c.initiator.address, p.dst = c.responder.address;
  c.packet = p, c.rule_owner = self.eni;
}

// An address the rule's peer covers: inside the CIDR or prefix list, or a member of the
// referenced group in the same VPC. With `aim_at_acl_deny`, a CIDR is narrowed to an
// explicit deny entry of the subnet's ACL that overlaps it.
bool FlowLogGenerator::PickPeer(const NetworkInterface& x, const RulePeer& peer, bool aim_at_acl_deny, Direction d,
                                Endpoint& out) {
  if (auto* prefix = std::get_if<IpPrefix>(&peer)) {
    IpPrefix target = *prefix;
    const Subnet* subnet = net_.SubnetOf(x);
    const NetworkAcl* acl = subnet ? net_.NetworkAclForSubnet(*subnet) : nullptr;
    if (aim_at_acl_deny && acl) {
      std::vector<IpPrefix> denied;
      for (const NetworkAclEntry& entry : acl->entries(d))
        if (!entry.allow && entry.rule_number < kImplicitDenyV4 && entry.cidr.Overlaps(*prefix))
          denied.push_back(entry.cidr.length() > prefix->length() ? entry.cidr : *prefix);
      if (!denied.empty()) target = rng_.Pick(denied);
    }
    return PickInPrefix(x, target, out);
  }
  if (auto* ref = std::get_if<GroupReference>(&peer)) {
    // Cross-VPC references (peering, Transit Gateway) and stale ones are not generated.
    if ((!ref->vpc_id.empty() && ref->vpc_id != x.vpc_id) || !ref->vpc_peering_connection_id.empty() ||
        !net_.FindSecurityGroup(ref->group_id))
      return false;
    std::vector<const NetworkInterface*> others;
    for (const NetworkInterface* member : members_[ref->group_id])
      if (member != &x && member->vpc_id == x.vpc_id && member->PrimaryIpv4()) others.push_back(member);
    if (others.empty()) return false;
    const NetworkInterface* member = rng_.Pick(others);
    out = {member, *member->PrimaryIpv4()};
    return true;
  }
  const PrefixList* list = net_.FindPrefixList(std::get<PrefixListReference>(peer).prefix_list_id);
  if (!list || !list->entries_known || list->cidrs.empty()) return false;
  return PickInPrefix(x, rng_.Pick(list->cidrs), out);
}

// Half of the IPv4 draws try an interface of the VPC inside the prefix (internal traffic
// with records at both ends); otherwise a random host of the prefix, avoiding the network
// and broadcast addresses, and for a whole address space the ranges nobody sends from.
bool FlowLogGenerator::PickInPrefix(const NetworkInterface& x, const IpPrefix& prefix, Endpoint& out) {
  if (prefix.family() == IpFamily::kV4 && rng_.Chance(0.5)) {
    const auto& vpc_members = by_vpc_[x.vpc_id];
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      const NetworkInterface* member = rng_.Pick(vpc_members);
      if (member != &x && member->PrimaryIpv4() && prefix.Contains(*member->PrimaryIpv4())) {
        out = {member, *member->PrimaryIpv4()};
        return true;
      }
    }
  }
  IpAddress a;
  if (prefix.family() == IpFamily::kV4) {
    uint64_t size = uint64_t{1} << (32 - prefix.length());
    uint32_t base = prefix.address().v4();
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      uint64_t offset = size >= 4 ? 1 + rng_.Next() % (size - 2) : rng_.Next() % size;
      a = IpAddress::V4(static_cast<uint32_t>(base + offset));
      uint32_t first_octet = a.v4() >> 24;
      if (prefix.length() >= 8 || (first_octet != 0 && first_octet != 10 && first_octet != 127 && first_octet < 224))
        break;
    }
  } else {
    uint128 host = (uint128{rng_.Next()} << 64 | rng_.Next()) & ~PrefixMask(IpFamily::kV6, prefix.length());
    if (prefix.length() == 0) host = (host >> 3) | (uint128{1} << 125);  // global unicast 2000::/3
    a = IpAddress::V6(prefix.address().value() | host);
  }
  // An interface's secondary or IPv6 address is not used: whether a group reference covers
  // it is UNCONFIRMED (aws-semantics.md §1.3).
  const NetworkInterface* holder = Holder(a, x.vpc_id);
  if (holder && (holder == &x || holder->PrimaryIpv4() != a)) return false;
  out = {holder, a};
  return true;
}

// The interface with groups holding `a` as a private address in `vpc_id`, if any.
const NetworkInterface* FlowLogGenerator::Holder(IpAddress a, const std::string& vpc_id) const {
  for (uint32_t position : net_.InterfacesWithPrivateAddress(a)) {
    const NetworkInterface& eni = net_.network_interfaces[position];
    if (eni.vpc_id == vpc_id && !eni.group_ids.empty()) return &eni;
  }
  return nullptr;
}

// The interface's address of `family`: the primary IPv4 (now and then a secondary one,
// which flow logs show as the primary with the real one in pkt-*), or one of its IPv6.
std::optional<IpAddress> FlowLogGenerator::LocalAddress(const NetworkInterface& x, IpFamily family,
                                                        bool may_use_secondary) {
  if (family == IpFamily::kV6) return x.ipv6.empty() ? std::nullopt : std::optional(rng_.Pick(x.ipv6));
  if (may_use_secondary && x.ipv4.size() > 1 && rng_.Chance(0.2)) {
    const PrivateIpv4& v4 = rng_.Pick(x.ipv4);
    if (!v4.primary) return v4.private_ip;
  }
  return x.PrimaryIpv4();
}

// Protocol and port inside the rule. An all-traffic rule gets TCP, UDP or ICMP; ICMP is
// always an echo request, so ICMP rules for other types are not used.
bool FlowLogGenerator::PickTraffic(const SecurityGroupRule& rule, IpFamily family, Packet& p) {
  uint8_t icmp = family == IpFamily::kV4 ? kProtoIcmp : kProtoIcmpv6;
  static const std::vector<uint16_t> kCommonPorts = {22, 53, 80, 443, 3306, 5432, 6379, 8080};
  if (rule.protocol.all) {
    uint32_t draw = rng_.Below(10);
    p.protocol = draw < 6 ? kProtoTcp : draw < 9 ? kProtoUdp : icmp;
    // Below the ephemeral range, so that which side serves stays visible in the ports.
    p.dst_port = rng_.Chance(0.5) ? rng_.Pick(kCommonPorts) : static_cast<uint16_t>(rng_.Between(1, kEphemeralFirst - 1));
  } else if (rule.protocol.HasPorts()) {
    p.protocol = rule.protocol.number;
    uint32_t draw = rng_.Below(4);
    p.dst_port = draw == 0   ? rule.ports.from
                 : draw == 1 ? rule.ports.to
                             : static_cast<uint16_t>(rng_.Between(rule.ports.from, rule.ports.to));
  } else if (rule.protocol.HasIcmpTypes()) {
    if (rule.protocol.number != icmp || (rule.icmp.type >= 0 && rule.icmp.type != EchoRequest(family)) ||
        rule.icmp.code > 0)
      return false;
    p.protocol = icmp;
  } else {
    p.protocol = rule.protocol.number;
  }
  if (!p.has_ports()) p.dst_port = 0;
  if (p.is_icmp()) p.icmp_type = EchoRequest(family), p.icmp_code = 0;
  p.src_port = p.has_ports() ? static_cast<uint16_t>(rng_.Between(kEphemeralFirst, kEphemeralLast)) : 0;
  return true;
}

// Traffic from or to a random peer on a random TCP/UDP port that no rule of the
// interface's groups allows.
bool FlowLogGenerator::RejectedConnection(Connection& c) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const NetworkInterface& x = *rng_.Pick(candidates_);
    Direction d = rng_.Chance(0.7) ? Direction::kIngress : Direction::kEgress;
    bool v6 = !x.ipv6.empty() && rng_.Chance(0.2);
    Endpoint peer;
    if (!PickInPrefix(x, v6 ? IpPrefix::AllV6() : IpPrefix::AllV4(), peer)) continue;
    auto local = LocalAddress(x, peer.address.family(), false);
    if (!local || *local == peer.address) continue;
    Packet p;
    p.protocol = rng_.Chance(0.7) ? kProtoTcp : kProtoUdp;
    p.dst_port = static_cast<uint16_t>(rng_.Between(1, 65535));
    p.src_port = static_cast<uint16_t>(rng_.Between(kEphemeralFirst, kEphemeralLast));
    Connect(Endpoint{&x, *local}, peer, d, p, c);
    if (oracle_.AnyRuleAllows(x, d, c.packet)) continue;
    c.chosen.reset();
    return true;
  }
  return false;
}

// The records of one connection, in the order the packets meet the interfaces.
void FlowLogGenerator::EmitConnection(const Connection& c, std::vector<GeneratedRecord>& out) {
  int64_t start = options_.start_time + static_cast<int64_t>(rng_.Next() % std::max<int64_t>(options_.window_seconds, 1));
  const Packet& p = c.packet;
  Packet r = p.Reversed();
  if (c.initiator.eni && !EmitRecord(*c.initiator.eni, Direction::kEgress, FlowRole::kInitiator, p, c, start, out))
    return;
  if (c.responder.eni && !EmitRecord(*c.responder.eni, Direction::kIngress, FlowRole::kInitiator, p, c, start, out))
    return;
  if (!p.HasResponse()) return;
  if (c.responder.eni && !EmitRecord(*c.responder.eni, Direction::kEgress, FlowRole::kResponse, r, c, start, out))
    return;
  if (c.initiator.eni) EmitRecord(*c.initiator.eni, Direction::kIngress, FlowRole::kResponse, r, c, start, out);
}

// Every field "-" except those that name the interface.
void FlowLogGenerator::ResetFields(const NetworkInterface& eni) {
  for (std::string& value : fields_) value = "-";
  auto set = [&](FlowField f, std::string value) { fields_[static_cast<size_t>(f)] = std::move(value); };
  set(FlowField::kVersion, options_.layout == FlowLogLayout::kDefaultV2 ? "2" : "5");
  set(FlowField::kAccountId, eni.owner_id.empty() ? std::to_string(kDefaultAccount) : eni.owner_id);
  set(FlowField::kInterfaceId, eni.id);
  if (options_.layout == FlowLogLayout::kDefaultV2) return;
  if (!eni.vpc_id.empty()) set(FlowField::kVpcId, eni.vpc_id);
  if (!eni.subnet_id.empty()) set(FlowField::kSubnetId, eni.subnet_id);
  if (!eni.attached_instance_id.empty()) set(FlowField::kInstanceId, eni.attached_instance_id);
  const Vpc* vpc = net_.FindVpc(eni.vpc_id);
  if (vpc && !vpc->region.empty()) set(FlowField::kRegion, vpc->region);
  else if (eni.availability_zone.size() > 1)  // "us-east-1a" is in us-east-1
    set(FlowField::kRegion, eni.availability_zone.substr(0, eni.availability_zone.size() - 1));
}

std::string FlowLogGenerator::FormatLine() {
  std::string line;
  for (size_t i = 0; i < FieldCount(options_.layout); ++i) (line += i ? " " : "") += fields_[i];
  return line;
}

// One traffic record at `eni`; returns whether it was accepted (the connection goes on).
bool FlowLogGenerator::EmitRecord(const NetworkInterface& eni, Direction d, FlowRole role, const Packet& p,
                                  const Connection& c, int64_t start, std::vector<GeneratedRecord>& out) {
  GeneratedRecord record;
  FlowTruth& truth = record.truth;
  truth.interface_id = eni.id, truth.direction = d, truth.role = role;
  truth.verdict = oracle_.Evaluate(eni, d, role, p, options_.all_rules);
  if (&eni == c.rule_owner && role == FlowRole::kInitiator && c.chosen && c.chosen->direction == d)
    truth.chosen_rule = c.chosen;
  if (p.is_icmp()) truth.icmp = IcmpTypeCode{p.icmp_type, p.icmp_code};
  bool accepted = truth.verdict.action == FlowAction::kAccept;
  ResetFields(eni);
  SetTrafficFields(eni, d, p, accepted, start);
  if (options_.layout == FlowLogLayout::kCustomV5) SetCustomFields(eni, d, role, p);
  record.line = FormatLine();
  out.push_back(std::move(record));
  return accepted;
}

// The v2 fields. The interface's own side shows its primary IPv4, as AWS writes it.
void FlowLogGenerator::SetTrafficFields(const NetworkInterface& eni, Direction d, const Packet& p, bool accepted,
                                        int64_t start) {
  auto set = [&](FlowField f, std::string value) { fields_[static_cast<size_t>(f)] = std::move(value); };
  IpAddress shown_src = p.src, shown_dst = p.dst;
  if (auto primary = eni.PrimaryIpv4(); primary && p.src.is_v4())
    (d == Direction::kEgress ? shown_src : shown_dst) = *primary;
  uint64_t packets = accepted ? 1 + rng_.Below(40) : 1 + rng_.Below(3);
  set(FlowField::kSrcAddr, shown_src.ToString());
  set(FlowField::kDstAddr, shown_dst.ToString());
  set(FlowField::kSrcPort, std::to_string(p.src_port));
  set(FlowField::kDstPort, std::to_string(p.dst_port));
  set(FlowField::kProtocol, std::to_string(p.protocol));
  set(FlowField::kPackets, std::to_string(packets));
  set(FlowField::kBytes, std::to_string(packets * (40 + rng_.Below(1460))));
  set(FlowField::kStart, std::to_string(start));
  set(FlowField::kEnd, std::to_string(start + 1 + rng_.Below(59)));
  set(FlowField::kAction, accepted ? "ACCEPT" : "REJECT");
  set(FlowField::kLogStatus, "OK");
}

// The v3-v5 fields that depend on the packet: the real addresses in pkt-*, flags, direction.
void FlowLogGenerator::SetCustomFields(const NetworkInterface& eni, Direction d, FlowRole role, const Packet& p) {
  auto set = [&](FlowField f, std::string value) { fields_[static_cast<size_t>(f)] = std::move(value); };
  bool tcp = p.protocol == kProtoTcp;
  set(FlowField::kTcpFlags, std::to_string(!tcp ? 0 : role == FlowRole::kInitiator ? kTcpSyn : kTcpSynAck));
  set(FlowField::kType, p.src.is_v4() ? "IPv4" : "IPv6");
  set(FlowField::kPktSrcAddr, p.src.ToString());
  set(FlowField::kPktDstAddr, p.dst.ToString());
  set(FlowField::kFlowDirection, DirectionName(d));
  const Vpc* vpc = net_.FindVpc(eni.vpc_id);
  if (d == Direction::kEgress && vpc &&
      std::any_of(vpc->cidrs.begin(), vpc->cidrs.end(), [&](const IpPrefix& cidr) { return cidr.Contains(p.dst); }))
    set(FlowField::kTrafficPath, "1");  // "through another resource in the same VPC"
}

// NODATA ("no data to record during the aggregation interval") or SKIPDATA.
void FlowLogGenerator::EmitStatus(std::vector<GeneratedRecord>& out) {
  const NetworkInterface& eni = *rng_.Pick(candidates_);
  GeneratedRecord record;
  record.truth.interface_id = eni.id;
  record.truth.status = rng_.Chance(0.5) ? TruthStatus::kNoData : TruthStatus::kSkipData;
  record.truth.verdict.action = FlowAction::kAbsent;
  int64_t start = options_.start_time + static_cast<int64_t>(rng_.Next() % std::max<int64_t>(options_.window_seconds, 1));
  ResetFields(eni);
  fields_[static_cast<size_t>(FlowField::kStart)] = std::to_string(start);
  fields_[static_cast<size_t>(FlowField::kEnd)] = std::to_string(start + 60);
  fields_[static_cast<size_t>(FlowField::kLogStatus)] = TruthStatusName(record.truth.status);
  record.line = FormatLine();
  out.push_back(std::move(record));
}

// A line a reader must refuse: a port out of range, or the last field missing.
void FlowLogGenerator::EmitMalformed(std::vector<GeneratedRecord>& out) {
  EmitStatus(out);
  GeneratedRecord& record = out.back();
  record.truth.status = TruthStatus::kMalformed;
  if (rng_.Chance(0.5)) {
    record.line.erase(record.line.rfind(' '));
  } else {
    fields_[static_cast<size_t>(FlowField::kDstPort)] = "70000";
    record.line = FormatLine();
  }
}

}  // namespace sgscope::bench
