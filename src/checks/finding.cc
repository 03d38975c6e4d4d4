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

}  // namespace

const char* SeverityName(FindingSeverity s) { return kSeverityNames[static_cast<size_t>(s)]; }

std::optional<FindingSeverity> ParseSeverity(std::string_view text) {
  for (size_t i = 0; i < kSeverityNames.size(); ++i)
    if (text == kSeverityNames[i]) return static_cast<FindingSeverity>(i);
  return std::nullopt;
}

std::string Finding::Key() const {
  std::string key = fmt::format("{} {}", check, resource);
  for (const std::string& part : {RulePosition(), detail})
    if (!part.empty()) key += " " + part;
  return key;
}

std::string Finding::RulePosition() const {
  if (rule) return fmt::format("{}/{}", DirectionName(rule->direction), rule->index);
  if (acl_entry) return fmt::format("{}/#{}", DirectionName(acl_entry->direction), acl_entry->rule_number);
  return "";
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
