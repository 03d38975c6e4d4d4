// Diff rendering. Each flow is one line "from -> to: services", then the rules that admit it
// (the new snapshot's for a gain, the old one's for a loss) and, for a loss, what stops it now.
// Interfaces that exist in only one snapshot are listed first: all their flows change.

#include "report/diff_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "report/internet_addresses.h"
#include "report/json_writer.h"
#include "report/reach_report.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

std::string Name(const DiffEndpoints& e) {
  if (e.kind == EndpointClass::Kind::kInternet) return InternetEndpointText(e.addresses, e.family);
  if (e.kind == EndpointClass::Kind::kVpnClients) return TerminalSafe(e.trace_text);
  return TerminalSafe(InterfaceClassLabel(e.trace_text, e.members.size(), e.family));
}

std::vector<std::string> Members(const DiffEndpoints& e) {
  if (e.kind == EndpointClass::Kind::kInterfaces) return e.members;
  if (e.kind == EndpointClass::Kind::kVpnClients) return {e.trace_text};
  std::vector<std::string> out;
  for (auto& p : e.addresses.ToPrefixes()) out.push_back(p.ToString());
  return out;
}

// Interfaces of the groups that exist in only one snapshot.
std::vector<std::string> OnlyIn(const ReachDiff& d, bool old_side) {
  std::set<std::string> ids;
  for (auto* list : {&d.sources, &d.destinations})
    for (auto& e : *list)
      if (e.kind == EndpointClass::Kind::kInterfaces && (old_side ? !e.in_new : !e.in_old))
        ids.insert(e.members.begin(), e.members.end());
  return {ids.begin(), ids.end()};
}

std::string IdList(const std::vector<std::string>& ids) {
  return TerminalSafe(fmt::format("{}", fmt::join(ids, ", ")));
}

// The members of every group with several that a flow names, so "(+N alike)" can be read.
void WriteGroupsText(const ReachDiff& d, std::ostream& out) {
  std::set<std::string> seen;
  for (auto* flows : {&d.gained, &d.lost})
    for (auto& f : *flows)
      for (const DiffEndpoints* e : {&d.sources[f.from], &d.destinations[f.to]})
        if (e->members.size() > 1 && seen.insert(Name(*e)).second)
          out << fmt::format("group {}: {}\n", Name(*e), IdList(e->members));
}

std::string ProtocolText(const DiffFlow& f) { return f.protocol ? ProtocolName(*f.protocol) : "other"; }

// The services without the protocol's name: "22, 8080-8090", "all ports", "type 8".
std::string PortsText(const DiffFlow& f) {
  std::string text = f.services.ToString(), prefix = f.protocol ? ProtocolName(*f.protocol) + " " : "";
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
}

// `verb` names what the rules did: "admitted by" (gained) or "was admitted by" (lost).
void WriteFlowsText(const char* title, const char* verb, const Network& rules_network, const ReachDiff& d,
                    const std::vector<DiffFlow>& flows, std::ostream& out) {
  for (auto& f : flows) {
    out << fmt::format("\n{}: {} -> {}: {}\n", title, Name(d.sources[f.from]), Name(d.destinations[f.to]),
                       f.services.ToString());
    for (auto& m : f.rules)
      out << "  " << verb << " " << SecurityGroupRuleText(rules_network, *m.group, *m.rule) << "\n";
    for (auto& b : f.blockers)
      out << fmt::format("  now blocked by {}: {}\n", ReachBlockerText(b), b.denies.ToString(f.services));
  }
}

void WriteFlowsJson(JsonWriter& w, const char* key, const Network& rules_network, const ReachDiff& d,
                    const std::vector<DiffFlow>& flows) {
  w.Key(key).BeginArray();
  for (auto& f : flows) {
    const DiffEndpoints &from = d.sources[f.from], &to = d.destinations[f.to];
    w.BeginObject().Field("from", Name(from)).Field("to", Name(to));
    w.StringArray("from_members", Members(from)).StringArray("to_members", Members(to));
    w.Field("protocol", ProtocolText(f)).Field("ports", PortsText(f)).Field("services", f.services.ToString());
    w.Key("rules").BeginArray();
    for (auto& m : f.rules) WriteAdmittingRuleJson(w, rules_network, m);
    w.EndArray().Key("blockers").BeginArray();
    for (auto& b : f.blockers) WriteReachBlockerJson(w, b, f.services);
    w.EndArray().EndObject();
  }
  w.EndArray();
}

}  // namespace

void WriteDiffText(const Network& old_network, const Network& new_network, const ReachDiff& d, std::ostream& out) {
  out << fmt::format("{} source group(s), {} destination group(s): {} flow(s) gained, {} lost\n", d.sources.size(),
                     d.destinations.size(), d.gained.size(), d.lost.size());
  if (auto ids = OnlyIn(d, true); !ids.empty()) out << "only in the old snapshot: " << IdList(ids) << "\n";
  if (auto ids = OnlyIn(d, false); !ids.empty()) out << "only in the new snapshot: " << IdList(ids) << "\n";
  WriteGroupsText(d, out);
  WriteFlowsText("gained", "admitted by", new_network, d, d.gained, out);
  WriteFlowsText("lost", "was admitted by", old_network, d, d.lost, out);
}

void WriteDiffJson(const Network& old_network, const Network& new_network, const ReachDiff& d, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().StringArray("only_in_old", OnlyIn(d, true)).StringArray("only_in_new", OnlyIn(d, false));
  WriteFlowsJson(w, "gained", new_network, d, d.gained);
  WriteFlowsJson(w, "lost", old_network, d, d.lost);
  w.EndObject();
}

}  // namespace sgscope
