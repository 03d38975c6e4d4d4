// Recognises AWS's own defaults (the default group, the rules a group is created with), which
// several checks treat differently from what the user wrote: the user never chose them, and the
// default group cannot be deleted.

#include "checks/aws_defaults.h"

namespace sgscope {

// https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html: "Each VPC has a
// default security group", named "default"; "You can't delete a default security group".
bool IsDefaultGroup(const SecurityGroup& group) { return group.name == "default"; }

// https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html and
// https://docs.aws.amazon.com/vpc/latest/userguide/creating-security-groups.html: every new
// group gets egress "all protocols to 0.0.0.0/0 and ::/0"; the default group also gets
// ingress "all from itself".
bool CreatedByAws(const SecurityGroup& group, const SecurityGroupRule& rule) {
  if (!rule.protocol.all) return false;
  if (rule.direction == Direction::kEgress)
    if (auto* p = std::get_if<IpPrefix>(&rule.peer)) return p->length() == 0;
  if (rule.direction == Direction::kIngress && IsDefaultGroup(group))
    if (auto* g = std::get_if<GroupReference>(&rule.peer)) return g->group_id == group.id;
  return false;
}

const Directory* DirectoryOfControllersGroup(const Network& network, const SecurityGroup& group) {
  for (const Directory& d : network.directories)
    for (const std::optional<DirectoryPlacement>* p : {&d.vpc, &d.connector, &d.owner_vpc})
      if (*p && (*p)->security_group_id == group.id) return &d;
  return nullptr;
}

}  // namespace sgscope
