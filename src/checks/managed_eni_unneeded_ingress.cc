// managed-eni-unneeded-ingress (docs/checks/managed-eni-unneeded-ingress.md): inbound rules on a
// group carried only by managed interfaces whose inbound rules AWS never consults (Client VPN,
// Instance Connect Endpoint, Lambda). `why` judges it (not-needed-managed-path, from the
// managed-service catalogue); this check restates its verdict, saying UNCONFIRMED where the
// catalogue entry is a modelling assumption.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

constexpr const char* kId = "managed-eni-unneeded-ingress";

// One evidence line per service: where its traffic really goes, the source, and whether AWS
// states it.
std::vector<std::string> ServiceEvidence(const std::vector<ServiceCarriers>& services) {
  std::vector<std::string> lines;
  for (const ServiceCarriers& s : services) {
    lines.push_back(fmt::format("{} ({}): {} [{}]", s.service->name, fmt::join(s.interface_ids, ", "), s.service->aws_side,
                                s.service->source));
    if (!s.service->confirmed)
      lines.push_back(fmt::format("UNCONFIRMED: that {} interfaces never consult inbound rules is a modelling assumption "
                                  "(aws-semantics.md); check before relying on it",
                                  s.service->name));
  }
  return lines;
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const JudgedRule& j : RulesJudged(context, RuleVerdict::kNotNeededManagedPath)) {
    const SecurityGroupRule& rule = *j.why->rule;
    Finding f = RuleFinding(kId, FindingSeverity::kMedium, *j.group, rule);
    std::vector<std::string> names;
    for (const ServiceCarriers& s : j.why->not_consulted) names.push_back(std::string(s.service->name));
    f.message = fmt::format("{} is never consulted: every interface carrying {} belongs to {}", RuleText(rule),
                            j.group->id, fmt::join(names, ", "));
    f.evidence = ServiceEvidence(j.why->not_consulted);
    f.remediation = RevokeRuleCommand(*j.group, rule);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Check ManagedEniUnneededIngressCheck() {
  return {kId, FindingSeverity::kMedium, "Inbound rule on managed interfaces that never consult it",
          "Every interface carrying the group belongs to a managed service whose traffic arrives through the AWS side "
          "(AWS Client VPN, EC2 Instance Connect Endpoint, Lambda), so its inbound rules admit nothing: they only "
          "mislead reviewers and would admit traffic if the group were later attached elsewhere. Revoke the rule. "
          "Where the managed-service catalogue marks the behaviour UNCONFIRMED (Client VPN), the finding says so.",
          Run};
}

}  // namespace sgscope
