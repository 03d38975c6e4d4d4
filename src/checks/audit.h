#pragma once
// `sgscope audit`: runs the catalogue's checks on a network (docs/audit.md).

#include <string>
#include <vector>

#include "checks/check.h"

namespace sgscope {

// Which checks to run, and with what options.
struct AuditRequest {
  AuditOptions options;
  std::vector<std::string> only_checks;  // ids; empty: every check
};

// The checks that ran and what they found, sorted (SortFindings).
struct AuditResult {
  std::vector<const Check*> checks;
  std::vector<Finding> findings;
};

// Unknown ids in `only_checks` are the caller's to reject (FindCheck).
AuditResult RunAudit(const Network& network, const AuditRequest& request);

}  // namespace sgscope
