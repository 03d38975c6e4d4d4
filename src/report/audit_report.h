#pragma once
// `sgscope audit` rendering: text grouped by severity, and JSON (docs/audit.md).

#include <ostream>

#include "checks/audit.h"
#include "checks/audit_triage.h"
#include "report/json_writer.h"

namespace sgscope {

// `result.findings` are the reported ones; `triage` says what was set aside. Without a
// suppressions file or a baseline the output is what it was before either existed.
void WriteAuditText(const Network& network, const AuditResult& result, const AuditTriage& triage, std::ostream& out);
void WriteAuditJson(const Network& network, const AuditResult& result, const AuditTriage& triage, std::ostream& out);

// The rule a finding names, as a JSON object under key "rule" (nothing when it names none):
// SARIF's properties reuse it.
void WriteFindingRuleJson(JsonWriter& w, const Finding& f);

// The members of one `findings[]` object (check, severity, resource, rule, message, evidence,
// remediation, source, key) into the open object: SARIF's result properties reuse them.
void WriteFindingMembersJson(JsonWriter& w, const Network& network, const Finding& f);

// "2 high, 1 info" (or "no findings"), then "; 3 suppressed" with a suppressions file and
// "; baseline: 4 unchanged, 1 fixed" with a baseline.
std::string AuditSummaryText(const AuditResult& result, const AuditTriage& triage);

}  // namespace sgscope
