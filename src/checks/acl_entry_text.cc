// Names network ACL entries the same way in every check's messages and evidence, so a user can
// match a finding to the console's rule list (rule number, action, protocol, ports, CIDR).

#include "checks/acl_entry_text.h"

#include <fmt/format.h>

namespace sgscope {

std::string AclEntryTrafficText(const NetworkAclEntry& entry) {
  if (entry.protocol.all) return "all traffic";
  if (entry.protocol.HasPorts()) return entry.protocol.ToString() + " " + entry.ports.ToString();
  if (entry.protocol.HasIcmpTypes()) return entry.protocol.ToString() + " " + entry.icmp.ToString();
  return entry.protocol.ToString();
}

std::string AclEntryText(const NetworkAclEntry& entry) {
  return fmt::format("entry {} ({} {} {} {})", entry.rule_number, entry.allow ? "allow" : "deny", AclEntryTrafficText(entry),
                     entry.direction == Direction::kIngress ? "from" : "to", entry.cidr.ToString());
}

}  // namespace sgscope
