// `sgscope audit` rendering. Text: findings grouped by severity, most severe first, each with
// the rule, the evidence and the command that fixes it, then a summary line. JSON: the
// `findings[]` contract of docs/audit.md, with every field a CI script needs.

#include "report/audit_report.h"

#include <fmt/format.h>

#include <array>

#include "report/json_writer.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

// Counts by severity, most severe first, as "2 high, 1 info"; "no findings" when empty.
std::string SummaryText(const AuditResult& result) {
  std::array<size_t, 5> counts{};
  for (const Finding& f : result.findings) ++counts[size_t(f.severity)];
  std::string text;
  for (int s = 4; s >= 0; --s)
    if (counts[s]) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", counts[s], SeverityName(FindingSeverity(s)));
  return text.empty() ? "no findings" : text;
}

void WriteFindingText(const Network& network, const Finding& f, std::ostream& out) {
  out << fmt::format("  [{}] {}: {}\n", f.check, TerminalSafe(f.resource), TerminalSafe(f.message));
  if (f.rule) out << "    rule: " << SecurityGroupRuleText(network, *f.group, *f.rule) << "\n";
  else if (f.acl_entry || !f.source.path.empty()) out << "    at: " << SourceLocationText(network, f.source) << "\n";
  for (const std::string& e : f.evidence) out << "    - " << TerminalSafe(e) << "\n";
  if (!f.remediation.empty()) out << "    fix: " << TerminalSafe(f.remediation) << "\n";
}

}  // namespace

void WriteAuditText(const Network& network, const AuditResult& result, std::ostream& out) {
  int current = -1;
  for (const Finding& f : result.findings) {
    if (int(f.severity) != current) {
      current = int(f.severity);
      out << (&f == &result.findings.front() ? "" : "\n") << SeverityName(f.severity) << ":\n";
    }
    WriteFindingText(network, f, out);
  }
  out << (result.findings.empty() ? "" : "\n")
      << fmt::format("{} checks, {}\n", result.checks.size(), SummaryText(result));
}

void WriteFindingRuleJson(JsonWriter& w, const Finding& f) {
  if (f.rule) {
    const SecurityGroupRule& r = *f.rule;
    w.Key("rule").BeginObject().Field("group_id", f.group->id).Field("direction", DirectionName(r.direction));
    w.Field("index", int64_t{r.index}).Field("rule_id", r.rule_id).Field("protocol", r.protocol.ToString());
    w.Field("ports", r.PortsText()).Field("peer", PeerToString(r.peer)).Field("peer_kind", PeerKindName(r.peer));
    w.Field("description", r.description).EndObject();
  } else if (f.acl_entry) {
    const NetworkAclEntry& e = *f.acl_entry;
    w.Key("rule").BeginObject().Field("acl_id", f.acl->id).Field("direction", DirectionName(e.direction));
    w.Field("rule_number", int64_t{e.rule_number}).Field("action", e.allow ? "allow" : "deny");
    w.Field("protocol", e.protocol.ToString()).Field("cidr", e.cidr.ToString());
    w.Field("ports", e.protocol.HasPorts() ? e.ports.ToString() : e.protocol.HasIcmpTypes() ? e.icmp.ToString() : "all");
    w.EndObject();
  }
}

void WriteAuditJson(const Network& network, const AuditResult& result, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Key("checks").BeginArray();
  for (const Check* c : result.checks) w.String(c->id);
  w.EndArray().Key("findings").BeginArray();
  for (const Finding& f : result.findings) {
    w.BeginObject().Field("check", f.check).Field("severity", SeverityName(f.severity)).Field("resource", f.resource);
    WriteFindingRuleJson(w, f);
    w.Field("message", f.message).StringArray("evidence", f.evidence).Field("remediation", f.remediation);
    WriteSourceLocation(w, network, f.source);
    w.Field("key", f.Key()).EndObject();
  }
  w.EndArray().Field("summary", SummaryText(result)).EndObject();
  out << "\n";
}

}  // namespace sgscope
