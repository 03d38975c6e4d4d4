// Reach rendering. A pair prints its allowed services, then each blocking component with the
// services it stops (forward services: for a response filter, the flows whose response it
// drops), then the admitting rules with their source locations, then the modelling notes.

#include "report/reach_report.h"

#include <fmt/format.h>

#include "report/internet_addresses.h"
#include "report/json_writer.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

const char* KindName(EndpointClass::Kind k) {
  switch (k) {
    case EndpointClass::Kind::kInterfaces: return "interfaces";
    case EndpointClass::Kind::kInternet: return "internet";
    case EndpointClass::Kind::kVpnClients: return "vpn-clients";
  }
  return "";
}

// The class's name: its label, or for internet blocks the addresses.
std::string Name(const EndpointClass& c) {
  if (c.kind != EndpointClass::Kind::kInternet) return TerminalSafe(c.label);
  return InternetEndpointText(c.addresses, c.family);
}

void WriteClassesText(const char* title, const std::vector<EndpointClass>& classes, std::ostream& out) {
  for (auto& c : classes) {
    if (c.members.size() < 2) continue;
    std::string ids;
    for (size_t i = 0; i < c.members.size() && i < 12; ++i) ids += (i ? ", " : "") + c.members[i]->id;
    if (c.members.size() > 12) ids += fmt::format(", … ({} in all)", c.members.size());
    out << fmt::format("{} class {}: {}\n", title, Name(c), TerminalSafe(ids));
  }
}

void WriteClassJson(JsonWriter& w, const EndpointClass& c) {
  w.BeginObject().Field("label", Name(c)).Field("kind", KindName(c.kind));
  std::vector<std::string> members, addresses;
  for (auto* m : c.members) members.push_back(m->id);
  for (auto& p : c.addresses.ToPrefixes()) addresses.push_back(p.ToString());
  w.StringArray("members", members).StringArray("addresses", addresses).EndObject();
}

}  // namespace

std::string ReachBlockerText(const ReachBlocker& b) {
  if (b.kind == "path") return TerminalSafe(b.detail);
  return TerminalSafe(fmt::format("{}{} {} {} of {}", b.response ? "response: " : "", b.kind, b.direction, b.component,
                                  b.at));
}

void WriteReachBlockerJson(JsonWriter& w, const ReachBlocker& b, const ServiceSet& examined) {
  w.BeginObject().Field("component", b.component).Field("kind", b.kind).Field("direction", b.direction);
  w.Field("response", b.response).Field("at", b.at).Field("detail", b.detail).Field("denies", b.denies.ToString(examined));
  w.EndObject();
}

void WriteAdmittingRuleJson(JsonWriter& w, const Network& n, const SecurityGroupMatch& m) {
  w.BeginObject().Field("group", m.group->id).Field("direction", DirectionName(m.rule->direction));
  w.Field("index", static_cast<int64_t>(m.rule->index)).Field("description", m.rule->description);
  WriteSourceLocation(w, n, m.rule->source);
  w.EndObject();
}

void WriteReachText(const Network& n, const ReachAnswer& a, std::ostream& out) {
  size_t open = 0;
  for (auto& p : a.pairs) open += !p.allowed.empty();
  out << fmt::format("{} source class(es), {} destination class(es), {} pair(s), {} with traffic getting through\n",
                     a.sources.size(), a.destinations.size(), a.pairs.size(), open);
  WriteClassesText("source", a.sources, out);
  WriteClassesText("destination", a.destinations, out);
  for (auto& p : a.pairs) WriteReachPairText(n, a, p, out);
}

void WriteReachPairText(const Network& n, const ReachAnswer& a, const ReachPair& p, std::ostream& out) {
  out << fmt::format("\n{} -> {}\n  allowed: {}\n", Name(a.sources[p.from]), Name(a.destinations[p.to]),
                     p.allowed.ToString(p.examined));
  for (auto& b : p.blockers) out << fmt::format("  blocked by {}: {}\n", ReachBlockerText(b), b.denies.ToString(p.examined));
  for (auto& m : p.rules) out << "  admitted by " << SecurityGroupRuleText(n, *m.group, *m.rule) << "\n";
  for (auto& note : p.notes) out << "  note: " << TerminalSafe(note) << "\n";
}

void WriteReachJson(const Network& n, const ReachAnswer& a, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Key("sources").BeginArray();
  for (auto& c : a.sources) WriteClassJson(w, c);
  w.EndArray().Key("destinations").BeginArray();
  for (auto& c : a.destinations) WriteClassJson(w, c);
  w.EndArray().Key("pairs").BeginArray();
  for (auto& p : a.pairs) WriteReachPairJson(w, n, a, p);
  w.EndArray().EndObject();
}

void WriteReachPairJson(JsonWriter& w, const Network& n, const ReachAnswer& a, const ReachPair& p) {
  w.BeginObject().Field("from", Name(a.sources[p.from])).Field("to", Name(a.destinations[p.to]));
  w.Key("allowed").BeginArray();
  for (const ServiceRun& r : p.allowed.Runs())
    w.BeginObject().Field("protocol", ProtocolName(r.protocol)).Field("from", int64_t{r.lo}).Field("to", int64_t{r.hi}).EndObject();
  w.EndArray().Field("allowed_text", p.allowed.ToString(p.examined)).Key("blockers").BeginArray();
  for (auto& b : p.blockers) WriteReachBlockerJson(w, b, p.examined);
  w.EndArray().Key("rules").BeginArray();
  for (auto& m : p.rules) WriteAdmittingRuleJson(w, n, m);
  w.EndArray().StringArray("notes", p.notes).EndObject();
}

}  // namespace sgscope
