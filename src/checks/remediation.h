#pragma once
// The AWS CLI commands that apply a finding's fix.

#include <string>
#include <vector>

#include "model/network.h"

namespace sgscope {

// `aws ec2 revoke-security-group-{ingress,egress}` for one rule: by its rule id when the
// snapshot has it, else by the rule's --ip-permissions.
std::string RevokeRuleCommand(const SecurityGroup& group, const SecurityGroupRule& rule);

// `aws ec2 authorize-security-group-{ingress,egress}` for the rule's protocol and ports toward
// `peers` (one IpPermission), keeping the rule's description: the narrower replacement of a rule.
std::string AuthorizeRuleCommand(const SecurityGroup& group, const SecurityGroupRule& rule,
                                 const std::vector<RulePeer>& peers);

// `aws ec2 delete-security-group` for one group.
std::string DeleteGroupCommand(const SecurityGroup& group);

// `aws ec2 modify-network-interface-attribute --groups`: the interface's groups with `remove`
// replaced by `replacement` (a placeholder the user fills in, or a group id).
std::string ReplaceInterfaceGroupCommand(const NetworkInterface& eni, const std::string& remove,
                                         const std::string& replacement);

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
