// default-security-group-has-rules (docs/checks/default-security-group-has-rules.md): any rule of
// a VPC's default group, including the ones AWS creates with it. CIS AWS Foundations Benchmark
// 5.4 ("Ensure the default security group of every VPC restricts all traffic"; AWS Security Hub
// EC2.2, AWS Config vpc-default-security-group-closed,
// https://docs.aws.amazon.com/config/latest/developerguide/vpc-default-security-group-closed.html)
// wants it empty, so that an interface launched without a group gets no access by accident.

#include <fmt/format.h>

#include "checks/aws_defaults.h"
#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

constexpr const char* kId = "default-security-group-has-rules";

// Why no revoke is proposed while the group is carried: the rule may admit traffic that flows
// today (the doc's order: move the users off first). Empty when nothing carries the group.
std::string InUse(const GroupWhy& why) {
  size_t users = why.interfaces.size() + why.users.size();
  if (users == 0) return "";
  std::string first = why.interfaces.empty() ? why.users.front() : why.interfaces.front().eni->id;
  return fmt::format("in use by {}{}: revoking the rule now would cut what it admits for them; no command is given "
                     "until they move to groups of their own (default-security-group-in-use)",
                     first, users > 1 ? fmt::format(" and {} more", users - 1) : "");
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const SecurityGroup& group : context.network().security_groups) {
    if (!IsDefaultGroup(group)) continue;
    std::string in_use = InUse(context.Why(group));
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const SecurityGroupRule& rule : group.rules(d)) {
        Finding f = RuleFinding(kId, FindingSeverity::kLow, group, rule);
        f.message = fmt::format("the default group of {} has {}", group.vpc_id, RuleText(rule));
        if (CreatedByAws(group, rule)) f.evidence.push_back("AWS created this rule with the group");
        f.evidence.push_back("CIS AWS Foundations 5.4: the default security group of every VPC should restrict all traffic");
        if (!in_use.empty()) f.evidence.push_back(in_use);
        else f.remediation = RevokeRuleCommand(group, rule);
        out.push_back(std::move(f));
      }
  }
  return out;
}

}  // namespace

Check DefaultSecurityGroupHasRulesCheck() {
  return {kId, FindingSeverity::kLow, "VPC default security group has rules",
          "The VPC's default security group has a rule. AWS gives this group to every interface launched without "
          "one, so its rules grant access by accident; CIS AWS Foundations Benchmark 5.4 (Security Hub EC2.2) asks "
          "that it restrict all traffic. Revoke every rule, inbound and outbound, including the ones AWS created "
          "(\"all from itself\", \"all to 0.0.0.0/0\"), after moving whatever uses it to groups of its own "
          "(default-security-group-in-use). One finding per rule.",
          Run};
}

}  // namespace sgscope
