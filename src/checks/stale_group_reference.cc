// stale-group-reference (docs/checks/stale-group-reference.md): a rule whose peer is a security
// group that should be in the snapshot but is not (deleted, or its peering deleted). `why` judges
// it (stale-reference, aws-semantics.md §1.3); this check restates its verdict.

#include <fmt/format.h>

#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

constexpr const char* kId = "stale-group-reference";

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const JudgedRule& j : RulesJudged(context, RuleVerdict::kStaleReference)) {
    const SecurityGroupRule& rule = *j.why->rule;
    Finding f = RuleFinding(kId, FindingSeverity::kMedium, *j.group, rule);
    f.message = fmt::format("{} references {}, which no longer exists", RuleText(rule), j.why->missing_group);
    f.evidence = {"missing group: " + j.why->missing_group, j.why->reason};
    f.remediation = RevokeRuleCommand(*j.group, rule);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Check StaleGroupReferenceCheck() {
  return {kId, FindingSeverity::kMedium, "Rule referencing a deleted security group",
          "The rule's peer is a security group the snapshot should hold (same account, no live peering) but does not: "
          "the group or the peering was deleted, so the rule matches nothing today. It is clutter that hides intent, "
          "and a reference across a re-created peering could start matching again. Revoke the rule. References into "
          "accounts or peered VPCs the snapshot does not cover are not reported.",
          Run};
}

}  // namespace sgscope
