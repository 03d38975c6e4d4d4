// unused-security-group (docs/checks/unused-security-group.md): a group on no interface and
// named by no resource of the snapshot, with why's test for it (GroupWhy: no interfaces, no
// users). The VPC's default group is left out: AWS does not let it be deleted.

#include <fmt/format.h>

#include "checks/aws_defaults.h"
#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

constexpr const char* kId = "unused-security-group";

// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSecurityGroup.html: deleting a
// group "referenced by another security group in the same VPC" fails with DependencyViolation, so
// the rules of other groups naming it go first (they match no interface while it has none).
std::vector<std::pair<const SecurityGroup*, const SecurityGroupRule*>> ReferencesTo(const Network& n,
                                                                                   const SecurityGroup& group) {
  std::vector<std::pair<const SecurityGroup*, const SecurityGroupRule*>> out;
  for (const SecurityGroup& other : n.security_groups)
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const SecurityGroupRule& rule : other.rules(d))
        if (auto* ref = std::get_if<GroupReference>(&rule.peer); ref && ref->group_id == group.id && &other != &group)
          out.push_back({&other, &rule});
  return out;
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const SecurityGroup& group : context.network().security_groups) {
    const GroupWhy& why = context.Why(group);
    if (!why.interfaces.empty() || !why.users.empty() || IsDefaultGroup(group)) continue;
    Finding f;
    f.check = kId, f.severity = FindingSeverity::kLow, f.resource = group.id, f.source = group.source;
    f.message = fmt::format("{} ({}) is on no network interface and used by no resource", group.id, group.name);
    f.evidence.push_back("no interface of the snapshot carries it and no RDS instance, load balancer, Lambda function, "
                         "endpoint, Client VPN association or directory names it (launch templates and other accounts "
                         "are not in the snapshot)");
    // With no interface at all the export most likely left them out (a partial export): every
    // group would look unused, and revoking the references to one still in use cuts real traffic.
    if (context.network().network_interfaces.empty()) {
      f.evidence.push_back("the snapshot holds no network interface at all: if the export left them out, every group "
                           "looks unused; no command is given (export NetworkInterfaces and audit again)");
      out.push_back(std::move(f));
      continue;
    }
    for (auto [other, rule] : ReferencesTo(context.network(), group)) {
      f.evidence.push_back(fmt::format("referenced by {} ({}): revoked first, since AWS refuses to delete a group "
                                       "another group references",
                                       RuleName(other->id, rule->direction, rule->index), rule->ProtocolPortsText()));
      f.remediation += RevokeRuleCommand(*other, *rule) + "\n";
    }
    f.remediation += DeleteGroupCommand(group);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Check UnusedSecurityGroupCheck() {
  return {kId, FindingSeverity::kLow, "Security group used by nothing",
          "No network interface carries the group and no resource of the snapshot names it: it protects nothing, and "
          "whoever attaches it later inherits rules nobody reviews. Delete it (after revoking the rules of other "
          "groups that reference it, which would block the deletion). The VPC's default group is never reported: it "
          "cannot be deleted.",
          Run};
}

}  // namespace sgscope
