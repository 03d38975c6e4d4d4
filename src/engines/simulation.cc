// The simulator: trace's walk, forward only, with a security-group gate that consults each
// interface's connection table before its rules (aws-semantics.md §2). An allowed packet
// starts or refreshes a tracked flow when ClassifyTracking says the flow is tracked; an
// untracked flow leaves no state, so its other direction needs a rule and removing the
// rule cuts it at once. ACLs are stateless and always see the current entries.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html

#include "engines/simulation.h"

#include <algorithm>
#include <map>

#include "engines/connection_table.h"
#include "engines/connection_tracking.h"

namespace sgscope {

namespace {

std::string T(std::chrono::seconds t) { return "t=" + std::to_string(t.count()); }

std::string RuleName(const SecurityGroup& group, const SecurityGroupRule& rule) {
  return group.id + "[" + DirectionName(rule.direction) + " #" + std::to_string(rule.index) + "]";
}

std::string RuleText(const SecurityGroupRule& rule) {
  return rule.ProtocolPortsText() + " " + PeerToString(rule.peer);
}

std::string EntryText(const NetworkAclEntry& e) {
  std::string s = "entry " + std::to_string(e.rule_number) + " " + DirectionName(e.direction) + " " +
                  (e.allow ? "allow " : "deny ") + e.protocol.ToString();
  if (e.protocol.HasPorts()) s += " " + e.ports.ToString();
  if (e.protocol.HasIcmpTypes() && !e.icmp.is_all()) s += " " + e.icmp.ToString();
  return s + " " + e.cidr.ToString();
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// A denied packet: the first hop that denies it decides (for a security group, the gate's
// explanation at that interface).
void ExplainDenial(const TraceResult& result, SimulationStep& step) {
  auto gate = std::find_if(step.security_groups.begin(), step.security_groups.end(),
                           [](const GateDecision& d) { return !d.allow; });
  auto hop = std::find_if(result.forward.begin(), result.forward.end(),
                          [](const TraceHop& h) { return h.action == "deny" || h.action == "drop"; });
  if (hop != result.forward.end() && hop->kind == "security-group" && gate != step.security_groups.end()) {
    step.decided_by = gate->interface_id + " " + DirectionName(gate->direction);
    step.reason = gate->detail;
  } else if (hop != result.forward.end()) {
    step.decided_by = hop->component + " " + hop->kind + (hop->direction.empty() ? "" : " " + hop->direction);
    step.reason = hop->detail;
  } else if (!result.blockers.empty()) {
    step.reason = result.blockers.front();
  }
}

// An allowed packet: a tracked connection that let it through where the rules would not
// decides first, then any tracked connection (what a rule change cannot see), else the last
// security group on the path (the receiver's).
void ExplainAllowed(SimulationStep& step) {
  if (step.security_groups.empty()) {
    step.reason = "no security group on the path";
    return;
  }
  const std::vector<GateDecision>& all = step.security_groups;
  auto it = std::find_if(all.begin(), all.end(), [](const GateDecision& d) { return d.by_tracking && !d.rules_allow; });
  if (it == all.end()) it = std::find_if(all.begin(), all.end(), [](const GateDecision& d) { return d.by_tracking; });
  const GateDecision& d = it != all.end() ? *it : all.back();
  step.decided_by = d.interface_id + " " + DirectionName(d.direction);
  step.reason = d.detail;
}

// The simulator's own, mutable copy of `found` (an element of `items`); when the snapshot
// lacks it, `step` says the change was rejected.
template <typename T>
T* MutableOrReject(std::vector<T>& items, const T* found, const std::string& id, SimulationStep& step) {
  if (found) return &items[static_cast<size_t>(found - items.data())];
  step.applied = false;
  step.change = id + " is not in the snapshot; nothing changed (AWS rejects it)";
  return nullptr;
}

// Replays events on its own copy of the network; is the gate trace asks at security-group hops.
class Simulator final : public SecurityGroupGate {
 public:
  explicit Simulator(const Network& network) : net_(network) {}

  SimulationResult Run(const std::vector<SimulationEvent>& events);
  GateVerdict Decide(const NetworkInterface& eni, Direction direction, const Packet& packet,
                     const std::vector<SecurityGroupMatch>& matches, bool reached) override;

 private:
  // An allowed security-group hop, applied to the tables once the walk is over (only then is
  // it known whether the path crossed an automatically tracked gateway).
  struct PendingHop {
    const NetworkInterface* eni;
    Direction direction;
    Packet packet;
    std::vector<SecurityGroupMatch> matches;  // empty when a tracked flow let it through
    size_t decision;                          // its position in decisions_
  };
  // A flow an interface passed without tracking it: remembered only to explain a later denial,
  // and so that its other direction is not mistaken for a new flow.
  struct UntrackedFlow {
    Packet first;            // the initiating packet
    std::chrono::seconds seen;
    std::string allowed_by;  // RuleName of the rule that allowed it
    std::string why;
  };
  using FlowAt = std::pair<std::string, FlowKey>;

  bool SendPacket(const SimulatedPacket& packet, SimulationStep& step, std::string& error);
  void Commit(const TraceResult& result, SimulationStep& step);
  // Starts tracking the flow a rule let through, unless it is untracked; returns what it did.
  std::string TrackAllowed(const PendingHop& hop, bool automatically_tracked, SimulationStep& step);
  void ChangeRules(const SecurityGroupRuleChange& change, SimulationStep& step);
  void Authorize(const SecurityGroup& group, std::vector<SecurityGroupRule>& rules,
                 const SecurityGroupRuleChange& change, SimulationStep& step);
  void ChangeAcl(const NetworkAclEntryChange& change, SimulationStep& step);
  std::string DenialReason(const NetworkInterface& eni, const Packet& packet, const TrackedFlow* flow) const;
  std::string RemovedText(const std::string& rule_name) const;
  GateVerdict Record(const NetworkInterface& eni, Direction direction, bool reached, GateDecision decision);
  void Note(const std::string& note);

  Network net_;
  ConnectionTable table_;
  std::map<FlowAt, UntrackedFlow> untracked_;
  std::map<std::string, std::chrono::seconds> removed_;  // RuleName -> when it was revoked
  std::map<std::pair<std::string, Direction>, uint32_t> next_index_;
  std::chrono::seconds now_{0};
  std::vector<PendingHop> pending_;
  std::vector<GateDecision> decisions_;
  std::vector<std::string> notes_;
};

GateVerdict Simulator::Record(const NetworkInterface& eni, Direction direction, bool reached, GateDecision d) {
  d.interface_id = eni.id;
  d.direction = direction;
  GateVerdict verdict{d.allow, d.detail};
  if (reached) decisions_.push_back(std::move(d));
  return verdict;
}

GateVerdict Simulator::Decide(const NetworkInterface& eni, Direction direction, const Packet& packet,
                              const std::vector<SecurityGroupMatch>& matches, bool reached) {
  const TrackedFlow* flow = table_.Find(eni.id, packet);
  if (flow && flow->LiveAt(now_, eni.tracking_timeouts)) {
    if (reached) pending_.push_back({&eni, direction, packet, {}, decisions_.size()});
    std::string detail = "allowed by tracked connection at " + eni.id + " created at " + T(flow->created) + " by " +
                         flow->created_by + RemovedText(flow->created_by) + " (last packet " + T(flow->last_seen) +
                         ", " + flow->Timeout(eni.tracking_timeouts).setting + ")";
    if (matches.empty()) detail += "; no current rule allows it";
    return Record(eni, direction, reached, {"", direction, true, true, !matches.empty(), "", detail});
  }
  if (!matches.empty()) {
    if (reached) pending_.push_back({&eni, direction, packet, matches, decisions_.size()});
    const SecurityGroupMatch& m = matches.front();
    std::string detail = "allowed by " + RuleName(*m.group, *m.rule) + " " + RuleText(*m.rule);
    if (matches.size() > 1) detail += " (and " + std::to_string(matches.size() - 1) + " more rule(s))";
    return Record(eni, direction, reached, {"", direction, true, false, true, "", detail});
  }
  return Record(eni, direction, reached, {"", direction, false, false, false, "", "denied: " + DenialReason(eni, packet, flow)});
}

std::string Simulator::RemovedText(const std::string& rule_name) const {
  auto it = removed_.find(rule_name);
  return it == removed_.end() ? "" : " (removed at " + T(it->second) + ")";
}

std::string Simulator::DenialReason(const NetworkInterface& eni, const Packet& packet, const TrackedFlow* flow) const {
  std::string none = "no current rule of " + Join(eni.group_ids, ",") + " allows it";
  if (flow)
    return "the tracked connection created at " + T(flow->created) + " by " + flow->created_by + " expired at " +
           T(flow->ExpiresAt(eni.tracking_timeouts)) + " (" + flow->Timeout(eni.tracking_timeouts).setting +
           ", idle since " + T(flow->last_seen) + "), and " + none;
  auto it = untracked_.find({eni.id, FlowKey::Of(packet)});
  if (it == untracked_.end()) return none + " and no tracked connection at " + eni.id + " matches";
  auto removed = removed_.find(it->second.allowed_by);
  std::string rule = removed == removed_.end()
                         ? it->second.allowed_by + ", which allowed it at " + T(it->second.seen) + ", no longer does"
                         : "rule " + it->second.allowed_by + " removed at " + T(removed->second);
  return rule + ", and the flow was untracked (" + it->second.why + "), so no connection state lets it through; " +
         none;
}

bool Simulator::SendPacket(const SimulatedPacket& p, SimulationStep& step, std::string& error) {
  TraceQuery query{.from = p.from,
                   .to = p.to,
                   .protocol = p.protocol,
                   .dst_port = p.dst_port,
                   .src_port = p.src_port,
                   .icmp_type = p.icmp_type,
                   .icmp_code = p.icmp_code,
                   .gate = this,
                   .forward_only = true};
  pending_.clear();
  decisions_.clear();
  TraceOutcome outcome = Trace(net_, query);
  if (!outcome.result) {
    error = outcome.error;
    return false;
  }
  Commit(*outcome.result, step);
  step.security_groups = std::move(decisions_);
  step.verdict = outcome.result->accepted() ? "ALLOWED" : DispositionName(outcome.result->disposition);
  if (outcome.result->accepted())
    ExplainAllowed(step);
  else
    ExplainDenial(*outcome.result, step);
  for (auto& note : outcome.result->notes) Note(note);
  step.trace = std::move(*outcome.result);
  return true;
}

void Simulator::Commit(const TraceResult& result, SimulationStep& step) {
  for (const PendingHop& hop : pending_) {
    if (!hop.matches.empty()) {
      decisions_[hop.decision].table = TrackAllowed(hop, result.automatically_tracked, step);
      continue;
    }
    decisions_[hop.decision].table = "refreshed";
    const TrackedFlow& flow = table_.Refresh(hop.eni->id, hop.packet, now_);
    step.tracking.push_back(hop.eni->id + ": tracked connection refreshed; expires at " +
                            T(flow.ExpiresAt(hop.eni->tracking_timeouts)) + " unless another packet comes (" +
                            flow.Timeout(hop.eni->tracking_timeouts).setting + ")");
  }
}

std::string Simulator::TrackAllowed(const PendingHop& hop, bool automatically_tracked, SimulationStep& step) {
  const std::string& eni = hop.eni->id;
  FlowAt at{eni, FlowKey::Of(hop.packet)};
  auto untracked = untracked_.find(at);
  // The other direction of an untracked flow is its response, not a new flow.
  if (untracked != untracked_.end() && untracked->second.first.src == hop.packet.dst &&
      untracked->second.first.src_port == hop.packet.dst_port) {
    step.tracking.push_back(eni + ": response of an untracked flow, passed by a rule; nothing tracked");
    return "untracked-response";
  }
  TrackingDecision d = ClassifyTracking(net_, *hop.eni, hop.direction, hop.packet, hop.matches, automatically_tracked);
  std::string by = RuleName(*hop.matches.front().group, *hop.matches.front().rule);
  if (d.tracking == Tracking::kUntracked) {
    untracked_[at] = {hop.packet, now_, by, d.why};
    Note("untracked flows: the predicate follows AWS's worked example; behaviour with several overlapping rules is "
         "UNCONFIRMED (aws-semantics.md §2)");
    step.tracking.push_back(eni + ": not tracked (" + d.Reason() + "); the other direction needs its own rule");
    return "untracked";
  }
  untracked_.erase(at);
  const TrackedFlow& flow = table_.Start(eni, hop.packet, now_, by);
  if (hop.packet.is_icmp())
    Note("ICMP idle timeout is UNCONFIRMED (aws-semantics.md §2): assumed " +
         std::to_string(kAssumedIcmpTimeout.count()) + " s, Linux conntrack's default");
  if (hop.packet.protocol == kProtoTcp)
    Note("TCP connection state is not modelled: every tracked TCP flow counts as established");
  step.tracking.push_back(eni + ": tracked from now on (" + d.Reason() + "); idle timeout " +
                          flow.Timeout(hop.eni->tracking_timeouts).setting);
  return "started";
}

void Simulator::ChangeRules(const SecurityGroupRuleChange& change, SimulationStep& step) {
  SecurityGroup* group = MutableOrReject(net_.security_groups, net_.FindSecurityGroup(change.group_id),
                                         change.group_id, step);
  if (!group) return;
  std::vector<SecurityGroupRule>& rules = change.direction == Direction::kIngress ? group->ingress : group->egress;
  if (change.add) return Authorize(*group, rules, change, step);
  std::vector<std::string> done;
  for (const SecurityGroupRule& rule : change.rules) {
    auto same = std::find_if(rules.begin(), rules.end(), [&](auto& r) { return SameTraffic(r, rule); });
    if (same == rules.end()) {
      // Revoke removes what it finds and reports the rest as unknown permissions.
      step.applied = false;
      done.push_back("no " + std::string(DirectionName(change.direction)) + " rule " + RuleText(rule) +
                     " to remove (AWS reports it as unknown)");
      continue;
    }
    removed_[RuleName(*group, *same)] = now_;
    done.push_back("removed " + RuleName(*group, *same) + " " + RuleText(*same));
    rules.erase(same);
  }
  step.change = group->id + ": " + Join(done, "; ");
}

// New rules take numbers after every rule the group ever had in that direction, so a rule's
// name (which tracked flows and removals refer to) never changes meaning.
void Simulator::Authorize(const SecurityGroup& group, std::vector<SecurityGroupRule>& rules,
                          const SecurityGroupRuleChange& change, SimulationStep& step) {
  for (const SecurityGroupRule& rule : change.rules) {
    auto same = std::find_if(rules.begin(), rules.end(), [&](auto& r) { return SameTraffic(r, rule); });
    if (same == rules.end()) continue;
    // AuthorizeSecurityGroupIngress/Egress fails as a whole on a duplicate (InvalidPermission.Duplicate).
    step.applied = false;
    step.change = group.id + ": " + DirectionName(change.direction) + " #" + std::to_string(same->index) +
                  " already allows " + RuleText(rule) + "; nothing added (AWS rejects a duplicate rule)";
    return;
  }
  auto [next, fresh] = next_index_.try_emplace({group.id, change.direction}, 0);
  if (fresh)
    for (auto& r : rules) next->second = std::max(next->second, r.index + 1);
  std::vector<std::string> done;
  for (SecurityGroupRule rule : change.rules) {
    rule.index = next->second++;
    done.push_back("added " + RuleName(group, rule) + " " + RuleText(rule));
    rules.push_back(std::move(rule));
  }
  step.change = group.id + ": " + Join(done, "; ");
}

void Simulator::ChangeAcl(const NetworkAclEntryChange& change, SimulationStep& step) {
  NetworkAcl* acl = MutableOrReject(net_.network_acls, net_.FindNetworkAcl(change.acl_id), change.acl_id, step);
  if (!acl) return;
  std::vector<NetworkAclEntry>& entries = change.entry.direction == Direction::kIngress ? acl->ingress : acl->egress;
  auto at = std::lower_bound(entries.begin(), entries.end(), change.entry.rule_number,
                             [](const NetworkAclEntry& e, uint32_t n) { return e.rule_number < n; });
  bool exists = at != entries.end() && at->rule_number == change.entry.rule_number;
  std::string number = std::to_string(change.entry.rule_number) + " " + DirectionName(change.entry.direction);
  using Kind = NetworkAclEntryChange::Kind;
  if ((change.kind == Kind::kCreate) == exists) {
    step.applied = false;
    step.change = acl->id + ": " + (exists ? "entry " + number + " already exists" : "no entry " + number) +
                  "; nothing changed (AWS rejects it)";
    return;
  }
  if (change.kind == Kind::kDelete) {
    step.change = acl->id + ": deleted " + EntryText(*at);
    entries.erase(at);
  } else if (change.kind == Kind::kReplace) {
    step.change = acl->id + ": replaced " + EntryText(*at) + " with " + EntryText(change.entry);
    *at = change.entry;
  } else {
    step.change = acl->id + ": created " + EntryText(change.entry);
    entries.insert(at, change.entry);
  }
}

void Simulator::Note(const std::string& note) {
  if (std::find(notes_.begin(), notes_.end(), note) == notes_.end()) notes_.push_back(note);
}

SimulationResult Simulator::Run(const std::vector<SimulationEvent>& events) {
  SimulationResult result;
  for (size_t i = 0; i < events.size(); ++i) {
    const SimulationEvent& event = events[i];
    now_ = event.at;
    SimulationStep& step = result.steps.emplace_back();
    step.index = i, step.at = event.at, step.source = event.source;
    if (auto* packet = std::get_if<SimulatedPacket>(&event.what)) {
      if (!SendPacket(*packet, step, result.error)) {
        result.error = "event [" + std::to_string(i) + "]: " + result.error;
        result.steps.pop_back();
        break;
      }
    } else if (auto* rules = std::get_if<SecurityGroupRuleChange>(&event.what)) {
      ChangeRules(*rules, step);
    } else {
      ChangeAcl(std::get<NetworkAclEntryChange>(event.what), step);
    }
  }
  result.notes = std::move(notes_);
  return result;
}

}  // namespace

SimulationResult Simulate(const Network& network, const std::vector<SimulationEvent>& events) {
  return Simulator(network).Run(events);
}

}  // namespace sgscope
