// The simulate events file: a JSON array of {"at": seconds, <kind>: {...}} in time order
// (or the same document in YAML, for files named .yaml / .yml).
// Packets use sgscope's own spelling (the options of `trace`); rule changes use the input
// JSON of the AWS CLI command that makes them (`aws ec2 authorize-security-group-ingress
// --cli-input-json ...`), so the snapshot's IpPermission and NetworkAclEntry readers serve
// here too and a change reads exactly like the rule it adds or removes.

#include "ingest/simulation_events.h"

#include <simdjson.h>

#include "ingest/json_cursor.h"
#include "ingest/load_context.h"
#include "ingest/resource_loaders.h"
#include "ingest/side_document.h"

namespace sgscope {

namespace {

using ingest::JsonCursor;
using ingest::Need;
using EventBody = decltype(SimulationEvent::what);

std::optional<uint16_t> ReadPort(JsonCursor& c, std::string_view key, int64_t min, Need need) {
  std::optional<int64_t> v = c.Int(key, need);
  if (!v) return std::nullopt;
  if (*v < min || *v > 65535) {
    c.ErrorAt(key, std::to_string(*v) + " is not a port (" + std::to_string(min) + "-65535)");
    return std::nullopt;
  }
  return static_cast<uint16_t>(*v);
}

std::optional<uint8_t> ReadByte(JsonCursor& c, std::string_view key) {
  std::optional<int64_t> v = c.Int(key);
  if (v && (*v < 0 || *v > 255)) c.ErrorAt(key, std::to_string(*v) + " is outside 0-255");
  if (!v || *v < 0 || *v > 255) return std::nullopt;
  return static_cast<uint8_t>(*v);
}

// {"from", "to", "protocol", "port", "src_port", "icmp_type", "icmp_code"}: the options of `trace`.
std::optional<EventBody> ReadPacket(JsonCursor& c) {
  SimulatedPacket p;
  bool has_from = c.ReadString("from", p.from, Need::kRequired);  // both read, so both are reported
  bool ok = c.ReadString("to", p.to, Need::kRequired) && has_from;
  std::string protocol = "tcp";
  c.ReadString("protocol", protocol);
  auto selector = ProtocolSelector::Parse(protocol);
  if (!selector || selector->all) {
    c.ErrorAt("protocol", "\"" + protocol + "\" is not tcp, udp, icmp, icmpv6 or a protocol number 0-255");
    return std::nullopt;
  }
  p.protocol = selector->number;
  bool ports = selector->HasPorts();
  std::optional<uint16_t> port = ReadPort(c, "port", 0, ports ? Need::kRequired : Need::kOptional);
  std::optional<uint16_t> src_port = ReadPort(c, "src_port", 1, Need::kOptional);
  if (!ports && (port || src_port)) c.Error("port and src_port apply to tcp and udp only");
  if (ports && !port) ok = false;
  p.dst_port = port.value_or(0);
  p.src_port = src_port.value_or(0);
  p.icmp_type = ReadByte(c, "icmp_type").value_or(p.protocol == kProtoIcmpv6 ? 128 : 8);  // echo request
  p.icmp_code = ReadByte(c, "icmp_code").value_or(0);
  c.CheckFields("packet", {});
  if (!ok) return std::nullopt;
  return p;
}

// {"GroupId", "IpPermissions": [IpPermission...]}, as the AWS CLI takes it.
std::optional<EventBody> ReadRuleChange(JsonCursor& c, bool add, Direction direction) {
  SecurityGroupRuleChange change{add, "", direction, {}};
  bool ok = c.ReadString("GroupId", change.group_id, Need::kRequired);
  size_t errors = c.context().network().diagnostics.count(Severity::kError);
  c.ForEach("IpPermissions", [&](JsonCursor& p) { ingest::ReadIpPermission(p, direction, change.rules); },
            Need::kRequired);
  c.CheckFields(add ? "AuthorizeSecurityGroupRequest" : "RevokeSecurityGroupRequest", {});
  if (!ok || c.context().network().diagnostics.count(Severity::kError) != errors) return std::nullopt;
  return change;
}

// Entries 32767 and up are AWS's default entries, which no API call can create, replace or
// delete: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html
constexpr uint32_t kMaxChangeableRuleNumber = 32766;

bool ChangeableRuleNumber(JsonCursor& c, int64_t number) {
  if (number >= 1 && number <= kMaxChangeableRuleNumber) return true;
  c.ErrorAt("RuleNumber", "rule number " + std::to_string(number) + " cannot be changed: use 1-32766 (32767 and up "
                          "are AWS's default entries)");
  return false;
}

// create-/replace-network-acl-entry: {"NetworkAclId", NetworkAclEntry fields...}.
std::optional<EventBody> ReadAclEntryChange(JsonCursor& c, NetworkAclEntryChange::Kind kind) {
  NetworkAclEntryChange change;
  change.kind = kind;
  bool ok = c.ReadString("NetworkAclId", change.acl_id, Need::kRequired);
  std::optional<NetworkAclEntry> entry = ingest::ReadNetworkAclEntry(c);
  if (!ok || !entry || !ChangeableRuleNumber(c, entry->rule_number)) return std::nullopt;
  change.entry = std::move(*entry);
  return change;
}

// delete-network-acl-entry: {"NetworkAclId", "RuleNumber", "Egress"}.
std::optional<EventBody> ReadAclEntryDelete(JsonCursor& c) {
  NetworkAclEntryChange change;
  change.kind = NetworkAclEntryChange::Kind::kDelete;
  bool ok = c.ReadString("NetworkAclId", change.acl_id, Need::kRequired);
  std::optional<int64_t> number = c.Int("RuleNumber", Need::kRequired);
  std::optional<bool> egress = c.Bool("Egress", Need::kRequired);
  c.CheckFields("DeleteNetworkAclEntryRequest", {});
  if (!ok || !number || !egress || !ChangeableRuleNumber(c, *number)) return std::nullopt;
  change.entry.rule_number = static_cast<uint32_t>(*number);
  change.entry.direction = *egress ? Direction::kEgress : Direction::kIngress;
  change.entry.source = c.Source();
  return change;
}

// The member that names an event's kind, and how its value is read.
struct EventKind {
  std::string_view key;
  std::optional<EventBody> (*read)(JsonCursor&);
};
constexpr EventKind kKinds[] = {
    {"packet", ReadPacket},
    {"authorize-security-group-ingress", [](JsonCursor& c) { return ReadRuleChange(c, true, Direction::kIngress); }},
    {"authorize-security-group-egress", [](JsonCursor& c) { return ReadRuleChange(c, true, Direction::kEgress); }},
    {"revoke-security-group-ingress", [](JsonCursor& c) { return ReadRuleChange(c, false, Direction::kIngress); }},
    {"revoke-security-group-egress", [](JsonCursor& c) { return ReadRuleChange(c, false, Direction::kEgress); }},
    {"create-network-acl-entry",
     [](JsonCursor& c) { return ReadAclEntryChange(c, NetworkAclEntryChange::Kind::kCreate); }},
    {"replace-network-acl-entry",
     [](JsonCursor& c) { return ReadAclEntryChange(c, NetworkAclEntryChange::Kind::kReplace); }},
    {"delete-network-acl-entry", ReadAclEntryDelete},
};

std::string KindList() {
  std::string out;
  for (const EventKind& k : kKinds) out += (out.empty() ? "" : ", ") + std::string(k.key);
  return out;
}

void ReadEvent(JsonCursor& c, std::chrono::seconds& last, std::vector<SimulationEvent>& out) {
  if (!c.ExpectObject()) return;
  std::optional<int64_t> read = c.Int("at", Need::kRequired);
  // Far beyond any timeout (the longest is 5 days), and small enough that time + timeout never overflows.
  constexpr int64_t kMaxTime = 1'000'000'000'000;
  int64_t at = read.value_or(-1);
  bool valid = read && at >= 0 && at <= kMaxTime;
  if (read && at < 0) c.ErrorAt("at", "time " + std::to_string(at) + " is negative; times are seconds from 0");
  if (read && at > kMaxTime)
    c.ErrorAt("at", "time " + std::to_string(at) + " is beyond " + std::to_string(kMaxTime) + " seconds");
  if (valid && std::chrono::seconds(at) < last)
    c.ErrorAt("at", "time " + std::to_string(at) + " is before the previous event's " +
                        std::to_string(last.count()) + "; events must be in time order");
  if (valid && std::chrono::seconds(at) > last) last = std::chrono::seconds(at);
  const EventKind* kind = nullptr;
  int kinds = 0;
  for (const EventKind& k : kKinds)
    if (c.Has(k.key)) kind = &k, ++kinds;
  if (kinds != 1) {
    c.Error(kinds == 0 ? "event has none of " + KindList() : "event has more than one kind");
    return;
  }
  std::optional<EventBody> body;
  c.Object(kind->key, [&](JsonCursor& value) { body = kind->read(value); }, Need::kRequired);
  c.CheckFields("event", {});
  if (!valid || !body) return;
  out.push_back({std::chrono::seconds(at), std::move(*body), c.Source()});
}

// The events of the document's root, which must be an array.
std::function<void(JsonCursor&)> EventsReader(SimulationEventsFile& result) {
  return [&result](JsonCursor& root) {
    if (!root.value().is_array()) return root.Error("expected a JSON array of events");
    std::chrono::seconds last{0};
    root.ForEachElement([&](JsonCursor& event) { ReadEvent(event, last, result.events); });
  };
}

}  // namespace

SimulationEventsFile LoadSimulationEventsFromText(std::string_view text, const std::string& file_name, uint32_t file,
                                                  bool is_yaml) {
  return ingest::ReadSideDocumentInto<SimulationEventsFile>(text, is_yaml, file_name, file, EventsReader);
}

SimulationEventsFile LoadSimulationEvents(const std::filesystem::path& path, const std::string& file_name,
                                          uint32_t file) {
  return ingest::ReadSideFileInto<SimulationEventsFile>(path, "events file", file_name, file, EventsReader);
}

}  // namespace sgscope
