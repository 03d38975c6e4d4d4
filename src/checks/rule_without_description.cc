// rule-without-description (docs/checks/rule-without-description.md): a rule nobody explained
// is a rule nobody can safely remove. Rules AWS creates itself (a new group's allow-all egress,
// the default group's self-reference, the group AWS Directory Service creates for a directory's
// controllers) are left alone: the user never wrote them.

#include "checks/aws_defaults.h"
#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const SecurityGroup& group : context.network().security_groups) {
    if (DirectoryOfControllersGroup(context.network(), group)) continue;
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const SecurityGroupRule& rule : group.rules(d)) {
        if (!rule.description.empty() || CreatedByAws(group, rule)) continue;
        Finding f = RuleFinding("rule-without-description", FindingSeverity::kInfo, group, rule);
        f.message = RuleText(rule) + " has no description";
        f.remediation = DescribeRuleCommand(group, rule, "<who uses this rule, for what>");
        out.push_back(std::move(f));
      }
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
