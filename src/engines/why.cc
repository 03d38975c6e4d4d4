// `sgscope why`: judges each rule of one group in precedence order. Redundancy is exact set algebra
// (rule_coverage.h) over every interface carrying the group, because a rule is removable only if
// each of those interfaces keeps admitting its traffic; managed services whose traffic arrives
// from the AWS side skip the inbound question altogether (catalogue, aws-semantics.md §8). An
// inbound rule left needed is then checked against what reach says can arrive at all
// (reachable_sources.h): a peer wider than that gets a narrower, equivalent proposal.

#include "engines/why.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "engines/reachable_sources.h"
#include "engines/rule_coverage.h"
#include "model/interface_owner.h"

namespace sgscope {

namespace {

bool Carries(const NetworkInterface& eni, const std::string& group_id) {
  return std::find(eni.group_ids.begin(), eni.group_ids.end(), group_id) != eni.group_ids.end();
}

std::vector<CarrierInterface> Carriers(const Network& n, const std::string& group_id) {
  std::vector<CarrierInterface> carriers;
  for (auto& eni : n.network_interfaces)  // sorted by id in Finalize
    if (Carries(eni, group_id)) carriers.push_back({&eni, InterfaceOwnerKind(n, eni), ServiceOfInterface(n, eni)});
  return carriers;
}

// The resources of the snapshot that name the group although no interface carrying it is listed
// (a partial export): their interfaces would carry it.
std::vector<std::string> ResourcesUsing(const Network& n, const std::string& group_id) {
  std::vector<std::string> users;
  auto has = [&](const std::vector<std::string>& ids) { return std::count(ids.begin(), ids.end(), group_id) > 0; };
  for (auto& db : n.rds_instances)
    for (auto& g : db.security_groups)
      if (g.group_id == group_id) users.push_back("RDS instance " + db.identifier);
  for (auto& lb : n.load_balancers)
    if (has(lb.security_group_ids)) users.push_back("load balancer " + lb.name);
  for (auto& f : n.lambda_functions)
    if (has(f.security_group_ids)) users.push_back("Lambda function " + f.name);
  for (auto& e : n.vpc_endpoints)
    if (has(e.group_ids)) users.push_back("VPC endpoint " + e.id);
  for (auto& e : n.instance_connect_endpoints)
    if (has(e.security_group_ids)) users.push_back("Instance Connect Endpoint " + e.id);
  for (auto& t : n.client_vpn_target_networks)
    if (has(t.security_group_ids)) users.push_back("Client VPN association " + t.id);
  for (auto& d : n.directories)
    for (auto* p : {&d.vpc, &d.connector})
      if (*p && (*p)->security_group_id == group_id) users.push_back("directory " + d.id);
  return users;
}

// A reference the snapshot cannot resolve is stale only when the group should be in it: the same
// account as a group of the snapshot and no peering, or a deleted peering. A group in another
// account or across a live peering may well exist outside the export (aws-semantics.md §1.3).
bool ResolvableHere(const Network& n, const GroupReference& ref) {
  if (ref.peering_status == "deleted") return true;
  if (!ref.vpc_peering_connection_id.empty()) return false;
  if (ref.user_id.empty()) return true;
  return std::any_of(n.security_groups.begin(), n.security_groups.end(),
                     [&](const SecurityGroup& g) { return g.owner_id == ref.user_id; });
}

// Inbound rules of a service whose traffic arrives from the AWS side are never consulted.
bool SkipsInbound(const CarrierInterface& c) { return c.service && c.service->inbound == InboundUse::kNotConsulted; }

bool Consults(const CarrierInterface& c, Direction d) { return d == Direction::kEgress || !SkipsInbound(c); }

std::vector<ServiceCarriers> ByService(const std::vector<CarrierInterface>& carriers,
                                       bool (*pick)(const CarrierInterface&)) {
  std::map<std::string_view, ServiceCarriers> services;  // by catalogue id
  for (auto& c : carriers)
    if (c.service && pick(c)) {
      ServiceCarriers& s = services[c.service->id];
      s.service = c.service;
      s.interface_ids.push_back(c.eni->id);
    }
  std::vector<ServiceCarriers> out;
  for (auto& [id, s] : services) out.push_back(std::move(s));
  return out;
}

RuleTraffic TrafficOf(const Network& n, const SecurityGroupRule& r) {
  RuleTraffic t{r.protocol, r.ports, r.icmp};
  if (auto* prefix = std::get_if<IpPrefix>(&r.peer)) {
    t.addresses = {*prefix};
  } else if (auto* ref = std::get_if<GroupReference>(&r.peer)) {
    t.group_id = ref->group_id;
  } else {
    const PrefixList* list = n.FindPrefixList(std::get<PrefixListReference>(r.peer).prefix_list_id);
    t.peer_known = list && list->entries_known;
    if (t.peer_known) t.addresses = list->cidrs;
  }
  return t;
}

// A rule on an interface, with its group and its traffic.
struct InterfaceRule {
  const SecurityGroup* group;
  const SecurityGroupRule* rule;
  RuleTraffic traffic;
};

// Every rule of `d` on the interface's groups (each group once, however often the interface lists it).
std::vector<InterfaceRule> RulesOn(const Network& n, const NetworkInterface& eni, Direction d) {
  std::vector<InterfaceRule> rules;
  std::vector<const SecurityGroup*> seen;
  for (const SecurityGroup* g : n.GroupsOf(eni)) {
    if (std::find(seen.begin(), seen.end(), g) != seen.end()) continue;
    seen.push_back(g);
    for (auto& r : g->rules(d)) rules.push_back({g, &r, TrafficOf(n, r)});
  }
  return rules;
}

// Carriers with the same groups (and the same answer to "are inbound rules consulted") see the
// same rules, so a verdict is computed once per such class: 10,000 interfaces usually form a
// handful of classes.
struct CarrierClass {
  std::vector<const CarrierInterface*> members;  // by interface id
  bool skips_inbound = false;
  std::vector<InterfaceRule> rules[2];  // by Direction
};

std::vector<CarrierClass> Classes(const Network& n, const std::vector<CarrierInterface>& carriers) {
  std::map<std::pair<std::vector<std::string>, bool>, CarrierClass> by_key;
  for (auto& c : carriers) {
    std::vector<std::string> groups = c.eni->group_ids;
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    CarrierClass& k = by_key[{groups, SkipsInbound(c)}];
    if (k.members.empty()) {
      k.skips_inbound = SkipsInbound(c);
      for (Direction d : {Direction::kIngress, Direction::kEgress}) k.rules[int(d)] = RulesOn(n, *c.eni, d);
    }
    k.members.push_back(&c);
  }
  std::vector<CarrierClass> out;
  for (auto& [key, k] : by_key) out.push_back(std::move(k));
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.members[0]->eni->id < b.members[0]->eni->id; });
  return out;
}

// The rules other than `self` that admit part of its traffic, when together they admit all of it.
std::optional<InterfaceCover> CoverIn(const CarrierClass& k, const SecurityGroupRule& self, const RuleTraffic& traffic) {
  std::vector<const InterfaceRule*> others;
  std::vector<RuleTraffic> traffics;
  for (auto& o : k.rules[int(self.direction)])
    if (o.rule != &self && HelpsCover(traffic, o.traffic)) others.push_back(&o), traffics.push_back(o.traffic);
  if (!IsCovered(traffic, traffics)) return std::nullopt;
  InterfaceCover cover;
  for (auto* m : k.members) cover.interface_ids.push_back(m->eni->id);
  for (auto* o : others)
    cover.rules.push_back({o->group->id, o->rule->direction, o->rule->index, IsCovered(o->traffic, {&traffic, 1})});
  return cover;
}

// The first private address of `eni` inside the rule's peer: any address of a member interface
// for a group reference.
std::optional<IpAddress> AddressInPeer(const NetworkInterface& eni, const RuleTraffic& t) {
  std::vector<IpAddress> addresses;
  for (auto& a : eni.ipv4) addresses.push_back(a.private_ip);
  addresses.insert(addresses.end(), eni.ipv6.begin(), eni.ipv6.end());
  if (!t.group_id.empty()) {
    if (!Carries(eni, t.group_id) || addresses.empty()) return std::nullopt;
    return eni.PrimaryIpv4().value_or(addresses.front());
  }
  for (IpAddress a : addresses)
    for (auto& p : t.addresses)
      if (p.Contains(a)) return a;
  return std::nullopt;
}

// Peers of the snapshot the rule admits: the internet first when the peer holds public space,
// then interfaces by id. An interface alone in carrying the group is no example of itself.
std::vector<PeerExample> Examples(const Network& n, const RuleTraffic& t,
                                  const std::vector<CarrierInterface>& carriers) {
  std::vector<PeerExample> examples;
  if (std::any_of(t.addresses.begin(), t.addresses.end(), [](const IpPrefix& p) { return !IsInternalSpace(p); }))
    examples.push_back({"", "", "internet"});
  for (auto& eni : n.network_interfaces) {
    if (examples.size() >= kMaxExamples) break;
    if (carriers.size() == 1 && carriers.front().eni == &eni) continue;
    if (auto a = AddressInPeer(eni, t)) examples.push_back({eni.id, a->ToString(), InterfaceOwnerKind(n, eni)});
  }
  return examples;
}

std::string ServiceList(const std::vector<ServiceCarriers>& services) {
  std::vector<std::string> parts;
  for (auto& s : services) parts.push_back(fmt::format("{} ({})", s.service->name, fmt::join(s.interface_ids, ", ")));
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string Assumption(const ManagedService& s) {
  return s.confirmed ? "" : "; this is a modelling assumption (UNCONFIRMED in aws-semantics.md)";
}

std::string NotConsultedReason(const std::vector<ServiceCarriers>& services) {
  std::vector<std::string> parts;
  for (auto& s : services)
    parts.push_back(fmt::format("{} ({}): {}{}", s.service->name, fmt::join(s.interface_ids, ", "),
                                s.service->aws_side, Assumption(*s.service)));
  return fmt::format("inbound rules are not consulted on any interface carrying the group: {}", fmt::join(parts, "; "));
}

// Appended to inbound verdicts judged on part of the carriers only.
std::string ExcludedNote(const std::vector<ServiceCarriers>& skipped) {
  if (skipped.empty()) return "";
  bool assumed = std::any_of(skipped.begin(), skipped.end(), [](auto& s) { return !s.service->confirmed; });
  return fmt::format(" (judged without {}, whose inbound rules are not consulted{})", ServiceList(skipped),
                     assumed ? "; a modelling assumption, UNCONFIRMED in aws-semantics.md" : "");
}

std::string CoverText(const std::vector<InterfaceCover>& covers) {
  std::vector<std::string> parts, mutual;
  for (auto& c : covers) {
    std::vector<std::string> rules;
    for (auto& r : c.rules) {
      rules.push_back(fmt::format("{} {} {}", r.group_id, DirectionName(r.direction), r.index));
      bool listed = std::find(mutual.begin(), mutual.end(), rules.back()) != mutual.end();
      if (r.mutual && !listed) mutual.push_back(rules.back());
    }
    std::string where = c.interface_ids.front();
    if (c.interface_ids.size() > 1) where += fmt::format(" (and {} more with the same groups)", c.interface_ids.size() - 1);
    parts.push_back(fmt::format("on {} by {}", where, fmt::join(rules, ", ")));
  }
  std::string text = fmt::format("{}", fmt::join(parts, "; "));
  if (!mutual.empty())
    text += fmt::format(" ({} lies inside this rule and is redundant given it: remove only one, then ask again)",
                        fmt::join(mutual, ", "));
  return text;
}

std::string ExamplesText(const std::vector<PeerExample>& examples) {
  if (examples.empty())
    return "no other interface of the snapshot is in its peer and the peer holds no public address space; "
           "it may serve addresses outside the snapshot";
  std::vector<std::string> parts;
  for (auto& e : examples)
    parts.push_back(e.interface_id.empty() ? "the internet"
                                           : fmt::format("{} ({}, {})", e.interface_id, e.address, e.owner));
  return fmt::format("it admits {}", fmt::join(parts, ", "));
}

std::string ServedText(const std::vector<ServiceCarriers>& served, Direction d) {
  std::string text;
  for (auto& s : served)
    text += fmt::format("; on {} ({}) {}: {}", s.service->name, fmt::join(s.interface_ids, ", "),
                        d == Direction::kIngress ? "it admits" : "it passes",
                        d == Direction::kIngress ? s.service->arrives : s.service->leaves);
  return text;
}

// Redundant when every judged carrier admits the traffic by other rules; else needed.
void JudgeCoverage(const Network& n, const std::vector<CarrierClass>& classes, const RuleTraffic& traffic,
                   const std::vector<CarrierInterface>& carriers, RuleWhy& why) {
  std::string uncovered;
  for (auto& k : classes) {
    if (why.rule->direction == Direction::kIngress && k.skips_inbound) continue;
    if (auto cover = CoverIn(k, *why.rule, traffic)) {
      why.covers.push_back(std::move(*cover));
    } else {
      uncovered = k.members.front()->eni->id;
      break;
    }
  }
  if (uncovered.empty()) {
    why.verdict = RuleVerdict::kRedundant;
    why.reason =
        "other rules already admit all of its traffic on every interface carrying the group: " + CoverText(why.covers);
    return;
  }
  why.covers.clear();
  why.verdict = RuleVerdict::kNeeded;
  why.examples = Examples(n, traffic, carriers);
  why.reason = fmt::format("no other rule admits all of its traffic on {}; {}", uncovered, ExamplesText(why.examples));
}

// What every rule of one group is judged against.
struct GroupContext {
  const SecurityGroup& group;
  const std::vector<CarrierInterface>& carriers;
  std::vector<CarrierClass> classes;
  const std::vector<std::string>& users;
  const std::function<const DeliveryTable&()>& delivery;  // shared by the caller, or empty
  std::optional<DeliveryTable> own_delivery;                // else built here toward the group
  std::optional<CarrierReach> reach;  // built for the first inbound rule that needs it: the costly part
};

// The IPv4 addresses a rule's peer admits; none when reach cannot judge it (IPv6 addresses, also a
// group's members' own; a prefix list whose entries are unknown; a group outside the snapshot).
std::optional<AddressSet> PeerAddresses(const Network& n, const SecurityGroupRule& r) {
  AddressSet out;
  if (auto* prefix = std::get_if<IpPrefix>(&r.peer)) {
    out = AddressSet::Of(*prefix);
  } else if (auto* ref = std::get_if<GroupReference>(&r.peer)) {
    if (!n.FindSecurityGroup(ref->group_id)) return std::nullopt;
    // A reference admits its members' IPv6 addresses too: with any, the rule may carry IPv6 flows
    // that this IPv4 judgement does not see (review_ipv6_peering), so it is not judged.
    for (auto& eni : n.network_interfaces)
      if (Carries(eni, ref->group_id)) {
        out = out.Union(PrivateIpv4Of(eni));
        for (const IpAddress& a : eni.ipv6) out = out.Union(AddressSet::Of(a));
      }
  } else {
    const PrefixList* list = n.FindPrefixList(std::get<PrefixListReference>(r.peer).prefix_list_id);
    if (!list || !list->entries_known) return std::nullopt;
    for (auto& c : list->cidrs) out = out.Union(AddressSet::Of(c));
  }
  if (out.Intersects(AddressSet::AllOf(IpFamily::kV6))) return std::nullopt;
  return out;
}

// Interfaces that can be a source toward the carriers (reach starts only from those with a primary
// IPv4 address in a known subnet; a sole carrier is never its own source).
bool IsSource(const Network& n, const NetworkInterface& eni, const std::vector<CarrierInterface>& carriers) {
  return eni.PrimaryIpv4() && n.SubnetOf(eni) && !(carriers.size() == 1 && carriers.front().eni == &eni);
}

// A group of the judged group's VPC whose source interfaces are exactly `reaching`: a reference
// to it admits them and follows membership changes, unlike a list of addresses.
std::string GroupOfExactly(const Network& n, const std::string& vpc_id,
                           const std::vector<const NetworkInterface*>& reaching,
                           const std::vector<CarrierInterface>& carriers) {
  for (auto& candidate : reaching.front()->group_ids) {
    const SecurityGroup* g = n.FindSecurityGroup(candidate);
    if (!g || g->vpc_id != vpc_id) continue;
    std::vector<const NetworkInterface*> members;
    for (auto& eni : n.network_interfaces)  // by id, as `reaching`
      if (Carries(eni, candidate) && IsSource(n, eni, carriers)) members.push_back(&eni);
    if (members == reaching) return candidate;
  }
  return "";
}

// Reach's labels of source classes, internet blocks once (they come together).
std::vector<std::string> Labels(const std::vector<const SourceReach*>& sources) {
  std::vector<std::string> labels;
  for (auto* s : sources) labels.push_back(s->label);
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  return labels;
}

// "eni-… (+1 alike), the internet", the first kMaxExamples of them.
std::string LabelsText(const std::vector<const SourceReach*>& sources) {
  std::vector<std::string> labels = Labels(sources);
  size_t more = labels.size() > kMaxExamples ? labels.size() - kMaxExamples : 0;
  labels.resize(labels.size() - more);
  for (auto& l : labels)
    if (l == "internet") l = "the internet";
  return fmt::format("{}{}", fmt::join(labels, ", "), more ? fmt::format(" and {} more", more) : "");
}

// Inbound rules that stay needed: wider-than-reachable when a source the peer admits cannot reach
// any carrier with the rule's services (judged as if the carriers' groups admitted it), or when no
// source can reach at all (the only case judged for group references).
void JudgeReach(const Network& n, GroupContext& g, const std::vector<CarrierInterface>& judged, RuleWhy& why) {
  std::optional<AddressSet> peer = PeerAddresses(n, *why.rule);
  if (!peer) return;
  if (!g.reach) {
    std::vector<const NetworkInterface*> enis;
    for (auto& c : judged) enis.push_back(c.eni);
    const DeliveryTable& delivery = g.delivery ? g.delivery() : g.own_delivery.emplace(n, "sg:" + g.group.id);
    g.reach.emplace(n, g.group.id, enis, delivery);
  }
  if (!g.reach->known()) return;
  const SecurityGroupRule& r = *why.rule;
  PeerReach reach = g.reach->For(*peer, ServiceSet::Of(r.protocol, r.ports, r.icmp));
  if (!reach.reachable.empty() && reach.reachable.Contains(reach.admitted_sources)) return;
  // A group reference follows its members as they come and go; narrowing it to today's reaching
  // addresses would pin the membership, so it is judged only when none of them can reach.
  if (std::holds_alternative<GroupReference>(r.peer) && !reach.reachable.empty()) return;
  why.verdict = RuleVerdict::kWiderThanReachable;
  why.examples.clear(), why.served.clear();
  why.reachable_sources = reach.reachable.ToPrefixes();
  why.reachable_from = Labels(reach.from);
  if (reach.reachable.empty()) {
    why.reason = fmt::format(
        "no source in the snapshot can reach the interfaces carrying the group with its traffic ({}): remove the rule, "
        "unless it is kept for hosts not in the snapshot",
        reach.unreached.empty() ? "its peer holds none"
                                : LabelsText(reach.unreached) + " cannot: routes, gateways, network ACLs or their own "
                                                                "groups stop it, even if this interface's groups admitted it");
    return;
  }
  if (reach.only_interfaces) why.proposed.group_id = GroupOfExactly(n, g.group.vpc_id, reach.interfaces, g.carriers);
  if (why.proposed.group_id.empty()) why.proposed.cidrs = reach.reachable.Union(reach.unjudged).ToPrefixes();
  why.reason = fmt::format(
      "only {} of its peer can reach the interfaces carrying the group with its traffic ({}); {} cannot, even if "
      "this interface's groups admitted it: narrow the peer to {}",
      reach.reachable.ToString(), LabelsText(reach.from), LabelsText(reach.unreached),
      why.proposed.group_id.empty() ? reach.reachable.Union(reach.unjudged).ToString() : why.proposed.group_id);
}

RuleWhy Judge(const Network& n, const SecurityGroupRule& rule, GroupContext& g) {
  const std::vector<CarrierInterface>& carriers = g.carriers;
  const std::vector<std::string>& users = g.users;
  RuleWhy why{&rule};
  if (carriers.empty() && users.empty()) {
    why.verdict = RuleVerdict::kNoAttachments;
    why.reason = "the group is on no network interface and used by no resource in the snapshot, so this rule admits "
                 "nothing here";
    return why;
  }
  // A stale reference matches nothing whoever carries the group: judged before the carriers, so a
  // group used only by resources whose interfaces the snapshot lacks (an RDS instance) is not spared.
  if (auto* ref = std::get_if<GroupReference>(&rule.peer); ref && n.IsStaleReference(*ref)) {
    if (!ResolvableHere(n, *ref)) {
      why.verdict = RuleVerdict::kNeeded;
      why.reason = fmt::format("its peer {} ({}) lies outside the snapshot, so what it admits cannot be judged here",
                               ref->group_id, ref->vpc_peering_connection_id.empty()
                                                  ? "account " + ref->user_id
                                                  : "across " + ref->vpc_peering_connection_id);
      return why;
    }
    why.verdict = RuleVerdict::kStaleReference;
    why.missing_group = ref->group_id;
    why.reason = fmt::format(
        "its peer {} is not in the snapshot although its account is{}, so it matches no address: a stale reference "
        "(the group or the peering was deleted; aws-semantics.md §1.3)",
        ref->group_id, ref->peering_status == "deleted" ? " (the peering is deleted)" : "");
    return why;
  }
  if (carriers.empty()) {
    why.verdict = RuleVerdict::kNeeded;
    why.reason = fmt::format("used by {}, whose interfaces are not in the snapshot: not judged further",
                             fmt::join(users, ", "));
    return why;
  }
  std::vector<CarrierInterface> judged;
  std::copy_if(carriers.begin(), carriers.end(), std::back_inserter(judged),
               [&](auto& c) { return Consults(c, rule.direction); });
  if (rule.direction == Direction::kIngress) why.not_consulted = ByService(carriers, SkipsInbound);
  if (judged.empty()) {
    why.verdict = RuleVerdict::kNotNeededManagedPath;
    why.reason = NotConsultedReason(why.not_consulted);
    return why;
  }
  JudgeCoverage(n, g.classes, TrafficOf(n, rule), carriers, why);
  if (why.verdict == RuleVerdict::kNeeded && rule.direction == Direction::kIngress) JudgeReach(n, g, judged, why);
  if (why.verdict == RuleVerdict::kNeeded) {
    why.served = ByService(judged, [](const CarrierInterface&) { return true; });
    why.reason += ServedText(why.served, rule.direction);
  }
  why.reason += ExcludedNote(why.not_consulted);
  return why;
}

}  // namespace

const char* RuleVerdictName(RuleVerdict v) {
  switch (v) {
    case RuleVerdict::kNoAttachments:
      return "no-attachments";
    case RuleVerdict::kStaleReference:
      return "stale-reference";
    case RuleVerdict::kNotNeededManagedPath:
      return "not-needed-managed-path";
    case RuleVerdict::kRedundant:
      return "redundant";
    case RuleVerdict::kWiderThanReachable:
      return "wider-than-reachable";
    case RuleVerdict::kNeeded:
      return "needed";
  }
  return "needed";
}

std::optional<GroupWhy> ExplainGroup(const Network& network, const std::string& group_id,
                                     const std::function<const DeliveryTable&()>& delivery) {
  const SecurityGroup* group = network.FindSecurityGroup(group_id);
  if (!group) return std::nullopt;
  GroupWhy why{group, Carriers(network, group_id)};
  if (why.interfaces.empty()) why.users = ResourcesUsing(network, group_id);
  GroupContext context{*group, why.interfaces, Classes(network, why.interfaces), why.users, delivery, {}, {}};
  for (Direction d : {Direction::kIngress, Direction::kEgress})
    for (auto& rule : group->rules(d)) why.rules.push_back(Judge(network, rule, context));
  return why;
}

}  // namespace sgscope
