// all-ports-open (docs/checks/all-ports-open.md): an inbound rule admitting every port of TCP or
// UDP, or every protocol. Severity by who the peer is: the whole internet is high, anything else
// medium, the group itself low (members of one group talking freely is a deliberate pattern, the
// one AWS's default group starts with). The default group's own "all from itself" is AWS's and is
// left to default-security-group-has-rules.

#include <fmt/format.h>

#include "checks/aws_defaults.h"
#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

constexpr const char* kId = "all-ports-open";

bool AllPorts(const SecurityGroupRule& rule) {
  return rule.protocol.all || (rule.protocol.HasPorts() && rule.ports.is_all());
}

FindingSeverity SeverityOf(const SecurityGroup& group, const RulePeer& peer) {
  if (PeerIsWholeInternet(peer)) return FindingSeverity::kHigh;
  if (auto* g = std::get_if<GroupReference>(&peer); g && g->group_id == group.id) return FindingSeverity::kLow;
  return FindingSeverity::kMedium;
}

std::string What(const SecurityGroupRule& rule) {
  return rule.protocol.all ? "every protocol and port" : "every " + rule.protocol.ToString() + " port (0-65535)";
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const SecurityGroup& group : context.network().security_groups)
    for (const SecurityGroupRule& rule : group.ingress) {
      if (!AllPorts(rule) || CreatedByAws(group, rule)) continue;
      Finding f = RuleFinding(kId, SeverityOf(group, rule.peer), group, rule);
      f.message = RuleText(rule) + " admits " + What(rule);
      // why's judgement of the same rule, when it says the rule matters less than its shape suggests
      // (its reason can list thousands of addresses: `sgscope why` gives it).
      const RuleWhy* why = WhyOf(context, group, rule);
      if (why && why->verdict != RuleVerdict::kNeeded)
        f.evidence.push_back(fmt::format("why judges it {} (sgscope why SNAPSHOT {})", RuleVerdictName(why->verdict), group.id));
      f.evidence.push_back("replace it by rules for the ports the peer actually uses, then revoke it");
      // A revoke alone would cut whatever uses the rule today: only when why says nothing does.
      if (RevokeCutsNothing(why)) f.remediation = RevokeRuleCommand(group, rule);
      else f.evidence.push_back("why judges it needed: revoking it alone cuts what it admits today, so no command is "
                                "given until the rules that replace it are in place");
      out.push_back(std::move(f));
    }
  return out;
}

}  // namespace

Check AllPortsOpenCheck() {
  return {kId, FindingSeverity::kHigh, "Inbound rule open on all ports",
          "An inbound rule admits every TCP or UDP port, or every protocol: whatever listens on the interfaces, now or "
          "later, is open to the peer. High when the peer is the whole internet (0.0.0.0/0 or ::/0), medium for other "
          "peers, low when the group references itself. Replace it by rules for the ports in use. The default group's "
          "AWS-created \"all from itself\" is not reported here (see default-security-group-has-rules).",
          Run};
}

}  // namespace sgscope
