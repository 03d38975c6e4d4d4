// Narrows each rule to what the flow logs credited it with. Ports and CIDRs shrink to bounded
// covers of the observed values; group references and prefix lists stay (they already name
// their peers); ICMP keeps the rule's types, since flow logs do not record them. Each opening
// record was allowed by a set of rules; the kept rules must meet every set (a hitting set, chosen
// greedily). A group whose interfaces are not all in the logs keeps its rules.

#include "engines/flow_rule_proposal.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "net/bounded_cover.h"
#include "net/service_set.h"

namespace sgscope {

namespace {

// Ports (or 0 for portless protocols) seen per protocol.
std::map<uint8_t, std::vector<uint16_t>> ServicesByProtocol(const RuleUsage& usage) {
  std::map<uint8_t, std::vector<uint16_t>> out;
  usage.services.ForEach([&](uint32_t key, RuleUsage::NoValue) {
    out[static_cast<uint8_t>(key >> 16)].push_back(static_cast<uint16_t>(key));
  });
  return out;
}

// The rule's selection narrowed to `protocol` and its observed ports: one rule per port range.
std::vector<SecurityGroupRule> NarrowedSelections(const SecurityGroupRule& rule, uint8_t protocol,
                                                  const std::vector<uint16_t>& ports, const FlowProposalOptions& options) {
  SecurityGroupRule base = rule;
  base.protocol = ProtocolSelector::Only(protocol);
  if (!base.protocol.HasPorts()) {
    if (!rule.protocol.HasIcmpTypes()) base.icmp = {};  // from an all-protocols rule: every type
    base.ports = PortRange::All();
    return {base};
  }
  std::vector<SecurityGroupRule> out;
  for (const PortRange& range : CoverPorts(ports, options.max_port_ranges)) {
    base.ports = range;
    out.push_back(base);
  }
  return out;
}

std::vector<RulePeer> NarrowedPeers(const SecurityGroupRule& rule, const RuleUsage& usage,
                                    const FlowProposalOptions& options) {
  const IpPrefix* prefix = std::get_if<IpPrefix>(&rule.peer);
  if (!prefix || !usage.peers_complete) return {rule.peer};
  std::vector<IpAddress> addresses;
  for (auto& [address, tally] : usage.peers.Entries()) addresses.push_back(address);
  std::vector<RulePeer> out;
  for (const IpPrefix& block : CoverAddresses(addresses, options.max_cidrs)) out.push_back(block);
  return out;
}

RuleProposal Propose(const SecurityGroupRule& rule, const RuleUsage* usage, bool complete,
                     const FlowProposalOptions& options) {
  RuleProposal p;
  p.rule = &rule;
  if (!usage) {
    p.action = complete ? RuleProposalAction::kRevoke : RuleProposalAction::kUndecided;
    return p;
  }
  p.peers_complete = usage->peers_complete;
  std::vector<RulePeer> peers = NarrowedPeers(rule, *usage, options);
  if (!usage->services_complete) p.replacements.push_back({rule, peers});  // too many services seen to list
  else
    for (auto& [protocol, ports] : ServicesByProtocol(*usage))
      for (SecurityGroupRule& narrowed : NarrowedSelections(rule, protocol, ports, options))
        p.replacements.push_back({std::move(narrowed), peers});
  bool same = p.replacements.size() == 1 && peers.size() == 1 && peers.front() == rule.peer &&
              p.replacements.front().rule.protocol == rule.protocol &&
              (!rule.protocol.HasPorts() || p.replacements.front().rule.ports == rule.ports);
  p.action = same ? RuleProposalAction::kKeep : RuleProposalAction::kNarrow;
  if (same) p.replacements.clear();
  return p;
}

using RuleSet = std::set<const SecurityGroupRule*>;

// The user's order of credited rules: group id, direction, index.
auto RuleOrder(const FlowUsage& usage, const SecurityGroupRule* r) {
  return std::tuple(usage.rules.at(r).group->id, r->direction, r->index);
}

// The rules to keep so that each credit set holds one: rules that cannot be judged are kept
// first, then sets of one rule force theirs, then the rule meeting the most unmet sets (ties: the
// first in group, direction, index order) until every set is met. Rules are numbered in that
// order and each counts the unmet sets it is in, so a choice costs one pass over the rules.
RuleSet RulesToKeep(const FlowUsage& usage, const std::map<std::string, GroupProposal>& groups) {
  RuleSet keep;
  for (auto& [rule, u] : usage.rules)
    if (!usage.credit_sets_complete || !groups.at(u.group->id).complete()) keep.insert(rule);
  for (auto& [set, records] : usage.credit_sets)
    if (set.size() == 1) keep.insert(set.front());
  std::vector<std::pair<decltype(RuleOrder(usage, nullptr)), const SecurityGroupRule*>> ordered;
  for (auto& [rule, u] : usage.rules) ordered.push_back({RuleOrder(usage, rule), rule});
  std::sort(ordered.begin(), ordered.end());  // equal orders (duplicate group ids): by address
  std::unordered_map<const SecurityGroupRule*, uint32_t> number;
  for (uint32_t i = 0; i < ordered.size(); ++i) number.emplace(ordered[i].second, i);
  std::vector<std::vector<uint32_t>> sets, sets_of(ordered.size());  // a rule twice in a set counts twice
  std::vector<size_t> meets(ordered.size(), 0);
  for (auto& [set, records] : usage.credit_sets) {
    if (std::any_of(set.begin(), set.end(), [&](const SecurityGroupRule* r) { return keep.count(r) > 0; })) continue;
    sets.emplace_back();
    for (const SecurityGroupRule* r : set) {
      sets.back().push_back(number.at(r));
      sets_of[number.at(r)].push_back(static_cast<uint32_t>(sets.size() - 1));
      ++meets[number.at(r)];
    }
  }
  std::vector<bool> met(sets.size(), false);
  for (;;) {
    size_t best = ordered.size();
    for (size_t i = 0; i < ordered.size(); ++i)
      if (meets[i] > 0 && (best == ordered.size() || meets[i] > meets[best])) best = i;
    if (best == ordered.size()) return keep;
    keep.insert(ordered[best].second);
    for (uint32_t s : sets_of[best])
      if (!met[s]) {
        met[s] = true;
        for (uint32_t r : sets[s]) --meets[r];
      }
  }
}

// For each rule not kept, the kept rules that allowed its connections: one pass over the sets.
std::map<const SecurityGroupRule*, RuleSet> CarriedBy(const FlowUsage& usage, const RuleSet& keep) {
  std::map<const SecurityGroupRule*, RuleSet> out;
  for (auto& [set, records] : usage.credit_sets)
    for (const SecurityGroupRule* dropped : set)
      if (!keep.count(dropped))
        for (const SecurityGroupRule* r : set)
          if (keep.count(r)) out[dropped].insert(r);
  return out;
}

std::vector<const SecurityGroupRule*> InRuleOrder(const FlowUsage& usage, const RuleSet& rules) {
  std::vector<const SecurityGroupRule*> sorted(rules.begin(), rules.end());
  std::sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) { return RuleOrder(usage, a) < RuleOrder(usage, b); });
  return sorted;
}

}  // namespace

std::vector<GroupProposal> ProposeTightestRules(const Network& network, const FlowUsage& usage,
                                                const FlowProposalOptions& options) {
  std::map<std::string, GroupProposal> by_id;
  for (const NetworkInterface& eni : network.network_interfaces) {
    bool logged = usage.logged_interfaces.count(&eni) > 0;
    for (const SecurityGroup* group : network.GroupsOf(eni)) {
      GroupProposal& g = by_id[group->id];
      g.group = group;
      ++g.interfaces_total;
      if (logged) ++g.interfaces_logged;
    }
  }
  RuleSet keep = RulesToKeep(usage, by_id);
  std::map<const SecurityGroupRule*, RuleSet> carried_by = CarriedBy(usage, keep);
  std::vector<GroupProposal> out;
  for (auto& [id, g] : by_id) {
    if (g.interfaces_logged == 0) continue;
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const SecurityGroupRule& rule : g.group->rules(d)) {
        auto it = usage.rules.find(&rule);
        bool used = it != usage.rules.end();
        if (used && !keep.count(&rule)) {
          g.rules.push_back({&rule, RuleProposalAction::kRedundant, {}, InRuleOrder(usage, carried_by[&rule]), true});
          continue;
        }
        g.rules.push_back(Propose(rule, used ? &it->second : nullptr, g.complete(), options));
      }
    out.push_back(std::move(g));
  }
  return out;
}

std::string_view RuleProposalActionName(RuleProposalAction a) {
  switch (a) {
    case RuleProposalAction::kKeep: return "keep";
    case RuleProposalAction::kNarrow: return "narrow";
    case RuleProposalAction::kRevoke: return "revoke";
    case RuleProposalAction::kRedundant: return "redundant";
    case RuleProposalAction::kUndecided: return "undecided";
  }
  return "keep";
}

}  // namespace sgscope
