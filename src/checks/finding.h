#pragma once
// What an audit check reports: one finding, its severity, the rule it names and how to fix it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/network.h"

namespace sgscope {

// Ordered from least to most severe, so `--fail-on` compares with >=.
enum class FindingSeverity : uint8_t { kInfo, kLow, kMedium, kHigh, kCritical };
const char* SeverityName(FindingSeverity s);  // "info", "low", "medium", "high", "critical"
std::optional<FindingSeverity> ParseSeverity(std::string_view text);

// One problem found on the user's network. The rule (or ACL entry) it names is a pointer into
// the Network the audit ran on; `source` points at the user's own line.
struct Finding {
  std::string check;     // the check's stable id, e.g. "all-ports-open"
  FindingSeverity severity = FindingSeverity::kInfo;
  std::string resource;  // the resource to change: sg-…, acl-…, eni-…
  const SecurityGroup* group = nullptr;        // with `rule`, when the finding is about a rule
  const SecurityGroupRule* rule = nullptr;
  const NetworkAcl* acl = nullptr;             // with `acl_entry`, when it is about an ACL entry
  const NetworkAclEntry* acl_entry = nullptr;
  std::string detail;                 // tells apart findings of one check on one rule (a service name)
  std::string message;                // one line
  std::vector<std::string> evidence;  // the path or the reason, one fact a line
  std::string remediation;            // AWS CLI commands, one a line; empty when none applies
  SourceRef source;

  // Identifies the finding across runs of the same account (check, resource, rule position,
  // detail): what baselines match on and SARIF fingerprints carry.
  std::string Key() const;
  // The rule's place: "ingress/3" for a group rule, "egress/#100" for an ACL entry, "" for none.
  std::string RulePosition() const;
};

// Sorts by severity (most severe first), then check id, resource and rule position.
void SortFindings(std::vector<Finding>& findings);

}  // namespace sgscope
