// Runs the selected checks over one shared CheckContext, so analyses that several checks read
// (why, exposure) are computed once, then sorts what they found.

#include "checks/audit.h"

#include <algorithm>

#include "checks/registry.h"

namespace sgscope {

AuditResult RunAudit(const Network& network, const AuditRequest& request) {
  AuditResult result;
  for (const Check& c : AllChecks())
    if (request.only_checks.empty() ||
        std::find(request.only_checks.begin(), request.only_checks.end(), c.id) != request.only_checks.end())
      result.checks.push_back(&c);
  CheckContext context(network, request.options);
  for (const Check* c : result.checks) {
    std::vector<Finding> found = c->run(context);
    result.findings.insert(result.findings.end(), std::make_move_iterator(found.begin()),
                           std::make_move_iterator(found.end()));
  }
  SortFindings(result.findings);
  return result;
}

}  // namespace sgscope
