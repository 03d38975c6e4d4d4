// Ground truth for synthetic flow logs by linear scans of the model, following
// aws-semantics.md: security groups are a union of allow rules (§1.1), a group reference
// covers the private addresses of the interfaces carrying the group (§1.3), ACLs are
// first-match by rule number, stateless, and not applied within a subnet (§3).

#include "flow_truth.h"

#include <algorithm>

#include <fmt/format.h>

#include "brute_force_match.h"
#include "report/json_writer.h"

namespace sgscope::bench {

namespace {

IpAddress PeerOf(Direction d, const Packet& p) { return d == Direction::kIngress ? p.src : p.dst; }

std::string RuleJson(const RuleHit& rule) {
  return fmt::format("{{\"group_id\":{},\"direction\":\"{}\",\"index\":{}}}", JsonQuote(rule.group_id),
                     DirectionName(rule.direction), rule.index);
}

std::string NullOr(bool present, const std::string& json) { return present ? json : "null"; }

}  // namespace

const char* FlowRoleName(FlowRole role) {
  switch (role) {
    case FlowRole::kInitiator: return "initiator";
    case FlowRole::kResponse: return "response";
    case FlowRole::kNone: break;
  }
  return "none";
}

const char* TruthStatusName(TruthStatus status) {
  switch (status) {
    case TruthStatus::kOk: return "OK";
    case TruthStatus::kNoData: return "NODATA";
    case TruthStatus::kSkipData: return "SKIPDATA";
    case TruthStatus::kMalformed: break;
  }
  return "malformed";
}

std::string FlowTruth::ToJson() const {
  std::string rules;
  for (const RuleHit& rule : verdict.rules) rules += (rules.empty() ? "" : ",") + RuleJson(rule);
  const AclHit* acl = verdict.acl ? &*verdict.acl : nullptr;
  std::string acl_json =
      acl ? fmt::format("{{\"acl_id\":{},\"direction\":\"{}\",\"rule_number\":{},\"action\":\"{}\"}}",
                        JsonQuote(acl->acl_id), DirectionName(acl->direction), acl->rule_number,
                        acl->allow ? "allow" : "deny")
          : "null";
  bool traffic = verdict.action != FlowAction::kAbsent;
  return fmt::format(
      "{{\"file\":{},\"line\":{},\"interface\":{},\"direction\":{},\"role\":\"{}\",\"action\":{},\"status\":\"{}\","
      "\"rules\":[{}],\"acl\":{},\"denied_by\":{},\"chosen_rule\":{},\"icmp\":{}}}",
      JsonQuote(file), line, JsonQuote(interface_id),
      NullOr(direction.has_value(), direction ? fmt::format("\"{}\"", DirectionName(*direction)) : ""),
      FlowRoleName(role), NullOr(traffic, fmt::format("\"{}\"", FlowActionName(verdict.action))),
      TruthStatusName(status), rules, acl_json, NullOr(!verdict.denied_by.empty(), JsonQuote(verdict.denied_by)),
      NullOr(chosen_rule.has_value(), chosen_rule ? RuleJson(*chosen_rule) : ""),
      NullOr(icmp.has_value(), icmp ? fmt::format("{{\"type\":{},\"code\":{}}}", icmp->type, icmp->code) : ""));
}

// A reference to a group the snapshot lacks is stale and matches nothing. Members count in
// the interface's own VPC, or in the reference's VPC when it names one (peering).
bool FlowTruthOracle::PeerMatches(const NetworkInterface& eni, const RulePeer& peer, IpAddress a) const {
  if (auto* prefix = std::get_if<IpPrefix>(&peer)) return prefix->Contains(a);
  if (auto* ref = std::get_if<GroupReference>(&peer)) {
    if (!ById(net_.security_groups, ref->group_id)) return false;
    const std::string& vpc = ref->vpc_id.empty() ? eni.vpc_id : ref->vpc_id;
    for (auto& member : net_.network_interfaces)
      if (member.vpc_id == vpc && member.HasPrivateAddress(a) && HasId(member.group_ids, ref->group_id)) return true;
    return false;
  }
  const std::string& id = std::get<PrefixListReference>(peer).prefix_list_id;
  for (auto& list : net_.prefix_lists)
    if (list.id == id)
      return std::any_of(list.cidrs.begin(), list.cidrs.end(), [&](const IpPrefix& c) { return c.Contains(a); });
  return false;
}

std::vector<RuleHit> FlowTruthOracle::AllowingRules(const NetworkInterface& eni, Direction d, const Packet& p) const {
  std::vector<RuleHit> hits;
  for (auto& group_id : eni.group_ids)
    if (const SecurityGroup* group = ById(net_.security_groups, group_id))
      for (auto& rule : group->rules(d))
        if (TrafficMatches(rule.protocol, rule.ports, rule.icmp, p) && PeerMatches(eni, rule.peer, PeerOf(d, p)))
          hits.push_back({group->id, d, rule.index});
  return hits;
}

bool FlowTruthOracle::AnyRuleAllows(const NetworkInterface& eni, Direction d, const Packet& p) const {
  for (auto& group_id : eni.group_ids)
    if (const SecurityGroup* group = ById(net_.security_groups, group_id))
      for (auto& rule : group->rules(d))
        if (TrafficMatches(rule.protocol, rule.ports, rule.icmp, p) && PeerMatches(eni, rule.peer, PeerOf(d, p)))
          return true;
  return false;
}

std::optional<AclHit> FlowTruthOracle::DecidingAclEntry(const NetworkInterface& eni, Direction d,
                                                        const Packet& p) const {
  const Subnet* subnet = ById(net_.subnets, eni.subnet_id);
  if (!subnet) return std::nullopt;
  IpAddress peer = PeerOf(d, p);
  if (std::any_of(subnet->cidrs.begin(), subnet->cidrs.end(), [&](const IpPrefix& c) { return c.Contains(peer); }))
    return std::nullopt;
  const NetworkAcl* acl = ScanNetworkAcl(net_, *subnet);
  if (!acl) return std::nullopt;
  const NetworkAclEntry* first = FirstAclMatch(*acl, d, p);
  if (!first) return AclHit{acl->id, d, peer.is_v4() ? kImplicitDenyV4 : kImplicitDenyV6, false};
  return AclHit{acl->id, d, first->rule_number, first->allow};
}

RecordVerdict FlowTruthOracle::Evaluate(const NetworkInterface& eni, Direction d, FlowRole role, const Packet& p,
                                        bool all_rules) const {
  RecordVerdict v;
  v.acl = DecidingAclEntry(eni, d, p);
  bool acl_allows = !v.acl || v.acl->allow;
  bool groups_allow = true;
  if (role == FlowRole::kInitiator) {
    if (all_rules) v.rules = AllowingRules(eni, d, p);
    groups_allow = all_rules ? !v.rules.empty() : AnyRuleAllows(eni, d, p);
  }
  bool acl_first = d == Direction::kIngress;
  if (!acl_allows && (acl_first || groups_allow)) v.denied_by = "network-acl";
  if (!groups_allow && (!acl_first || acl_allows)) v.denied_by = "security-groups";
  if (!v.denied_by.empty()) v.action = FlowAction::kReject, v.rules.clear();
  return v;
}

}  // namespace sgscope::bench
