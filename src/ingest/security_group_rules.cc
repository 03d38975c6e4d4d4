// describe-security-group-rules: the same rules as describe-security-groups, one peer
// each, with their sgr- ids. Kept simple and never double-counted:
//  * a group that has rules from IpPermissions only gains the ids (and missing
//    descriptions) of the matching rules; a rule without a counterpart is reported;
//  * a group that has no IpPermissions rules (or is not in the snapshot) takes these rules.
// Until merged, the rules wait in a placeholder group whose path starts with
// "SecurityGroupRules", which is how the merge tells it apart.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "ingest/field_values.h"
#include "ingest/fold_by_id.h"
#include "ingest/resource_loaders.h"
#include "ingest/rule_traffic.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kRulesKey = "SecurityGroupRules";
constexpr std::string_view kRuleIgnored[] = {"SecurityGroupRuleArn", "Tags"};

bool FromRulesView(const SourceRef& source) { return source.path.starts_with(kRulesKey); }

// Exactly one of CidrIpv4, CidrIpv6, PrefixListId, ReferencedGroupInfo.
std::optional<RulePeer> ReadPeer(JsonCursor& c) {
  std::optional<RulePeer> peer;
  int found = 0;
  if (c.Has("CidrIpv4")) ++found, peer = ReadCidr(c, "CidrIpv4", IpFamily::kV4);
  if (c.Has("CidrIpv6")) ++found, peer = ReadCidr(c, "CidrIpv6", IpFamily::kV6);
  if (auto id = c.String("PrefixListId")) ++found, peer = PrefixListReference{std::string(*id)};
  c.Object("ReferencedGroupInfo", [&](JsonCursor& info) {
    ++found;
    peer = ReadGroupReference(info);
    info.CheckFields("ReferencedSecurityGroup", {});
  });
  if (found == 1) return peer;
  c.Error(found == 0 ? "rule has no peer (CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupInfo)"
                     : "rule has more than one peer");
  return std::nullopt;
}

// The placeholder group for `group_id`, created on first use within one list.
SecurityGroup& Placeholder(JsonCursor& rule, std::string_view group_id,
                           std::unordered_map<std::string, size_t>& placeholders) {
  auto& groups = rule.context().network().security_groups;
  auto [it, inserted] = placeholders.emplace(std::string(group_id), groups.size());
  if (inserted) {
    groups.emplace_back().id = group_id;
    groups.back().source = rule.Source();
  }
  return groups[it->second];
}

void LoadRule(JsonCursor& c, std::unordered_map<std::string, size_t>& placeholders) {
  if (!c.ExpectObject()) return c.context().Skip("security group rule");
  std::optional<std::string_view> group_id = c.String("GroupId", Need::kRequired);
  std::optional<bool> egress = c.Bool("IsEgress", Need::kRequired);
  std::optional<TrafficMatch> match = ReadSecurityGroupTraffic(c);
  std::optional<RulePeer> peer = ReadPeer(c);
  if (!group_id || !egress || !match || !peer) return c.context().Skip("security group rule");
  SecurityGroup& group = Placeholder(c, *group_id, placeholders);
  c.ReadString("GroupOwnerId", group.owner_id);
  std::vector<SecurityGroupRule>& rules = *egress ? group.egress : group.ingress;
  SecurityGroupRule rule = MakeRule(*match, *egress ? Direction::kEgress : Direction::kIngress,
                                    static_cast<uint32_t>(rules.size()), std::move(*peer));
  c.ReadString("SecurityGroupRuleId", rule.rule_id);
  c.ReadString("Description", rule.description);
  rule.source = c.Source();
  c.CheckFields("SecurityGroupRule", kRuleIgnored);
  rules.push_back(std::move(rule));
}

bool HasOwnRules(const SecurityGroup& g) {
  for (auto* rules : {&g.ingress, &g.egress})
    for (const SecurityGroupRule& r : *rules)
      if (!FromRulesView(r.source)) return true;
  return false;
}

bool HasRuleId(const std::vector<SecurityGroupRule>& rules, const std::string& id) {
  return !id.empty() && std::any_of(rules.begin(), rules.end(), [&](auto& r) { return r.rule_id == id; });
}

// Gives `rule`'s id to its counterpart in `rules`; false when there is none.
bool AttachId(const SecurityGroupRule& rule, std::vector<SecurityGroupRule>& rules) {
  if (HasRuleId(rules, rule.rule_id)) return true;
  for (SecurityGroupRule& r : rules)
    if (r.rule_id.empty() && SameTraffic(r, rule)) {
      r.rule_id = rule.rule_id;
      if (r.description.empty()) r.description = rule.description;
      return true;
    }
  return false;
}

// Appends the rules of `from` that `to` does not have yet (by sgr- id), renumbered.
void Adopt(std::vector<SecurityGroupRule>& from, std::vector<SecurityGroupRule>& to) {
  std::unordered_set<std::string> ids;
  for (const SecurityGroupRule& r : to) ids.insert(r.rule_id);
  for (SecurityGroupRule& rule : from) {
    if (!rule.rule_id.empty() && !ids.insert(rule.rule_id).second) continue;  // the same rule from another file
    rule.index = static_cast<uint32_t>(to.size());
    to.push_back(std::move(rule));
  }
}

void AttachIds(const std::vector<SecurityGroupRule>& from, std::vector<SecurityGroupRule>& to,
               const std::string& group_id, Network& network) {
  for (const SecurityGroupRule& rule : from)
    if (!AttachId(rule, to))
      network.diagnostics.Add(Severity::kWarning, network.FileOf(rule.source), rule.source.path,
                              "rule " + rule.rule_id + " of " + group_id +
                                  " has no counterpart in describe-security-groups output; ignored");
}

void Fold(SecurityGroup& placeholder, SecurityGroup& group, Network& network) {
  bool attach = HasOwnRules(group);
  for (auto [from, to] : {std::pair{&placeholder.ingress, &group.ingress}, {&placeholder.egress, &group.egress}}) {
    if (attach) AttachIds(*from, *to, group.id, network);
    else Adopt(*from, *to);
  }
  if (group.owner_id.empty()) group.owner_id = placeholder.owner_id;
}

}  // namespace

void LoadSecurityGroupRules(JsonCursor& list) {
  std::unordered_map<std::string, size_t> placeholders;
  list.ForEachElement([&](JsonCursor& rule) { LoadRule(rule, placeholders); });
}

void MergeSecurityGroupRules(Network& network) {
  FoldById(
      network.security_groups, [](const SecurityGroup& g) { return FromRulesView(g.source); },
      [&](SecurityGroup& placeholder, SecurityGroup& group) { Fold(placeholder, group, network); });
}

}  // namespace sgscope::ingest
