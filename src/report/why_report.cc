// `sgscope why` rendering. Each rule line carries what the user needs to find and change it (index,
// protocol, ports, peer, and in JSON the file and JSON path); the reason says why, and the JSON
// evidence lists the facts the reason rests on.

#include "report/why_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/json_writer.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

void WriteServicesJson(JsonWriter& w, std::string_view key, const std::vector<ServiceCarriers>& services) {
  if (services.empty()) return;
  w.Key(key).BeginArray();
  for (auto& s : services) {
    w.BeginObject().Field("service", s.service->id).Field("name", s.service->name);
    w.Field("confirmed", s.service->confirmed).Field("doc", s.service->source);
    w.StringArray("interfaces", s.interface_ids).EndObject();
  }
  w.EndArray();
}

void WriteCoversJson(JsonWriter& w, const std::vector<InterfaceCover>& covers) {
  w.Key("covering").BeginArray();
  for (auto& c : covers) {
    // The first interfaces of the class and how many there are: one class may hold thousands.
    std::vector<std::string> first(c.interface_ids.begin(),
                                   c.interface_ids.begin() + std::min<size_t>(c.interface_ids.size(), 20));
    w.BeginObject().StringArray("interfaces", first).Field("interface_count", static_cast<int64_t>(c.interface_ids.size()));
    w.Key("rules").BeginArray();
    for (auto& r : c.rules)
      w.BeginObject()
          .Field("group", r.group_id)
          .Field("direction", DirectionName(r.direction))
          .Field("index", static_cast<int64_t>(r.index))
          .Field("mutual", r.mutual)
          .EndObject();
    w.EndArray().EndObject();
  }
  w.EndArray();
}

void WriteExamplesJson(JsonWriter& w, const std::vector<PeerExample>& examples) {
  w.Key("examples").BeginArray();
  for (auto& e : examples) {
    w.BeginObject();
    if (e.interface_id.empty())
      w.Field("kind", "internet");
    else
      w.Field("kind", "interface")
          .Field("interface", e.interface_id)
          .Field("address", e.address)
          .Field("owner", e.owner);
    w.EndObject();
  }
  w.EndArray();
}

std::vector<std::string> PrefixStrings(const std::vector<IpPrefix>& prefixes) {
  std::vector<std::string> out;
  for (auto& p : prefixes) out.push_back(p.ToString());
  return out;
}

// kind "security-group" (group), "cidrs" (cidrs[]) or "none": no source can reach, remove the rule.
void WriteReachJson(JsonWriter& w, const RuleWhy& r) {
  w.StringArray("reachable_sources", PrefixStrings(r.reachable_sources)).StringArray("reachable_from", r.reachable_from);
  w.Key("proposed_peer").BeginObject();
  if (!r.proposed.group_id.empty()) w.Field("kind", "security-group").Field("group", r.proposed.group_id);
  else if (!r.proposed.cidrs.empty()) w.Field("kind", "cidrs").StringArray("cidrs", PrefixStrings(r.proposed.cidrs));
  else w.Field("kind", "none");
  w.EndObject();
}

void WriteEvidenceJson(JsonWriter& w, const RuleWhy& r) {
  w.Key("evidence").BeginObject();
  if (!r.missing_group.empty()) w.Field("missing_group", r.missing_group);
  WriteServicesJson(w, "not_consulted", r.not_consulted);
  if (r.verdict == RuleVerdict::kRedundant) WriteCoversJson(w, r.covers);
  if (r.verdict == RuleVerdict::kNeeded) WriteExamplesJson(w, r.examples);
  if (r.verdict == RuleVerdict::kWiderThanReachable) WriteReachJson(w, r);
  WriteServicesJson(w, "services", r.served);
  w.EndObject();
}

void WriteRuleJson(const Network& n, JsonWriter& w, const RuleWhy& r) {
  const SecurityGroupRule& rule = *r.rule;
  w.BeginObject().Field("direction", DirectionName(rule.direction)).Field("index", static_cast<int64_t>(rule.index));
  w.Field("protocol", rule.protocol.ToString()).Field("ports", rule.PortsText());
  w.Field("peer", PeerToString(rule.peer)).Field("peer_kind", PeerKindName(rule.peer));
  w.Field("rule_id", rule.rule_id).Field("description", rule.description);
  WriteSourceLocation(w, n, rule.source);
  w.Field("verdict", RuleVerdictName(r.verdict)).Field("reason", r.reason);
  WriteEvidenceJson(w, r);
  w.EndObject();
}

// The documentation a reason rests on, numbered once per output: " [1]" after the reason, the
// link in a closing "Sources" list, so a group of many rules does not repeat one URL per rule.
std::string SourceMarks(const RuleWhy& r, std::vector<std::string_view>& sources) {
  std::string marks;
  for (auto* list : {&r.not_consulted, &r.served})
    for (auto& s : *list) {
      auto it = std::find(sources.begin(), sources.end(), s.service->source);
      if (it == sources.end()) it = sources.insert(sources.end(), s.service->source);
      marks += fmt::format(" [{}]", it - sources.begin() + 1);
    }
  return marks;
}

void WriteDirectionText(const GroupWhy& why, Direction d, std::vector<std::string_view>& sources, std::ostream& out) {
  out << (d == Direction::kIngress ? "Ingress\n" : "Egress\n");
  bool any = false;
  for (auto& r : why.rules) {
    if (r.rule->direction != d) continue;
    any = true;
    out << fmt::format("  {:>2}  {:<7} {:<13} {:<30} {}\n", r.rule->index, r.rule->protocol.ToString(),
                       r.rule->PortsText(), TerminalSafe(PeerToString(r.rule->peer)), RuleVerdictName(r.verdict));
    out << "        " << TerminalSafe(r.reason) << SourceMarks(r, sources) << "\n";
  }
  if (!any) out << "  (no rules)\n";
}

}  // namespace

void WriteWhyText(const Network& n, const GroupWhy& why, std::ostream& out) {
  const SecurityGroup& g = *why.group;
  out << fmt::format("Security group {} ({}) in {}\n", TerminalSafe(g.id), TerminalSafe(g.name),
                     TerminalSafe(g.vpc_id));
  out << "Interfaces:";
  for (auto& c : why.interfaces) out << fmt::format(" {} ({})", TerminalSafe(c.eni->id), c.owner);
  out << (why.interfaces.empty() ? " none\n" : "\n");
  std::vector<std::string_view> sources;
  WriteDirectionText(why, Direction::kIngress, sources, out);
  WriteDirectionText(why, Direction::kEgress, sources, out);
  if (!sources.empty()) out << "Sources\n";
  for (size_t i = 0; i < sources.size(); ++i) out << fmt::format("  [{}] {}\n", i + 1, sources[i]);
}

void WriteWhyJson(const Network& n, const GroupWhy& why, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Field("group", why.group->id).Field("name", why.group->name).Field("vpc", why.group->vpc_id);
  w.Key("interfaces").BeginArray();
  for (auto& c : why.interfaces) w.BeginObject().Field("id", c.eni->id).Field("owner", c.owner).EndObject();
  w.EndArray().Key("rules").BeginArray();
  for (auto& r : why.rules) WriteRuleJson(n, w, r);
  w.EndArray().EndObject();
}

}  // namespace sgscope
