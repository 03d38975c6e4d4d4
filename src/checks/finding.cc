// Severity names and the identity and order of findings. The key leaves out messages and
// evidence so that a suppression or baseline survives rewording and changes elsewhere.

#include "checks/finding.h"

#include <algorithm>
#include <array>
#include <tuple>

#include <fmt/format.h>

namespace sgscope {

namespace {
constexpr std::array<const char*, 5> kSeverityNames = {"info", "low", "medium", "high", "critical"};

// The rule's place: "ingress/3" for a group rule, "egress/#100" for an ACL entry.
std::string RulePosition(const Finding& f) {
  if (f.rule) return fmt::format("{}/{}", DirectionName(f.rule->direction), f.rule->index);
  if (f.acl_entry) return fmt::format("{}/#{}", DirectionName(f.acl_entry->direction), f.acl_entry->rule_number);
  return "";
}
}  // namespace

const char* SeverityName(FindingSeverity s) { return kSeverityNames[static_cast<size_t>(s)]; }

std::optional<FindingSeverity> ParseSeverity(std::string_view text) {
  for (size_t i = 0; i < kSeverityNames.size(); ++i)
    if (text == kSeverityNames[i]) return static_cast<FindingSeverity>(i);
  return std::nullopt;
}

std::string Finding::Key() const {
  std::string position = RulePosition(*this);
  return position.empty() ? fmt::format("{} {}", check, resource) : fmt::format("{} {} {}", check, resource, position);
}

void SortFindings(std::vector<Finding>& findings) {
  auto order = [](const Finding& f) {
    uint32_t index = f.rule ? f.rule->index : f.acl_entry ? f.acl_entry->rule_number : 0;
    int direction = f.rule ? int(f.rule->direction) : f.acl_entry ? int(f.acl_entry->direction) : -1;
    return std::make_tuple(-int(f.severity), std::string_view(f.check), std::string_view(f.resource), direction, index,
                           std::string_view(f.message));
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) { return order(a) < order(b); });
}

}  // namespace sgscope
