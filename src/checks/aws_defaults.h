#pragma once
// What AWS creates by itself in every VPC and every group: the default security group and the
// rules a new group starts with. Checks leave those rules alone or judge them on their own terms.

#include "model/network.h"

namespace sgscope {

// The VPC's default security group: AWS creates one named "default" in every VPC; it cannot be
// deleted, and an interface launched without a group gets it.
bool IsDefaultGroup(const SecurityGroup& group);

// A rule AWS created itself: every new group's egress "all to 0.0.0.0/0" (and "::/0"), and the
// default group's ingress "all from itself".
bool CreatedByAws(const SecurityGroup& group, const SecurityGroupRule& rule);

// The directory whose domain controllers' group AWS Directory Service created as `group` (its
// VpcSettings, ConnectSettings or owner's SecurityGroupId), or null.
const Directory* DirectoryOfControllersGroup(const Network& network, const SecurityGroup& group);

}  // namespace sgscope
