#pragma once
// What of an audit's findings gets reported: suppressions accept some (until they expire), a
// baseline hides those already known (docs/audit.md).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checks/audit.h"
#include "model/calendar_date.h"
#include "model/suppression.h"

namespace sgscope {

// A finding a suppressions entry accepts.
struct SuppressedFinding {
  Finding finding;
  Suppression by;
};

// The current findings against a previous run's.
struct BaselineComparison {
  size_t baseline_findings = 0;    // keys in the baseline
  size_t unchanged = 0;            // findings (not suppressed) already in it: not reported
  size_t fresh = 0;                // findings (not suppressed) not in it: reported
  std::vector<std::string> fixed;  // its keys no current finding has, sorted
};

// What the user asked to set aside.
struct TriageRequest {
  std::optional<std::vector<Suppression>> suppressions;  // nullopt: no suppressions file
  std::optional<std::set<std::string>> baseline_keys;     // nullopt: no baseline
  CalendarDate today;                                      // an entry expiring today still holds
};

// Everything the suppressions file and the baseline did, for the report.
struct AuditTriage {
  bool suppressions_given = false;
  std::vector<SuppressedFinding> suppressed;  // in the order of the findings
  std::vector<Suppression> expired;           // entries past their date: they suppress nothing
  std::vector<Suppression> unused;            // entries in force that match no finding (of a check
                                              // that ran, or of no check at all)
  std::optional<BaselineComparison> baseline;
};

// Moves suppressed findings, then findings whose key is in the baseline, out of
// `result.findings`, which keeps what is reported (in its order).
AuditTriage TriageFindings(AuditResult& result, const TriageRequest& request);

}  // namespace sgscope
