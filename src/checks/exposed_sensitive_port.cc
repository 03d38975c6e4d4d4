// exposed-sensitive-port (docs/checks/exposed-sensitive-port.md): admin, database, cache, search,
// file-sharing and plaintext services that the internet (or a peer) really reaches. Unlike
// scanners that flag every 0.0.0.0/0 rule, the severity follows the exposure engines: critical or
// high when internet hosts get in and back (exposure.h), medium when only VPN clients, peered
// VPCs or transit-gateway neighbours do (exposure_sections.h), low when a rule opens the port to
// the whole internet but nothing reaches it, with the reason. One finding per (admitting rule,
// service); its fix revokes the rule.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "checks/reach_evidence.h"
#include "checks/registry.h"
#include "checks/remediation.h"
#include "checks/sensitive_ports.h"
#include "model/interface_owner.h"

namespace sgscope {

namespace {

// What one (rule, service) finding gathers before it is written.
struct RuleService {
  const SecurityGroup* group = nullptr;
  const SecurityGroupRule* rule = nullptr;
  const SensitivePort* service = nullptr;
  FindingSeverity severity = FindingSeverity::kLow;
  std::vector<std::string> evidence;
  std::set<std::string> interfaces;  // exposed ones, by id (an interface may have an IPv4 and an IPv6 address)
  const RdsInstance* unjudged = nullptr;  // a publicly accessible DB instance whose interfaces are not exported
};
using Key = std::pair<const SecurityGroupRule*, const SensitivePort*>;

ServiceSet ServicesOf(const SensitivePort& s) { return ServiceSet::Services(s.protocol, s.ports); }
ServiceSet ServicesOf(const SecurityGroupRule& r) { return ServiceSet::Of(r.protocol, r.ports, r.icmp); }

bool OpenToWholeInternet(const SecurityGroupRule& r) {
  auto* p = std::get_if<IpPrefix>(&r.peer);
  return r.direction == Direction::kIngress && p && p->length() == 0;
}

std::string ServiceText(const SensitivePort& s) {
  return fmt::format("{} ({})", s.service, ServicesOf(s).ToString());
}

// The internet sources that reach `x` through `rule` on `s`, and on which ports.
struct Reached {
  AddressSet sources;
  ServiceSet ports;
};
// The sources are the rule's own (a prefix list's CIDRs): the flows' sources may come from other rules.
Reached ReachedThrough(const InterfaceExposure& x, const AdmittingRule& ar, const SensitivePort& s) {
  Reached out;
  ServiceSet wanted = ServicesOf(*ar.rule).Intersect(ServicesOf(s));
  const AddressSet& peer = ar.sources;
  for (const FlowSet::Cell& c : x.flows.cells(s.protocol)) {
    ServiceSet here = wanted.Intersect(ServiceSet::Services(s.protocol, {c.lo, c.hi}));
    AddressSet sources = c.addresses.Intersect(peer);
    if (here.empty() || sources.empty()) continue;
    out.sources = out.sources.Union(sources);
    out.ports = out.ports.Union(here);
  }
  return out;
}

std::string SourcesText(const AddressSet& sources, bool world) {
  if (world) return "any internet address";
  std::vector<IpPrefix> some = sources.ToPrefixes(4);
  std::string text;
  for (const IpPrefix& p : some) text += (text.empty() ? "" : ", ") + p.ToString();
  return sources.PrefixCount() > some.size() ? text + ", ..." : text;
}

void AddInternet(const InterfaceExposure& x, const std::vector<SensitivePort>& services, std::map<Key, RuleService>& out) {
  AddressSet world = InternetSpace().Intersect(AddressSet::AllOf(x.public_address.family()));
  for (const AdmittingRule& ar : x.rules)
    for (const SensitivePort& s : services) {
      Reached r = ReachedThrough(x, ar, s);
      if (r.ports.empty()) continue;
      bool whole = r.sources.Contains(world);
      RuleService& f = out[{ar.rule, &s}];
      f.group = ar.group, f.rule = ar.rule, f.service = &s, f.interfaces.insert(x.eni->id);
      f.severity = std::max(f.severity, whole ? FindingSeverity::kCritical : FindingSeverity::kHigh);
      f.evidence.push_back(fmt::format("{}{} at {} via {}: {} from {}", x.eni->id,
                                       x.resource.empty() ? "" : " (" + x.resource + ")", x.public_address.ToString(),
                                       x.gateway, r.ports.ToString(), SourcesText(r.sources, whole)));
    }
}

// The notes of the one explained pair a VPN section's finding rests on: only those paths carry
// UNCONFIRMED assumptions worth repeating, and explaining one pair per finding stays cheap.
std::vector<std::string> VpnNotes(const Network& n, const SectionMatrix& sm, size_t j) {
  std::vector<std::string> notes;
  if (sm.section.kind != "vpn-clients") return notes;
  ReachAnswer a = ReachBetween(n, sm.matrix.sources, {sm.matrix.destinations[j]}, ReachQuery{});
  for (const ReachPair& p : a.pairs) AddUnconfirmedNotes(p, notes);
  return notes;
}

// Peers, VPN clients and transit neighbours, for the world-open rules the internet does not reach.
// In bulk: a destination class whose groups hold a world-open IPv4 rule (it admits every IPv4
// source, reach is IPv4) is reached through that rule on whatever gets through on its services.
void AddSections(CheckContext& context, const std::vector<SensitivePort>& services, std::map<Key, RuleService>& out) {
  const Network& n = context.network();
  for (const SectionMatrix& sm : context.OtherReach())
    for (size_t j = 0; j < sm.matrix.destinations.size(); ++j) {
      const NetworkInterface& eni = *sm.matrix.destinations[j].members.front();
      if (const ManagedService* m = ServiceOfInterface(n, eni); m && m->inbound == InboundUse::kNotConsulted) continue;
      ServiceSet reaching;
      for (size_t i = 0; i < sm.matrix.sources.size(); ++i)
        if (const ServiceSet* set = sm.matrix.At(i, j)) reaching = reaching.Union(*set);
      if (reaching.empty()) continue;
      std::vector<std::string> notes;
      bool noted = false;
      for (const SecurityGroup* g : n.GroupsOf(eni))
        for (const SecurityGroupRule& r : g->ingress) {
          if (!OpenToWholeInternet(r) || std::get<IpPrefix>(r.peer).family() != IpFamily::kV4) continue;
          for (const SensitivePort& s : services) {
            ServiceSet reached = reaching.Intersect(ServicesOf(r)).Intersect(ServicesOf(s));
            auto it = out.find({&r, &s});
            if (reached.empty() || (it != out.end() && it->second.severity > FindingSeverity::kMedium)) continue;
            if (!noted) notes = VpnNotes(n, sm, j), noted = true;
            RuleService& f = out[{&r, &s}];
            f.group = g, f.rule = &r, f.service = &s, f.severity = FindingSeverity::kMedium;
            f.evidence.push_back(fmt::format("{} via {}: {} reach {} on {}", sm.section.kind, sm.section.via,
                                             sm.section.from, sm.matrix.destinations[j].label, reached.ToString()));
            for (const std::string& note : notes)
              if (std::find(f.evidence.begin(), f.evidence.end(), note) == f.evidence.end()) f.evidence.push_back(note);
          }
        }
    }
}

// Why nothing reaches a world-open rule's interfaces: exposure's own reasons, per interface.
std::vector<std::string> NotReachedEvidence(const Network& n, const SecurityGroup& g, const ExposureReport& exposure,
                                            IpFamily family) {
  std::map<const NetworkInterface*, std::string> reasons;
  for (const NotExposed& e : exposure.explained) reasons[e.eni] = e.reason;
  std::vector<std::string> out;
  size_t carriers = 0;
  for (const NetworkInterface& eni : n.network_interfaces) {
    if (std::find(eni.group_ids.begin(), eni.group_ids.end(), g.id) == eni.group_ids.end()) continue;
    if (++carriers > 5) continue;
    auto it = reasons.find(&eni);
    std::vector<IpAddress> addresses = PublicAddresses(eni);
    bool has_family = std::any_of(addresses.begin(), addresses.end(), [&](IpAddress a) { return a.family() == family; });
    out.push_back(eni.id + ": " + (it != reasons.end() ? it->second
                                   : !has_family ? std::string(family == IpFamily::kV4 ? "no public IPv4 address"
                                                                                       : "no global IPv6 address") +
                                                       " (the internet reaches it over the other family)"
                                                 : "the internet reaches it, but its network ACL or routes stop this "
                                                   "service"));
  }
  if (carriers == 0) out.push_back(g.id + " is attached to no interface");
  if (carriers > 5) out.push_back(fmt::format("... and {} more interfaces", carriers - 5));
  out.push_back("no VPN client, peered VPC or transit-gateway neighbour reaches it either");
  return out;
}

void AddUnreached(CheckContext& context, const std::vector<SensitivePort>& services, std::map<Key, RuleService>& out) {
  for (const SecurityGroup& g : context.network().security_groups) {
    std::vector<std::string> why[2];  // the group's per family, computed once for all its rules and services
    for (const SecurityGroupRule& r : g.ingress) {
      if (!OpenToWholeInternet(r)) continue;
      IpFamily family = std::get<IpPrefix>(r.peer).family();
      for (const SensitivePort& s : services) {
        if (ServicesOf(r).Intersect(ServicesOf(s)).empty() || out.count({&r, &s})) continue;
        if (why[int(family)].empty())
          why[int(family)] = NotReachedEvidence(context.network(), g, context.InternetExposure(), family);
        RuleService& f = out[{&r, &s}];
        f.group = &g, f.rule = &r, f.service = &s, f.severity = FindingSeverity::kLow, f.evidence = why[int(family)];
      }
    }
  }
}

// A publicly accessible DB instance's endpoint resolves to a public address
// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html). When the
// export lacks its interfaces, nothing can say whether the internet reaches its port: where a group of the
// instance, carried by no interface here, admits the port from internet addresses, the finding says it could not
// be judged, since silence would read as "not exposed".
void AddUnjudgedDatabases(CheckContext& context, const std::vector<SensitivePort>& services,
                          std::map<Key, RuleService>& out) {
  const Network& n = context.network();
  for (const RdsInstance& db : n.rds_instances) {
    if (!db.publicly_accessible || !db.port) continue;
    for (const RdsSecurityGroup& member : db.security_groups) {
      const SecurityGroup* g = n.FindSecurityGroup(member.group_id);
      if (!g || !context.Why(*g).interfaces.empty()) continue;
      for (const SecurityGroupRule& r : g->ingress) {
        auto* peer = std::get_if<IpPrefix>(&r.peer);
        if (!peer || AddressSet::Of(*peer).Intersect(InternetSpace()).empty()) continue;
        for (const SensitivePort& s : services) {
          bool port = s.protocol == kProtoTcp && s.ports.Contains(*db.port) && ServicesOf(r).Contains(kProtoTcp, *db.port);
          if (!port || out.count({&r, &s})) continue;
          RuleService& f = out[{&r, &s}];
          f.group = g, f.rule = &r, f.service = &s, f.severity = FindingSeverity::kMedium, f.unjudged = &db;
          f.evidence = {fmt::format("RDS instance {} is publicly accessible: its endpoint {} resolves to a public address",
                                    db.identifier, db.endpoint_address),
                        fmt::format("none of its interfaces is in the snapshot (no interface carries {}): export them "
                                    "(describe-network-interfaces) to judge what reaches tcp {}",
                                    g->id, *db.port)};
        }
      }
    }
  }
}

// What the rule admits beyond every listed service: revoking the rule would cut that too.
ServiceSet BeyondSensitive(const SecurityGroupRule& r, const std::vector<SensitivePort>& services) {
  ServiceSet rest = ServicesOf(r);
  for (const SensitivePort& s : services) rest = rest.Subtract(ServicesOf(s));
  return rest;
}

Finding Write(const RuleService& rs, const std::vector<SensitivePort>& services) {
  Finding f;
  f.check = "exposed-sensitive-port", f.severity = rs.severity, f.resource = rs.group->id;
  f.group = rs.group, f.rule = rs.rule, f.source = rs.rule->source, f.detail = rs.service->service;
  std::string rule = fmt::format("ingress rule {} ({} {})", rs.rule->index, rs.rule->ProtocolPortsText(),
                                 PeerToString(rs.rule->peer));
  if (rs.unjudged)
    f.message = fmt::format("{} admits {} from internet addresses to publicly accessible RDS instance {}, whose "
                            "interfaces are not in the snapshot: its exposure could not be judged",
                            rule, ServiceText(*rs.service), rs.unjudged->identifier);
  else if (rs.severity >= FindingSeverity::kHigh)
    f.message = fmt::format("{} exposes {} to the internet on {} interface{}", rule, ServiceText(*rs.service),
                            rs.interfaces.size(), rs.interfaces.size() == 1 ? "" : "s");
  else if (rs.severity == FindingSeverity::kMedium)
    f.message = fmt::format("{} lets VPN clients, peers or transit neighbours reach {}; the internet does not",
                            rule, ServiceText(*rs.service));
  else
    f.message = fmt::format("{} opens {} to the whole internet, but nothing reaches it", rule, ServiceText(*rs.service));
  f.evidence = rs.evidence;
  // A rule wider than the listed services (all traffic, a port range) also admits what may be
  // used on purpose (a web server's 443): no revoke that would cut it is proposed.
  ServiceSet rest = BeyondSensitive(*rs.rule, services);
  if (rs.unjudged) return f;  // nothing is known to reach it: no command until it can be judged
  if (rest.empty()) f.remediation = RevokeRuleCommand(*rs.group, *rs.rule);
  else
    f.evidence.push_back(fmt::format("the rule also admits {} (not sensitive), which revoking it would cut: no command is "
                                     "given; replace it by rules for what must stay open, then revoke it",
                                     rest.ToString()));
  return f;
}

std::vector<Finding> Run(CheckContext& context) {
  const std::vector<SensitivePort>& services =
      context.options().sensitive_ports.empty() ? DefaultSensitivePorts() : context.options().sensitive_ports;
  std::map<Key, RuleService> found;
  for (const InterfaceExposure& x : context.InternetExposure().exposed) AddInternet(x, services, found);
  AddSections(context, services, found);
  AddUnreached(context, services, found);
  AddUnjudgedDatabases(context, services, found);
  std::vector<Finding> out;
  for (auto& [key, rs] : found) out.push_back(Write(rs, services));
  return out;
}

}  // namespace

Check ExposedSensitivePortCheck() {
  return {"exposed-sensitive-port", FindingSeverity::kHigh, "Sensitive service reachable from the internet or peers",
          "An inbound rule admits an admin, database, cache, search, file-sharing or plaintext service (ssh, rdp, "
          "mysql, redis, ...) from outside. Severity follows what really reaches it: critical when any internet "
          "address gets in and back, high when some internet addresses do, medium when only VPN clients, peered VPCs "
          "or transit-gateway neighbours do, low when the rule opens the port to 0.0.0.0/0 or ::/0 but nothing "
          "reaches it (the evidence says why). Narrow the rule to the addresses that need the service, or revoke it.",
          Run};
}

}  // namespace sgscope
