// nacl-allow-all (docs/checks/nacl-allow-all.md): a network ACL that filters nothing in one
// direction for one address family, because an "all traffic, 0.0.0.0/0 (or ::/0), allow" entry
// comes before any deny of that family. Entries are evaluated lowest number first
// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). The default ACL is built
// this way on purpose (https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html):
// reported, at low severity, with that said.

#include <fmt/format.h>

#include "checks/acl_entry_text.h"
#include "checks/registry.h"

namespace sgscope {

namespace {

bool AllowsEverything(const NetworkAclEntry& e) { return e.allow && e.protocol.all && e.cidr.length() == 0; }

// The first allow-all entry of a family with no deny of that family before it, or null.
const NetworkAclEntry* FirstOpenEntry(const std::vector<NetworkAclEntry>& entries, IpFamily family) {
  for (const NetworkAclEntry& e : entries) {
    if (e.cidr.family() != family) continue;
    if (AllowsEverything(e)) return &e;
    if (!e.allow) return nullptr;
  }
  return nullptr;
}

Finding OpenFinding(const NetworkAcl& acl, const NetworkAclEntry& e) {
  Finding f;
  f.check = "nacl-allow-all", f.severity = FindingSeverity::kLow, f.resource = acl.id;
  f.acl = &acl, f.acl_entry = &e, f.source = e.source;
  f.message = fmt::format("{} {} lets all {} traffic through: the ACL filters nothing {}", DirectionName(e.direction),
                          AclEntryText(e), e.cidr.family() == IpFamily::kV4 ? "IPv4" : "IPv6",
                          e.direction == Direction::kIngress ? "inbound" : "outbound");
  f.evidence.push_back("no lower-numbered entry denies anything of this address family");
  f.evidence.push_back(acl.subnet_ids.empty() ? "serves no subnet"
                                              : fmt::format("serves {}", fmt::join(acl.subnet_ids, ", ")));
  if (acl.is_default)
    f.evidence.push_back("this is the VPC's default ACL, which AWS creates allowing all traffic by design: security "
                         "groups do the filtering unless you add deny entries");
  return f;
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const NetworkAcl& acl : context.network().network_acls)
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (IpFamily family : {IpFamily::kV4, IpFamily::kV6})
        if (const NetworkAclEntry* e = FirstOpenEntry(acl.entries(d), family)) out.push_back(OpenFinding(acl, *e));
  return out;
}

}  // namespace

Check NaclAllowAllCheck() {
  return {"nacl-allow-all", FindingSeverity::kLow, "Network ACL that allows all traffic",
          "An allow entry for all protocols from (or to) 0.0.0.0/0 or ::/0 comes before any deny, so the ACL filters "
          "nothing in that direction and only security groups protect its subnets. That is how AWS builds the default "
          "ACL; if you want a second, stateless layer, add deny entries (or narrower allows) numbered below it. No "
          "command is proposed: deleting the entry alone would cut all traffic of the subnets.",
          Run};
}

}  // namespace sgscope
