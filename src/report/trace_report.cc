// Trace rendering. Each hop names the AWS component and, where a rule decided, the
// exact rule and the file/JSON path it came from, so the user can find the line to change.

#include "report/trace_report.h"

#include <fmt/format.h>

#include "report/json_writer.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

std::string RuleText(const Network& n, const DecidingRule& r) {
  std::string where = SourceLocationText(n, r.source);
  if (!r.group_id.empty())
    return fmt::format("{} rule {}: {} {} {}{}  [{}]", r.group_id, *r.index, r.protocol, r.ports, r.peer,
                       r.description.empty() ? "" : " \"" + TerminalSafe(r.description) + "\"", where);
  if (!r.acl_id.empty())
    return fmt::format("{} entry {}: {} {} {} {}  [{}]", r.acl_id, *r.rule_number, r.description, r.protocol, r.ports,
                       r.peer, where);
  return fmt::format("{} -> {}  [{}]", r.peer, r.description, where);
}

void WriteHopsText(const Network& n, const std::vector<TraceHop>& hops, std::ostream& out) {
  int i = 1;
  for (auto& h : hops) {
    out << fmt::format("  {:>2}. {:<13} {:<28} {:<26} {}\n", i++, h.action, TerminalSafe(h.component),
                       h.kind + (h.direction.empty() ? "" : " " + h.direction), TerminalSafe(h.detail));
    for (auto& r : h.rules) out << "              " << RuleText(n, r) << "\n";
  }
}

void WriteRuleJson(const Network& n, JsonWriter& w, const DecidingRule& r) {
  w.BeginObject();
  if (!r.group_id.empty()) w.Field("group_id", r.group_id);
  if (!r.acl_id.empty()) w.Field("acl_id", r.acl_id);
  if (!r.route_table_id.empty()) w.Field("route_table_id", r.route_table_id);
  if (r.index) w.Field("index", static_cast<int64_t>(*r.index));
  if (r.rule_number) w.Field("rule_number", static_cast<int64_t>(*r.rule_number));
  if (!r.protocol.empty()) w.Field("protocol", r.protocol);
  if (!r.ports.empty()) w.Field("ports", r.ports);
  w.Field(r.route_table_id.empty() ? "peer" : "destination", r.peer);
  w.Field(r.route_table_id.empty() ? "description" : "target", r.description);
  WriteSourceLocation(w, n, r.source);
  w.EndObject();
}

void WriteHopsJson(const Network& n, JsonWriter& w, const std::vector<TraceHop>& hops) {
  w.BeginArray();
  for (auto& h : hops) {
    w.BeginObject().Field("component", h.component).Field("kind", h.kind).Field("direction", h.direction);
    w.Field("action", h.action).Field("detail", h.detail).Key("packet");
    WritePacketJson(w, h.packet);
    if (!h.rules.empty()) {
      w.Key("rules").BeginArray();
      for (auto& r : h.rules) WriteRuleJson(n, w, r);
      w.EndArray();
      w.Key("rule");
      WriteRuleJson(n, w, h.rules.front());
    }
    w.EndObject();
  }
  w.EndArray();
}

void WriteStrings(JsonWriter& w, const std::vector<std::string>& items) {
  w.BeginArray();
  for (auto& s : items) w.String(s);
  w.EndArray();
}

}  // namespace

void WritePacketJson(JsonWriter& w, const Packet& p) {
  w.BeginObject().Field("src", p.src.ToString()).Field("dst", p.dst.ToString());
  w.Field("protocol", ProtocolName(p.protocol));
  if (p.has_ports()) w.Field("src_port", int64_t{p.src_port}).Field("dst_port", int64_t{p.dst_port});
  if (p.is_icmp()) w.Field("icmp_type", int64_t{p.icmp_type}).Field("icmp_code", int64_t{p.icmp_code});
  w.EndObject();
}

void WriteTraceText(const Network& n, const TraceResult& r, std::ostream& out) {
  out << fmt::format("Flow: {}\n", r.packet.ToString());
  out << fmt::format("From: {}\nTo:   {}\n", TerminalSafe(r.source), TerminalSafe(r.destination));
  out << "Forward\n";
  WriteHopsText(n, r.forward, out);
  if (!r.ret.empty()) {
    out << (r.return_hypothetical ? "Return (if the forward path were allowed)\n" : "Return\n");
    WriteHopsText(n, r.ret, out);
  }
  out << fmt::format("Result: {}{}\n", DispositionName(r.disposition), r.accepted() ? "" : " (denied)");
  for (auto& b : r.blockers) out << "  blocked by " << TerminalSafe(b) << "\n";
  for (auto& note : r.notes) out << "  note: " << TerminalSafe(note) << "\n";
}

void WriteTraceJson(const Network& n, const TraceResult& r, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Field("disposition", DispositionName(r.disposition)).Field("accepted", r.accepted());
  w.Key("packet");
  WritePacketJson(w, r.packet);
  w.Field("source", r.source).Field("destination", r.destination);
  w.Key("forward");
  WriteHopsJson(n, w, r.forward);
  w.Key("return");
  WriteHopsJson(n, w, r.ret);
  w.Field("return_hypothetical", r.return_hypothetical);
  w.Key("blockers");
  WriteStrings(w, r.blockers);
  w.Key("notes");
  WriteStrings(w, r.notes);
  w.EndObject();
}

}  // namespace sgscope
