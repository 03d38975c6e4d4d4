// rule-without-description (docs/checks/rule-without-description.md): a rule nobody explained
// is a rule nobody can safely remove. Rules AWS creates itself (a new group's allow-all egress,
// the default group's self-reference) are left alone: the user never wrote them.

#include <fmt/format.h>

#include "checks/registry.h"
#include "checks/remediation.h"

namespace sgscope {

namespace {

// https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html and
// https://docs.aws.amazon.com/vpc/latest/userguide/creating-security-groups.html: every new
// group gets egress "all protocols to 0.0.0.0/0 and ::/0"; the default group also gets
// ingress "all from itself".
bool CreatedByAws(const SecurityGroup& group, const SecurityGroupRule& rule) {
  if (!rule.protocol.all) return false;
  if (rule.direction == Direction::kEgress)
    if (auto* p = std::get_if<IpPrefix>(&rule.peer)) return p->length() == 0;
  if (rule.direction == Direction::kIngress && group.name == "default")
    if (auto* g = std::get_if<GroupReference>(&rule.peer)) return g->group_id == group.id;
  return false;
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const SecurityGroup& group : context.network().security_groups)
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const SecurityGroupRule& rule : group.rules(d)) {
        if (!rule.description.empty() || CreatedByAws(group, rule)) continue;
        Finding f;
        f.check = "rule-without-description", f.severity = FindingSeverity::kInfo, f.resource = group.id;
        f.group = &group, f.rule = &rule, f.source = rule.source;
        f.message = fmt::format("{} rule {} ({} {}) has no description", DirectionName(d), rule.index,
                                rule.ProtocolPortsText(), PeerToString(rule.peer));
        f.remediation = DescribeRuleCommand(group, rule, "<who uses this rule, for what>");
        out.push_back(std::move(f));
      }
  return out;
}

}  // namespace

Check RuleWithoutDescriptionCheck() {
  return {"rule-without-description", FindingSeverity::kInfo, "Security-group rule without a description",
          "The rule has no description, so nobody can tell why it exists or whether it may go. Add one that names the "
          "peer and the service (update-security-group-rule-descriptions-ingress/-egress); rules AWS creates itself "
          "are not reported.",
          Run};
}

}  // namespace sgscope
