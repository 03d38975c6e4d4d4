// Writes what `sgscope flows` found. Rows are sorted by the user's own ids (group, direction,
// index; ACL, direction, rule number), never by pointer or thread, so outputs are reproducible;
// fix commands are printed only for groups whose every interface has records.

#include "report/flows_report.h"

#include <algorithm>

#include "checks/acl_entry_text.h"
#include "checks/aws_defaults.h"
#include "checks/remediation.h"
#include "report/json_writer.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

struct RuleRow {
  const SecurityGroup* group;
  const SecurityGroupRule* rule;
  const RuleUsage* usage;
};

auto RuleOrder(const SecurityGroup& g, const SecurityGroupRule& r) { return std::tuple(g.id, r.direction, r.index); }

std::vector<RuleRow> UsedRules(const FlowUsage& usage) {
  std::vector<RuleRow> rows;
  for (auto& [rule, u] : usage.rules) rows.push_back({u.group, rule, &u});
  std::sort(rows.begin(), rows.end(),
            [](const RuleRow& a, const RuleRow& b) { return RuleOrder(*a.group, *a.rule) < RuleOrder(*b.group, *b.rule); });
  return rows;
}

auto AclOrder(const AclEntryKey& k) { return std::tuple(k.acl->id, k.direction, k.entry ? k.entry->rule_number : 0u); }

std::vector<std::pair<AclEntryKey, const TrafficTally*>> UsedAclEntries(const FlowUsage& usage) {
  std::vector<std::pair<AclEntryKey, const TrafficTally*>> rows;
  for (auto& [key, tally] : usage.acl_entries) rows.push_back({key, &tally});
  std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return AclOrder(a.first) < AclOrder(b.first); });
  return rows;
}

std::vector<std::pair<const RejectionKey*, const RejectionUsage*>> Rejections(const FlowUsage& usage) {
  std::vector<std::pair<const RejectionKey*, const RejectionUsage*>> rows;
  for (auto& [key, r] : usage.rejections) rows.push_back({&key, &r});
  auto order = [](const RejectionKey& k) {
    return std::tuple(k.eni->id, k.direction, !k.groups_deny, k.acl.acl ? AclOrder(k.acl) : std::tuple(std::string(), Direction::kIngress, 0u));
  };
  std::sort(rows.begin(), rows.end(), [&](auto& a, auto& b) { return order(*a.first) < order(*b.first); });
  return rows;
}

std::vector<std::pair<IpAddress, PeerTally>> TopPeers(const RuleUsage& u, size_t n) {
  std::vector<std::pair<IpAddress, PeerTally>> peers = u.peers.Entries();
  auto by_traffic = [](auto& a, auto& b) {
    return std::tuple(b.second.records, b.second.bytes, a.first) < std::tuple(a.second.records, a.second.bytes, b.first);
  };
  size_t keep = std::min(n, peers.size());
  std::partial_sort(peers.begin(), peers.begin() + keep, peers.end(), by_traffic);
  peers.resize(keep);
  return peers;
}

std::string AclEntryName(const AclEntryKey& k) {
  return k.entry ? AclEntryText(*k.entry) : std::string("no entry (implicit deny)");
}

// Why no command is printed for a group: AWS Directory Service owns its controllers' group and
// documents its rules as required (https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_best_practices.html).
std::string NoCommandsReason(const Network& network, const GroupProposal& g) {
  if (const Directory* d = DirectoryOfControllersGroup(network, *g.group))
    return "AWS Directory Service created it for " + d->id + "; a window of logs cannot show which of its rules the directory needs";
  if (!g.complete()) return "interfaces without records may use the rules";
  return "";
}

// The AWS CLI commands carrying out a group's proposal: narrower rules authorized before the
// wide ones are revoked, so no connection in flight loses its rule in between.
std::vector<std::string> ProposalCommands(const Network& network, const GroupProposal& g) {
  std::vector<std::string> authorize, revoke;
  if (!NoCommandsReason(network, g).empty()) return {};
  for (const RuleProposal& p : g.rules) {
    if (p.action == RuleProposalAction::kNarrow)
      for (const ProposedRule& r : p.replacements) authorize.push_back(AuthorizeRuleCommand(*g.group, r.rule, r.peers));
    if (p.action == RuleProposalAction::kNarrow || p.action == RuleProposalAction::kRevoke ||
        p.action == RuleProposalAction::kRedundant)
      revoke.push_back(RevokeRuleCommand(*g.group, *p.rule));
  }
  authorize.insert(authorize.end(), revoke.begin(), revoke.end());
  return authorize;
}

std::string ReplacementText(const ProposedRule& r) {
  std::string peers;
  for (const RulePeer& p : r.peers) peers += (peers.empty() ? "" : ", ") + PeerToString(p);
  return r.rule.ProtocolPortsText() + " " + (r.rule.direction == Direction::kIngress ? "from " : "to ") + peers;
}

// "sg-… ingress 0", naming a credited rule.
std::string RuleName(const FlowUsage& usage, const SecurityGroupRule& r) {
  return usage.rules.at(&r).group->id + " " + DirectionName(r.direction) + " " + std::to_string(r.index);
}

std::string TimeOrDash(int64_t t) { return t == INT64_MAX || t == INT64_MIN ? "-" : UtcTimeText(t); }

// ---- text ----

void TextSummary(const FlowAnalysis& a, std::ostream& out) {
  const FlowUsageStats& s = a.usage.stats;
  out << "flows: " << s.records << " records from " << a.read.stats.files << " files: " << s.accepted << " accepted ("
      << s.responses << " responses), " << s.rejected << " rejected, " << a.read.stats.malformed << " malformed, "
      << s.skipped() << " skipped (" << s.no_data << " NODATA, " << s.skip_data << " SKIPDATA, " << s.outside_window
      << " outside the window)\n";
  const FlowUsageOptions& o = a.usage.options();
  out << "window: " << (o.since ? UtcTimeText(*o.since) : "any") << " .. " << (o.until ? UtcTimeText(*o.until) : "any")
      << "; records seen from " << TimeOrDash(a.usage.first_start) << " to " << TimeOrDash(a.usage.last_end) << "\n";
  out << "roles decided by tcp flags " << s.role_by_flags << ", by rules " << s.role_by_rules << ", by ports "
      << s.role_by_ports << ", undetermined " << s.role_undetermined << " (taken as opening)";
  if (s.icmp_assumed_echo) out << "; " << s.icmp_assumed_echo << " ICMP records read as echo (flow logs carry no ICMP type)";
  out << "\n";
}

void TextRules(const Network& network, const FlowAnalysis& a, const FlowsReportOptions& options, std::ostream& out) {
  out << "\nrules used (" << a.usage.stats.attributed << " opening records credited to every rule that allows them):\n";
  for (const RuleRow& row : UsedRules(a.usage)) {
    const TrafficTally& t = row.usage->tally;
    out << "  " << SecurityGroupRuleText(network, *row.group, *row.rule) << "\n    " << t.records << " hits, " << t.bytes
        << " bytes, " << TimeOrDash(t.first_seen) << " .. " << TimeOrDash(t.last_seen) << "; top peers:";
    for (auto& [address, peer] : TopPeers(*row.usage, options.top_peers))
      out << " " << address.ToString() << " (" << peer.records << ")";
    if (!row.usage->peers_complete) out << " (peer list truncated)";
    out << "\n";
  }
  out << "\nnetwork ACL entries that decided records:\n";
  for (auto& [key, tally] : UsedAclEntries(a.usage))
    out << "  " << key.acl->id << " " << DirectionName(key.direction) << " " << AclEntryName(key) << ": " << tally->records
        << " records, " << tally->bytes << " bytes\n";
}

void TextUnused(const Network& network, const FlowAnalysis& a, std::ostream& out) {
  out << "\nunused in the window (rules of groups on interfaces with records; responses do not count):\n";
  for (const GroupProposal& g : a.proposals)
    for (const RuleProposal& p : g.rules)
      if (p.action == RuleProposalAction::kRevoke || p.action == RuleProposalAction::kUndecided)
        out << "  " << SecurityGroupRuleText(network, *g.group, *p.rule) << " (" << g.interfaces_logged << " of "
            << g.interfaces_total << " interfaces have records)\n";
  for (const AclEntryKey& k : a.unused_acl_entries)
    out << "  " << k.acl->id << " " << DirectionName(k.direction) << " " << AclEntryName(k) << "  ["
        << SourceLocationText(network, k.entry->source) << "]\n";
}

void TextRejections(const FlowAnalysis& a, std::ostream& out) {
  out << "\nrejected:\n";
  for (auto& [key, r] : Rejections(a.usage)) {
    out << "  " << key->eni->id << " " << DirectionName(key->direction) << ": " << r->tally.records << " records, denied by";
    if (key->groups_deny) out << " its security groups (no rule allows a new connection)";
    if (key->groups_deny && key->acl.acl) out << " and";
    if (key->acl.acl) out << " network ACL " << key->acl.acl->id << " " << AclEntryName(key->acl);
    if (!key->groups_deny && !key->acl.acl) out << " nothing in the snapshot";
    const FlowRecordSample& e = r->example;
    out << "; e.g. " << TerminalSafe(e.file) << ":" << e.line << " " << ProtocolName(e.protocol) << " " << e.srcaddr
        << ":" << e.src_port << " -> " << e.dstaddr << ":" << e.dst_port << "\n";
  }
}

void TextUnexplained(const FlowAnalysis& a, std::ostream& out) {
  out << "\nunexplained records (" << a.usage.stats.unexplained << "):";
  for (auto& [reason, n] : a.usage.stats.unexplained_by_reason) out << " " << UnexplainedName(reason) << " " << n;
  out << "\n";
  for (const FlowRecordSample& e : a.usage.unexplained)
    out << "  " << TerminalSafe(e.file) << ":" << e.line << " " << UnexplainedName(e.reason) << ": "
        << TerminalSafe(e.interface_id) << " " << e.action << " " << ProtocolName(e.protocol) << " " << e.srcaddr << ":"
        << e.src_port << " -> " << e.dstaddr << ":" << e.dst_port << "\n";
}

void TextProposals(const Network& network, const FlowAnalysis& a, std::ostream& out) {
  out << "\nproposed tightest rules:\n";
  for (const GroupProposal& g : a.proposals) {
    std::string no_commands = NoCommandsReason(network, g);
    out << "  " << g.group->id << " (" << g.interfaces_logged << " of " << g.interfaces_total << " interfaces have records"
        << (no_commands.empty() ? "" : "; no commands: " + no_commands) << ")\n";
    for (const RuleProposal& p : g.rules) {
      out << "    " << DirectionName(p.rule->direction) << " " << p.rule->index << " " << p.rule->ProtocolPortsText() << " "
          << TerminalSafe(PeerToString(p.rule->peer)) << ": " << RuleProposalActionName(p.action);
      for (const ProposedRule& r : p.replacements) out << "\n      -> " << TerminalSafe(ReplacementText(r));
      for (const SecurityGroupRule* r : p.carried_by)
        out << "\n      its connections were allowed by " << RuleName(a.usage, *r) << " too";
      out << "\n";
    }
    for (const std::string& command : ProposalCommands(network, g)) out << "    $ " << TerminalSafe(command) << "\n";
  }
}

// ---- JSON ----

void JsonTally(JsonWriter& w, const TrafficTally& t) {
  w.Field("hits", static_cast<int64_t>(t.records)).Field("packets", static_cast<int64_t>(t.packets));
  w.Field("bytes", static_cast<int64_t>(t.bytes));
  w.Key("first_seen");
  t.first_seen == INT64_MAX ? w.Null() : w.String(UtcTimeText(t.first_seen));
  w.Key("last_seen");
  t.last_seen == INT64_MIN ? w.Null() : w.String(UtcTimeText(t.last_seen));
}

void JsonRuleId(JsonWriter& w, const Network& network, const SecurityGroup& g, const SecurityGroupRule& r) {
  w.Field("group_id", g.id).Field("direction", DirectionName(r.direction)).Field("index", static_cast<int64_t>(r.index));
  w.Field("rule_id", r.rule_id).Field("protocol", r.protocol.ToString()).Field("ports", r.PortsText());
  w.Field("peer", PeerToString(r.peer));
}

void JsonAclId(JsonWriter& w, const AclEntryKey& k) {
  w.Field("acl_id", k.acl->id).Field("direction", DirectionName(k.direction));
  w.Key("rule_number");
  k.entry ? w.Int(k.entry->rule_number) : w.Null();
  w.Field("action", !k.entry ? "deny" : k.entry->allow ? "allow" : "deny");
}

void JsonSample(JsonWriter& w, const FlowRecordSample& e) {
  w.Field("file", e.file).Field("line", static_cast<int64_t>(e.line)).Field("interface_id", e.interface_id);
  w.Field("srcaddr", e.srcaddr).Field("dstaddr", e.dstaddr).Field("srcport", static_cast<int64_t>(e.src_port));
  w.Field("dstport", static_cast<int64_t>(e.dst_port)).Field("protocol", static_cast<int64_t>(e.protocol));
  w.Field("action", e.action).Field("packets", static_cast<int64_t>(e.packets)).Field("bytes", static_cast<int64_t>(e.bytes));
  w.Field("start", e.start).Field("end", e.end);
  if (!e.reject_reason.empty()) w.Field("reject_reason", e.reject_reason);
}

void JsonStats(JsonWriter& w, const FlowAnalysis& a) {
  const FlowUsageStats& s = a.usage.stats;
  auto n = [](uint64_t v) { return static_cast<int64_t>(v); };
  w.Key("stats").BeginObject();
  w.Field("records", n(s.records)).Field("accepted", n(s.accepted)).Field("rejected", n(s.rejected));
  w.Field("responses", n(s.responses)).Field("malformed", n(a.read.stats.malformed)).Field("skipped", n(s.skipped()));
  w.Field("attributed", n(s.attributed)).Field("unexplained", n(s.unexplained));
  w.Field("no_data", n(s.no_data)).Field("skip_data", n(s.skip_data)).Field("outside_window", n(s.outside_window));
  w.Field("no_action", n(s.no_action)).Field("files", n(a.read.stats.files));
  w.Field("unreadable_files", n(a.read.stats.unreadable_files));
  w.Field("unknown_interfaces", n(a.usage.unknown_interfaces.size()));
  w.Key("role_basis").BeginObject().Field("tcp_flags", n(s.role_by_flags)).Field("rules", n(s.role_by_rules));
  w.Field("ports", n(s.role_by_ports)).Field("undetermined", n(s.role_undetermined)).EndObject();
  w.Field("icmp_assumed_echo", n(s.icmp_assumed_echo));
  w.Key("unexplained_by_reason").BeginObject();
  for (auto& [reason, count] : s.unexplained_by_reason) w.Field(UnexplainedName(reason), n(count));
  w.EndObject().EndObject();
}

void JsonWindow(JsonWriter& w, const FlowAnalysis& a) {
  const FlowUsageOptions& o = a.usage.options();
  w.Key("window").BeginObject();
  w.Key("since");
  o.since ? w.String(UtcTimeText(*o.since)) : w.Null();
  w.Key("until");
  o.until ? w.String(UtcTimeText(*o.until)) : w.Null();
  w.Key("first_record");
  a.usage.first_start == INT64_MAX ? w.Null() : w.String(UtcTimeText(a.usage.first_start));
  w.Key("last_record");
  a.usage.last_end == INT64_MIN ? w.Null() : w.String(UtcTimeText(a.usage.last_end));
  w.EndObject();
}

void JsonRules(JsonWriter& w, const Network& network, const FlowAnalysis& a, const FlowsReportOptions& options) {
  w.Key("rules").BeginArray();
  for (const RuleRow& row : UsedRules(a.usage)) {
    w.BeginObject();
    JsonRuleId(w, network, *row.group, *row.rule);
    JsonTally(w, row.usage->tally);
    w.Key("top_peers").BeginArray();
    for (auto& [address, peer] : TopPeers(*row.usage, options.top_peers))
      w.BeginObject().Field("address", address.ToString()).Field("hits", static_cast<int64_t>(peer.records))
          .Field("bytes", static_cast<int64_t>(peer.bytes)).EndObject();
    w.EndArray().Field("peers_complete", row.usage->peers_complete).Field("services_complete", row.usage->services_complete);
    WriteSourceLocation(w, network, row.rule->source);
    w.EndObject();
  }
  for (auto& [key, tally] : UsedAclEntries(a.usage)) {
    w.BeginObject();
    JsonAclId(w, key);
    JsonTally(w, *tally);
    if (key.entry) WriteSourceLocation(w, network, key.entry->source);
    w.EndObject();
  }
  w.EndArray();
}

void JsonUnused(JsonWriter& w, const Network& network, const FlowAnalysis& a) {
  w.Key("unused").BeginArray();
  for (const GroupProposal& g : a.proposals)
    for (const RuleProposal& p : g.rules)
      if (p.action == RuleProposalAction::kRevoke || p.action == RuleProposalAction::kUndecided) {
        w.BeginObject();
        JsonRuleId(w, network, *g.group, *p.rule);
        w.Field("hits", 0).Field("interfaces_logged", static_cast<int64_t>(g.interfaces_logged));
        w.Field("interfaces_total", static_cast<int64_t>(g.interfaces_total));
        WriteSourceLocation(w, network, p.rule->source);
        w.EndObject();
      }
  for (const AclEntryKey& k : a.unused_acl_entries) {
    w.BeginObject();
    JsonAclId(w, k);
    w.Field("hits", 0);
    WriteSourceLocation(w, network, k.entry->source);
    w.EndObject();
  }
  w.EndArray();
}

void JsonRejections(JsonWriter& w, const FlowAnalysis& a) {
  w.Key("rejected").BeginArray();
  for (auto& [key, r] : Rejections(a.usage)) {
    w.BeginObject().Field("interface_id", key->eni->id).Field("direction", DirectionName(key->direction));
    w.Key("denied_by").BeginArray();
    if (key->groups_deny) {
      w.BeginObject().Field("kind", "security-groups").StringArray("group_ids", key->eni->group_ids).EndObject();
    }
    if (key->acl.acl) {
      w.BeginObject().Field("kind", "network-acl");
      JsonAclId(w, key->acl);
      w.EndObject();
    }
    w.EndArray();
    JsonTally(w, r->tally);
    w.Key("example").BeginObject();
    JsonSample(w, r->example);
    w.EndObject().EndObject();
  }
  w.EndArray();
}

void JsonUnexplained(JsonWriter& w, const FlowAnalysis& a) {
  w.Key("unexplained").BeginArray();
  for (const FlowRecordSample& e : a.usage.unexplained) {
    w.BeginObject().Field("reason", UnexplainedName(e.reason));
    if (!e.direction.empty()) w.Field("direction", e.direction);
    JsonSample(w, e);
    w.EndObject();
  }
  w.EndArray().Field("unexplained_total", static_cast<int64_t>(a.usage.stats.unexplained));
}

void JsonProposals(JsonWriter& w, const Network& network, const FlowAnalysis& a) {
  w.Key("proposals").BeginArray();
  for (const GroupProposal& g : a.proposals) {
    w.BeginObject().Field("group_id", g.group->id).Field("complete", g.complete());
    w.Field("interfaces_logged", static_cast<int64_t>(g.interfaces_logged));
    w.Field("interfaces_total", static_cast<int64_t>(g.interfaces_total));
    w.Key("rules").BeginArray();
    for (const RuleProposal& p : g.rules) {
      w.BeginObject().Field("direction", DirectionName(p.rule->direction)).Field("index", static_cast<int64_t>(p.rule->index));
      w.Field("action", RuleProposalActionName(p.action));
      w.Key("replacements").BeginArray();
      for (const ProposedRule& r : p.replacements) {
        std::vector<std::string> peers;
        for (const RulePeer& peer : r.peers) peers.push_back(PeerToString(peer));
        w.BeginObject().Field("protocol", r.rule.protocol.ToString()).Field("ports", r.rule.PortsText());
        w.StringArray("peers", peers).EndObject();
      }
      w.EndArray();
      if (p.action == RuleProposalAction::kRedundant) {
        w.Key("carried_by").BeginArray();
        for (const SecurityGroupRule* r : p.carried_by)
          w.BeginObject().Field("group_id", a.usage.rules.at(r).group->id).Field("direction", DirectionName(r->direction))
              .Field("index", static_cast<int64_t>(r->index)).EndObject();
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray().StringArray("commands", ProposalCommands(network, g));
    std::string no_commands = NoCommandsReason(network, g);
    if (!no_commands.empty()) w.Field("no_commands", no_commands);
    w.EndObject();
  }
  w.EndArray();
}

void JsonDiagnostics(JsonWriter& w, const FlowAnalysis& a) {
  w.Key("diagnostics").BeginArray();
  for (const Diagnostic& d : a.read.diagnostics.items())
    w.BeginObject().Field("severity", SeverityName(d.severity)).Field("file", d.file).Field("where", d.path)
        .Field("message", d.message).EndObject();
  w.EndArray();
}

}  // namespace

void WriteFlowsText(const Network& network, const FlowAnalysis& analysis, const FlowsReportOptions& options,
                    std::ostream& out) {
  TextSummary(analysis, out);
  TextRules(network, analysis, options, out);
  TextUnused(network, analysis, out);
  TextRejections(analysis, out);
  TextUnexplained(analysis, out);
  TextProposals(network, analysis, out);
  if (!analysis.read.diagnostics.items().empty()) {
    out << "\ninput problems:\n";
    for (const Diagnostic& d : analysis.read.diagnostics.items())
      out << "  " << TerminalSafe(d.file) << (d.path.empty() ? "" : " " + d.path) << ": " << SeverityName(d.severity)
          << ": " << TerminalSafe(d.message) << "\n";
  }
}

void WriteFlowsJson(const Network& network, const FlowAnalysis& analysis, const FlowsReportOptions& options,
                    std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject();
  JsonWindow(w, analysis);
  JsonStats(w, analysis);
  JsonRules(w, network, analysis, options);
  JsonUnused(w, network, analysis);
  JsonRejections(w, analysis);
  JsonUnexplained(w, analysis);
  JsonProposals(w, network, analysis);
  JsonDiagnostics(w, analysis);
  w.EndObject();
  out << "\n";
}

}  // namespace sgscope
