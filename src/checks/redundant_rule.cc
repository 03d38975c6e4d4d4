// redundant-rule (docs/checks/redundant-rule.md): a rule whose traffic other rules already admit
// on every interface carrying its group. `why` judges it (redundant, exact set algebra); this
// check restates its verdict with the covering rules. Of two redundant rules where one lies inside
// the other (why's "mutual") only one may go: the fix is on the inner one (the later of two equal).

#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/rule_finding.h"

namespace sgscope {

namespace {

constexpr const char* kId = "redundant-rule";

std::string CoverLine(const InterfaceCover& cover) {
  std::vector<std::string> rules;
  for (const CoveringRule& r : cover.rules) rules.push_back(RuleName(r.group_id, r.direction, r.index));
  std::string where = cover.interface_ids.front();
  if (cover.interface_ids.size() > 1) where += fmt::format(" (and {} more with the same groups)", cover.interface_ids.size() - 1);
  return fmt::format("on {} covered by {}", where, fmt::join(rules, ", "));
}

bool Names(const CoveringRule& r, const SecurityGroup& group, const SecurityGroupRule& rule) {
  return r.group_id == group.id && r.direction == rule.direction && r.index == rule.index;
}

// why's answer on the covering rule `r` when it is redundant too: then the two may not both go.
const RuleWhy* RedundantToo(CheckContext& context, const CoveringRule& r) {
  const SecurityGroup* group = context.network().FindSecurityGroup(r.group_id);
  if (!group) return nullptr;
  for (const RuleWhy& why : context.Why(*group).rules)
    if (Names(r, *group, *why.rule)) return why.verdict == RuleVerdict::kRedundant ? &why : nullptr;
  return nullptr;
}

// Whether `partner`'s cover names `rule` as lying inside it: the two admit the same traffic.
bool CoversBack(const RuleWhy& partner, const SecurityGroup& group, const SecurityGroupRule& rule) {
  for (const InterfaceCover& cover : partner.covers)
    for (const CoveringRule& r : cover.rules)
      if (r.mutual && Names(r, group, rule)) return true;
  return false;
}

// Adds the pair lines to the finding; false when the fix belongs to a partner instead: a partner
// strictly inside this rule (removing it keeps this one), an equal partner that comes later, or an
// earlier redundant rule that is part of this rule's cover (with neither inside the other, removing
// both can cut what only they admitted together: tcp 10-100 and 50-150 beside 0-60 and 90-200).
// Two redundant rules that lean on each other so never both carry a fix.
bool KeepsFix(CheckContext& context, const SecurityGroup& group, const RuleWhy& why, Finding& f) {
  bool keeps = true;
  std::vector<std::string> seen;
  for (const InterfaceCover& cover : why.covers)
    for (const CoveringRule& r : cover.rules) {
      std::string name = RuleName(r.group_id, r.direction, r.index);
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
      seen.push_back(name);
      const RuleWhy* partner = RedundantToo(context, r);
      if (!partner) continue;
      bool later = std::tie(r.group_id, r.direction, r.index) > std::tie(group.id, why.rule->direction, why.rule->index);
      if (!r.mutual) {
        if (later || CoversBack(*partner, group, *why.rule)) continue;  // the fix is here, or the partner has none
        f.evidence.push_back(name + " is redundant too and part of this rule's cover: removing both could cut traffic");
        keeps = false;
        continue;
      }
      f.evidence.push_back(name + " lies inside this rule and is redundant given it: only one of the two may go");
      if (!CoversBack(*partner, group, *why.rule) || later) keeps = false;
    }
  return keeps;
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const JudgedRule& j : RulesJudged(context, RuleVerdict::kRedundant)) {
    const SecurityGroupRule& rule = *j.why->rule;
    Finding f = RuleFinding(kId, FindingSeverity::kLow, *j.group, rule);
    f.message = RuleText(rule) + " is redundant: other rules admit all of its traffic";
    for (const InterfaceCover& cover : j.why->covers) f.evidence.push_back(CoverLine(cover));
    bool keeps_fix = KeepsFix(context, *j.group, *j.why, f);
    f.evidence.push_back("judged with every other rule in place: remove one redundant rule at a time and audit again");
    if (keeps_fix) f.remediation = RevokeRuleCommand(*j.group, rule);
    else f.evidence.push_back("no fix here: it is on the other rule of the pair (the narrower, the later of two equal ones, or "
                              "the earlier redundant rule of its cover)");
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Check RedundantRuleCheck() {
  return {kId, FindingSeverity::kLow, "Rule made redundant by other rules",
          "On every interface carrying the group, other rules (of any group on the interface) already admit all of "
          "this rule's traffic, so removing it changes nothing today. Each finding assumes the other rules stay: "
          "remove one redundant rule at a time and audit again. When two rules cover each other only one may go; "
          "the fix is given on the narrower one (the later of two equal ones).",
          Run};
}

}  // namespace sgscope
