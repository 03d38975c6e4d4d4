#pragma once
// The AWS CLI commands that apply a finding's fix.

#include <string>

#include "model/network.h"

namespace sgscope {

// `aws ec2 revoke-security-group-{ingress,egress}` for one rule: by its rule id when the
// snapshot has it, else by the rule's --ip-permissions.
std::string RevokeRuleCommand(const SecurityGroup& group, const SecurityGroupRule& rule);

// `aws ec2 delete-network-acl-entry` for one entry.
std::string DeleteAclEntryCommand(const NetworkAcl& acl, const NetworkAclEntry& entry);

// `aws ec2 create-network-acl-entry` adding an allow entry numbered `rule_number` in `direction`
// for `protocol` (tcp/udp: `ports`; icmp/icmpv6: `icmp`) and `cidr`.
std::string CreateAclAllowCommand(const NetworkAcl& acl, Direction direction, uint32_t rule_number,
                                  const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                                  const IpPrefix& cidr);

// The rule as the one-element JSON array `--ip-permissions` takes (AWS's IpPermission), with
// `description` on its peer when not empty.
std::string IpPermissionsJson(const SecurityGroupRule& rule, const std::string& description = "");

// `aws ec2 update-security-group-rule-descriptions-{ingress,egress}` setting `description`.
std::string DescribeRuleCommand(const SecurityGroup& group, const SecurityGroupRule& rule, const std::string& description);

}  // namespace sgscope
