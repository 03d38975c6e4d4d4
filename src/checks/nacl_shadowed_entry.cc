// nacl-shadowed-entry (docs/checks/nacl-shadowed-entry.md): a network ACL entry no packet ever
// reaches, because lower-numbered entries already decide everything it matches. ACL entries are
// evaluated in rule-number order and the first match wins
// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html), so this is exact set
// algebra over (protocol, port or ICMP type/code, CIDR) with FlowSet.

#include <fmt/format.h>

#include "checks/acl_entry_text.h"
#include "checks/registry.h"
#include "checks/remediation.h"
#include "net/flow_set.h"

namespace sgscope {

namespace {

FlowSet FlowsOf(const NetworkAclEntry& e) { return FlowSet::Of(e.protocol, e.ports, e.icmp, AddressSet::Of(e.cidr)); }

// One direction of an ACL: each entry with what it alone decides (what it matches minus what
// earlier entries decided).
struct DecidedEntry {
  const NetworkAclEntry* entry;
  FlowSet matches, decides;
};

Finding Shadowed(const NetworkAcl& acl, const NetworkAclEntry& e, const std::vector<const DecidedEntry*>& by) {
  bool differs = false;
  std::string names;
  for (const DecidedEntry* d : by) {
    differs = differs || d->entry->allow != e.allow;
    names += (names.empty() ? "" : ", ") + AclEntryText(*d->entry);
  }
  Finding f;
  f.check = "nacl-shadowed-entry", f.resource = acl.id, f.acl = &acl, f.acl_entry = &e, f.source = e.source;
  f.severity = differs ? FindingSeverity::kMedium : FindingSeverity::kLow;
  f.message = fmt::format("{} {} is never reached: earlier entries decide everything it matches",
                          DirectionName(e.direction), AclEntryText(e));
  f.evidence.push_back("decided by " + names);
  f.evidence.push_back(differs ? fmt::format("the earlier entries {} some of its traffic although it says {}: likely a "
                                             "mistake in the rule numbers",
                                             e.allow ? "deny" : "allow", e.allow ? "allow" : "deny")
                               : fmt::format("the earlier entries already {} all of it: it is redundant",
                                             e.allow ? "allow" : "deny"));
  f.remediation = DeleteAclEntryCommand(acl, e);
  return f;
}

void CheckDirection(const NetworkAcl& acl, Direction d, std::vector<Finding>& out) {
  std::vector<DecidedEntry> entries;
  FlowSet decided;
  for (const NetworkAclEntry& e : acl.entries(d)) {
    DecidedEntry mine{&e, FlowsOf(e), {}};
    mine.decides = mine.matches.Subtract(decided);
    if (mine.decides.empty() && !mine.matches.empty() && !e.is_implicit_deny()) {
      std::vector<const DecidedEntry*> by;
      for (const DecidedEntry& earlier : entries)
        if (earlier.decides.Intersects(mine.matches)) by.push_back(&earlier);
      out.push_back(Shadowed(acl, e, by));
    }
    decided = decided.Union(mine.matches);
    entries.push_back(std::move(mine));
  }
}

std::vector<Finding> Run(CheckContext& context) {
  std::vector<Finding> out;
  for (const NetworkAcl& acl : context.network().network_acls)
    for (Direction d : {Direction::kIngress, Direction::kEgress}) CheckDirection(acl, d, out);
  return out;
}

}  // namespace

Check NaclShadowedEntryCheck() {
  return {"nacl-shadowed-entry", FindingSeverity::kLow, "Network ACL entry that no packet reaches",
          "Lower-numbered entries of the same network ACL and direction already allow or deny everything this entry "
          "matches, so it never decides anything. When those entries take the opposite action the entry is probably "
          "numbered wrong (medium); otherwise it is dead weight (low). Delete it, or renumber it below the entries "
          "that shadow it if it was meant to win.",
          Run};
}

}  // namespace sgscope
