// Writes fixes as AWS CLI commands. This is output in AWS's spelling (IpPermission, as
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html defines it), so
// the commands run as printed; arguments are shell-quoted because ids and descriptions come
// from the user's files.

#include "checks/remediation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

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

// The peers' members of an IpPermission, one list per kind (IpRanges, Ipv6Ranges,
// UserIdGroupPairs, PrefixListIds) in that order, each element with `extra` fields (a
// description) appended.
std::string PeersJson(const std::vector<RulePeer>& peers, const std::string& extra) {
  std::vector<std::string> lists[4];
  for (const RulePeer& peer : peers) {
    if (auto* p = std::get_if<IpPrefix>(&peer)) {
      bool v4 = p->family() == IpFamily::kV4;
      lists[v4 ? 0 : 1].push_back(fmt::format("{{\"{}\":{}{}}}", v4 ? "CidrIp" : "CidrIpv6", JsonQuote(p->ToString()), extra));
    } else if (auto* g = std::get_if<GroupReference>(&peer)) {
      std::string pair = "\"GroupId\":" + JsonQuote(g->group_id);
      if (!g->user_id.empty()) pair += ",\"UserId\":" + JsonQuote(g->user_id);
      lists[2].push_back("{" + pair + extra + "}");
    } else {
      lists[3].push_back(fmt::format("{{\"PrefixListId\":{}{}}}",
                                     JsonQuote(std::get<PrefixListReference>(peer).prefix_list_id), extra));
    }
  }
  static const char* const kNames[4] = {"IpRanges", "Ipv6Ranges", "UserIdGroupPairs", "PrefixListIds"};
  std::vector<std::string> members;
  for (int k = 0; k < 4; ++k)
    if (!lists[k].empty()) members.push_back(fmt::format("\"{}\":[{}]", kNames[k], fmt::join(lists[k], ",")));
  return fmt::format("{}", fmt::join(members, ","));
}

// One IpPermission: the rule's protocol and ports toward `peers`.
std::string PermissionJson(const SecurityGroupRule& rule, const std::vector<RulePeer>& peers,
                           const std::string& description) {
  std::string protocol = rule.protocol.all ? "-1" : rule.protocol.ToString();
  std::string ports;
  if (rule.protocol.HasPorts() || rule.protocol.HasIcmpTypes()) {
    auto [from, to] = FromTo(rule);
    ports = fmt::format(",\"FromPort\":{},\"ToPort\":{}", from, to);
  }
  return fmt::format("[{{\"IpProtocol\":{}{},{}}}]", JsonQuote(protocol), ports,
                     PeersJson(peers, description.empty() ? "" : ",\"Description\":" + JsonQuote(description)));
}

}  // namespace

std::string IpPermissionsJson(const SecurityGroupRule& rule, const std::string& description) {
  return PermissionJson(rule, {rule.peer}, description);
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

std::string AuthorizeRuleCommand(const SecurityGroup& group, const SecurityGroupRule& rule,
                                 const std::vector<RulePeer>& peers) {
  return fmt::format("aws ec2 authorize-security-group-{} --group-id {} --ip-permissions {}", DirectionName(rule.direction),
                     ShellWord(group.id), ShellWord(PermissionJson(rule, peers, rule.description)));
}

std::string DeleteGroupCommand(const SecurityGroup& group) {
  return "aws ec2 delete-security-group --group-id " + ShellWord(group.id);
}

std::string ReplaceInterfaceGroupCommand(const NetworkInterface& eni, const std::string& remove,
                                         const std::string& replacement) {
  std::string command = "aws ec2 modify-network-interface-attribute --network-interface-id " + ShellWord(eni.id) + " --groups";
  for (const std::string& g : eni.group_ids)
    if (g != remove) command += " " + ShellWord(g);
  return command + " " + ShellWord(replacement);
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
