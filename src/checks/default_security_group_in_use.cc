// default-security-group-in-use (docs/checks/default-security-group-in-use.md): interfaces that
// carry their VPC's default group, which every interface launched without a group gets: what it
// admits then reaches resources nobody meant to put together. The interfaces come from why's
// carriers (GroupWhy), as every check that asks who carries a group.

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/aws_defaults.h"
#include "checks/registry.h"
#include "checks/remediation.h"

namespace sgscope {

namespace {

constexpr const char* kId = "default-security-group-in-use";

Finding GroupFinding(const SecurityGroup& group) {
  Finding f;
  f.check = kId, f.severity = FindingSeverity::kMedium, f.resource = group.id, f.source = group.source;
  return f;
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const SecurityGroup& group : context.network().security_groups) {
    if (!IsDefaultGroup(group)) continue;
    const GroupWhy& why = context.Why(group);
    if (why.interfaces.empty() && why.users.empty()) continue;
    Finding f = GroupFinding(group);
    f.message = why.interfaces.empty()
                    ? fmt::format("the default group {} of {} is named by {}", group.id, group.vpc_id, fmt::join(why.users, ", "))
                    : fmt::format("the default group {} of {} is on {} network interface(s)", group.id, group.vpc_id,
                                  why.interfaces.size());
    for (const CarrierInterface& c : why.interfaces) {
      f.evidence.push_back(fmt::format("{} ({})", c.eni->id, c.owner));
      // A requester-managed interface belongs to a service: its groups change on the resource.
      if (c.eni->requester_managed) continue;
      if (!f.remediation.empty()) f.remediation += "\n";
      f.remediation += ReplaceInterfaceGroupCommand(*c.eni, group.id, "<group-id for this workload>");
    }
    for (const std::string& user : why.users) f.evidence.push_back(user + " (its interfaces are not in the snapshot)");
    if (std::any_of(why.interfaces.begin(), why.interfaces.end(), [](auto& c) { return c.eni->requester_managed; }) ||
        !why.users.empty())
      f.evidence.push_back("managed interfaces and resources take their groups from the resource: change it there");
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Check DefaultSecurityGroupInUseCheck() {
  return {kId, FindingSeverity::kMedium, "VPC default security group in use",
          "Network interfaces carry their VPC's default security group, which AWS gives every interface launched "
          "without one: unrelated resources end up sharing its rules (by default, all traffic from each other). Give "
          "each workload its own group and take the default group off the interfaces (CIS AWS Foundations 5.4 asks "
          "for it to restrict all traffic, which only works if nothing relies on it).",
          Run};
}

}  // namespace sgscope
