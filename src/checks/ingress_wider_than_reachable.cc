// ingress-wider-than-reachable (docs/checks/ingress-wider-than-reachable.md): an inbound rule
// whose peer admits sources that the network can never deliver to the group's interfaces. `why`
// judges it (wider-than-reachable, from reach); this check restates its verdict with the sources
// that do reach and the narrower peer that changes nothing reachable.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/aws_defaults.h"
#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

constexpr const char* kId = "ingress-wider-than-reachable";

// The proposal as rule peers: the group, else the CIDRs; none when nothing reaches.
std::vector<RulePeer> ProposedPeers(const ProposedPeer& proposed) {
  if (!proposed.group_id.empty()) return {GroupReference{proposed.group_id}};
  return {proposed.cidrs.begin(), proposed.cidrs.end()};
}

std::string Join(const std::vector<IpPrefix>& prefixes) {
  std::vector<std::string> texts;
  for (const IpPrefix& p : prefixes) texts.push_back(p.ToString());
  return fmt::format("{}", fmt::join(texts, ", "));
}

// The structured lines, plus why's sentence when nothing reaches. When some sources reach, the
// sentence repeats the address lists (thousands of CIDRs on a large account): `sgscope why` has it.
std::vector<std::string> Evidence(const SecurityGroup& group, const RuleWhy& why) {
  std::vector<std::string> lines;
  if (why.reachable_sources.empty()) {
    lines.push_back(why.reason);
    lines.push_back("reachable sources: none");
  } else {
    lines.push_back("reachable sources: " + Join(why.reachable_sources));
    lines.push_back(fmt::format("reachable from: {}", fmt::join(why.reachable_from, ", ")));
  }
  const ProposedPeer& p = why.proposed;
  lines.push_back(!p.group_id.empty() ? "proposed peer: security group " + p.group_id
                  : p.cidrs.empty()    ? std::string("proposed peer: none (remove the rule)")
                                       : "proposed peer: " + Join(p.cidrs));
  if (!why.reachable_sources.empty())
    lines.push_back("which admitted sources cannot reach, and what stops them: sgscope why SNAPSHOT " + group.id);
  return lines;
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const JudgedRule& j : RulesJudged(context, RuleVerdict::kWiderThanReachable)) {
    const SecurityGroupRule& rule = *j.why->rule;
    Finding f = RuleFinding(kId, PeerIsWholeInternet(rule.peer) ? FindingSeverity::kHigh : FindingSeverity::kMedium, *j.group,
                            rule);
    std::vector<RulePeer> narrower = ProposedPeers(j.why->proposed);
    f.message = narrower.empty() ? RuleText(rule) + " admits sources of which none can reach the group's interfaces"
                                 : RuleText(rule) + " admits more sources than can reach the group's interfaces";
    f.evidence = Evidence(*j.group, *j.why);
    if (const Directory* d = DirectoryOfControllersGroup(context.network(), *j.group)) {
      // https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_getting_started_what_gets_created.html:
      // AWS creates these rules and warns that changing them may cut the domain controllers off; narrowing
      // them to today's sources would also shut out every machine that joins the domain later.
      f.severity = FindingSeverity::kInfo;
      f.evidence.push_back("AWS Directory Service created " + j.group->id + " for directory " + d->id +
                           " and warns that changing its rules may break communication with the domain controllers; "
                           "narrowing it to today's sources would shut out machines that join the domain later: "
                           "no command is given");
      out.push_back(std::move(f));
      continue;
    }
    // The narrower rule first, so that what reaches today is never cut off in between.
    if (!narrower.empty()) f.remediation = AuthorizeRuleCommand(*j.group, rule, narrower) + "\n";
    f.remediation += RevokeRuleCommand(*j.group, rule);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Check IngressWiderThanReachableCheck() {
  return {kId, FindingSeverity::kMedium, "Inbound rule wider than what can reach",
          "The rule's peer admits sources (interfaces, internet blocks, VPN clients) that routes, gateways, network "
          "ACLs or their own groups stop before they reach any interface carrying the group: it grants more than the "
          "network delivers, and would open the rest the day the path changes. Replace the peer by the proposed "
          "narrower one (a group whose members are exactly the sources that reach, else the fewest CIDRs), or remove "
          "the rule when nothing reaches. High when the peer is the whole internet.",
          Run};
}

}  // namespace sgscope
