// `sgscope audit` rendering. Text: findings grouped by severity, most severe first, each with
// the rule, the evidence and the command that fixes it, then what suppressions and the
// baseline set aside, then a summary line. JSON: the `findings[]` contract of docs/audit.md,
// with every field a CI script needs; the triage sections appear only when asked for.

#include "report/audit_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "report/json_writer.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

// Counts by severity, most severe first, as "2 high, 1 info"; "no findings" when empty.
std::string SeverityCounts(const AuditResult& result) {
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
  // Remediations are one command a line; each gets a line of its own.
  std::string_view label = "    fix: ";
  for (size_t at = 0; at < f.remediation.size();) {
    size_t end = std::min(f.remediation.find('\n', at), f.remediation.size());
    out << label << TerminalSafe(std::string_view(f.remediation).substr(at, end - at)) << "\n";
    label = "         ", at = end + 1;
  }
}

// "rule-without-description sg-1 ingress/3 (the reason), s.yaml suppressions[2]": what an entry
// covers, why, and where it is.
std::string EntryText(const Suppression& s) {
  return TerminalSafe(fmt::format("{} {}{}{} ({}), {} {}", s.check, s.resource, s.rule.empty() ? "" : " ", s.rule,
                                  s.reason, s.file, s.path));
}

// The suppressed findings, then a warning per expired or unused entry; each part after
// `separator` (a blank line once something was written).
void WriteTriageText(const AuditTriage& triage, std::string& separator, std::ostream& out) {
  if (!triage.suppressed.empty()) out << std::exchange(separator, "\n") << "suppressed:\n";
  for (const SuppressedFinding& s : triage.suppressed)
    out << "  " << TerminalSafe(s.finding.Key()) << ": " << TerminalSafe(s.by.reason)
        << (s.by.expires ? " (until " + CalendarDateText(*s.by.expires) + ")" : "") << "\n";
  if (!triage.expired.empty() || !triage.unused.empty()) out << std::exchange(separator, "\n");
  for (const Suppression& s : triage.expired)
    out << "warning: suppression expired on " << CalendarDateText(*s.expires) << ", no longer applied: " << EntryText(s)
        << "\n";
  for (const Suppression& s : triage.unused) out << "warning: suppression matches no finding: " << EntryText(s) << "\n";
}

}  // namespace

std::string AuditSummaryText(const AuditResult& result, const AuditTriage& triage) {
  std::string text = SeverityCounts(result);
  if (triage.suppressions_given) text += fmt::format("; {} suppressed", triage.suppressed.size());
  if (triage.baseline)
    text += fmt::format("; baseline: {} unchanged, {} fixed", triage.baseline->unchanged, triage.baseline->fixed.size());
  return text;
}

void WriteAuditText(const Network& network, const AuditResult& result, const AuditTriage& triage, std::ostream& out) {
  std::string separator;
  int current = -1;
  for (const Finding& f : result.findings) {
    if (int(f.severity) != current) {
      current = int(f.severity);
      out << std::exchange(separator, "\n") << SeverityName(f.severity) << ":\n";
    }
    WriteFindingText(network, f, out);
  }
  WriteTriageText(triage, separator, out);
  out << separator << fmt::format("{} checks, {}\n", result.checks.size(), AuditSummaryText(result, triage));
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

void WriteFindingMembersJson(JsonWriter& w, const Network& network, const Finding& f) {
  w.Field("check", f.check).Field("severity", SeverityName(f.severity)).Field("resource", f.resource);
  WriteFindingRuleJson(w, f);
  w.Field("message", f.message).StringArray("evidence", f.evidence).Field("remediation", f.remediation);
  WriteSourceLocation(w, network, f.source);
  w.Field("key", f.Key());
}

namespace {

// An entry of the suppressions file as the user wrote it, and where.
void WriteSuppressionMembersJson(JsonWriter& w, const Suppression& s) {
  w.Field("check", s.check).Field("resource", s.resource).Field("rule", s.rule).Field("reason", s.reason);
  w.Field("expires", s.expires ? CalendarDateText(*s.expires) : "");
  w.Key("source").BeginObject().Field("file", s.file).Field("path", s.path).EndObject();
}

void WriteEntriesJson(JsonWriter& w, std::string_view key, const std::vector<Suppression>& entries) {
  w.Key(key).BeginArray();
  for (const Suppression& s : entries) {
    w.BeginObject();
    WriteSuppressionMembersJson(w, s);
    w.EndObject();
  }
  w.EndArray();
}

void WriteTriageJson(JsonWriter& w, const Network& network, const AuditTriage& triage) {
  if (triage.suppressions_given) {
    w.Key("suppressed").BeginArray();
    for (const SuppressedFinding& s : triage.suppressed) {
      w.BeginObject();
      WriteFindingMembersJson(w, network, s.finding);
      w.Key("suppression").BeginObject();
      WriteSuppressionMembersJson(w, s.by);
      w.EndObject().EndObject();
    }
    w.EndArray();
    WriteEntriesJson(w, "expired_suppressions", triage.expired);
    WriteEntriesJson(w, "unused_suppressions", triage.unused);
  }
  if (const auto& b = triage.baseline) {
    w.Key("baseline").BeginObject().Field("baseline_findings", int64_t(b->baseline_findings));
    w.Field("unchanged", int64_t(b->unchanged)).Field("new", int64_t(b->fresh)).StringArray("fixed", b->fixed);
    w.EndObject();
  }
}

}  // namespace

void WriteAuditJson(const Network& network, const AuditResult& result, const AuditTriage& triage, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Key("checks").BeginArray();
  for (const Check* c : result.checks) w.String(c->id);
  w.EndArray().Key("findings").BeginArray();
  for (const Finding& f : result.findings) {
    w.BeginObject();
    WriteFindingMembersJson(w, network, f);
    w.EndObject();
  }
  w.EndArray();
  WriteTriageJson(w, network, triage);
  w.Field("summary", AuditSummaryText(result, triage)).EndObject();
  out << "\n";
}

}  // namespace sgscope
