// describe-security-groups. An IpPermission bundles one protocol/port selector with
// several peer lists; like AWS's own SecurityGroupRule view, each peer becomes one rule
// with its own JSON path and description, so a finding can point at the exact entry.
// A bad peer skips only that rule; a bad protocol or port range skips the permission's
// rules; the group itself still loads.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"
#include "ingest/rule_traffic.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kGroupIgnored[] = {"SecurityGroupArn", "Tags"};
// GroupName names the peer group in EC2-Classic; in a VPC the GroupId is always there.
constexpr std::string_view kPairIgnored[] = {"GroupName"};

// The four peer lists of an IpPermission and the AWS shape of their entries.
struct PeerList {
  std::string_view key;
  std::string_view shape;
};
constexpr PeerList kPeerLists[] = {{"IpRanges", "IpRange"},
                                   {"Ipv6Ranges", "Ipv6Range"},
                                   {"PrefixListIds", "PrefixListId"},
                                   {"UserIdGroupPairs", "UserIdGroupPair"}};

// The peer of one IpRange / Ipv6Range / PrefixListId / UserIdGroupPair entry.
std::optional<RulePeer> ReadPeer(JsonCursor& entry, std::string_view list) {
  if (list == "IpRanges") {
    if (auto cidr = ReadCidr(entry, "CidrIp", IpFamily::kV4, Need::kRequired)) return *cidr;
  } else if (list == "Ipv6Ranges") {
    if (auto cidr = ReadCidr(entry, "CidrIpv6", IpFamily::kV6, Need::kRequired)) return *cidr;
  } else if (list == "PrefixListIds") {
    if (auto id = entry.String("PrefixListId", Need::kRequired)) return PrefixListReference{std::string(*id)};
  } else {
    return ReadGroupReference(entry);
  }
  return std::nullopt;
}

// Adds one rule per peer entry; returns the number of entries (loaded or not).
size_t AddPeerRules(JsonCursor& permission, const TrafficMatch& match, Direction direction,
                    std::vector<SecurityGroupRule>& rules) {
  size_t entries = 0;
  for (const PeerList& list : kPeerLists) {
    entries += permission.ForEach(list.key, [&](JsonCursor& entry) {
      std::optional<RulePeer> peer;
      if (entry.ExpectObject()) peer = ReadPeer(entry, list.key);
      if (!peer) return entry.context().Skip("security group rule");
      SecurityGroupRule rule = MakeRule(match, direction, static_cast<uint32_t>(rules.size()), std::move(*peer));
      entry.ReadString("Description", rule.description);
      rule.source = entry.Source();
      entry.CheckFields(list.shape, kPairIgnored);
      rules.push_back(std::move(rule));
    });
  }
  return entries;
}

void LoadSecurityGroup(JsonCursor& c) {
  SecurityGroup group;
  if (!ReadItemId(c, "GroupId", group.id, "security group")) return;
  c.ReadString("GroupName", group.name);
  c.ReadString("Description", group.description);
  c.ReadString("VpcId", group.vpc_id);
  c.ReadString("OwnerId", group.owner_id);
  c.ForEach("IpPermissions", [&](JsonCursor& p) { ReadIpPermission(p, Direction::kIngress, group.ingress); });
  c.ForEach("IpPermissionsEgress", [&](JsonCursor& p) { ReadIpPermission(p, Direction::kEgress, group.egress); });
  AddItem(c, "SecurityGroup", kGroupIgnored, std::move(group), c.context().network().security_groups);
}

}  // namespace

void ReadIpPermission(JsonCursor& permission, Direction direction, std::vector<SecurityGroupRule>& rules) {
  if (!permission.ExpectObject()) return permission.context().Skip("security group rule");
  std::optional<TrafficMatch> match = ReadSecurityGroupTraffic(permission);
  if (!match) {
    size_t peers = 0;
    for (const PeerList& list : kPeerLists) peers += permission.ArraySize(list.key);
    return permission.context().Skip("security group rule", peers);
  }
  if (AddPeerRules(permission, *match, direction, rules) == 0)
    permission.Report(Severity::kInfo, "permission has no peers (IpRanges, Ipv6Ranges, PrefixListIds, "
                                       "UserIdGroupPairs are empty); it allows nothing");
  permission.CheckFields("IpPermission", {});
}

void LoadSecurityGroups(JsonCursor& list) { list.ForEachElement(LoadSecurityGroup); }

}  // namespace sgscope::ingest
