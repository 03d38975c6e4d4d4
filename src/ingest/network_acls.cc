// describe-network-acls: numbered, first-match entries per direction, and the subnets
// each ACL serves. The implicit final deny (rule 32767 for IPv4, 32768 for IPv6) is in
// the output and loads like any other entry. A bad entry is skipped and reported; since
// entries are first-match, the report says so.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"
#include "ingest/rule_traffic.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kAclIgnored[] = {"OwnerId", "Tags"};
constexpr std::string_view kAssociationIgnored[] = {"NetworkAclAssociationId", "NetworkAclId"};
// "Rule numbers 32767 and 32768 are reserved" for the implicit deny; users may use 1-32766.
constexpr int64_t kMaxRuleNumber = 32768;

// CidrBlock or Ipv6CidrBlock, exactly one.
std::optional<IpPrefix> ReadEntryCidr(JsonCursor& entry) {
  bool v4 = entry.Has("CidrBlock"), v6 = entry.Has("Ipv6CidrBlock");
  if (v4 == v6) {
    entry.Error(v4 ? "entry has both CidrBlock and Ipv6CidrBlock" : "entry has neither CidrBlock nor Ipv6CidrBlock");
    return std::nullopt;
  }
  return v4 ? ReadCidr(entry, "CidrBlock", IpFamily::kV4) : ReadCidr(entry, "Ipv6CidrBlock", IpFamily::kV6);
}

std::optional<bool> ReadAllow(JsonCursor& entry) {
  std::optional<std::string_view> action = entry.String("RuleAction", Need::kRequired);
  if (!action) return std::nullopt;
  if (*action == "allow" || *action == "deny") return *action == "allow";
  entry.ErrorAt("RuleAction", "\"" + std::string(*action) + "\" is neither allow nor deny");
  return std::nullopt;
}

void LoadNetworkAcl(JsonCursor& c) {
  NetworkAcl acl;
  if (!ReadItemId(c, "NetworkAclId", acl.id, "network ACL")) return;
  c.ReadString("VpcId", acl.vpc_id);
  c.ReadBool("IsDefault", acl.is_default);
  c.ForEach("Associations", [&](JsonCursor& association) {
    if (!association.ExpectObject()) return;
    if (auto subnet = association.String("SubnetId", Need::kRequired)) acl.subnet_ids.emplace_back(*subnet);
    association.CheckFields("NetworkAclAssociation", kAssociationIgnored);
  });
  c.ForEach("Entries", [&](JsonCursor& e) {
    std::optional<NetworkAclEntry> entry = ReadNetworkAclEntry(e);
    if (!entry) {
      e.Report(Severity::kWarning, "entry skipped: traffic it would have matched falls to the next entry");
      return e.context().Skip("network ACL entry");
    }
    (entry->direction == Direction::kIngress ? acl.ingress : acl.egress).push_back(std::move(*entry));
  });
  AddItem(c, "NetworkAcl", kAclIgnored, std::move(acl), c.context().network().network_acls);
}

}  // namespace

std::optional<NetworkAclEntry> ReadNetworkAclEntry(JsonCursor& entry) {
  if (!entry.ExpectObject()) return std::nullopt;
  std::optional<int64_t> number = entry.Int("RuleNumber", Need::kRequired);
  std::optional<bool> egress = entry.Bool("Egress", Need::kRequired);
  std::optional<bool> allow = ReadAllow(entry);
  std::optional<IpPrefix> cidr = ReadEntryCidr(entry);
  std::optional<TrafficMatch> match;
  if (cidr) match = ReadNetworkAclTraffic(entry, cidr->family());
  if (number && (*number < 1 || *number > kMaxRuleNumber)) {
    entry.ErrorAt("RuleNumber", "rule number " + std::to_string(*number) + " is outside 1-32768");
    number.reset();
  }
  if (!number || !egress || !allow || !match) return std::nullopt;
  entry.CheckFields("NetworkAclEntry", {});
  return NetworkAclEntry{static_cast<uint32_t>(*number), *egress ? Direction::kEgress : Direction::kIngress,
                         *allow, match->protocol, *cidr, match->ports, match->icmp, entry.Source()};
}

void LoadNetworkAcls(JsonCursor& list) { list.ForEachElement(LoadNetworkAcl); }

}  // namespace sgscope::ingest
