// Exposure rendering. A flow set is printed per protocol and service range with its sources as
// CIDR blocks; "any internet address" stands for the whole public space of the family, which
// would otherwise print as the dozens of blocks around the private ranges.

#include "report/exposure_report.h"

#include <fmt/format.h>

#include "report/json_writer.h"
#include "report/source_location.h"
#include "report/text.h"

namespace sgscope {

namespace {

// "22", "1024-65535", "all"; for ICMP "type 8", "type 3 code 4", "types 0-8".
std::string ServiceText(uint8_t protocol, uint16_t lo, uint16_t hi) {
  if (lo == 0 && hi == 65535) return "all";
  if (protocol != kProtoIcmp && protocol != kProtoIcmpv6) return lo == hi ? std::to_string(lo) : fmt::format("{}-{}", lo, hi);
  if (lo == hi) return fmt::format("type {} code {}", lo >> 8, lo & 0xff);
  if ((lo & 0xff) == 0 && (hi & 0xff) == 0xff)
    return lo >> 8 == hi >> 8 ? fmt::format("type {}", lo >> 8) : fmt::format("types {}-{}", lo >> 8, hi >> 8);
  return fmt::format("type {} code {} - type {} code {}", lo >> 8, lo & 0xff, hi >> 8, hi & 0xff);
}

AddressSet Internet(IpFamily family) {
  static const AddressSet kInternet = InternetSpace();
  return kInternet.Intersect(AddressSet::AllOf(family));
}

bool IsWholeInternet(const AddressSet& sources, IpFamily family) { return sources == Internet(family); }

// The first 8 of the `count` blocks of `set`, and how many more there are.
std::string BlocksText(const AddressSet& set, size_t count) {
  std::string out;
  for (const IpPrefix& p : set.ToPrefixes(8)) out += (out.empty() ? "" : ", ") + p.ToString();
  if (count > 8) out += fmt::format(" (+{} more blocks)", count - 8);
  return out;
}

// The sources as blocks, or as the internet minus a few blocks when that is shorter.
std::string SourcesText(const AddressSet& sources, IpFamily family) {
  if (IsWholeInternet(sources, family)) return "any internet address";
  AddressSet missing = Internet(family).Subtract(sources);
  size_t count = sources.PrefixCount(), missing_count = missing.PrefixCount();
  if (missing_count < count) return "any internet address except " + BlocksText(missing, missing_count);
  return BlocksText(sources, count);
}

std::string RuleText(const Network& n, const AdmittingRule& r) {
  std::string text = fmt::format("{} ingress {}: {} {}", r.group->id, r.rule->index, r.rule->ProtocolPortsText(),
                                 PeerToString(r.rule->peer));
  if (!r.rule->description.empty()) text += " \"" + r.rule->description + "\"";
  return TerminalSafe(text) + "  [" + SourceLocationText(n, r.rule->source) + "]";
}

template <typename F>
void ForEachCell(const FlowSet& flows, F&& f) {
  for (int p = 0; p < 256; ++p)
    for (auto& c : flows.cells(static_cast<uint8_t>(p))) f(static_cast<uint8_t>(p), c);
}

}  // namespace

void WriteExposureText(const Network& n, const ExposureReport& report, std::ostream& out) {
  out << fmt::format("Exposed to the internet: {} address(es)\n", report.exposed.size());
  for (auto& e : report.exposed) {
    out << fmt::format("{} ({}{}) at {} via {}\n", TerminalSafe(e.eni->id), e.owner,
                       e.resource.empty() ? "" : " " + TerminalSafe(e.resource), e.public_address.ToString(), e.gateway);
    ForEachCell(e.flows, [&](uint8_t p, const FlowSet::Cell& c) {
      out << fmt::format("  {:<7} {:<14} from {}\n", ProtocolName(p), ServiceText(p, c.lo, c.hi),
                         SourcesText(c.addresses, e.public_address.family()));
    });
    for (auto& r : e.rules) out << "    admitted by " << RuleText(n, r) << "\n";
  }
  if (!report.explained.empty()) out << "Open to internet sources by their groups, but not exposed\n";
  for (auto& x : report.explained) out << fmt::format("  {}: {}\n", TerminalSafe(x.eni->id), TerminalSafe(x.reason));
}

void WriteExposureJson(const Network& n, const ExposureReport& report, std::ostream& out) {
  JsonWriter w(out);
  w.BeginObject().Key("exposures").BeginArray();
  for (auto& e : report.exposed)
    ForEachCell(e.flows, [&](uint8_t p, const FlowSet::Cell& c) {
      w.BeginObject().Field("interface", e.eni->id).Field("resource", e.resource).Field("owner", e.owner);
      w.Field("public_ip", e.public_address.ToString()).Field("gateway", e.gateway);
      w.Field("protocol", ProtocolName(p)).Field("ports", ServiceText(p, c.lo, c.hi));
      w.Field("any_internet_source", IsWholeInternet(c.addresses, e.public_address.family()));
      std::vector<std::string> sources;
      for (auto& prefix : c.addresses.ToPrefixes()) sources.push_back(prefix.ToString());
      w.StringArray("sources", sources).Key("rules").BeginArray();
      for (auto& r : e.rules) {
        // The rule admits part of this cell's protocol and service range.
        const ProtocolSelector& protocol = r.rule->protocol;
        PortRange range = protocol.all ? PortRange::All() : ServiceRange(p, r.rule->ports, r.rule->icmp);
        if (!protocol.Matches(p) || range.to < c.lo || c.hi < range.from) continue;
        w.BeginObject().Field("group", r.group->id).Field("direction", "ingress");
        w.Field("index", static_cast<int64_t>(r.rule->index)).Field("description", r.rule->description);
        WriteSourceLocation(w, n, r.rule->source);
        w.EndObject();
      }
      w.EndArray().EndObject();
    });
  w.EndArray().Key("not_exposed").BeginArray();
  for (auto& x : report.explained) w.BeginObject().Field("interface", x.eni->id).Field("reason", x.reason).EndObject();
  w.EndArray().EndObject();
}

}  // namespace sgscope
