#pragma once
// What the checks about security-group rules share: a finding that names one rule, the rule in
// a message's words, and the rules `why` gave a verdict (the checks that follow why's judgement).

#include <string>
#include <vector>

#include "checks/check.h"

namespace sgscope {

// A finding of `check` about `rule` of `group`: resource, rule and source filled in.
Finding RuleFinding(const char* check, FindingSeverity severity, const SecurityGroup& group,
                    const SecurityGroupRule& rule);

// "ingress rule 1 (tcp 443 192.0.2.0/24)".
std::string RuleText(const SecurityGroupRule& rule);

// The peer is 0.0.0.0/0 or ::/0: anyone on the internet.
bool PeerIsWholeInternet(const RulePeer& peer);

// "sg-… ingress 3": how why names a rule of another group.
std::string RuleName(const std::string& group_id, Direction direction, uint32_t index);

// A rule and why's answer on it.
struct JudgedRule {
  const SecurityGroup* group = nullptr;
  const RuleWhy* why = nullptr;
};

// Every rule of every group (in the snapshot's group order, then why's rule order) whose verdict
// is `verdict`.
std::vector<JudgedRule> RulesJudged(CheckContext& context, RuleVerdict verdict);

// why's answer on `rule` of `group`, or null when why has none.
const RuleWhy* WhyOf(CheckContext& context, const SecurityGroup& group, const SecurityGroupRule& rule);

// Whether revoking the rule alone cuts nothing that reaches today, by why's verdict: redundant,
// never consulted, stale, on nothing, or wider than reachable with no source reaching. A `needed`
// rule (or one some sources reach through) is not: a check proposes no bare revoke of it.
bool RevokeCutsNothing(const RuleWhy* why);

}  // namespace sgscope
