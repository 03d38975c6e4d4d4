// Suppressions before the baseline: an accepted finding is listed as suppressed (with its
// reason) whether or not it is in the baseline, so the accepted risks stay visible in every
// run. Matching uses Finding::Key's parts, which survive rewording of messages.

#include "checks/audit_triage.h"

#include <algorithm>

#include "checks/registry.h"

namespace sgscope {

namespace {

bool Matches(const Suppression& s, const Finding& f) {
  if (s.check != f.check || s.resource != f.resource) return false;
  return s.rule.empty() || f.RulePosition() == s.rule;
}

// Splits the entries into those in force and the expired, then moves the findings an entry in
// force accepts into the triage.
// Whether an entry that matched nothing is worth a warning: its check ran, or no check has its
// id (a typo). An entry for a check left out by --check says nothing about this run.
bool ReportUnused(const Suppression& s, const std::vector<const Check*>& ran) {
  return !FindCheck(s.check) || std::any_of(ran.begin(), ran.end(), [&](const Check* c) { return s.check == c->id; });
}

void ApplySuppressions(AuditResult& result, const std::vector<Suppression>& entries, CalendarDate today,
                       AuditTriage& triage) {
  std::vector<Finding>& findings = result.findings;
  std::vector<const Suppression*> in_force;
  for (const Suppression& s : entries) {
    if (s.expires && *s.expires < today) triage.expired.push_back(s);
    else in_force.push_back(&s);
  }
  std::vector<bool> used(in_force.size());
  std::vector<Finding> kept;
  for (Finding& f : findings) {
    auto it = std::find_if(in_force.begin(), in_force.end(), [&](const Suppression* s) { return Matches(*s, f); });
    if (it == in_force.end()) {
      kept.push_back(std::move(f));
      continue;
    }
    used[it - in_force.begin()] = true;
    triage.suppressed.push_back({std::move(f), **it});
  }
  findings = std::move(kept);
  for (size_t i = 0; i < in_force.size(); ++i)
    if (!used[i] && ReportUnused(*in_force[i], result.checks)) triage.unused.push_back(*in_force[i]);
}

BaselineComparison CompareWithBaseline(std::vector<Finding>& findings, const std::set<std::string>& keys,
                                       const std::vector<SuppressedFinding>& suppressed) {
  BaselineComparison c;
  c.baseline_findings = keys.size();
  std::set<std::string> present;
  for (const SuppressedFinding& s : suppressed) present.insert(s.finding.Key());
  std::vector<Finding> fresh;
  for (Finding& f : findings) {
    std::string key = f.Key();
    present.insert(key);
    if (keys.count(key)) ++c.unchanged;
    else fresh.push_back(std::move(f));
  }
  findings = std::move(fresh);
  c.fresh = findings.size();
  std::set_difference(keys.begin(), keys.end(), present.begin(), present.end(), std::back_inserter(c.fixed));
  return c;
}

}  // namespace

AuditTriage TriageFindings(AuditResult& result, const TriageRequest& request) {
  AuditTriage triage;
  if (request.suppressions) {
    triage.suppressions_given = true;
    ApplySuppressions(result, *request.suppressions, request.today, triage);
  }
  if (request.baseline_keys)
    triage.baseline = CompareWithBaseline(result.findings, *request.baseline_keys, triage.suppressed);
  return triage;
}

}  // namespace sgscope
