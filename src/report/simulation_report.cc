// Simulation rendering: each event with its time; a packet with its verdict, the component
// and reason that decided it, every security-group decision and what the connection tables
// did; a change with what it changed.

#include "report/simulation_report.h"

#include <fmt/format.h>

#include "report/json_writer.h"
#include "report/text.h"
#include "report/trace_report.h"

namespace sgscope {

namespace {

void WriteStepText(const SimulationStep& s, std::ostream& out) {
  std::string head = fmt::format("t={:<6} [{}] ", s.at.count(), s.index);
  if (!s.trace) {
    out << head << "change  " << TerminalSafe(s.change) << (s.applied ? "" : "  (not applied)") << "\n";
    return;
  }
  out << head << "packet  " << s.trace->packet.ToString() << "\n";
  out << "           " << s.verdict << (s.decided_by.empty() ? "" : " at " + TerminalSafe(s.decided_by)) << ": "
      << TerminalSafe(s.reason) << "\n";
  for (const GateDecision& d : s.security_groups)
    if (d.detail != s.reason)  // the deciding one is on the verdict line already
      out << fmt::format("           security group {} {}: {}\n", TerminalSafe(d.interface_id),
                       DirectionName(d.direction), TerminalSafe(d.detail));
  for (const std::string& t : s.tracking) out << "           tracking " << TerminalSafe(t) << "\n";
  for (size_t i = 1; i < s.trace->blockers.size(); ++i)
    out << "           also blocked by " << TerminalSafe(s.trace->blockers[i]) << "\n";
}

void WriteStepJson(const Network& n, JsonWriter& w, const SimulationStep& s) {
  w.BeginObject().Field("index", static_cast<int64_t>(s.index)).Field("at", static_cast<int64_t>(s.at.count()));
  w.Key("source").BeginObject().Field("file", n.FileOf(s.source)).Field("path", s.source.path).EndObject();
  if (!s.trace) {
    w.Field("type", "change").Field("change", s.change).Field("applied", s.applied).EndObject();
    return;
  }
  w.Field("type", "packet").Key("packet");
  WritePacketJson(w, s.trace->packet);
  w.Field("source_endpoint", s.trace->source).Field("destination_endpoint", s.trace->destination);
  w.Field("verdict", s.verdict).Field("disposition", DispositionName(s.trace->disposition));
  w.Field("decided_by", s.decided_by).Field("reason", s.reason);
  w.Key("security_groups").BeginArray();
  for (const GateDecision& d : s.security_groups)
    w.BeginObject()
        .Field("interface", d.interface_id)
        .Field("direction", DirectionName(d.direction))
        .Field("action", d.allow ? "allow" : "deny")
        .Field("by_tracking", d.by_tracking)
        .Field("rules_allow", d.rules_allow)
        .Field("table", d.table)
        .Field("detail", d.detail)
        .EndObject();
  w.EndArray();
  w.StringArray("tracking", s.tracking).StringArray("blockers", s.trace->blockers);
  w.EndObject();
}

}  // namespace

void WriteSimulationText(const Network&, const SimulationResult& r, std::ostream& out) {
  for (const SimulationStep& s : r.steps) WriteStepText(s, out);
  for (const std::string& note : r.notes) out << "note: " << TerminalSafe(note) << "\n";
}

void WriteSimulationJson(const Network& n, const SimulationResult& r, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Key("events").BeginArray();
  for (const SimulationStep& s : r.steps) WriteStepJson(n, w, s);
  w.EndArray().StringArray("notes", r.notes).EndObject();
}

}  // namespace sgscope
