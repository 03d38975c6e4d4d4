// Writes fixes as AWS CLI commands. This is output in AWS's spelling (IpPermission, as
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html defines it), so
// the commands run as printed; arguments are shell-quoted because ids and descriptions come
// from the user's files.

#include "checks/remediation.h"

#include <fmt/format.h>

#include "report/json_writer.h"

namespace sgscope {

namespace {

// One shell word: single-quoted unless plainly safe.
std::string ShellWord(const std::string& s) {
  bool safe = !s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:") ==
                                std::string::npos;
  if (safe) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// FromPort/ToPort as AWS spells them: the port range, or ICMP type and code (-1 for any).
std::pair<int, int> FromTo(const SecurityGroupRule& rule) {
  if (rule.protocol.HasPorts()) return {rule.ports.from, rule.ports.to};
  return {rule.icmp.type, rule.icmp.type < 0 ? -1 : rule.icmp.code};
}

// The peer's member of an IpPermission: its list name and the one element, with `extra`
// fields (a description) appended.
std::string PeerJson(const RulePeer& peer, const std::string& extra) {
  if (auto* p = std::get_if<IpPrefix>(&peer)) {
    bool v4 = p->family() == IpFamily::kV4;
    return fmt::format("\"{}\":[{{\"{}\":{}{}}}]", v4 ? "IpRanges" : "Ipv6Ranges", v4 ? "CidrIp" : "CidrIpv6",
                       JsonQuote(p->ToString()), extra);
  }
  if (auto* g = std::get_if<GroupReference>(&peer)) {
    std::string pair = "\"GroupId\":" + JsonQuote(g->group_id);
    if (!g->user_id.empty()) pair += ",\"UserId\":" + JsonQuote(g->user_id);
    return "\"UserIdGroupPairs\":[{" + pair + extra + "}]";
  }
  return fmt::format("\"PrefixListIds\":[{{\"PrefixListId\":{}{}}}]",
                     JsonQuote(std::get<PrefixListReference>(peer).prefix_list_id), extra);
}

}  // namespace

std::string IpPermissionsJson(const SecurityGroupRule& rule, const std::string& description) {
  std::string protocol = rule.protocol.all ? "-1" : rule.protocol.ToString();
  std::string ports;
  if (rule.protocol.HasPorts() || rule.protocol.HasIcmpTypes()) {
    auto [from, to] = FromTo(rule);
    ports = fmt::format(",\"FromPort\":{},\"ToPort\":{}", from, to);
  }
  return fmt::format("[{{\"IpProtocol\":{}{},{}}}]", JsonQuote(protocol), ports,
                     PeerJson(rule.peer, description.empty() ? "" : ",\"Description\":" + JsonQuote(description)));
}

std::string RevokeRuleCommand(const SecurityGroup& group, const SecurityGroupRule& rule) {
  std::string command = fmt::format("aws ec2 revoke-security-group-{} --group-id {}", DirectionName(rule.direction),
                                    ShellWord(group.id));
  if (!rule.rule_id.empty()) return command + " --security-group-rule-ids " + ShellWord(rule.rule_id);
  return command + " --ip-permissions " + ShellWord(IpPermissionsJson(rule));
}

std::string DescribeRuleCommand(const SecurityGroup& group, const SecurityGroupRule& rule, const std::string& description) {
  return fmt::format("aws ec2 update-security-group-rule-descriptions-{} --group-id {} --ip-permissions {}",
                     DirectionName(rule.direction), ShellWord(group.id), ShellWord(IpPermissionsJson(rule, description)));
}

std::string DeleteAclEntryCommand(const NetworkAcl& acl, const NetworkAclEntry& entry) {
  return fmt::format("aws ec2 delete-network-acl-entry --network-acl-id {} --rule-number {} --{}", ShellWord(acl.id),
                     entry.rule_number, DirectionName(entry.direction));
}

// https://docs.aws.amazon.com/cli/latest/reference/ec2/create-network-acl-entry.html: --protocol takes
// the number (-1 for all), --port-range and --icmp-type-code their shorthand, IPv6 its own flag.
std::string CreateAclAllowCommand(const NetworkAcl& acl, Direction direction, uint32_t rule_number,
                                  const ProtocolSelector& protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                                  const IpPrefix& cidr) {
  std::string command = fmt::format("aws ec2 create-network-acl-entry --network-acl-id {} --{} --rule-number {} --protocol {}",
                                    ShellWord(acl.id), DirectionName(direction), rule_number,
                                    protocol.all ? std::string("-1") : std::to_string(protocol.number));
  if (protocol.HasPorts()) command += fmt::format(" --port-range From={},To={}", ports.from, ports.to);
  if (protocol.HasIcmpTypes()) command += fmt::format(" --icmp-type-code Type={},Code={}", icmp.type, icmp.code);
  return command + fmt::format(" --{} {} --rule-action allow", cidr.family() == IpFamily::kV4 ? "cidr-block" : "ipv6-cidr-block",
                               cidr.ToString());
}

}  // namespace sgscope
