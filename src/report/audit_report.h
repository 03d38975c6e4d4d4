#pragma once
// `sgscope audit` rendering: text grouped by severity, and JSON (docs/audit.md).

#include <ostream>

#include "checks/audit.h"
#include "report/json_writer.h"

namespace sgscope {

void WriteAuditText(const Network& network, const AuditResult& result, std::ostream& out);
void WriteAuditJson(const Network& network, const AuditResult& result, std::ostream& out);

// The rule a finding names, as a JSON object under key "rule" (nothing when it names none):
// SARIF's properties reuse it.
void WriteFindingRuleJson(JsonWriter& w, const Finding& f);

}  // namespace sgscope
