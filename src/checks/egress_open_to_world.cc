// egress-open-to-world (docs/checks/egress-open-to-world.md): an attached group's outbound rule
// that allows every protocol, or every port of one, to 0.0.0.0/0 or ::/0. Informational: AWS
// gives every new group exactly such a rule
// (https://docs.aws.amazon.com/vpc/latest/userguide/creating-security-groups.html), and most
// networks keep it; it matters where outbound traffic (exfiltration, callbacks) must be
// controlled. Groups attached to no interface send nothing and are left alone.

#include <fmt/format.h>

#include <map>

#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

bool ToWholeFamily(const RulePeer& peer) {
  auto* p = std::get_if<IpPrefix>(&peer);
  return p && p->length() == 0;
}

bool EveryPort(const SecurityGroupRule& r) {
  return r.protocol.all || (r.protocol.HasPorts() && r.ports == PortRange::All());
}

// Interfaces by group id, for "attached" and the evidence.
std::map<std::string, std::vector<const NetworkInterface*>> InterfacesByGroup(const Network& n) {
  std::map<std::string, std::vector<const NetworkInterface*>> out;
  for (const NetworkInterface& eni : n.network_interfaces)
    for (const std::string& g : eni.group_ids) out[g].push_back(&eni);
  return out;
}

Finding OpenEgress(const SecurityGroup& g, const SecurityGroupRule& r, const std::vector<const NetworkInterface*>& enis,
                   const RuleWhy* why) {
  Finding f;
  f.check = "egress-open-to-world", f.severity = FindingSeverity::kInfo, f.resource = g.id;
  f.group = &g, f.rule = &r, f.source = r.source;
  f.message = fmt::format("egress rule {} allows {} to {}", r.index,
                          r.protocol.all ? "all traffic" : "every " + r.protocol.ToString() + " port", PeerToString(r.peer));
  std::string ids;
  for (size_t i = 0; i < enis.size() && i < 5; ++i) ids += (i ? ", " : "") + enis[i]->id;
  f.evidence.push_back(fmt::format("attached to {} interface{}: {}{}", enis.size(), enis.size() == 1 ? "" : "s", ids,
                                   enis.size() > 5 ? ", ..." : ""));
  if (r.protocol.all)
    f.evidence.push_back("AWS adds this rule to every new group; keep it only if these interfaces may send anything "
                         "anywhere");
  // Revoked alone it cuts every connection the interfaces open that no other rule admits.
  if (RevokeCutsNothing(why)) f.remediation = RevokeRuleCommand(g, r);
  else f.evidence.push_back("why judges it needed: revoking it alone cuts what the interfaces may send today, so no "
                            "command is given until rules for the destinations they need are in place");
  return f;
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  auto by_group = InterfacesByGroup(context.network());
  for (const SecurityGroup& g : context.network().security_groups) {
    auto it = by_group.find(g.id);
    if (it == by_group.end()) continue;
    for (const SecurityGroupRule& r : g.egress)
      if (ToWholeFamily(r.peer) && EveryPort(r)) out.push_back(OpenEgress(g, r, it->second, WhyOf(context, g, r)));
  }
  return out;
}

}  // namespace

Check EgressOpenToWorldCheck() {
  return {"egress-open-to-world", FindingSeverity::kInfo, "Outbound rule open to every address on every port",
          "An attached group lets its interfaces send every protocol (or every port of one) to 0.0.0.0/0 or ::/0. AWS "
          "creates this rule on every new group, so it is informational; where outbound traffic must be controlled "
          "(data exfiltration, malware callbacks), replace it with rules naming the destinations and ports the "
          "workload needs, then revoke it.",
          Run};
}

}  // namespace sgscope
