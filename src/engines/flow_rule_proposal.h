#pragma once
// The tightest rules that still carry every accepted connection the flow logs saw: each rule
// narrowed to the services and peers it was credited with, rules credited with nothing dropped,
// and of rules that allowed the same connections, only those needed to keep every one.

#include <string>
#include <vector>

#include "engines/flow_usage.h"

namespace sgscope {

struct FlowProposalOptions {
  size_t max_cidrs = 8;        // blocks per narrowed CIDR rule (bounded_cover.h)
  size_t max_port_ranges = 4;  // port ranges per protocol of a narrowed rule
};

// What to do with one existing rule.
enum class RuleProposalAction : uint8_t {
  kKeep,       // the traffic seen needs all of it
  kNarrow,     // replace it by `replacements`
  kRevoke,     // no accepted connection used it in the window
  kRedundant,  // every connection it allowed, a kept rule allowed too (`carried_by`)
  kUndecided,  // some interfaces carrying the group have no records: nothing can be concluded
};

// A narrower rule: the original's protocol selector, narrowed ports or ICMP, and its peers.
struct ProposedRule {
  SecurityGroupRule rule;  // direction, protocol, ports, icmp, description; `peer` unused
  std::vector<RulePeer> peers;
};

struct RuleProposal {
  const SecurityGroupRule* rule = nullptr;
  RuleProposalAction action = RuleProposalAction::kKeep;
  std::vector<ProposedRule> replacements;  // kNarrow
  std::vector<const SecurityGroupRule*> carried_by;  // kRedundant: the kept rules that allowed its connections
  bool peers_complete = true;              // false: the peer bound was hit, the peer is kept
};

// The proposal for one group that an interface with records carries.
struct GroupProposal {
  const SecurityGroup* group = nullptr;
  size_t interfaces_total = 0, interfaces_logged = 0;
  std::vector<RuleProposal> rules;  // ingress then egress, by index

  bool complete() const { return interfaces_logged == interfaces_total; }
};

// Groups sorted by id. Only groups carried by at least one interface that has records.
std::vector<GroupProposal> ProposeTightestRules(const Network& network, const FlowUsage& usage,
                                                const FlowProposalOptions& options);

std::string_view RuleProposalActionName(RuleProposalAction a);  // "keep", "narrow", "revoke", "undecided"

}  // namespace sgscope
