// Shared by the checks about one rule: the common fields of their findings, and the walk over
// why's verdicts that several checks report from (why is the single judge of whether a rule is
// needed; a check restates its verdict as a finding).

#include "checks/rule_finding.h"

#include <fmt/format.h>

namespace sgscope {

Finding RuleFinding(const char* check, FindingSeverity severity, const SecurityGroup& group,
                    const SecurityGroupRule& rule) {
  Finding f;
  f.check = check, f.severity = severity, f.resource = group.id;
  f.group = &group, f.rule = &rule, f.source = rule.source;
  return f;
}

std::string RuleText(const SecurityGroupRule& rule) {
  return fmt::format("{} rule {} ({} {})", DirectionName(rule.direction), rule.index, rule.ProtocolPortsText(),
                     PeerToString(rule.peer));
}

bool PeerIsWholeInternet(const RulePeer& peer) {
  auto* p = std::get_if<IpPrefix>(&peer);
  return p && p->length() == 0;
}

std::string RuleName(const std::string& group_id, Direction direction, uint32_t index) {
  return fmt::format("{} {} {}", group_id, DirectionName(direction), index);
}

std::vector<JudgedRule> RulesJudged(CheckContext& context, RuleVerdict verdict) {
  std::vector<JudgedRule> out;
  for (const SecurityGroup& group : context.network().security_groups)
    for (const RuleWhy& why : context.Why(group).rules)
      if (why.verdict == verdict) out.push_back({&group, &why});
  return out;
}

const RuleWhy* WhyOf(CheckContext& context, const SecurityGroup& group, const SecurityGroupRule& rule) {
  for (const RuleWhy& why : context.Why(group).rules)
    if (why.rule == &rule) return &why;
  return nullptr;
}

bool RevokeCutsNothing(const RuleWhy* why) {
  if (!why) return false;
  switch (why->verdict) {
    case RuleVerdict::kNeeded: return false;
    case RuleVerdict::kWiderThanReachable: return why->reachable_sources.empty();
    default: return true;
  }
}

}  // namespace sgscope
