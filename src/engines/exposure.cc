// Internet exposure as exact sets. For each interface the security groups' inbound rules, the
// subnet's network ACL (first match by rule number) and the way back (the subnet's route to the
// VPC's internet gateway, the ACL's outbound entries for the response) are turned into flow sets
// and intersected, so the answer holds for every source address, protocol and port at once rather
// than for sampled flows. A group open to 0.0.0.0/0 on an interface nobody can reach is not
// exposure; the report says why.

#include "engines/exposure.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "engines/network_acl_evaluator.h"
#include "engines/reach.h"
#include "engines/route_lookup.h"
#include "ingest/parallel_tasks.h"
#include "model/interface_owner.h"

namespace sgscope {

namespace {

// Clients pick their source port among the ephemeral ones; a response gets out if the ACL lets
// it reach some of them (AWS's guidance for ACLs: 1024-65535).
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#nacl-ephemeral-ports
constexpr PortRange kClientPorts{1024, 65535};

AddressSet PeerAddresses(const Network& n, const RulePeer& peer) {
  if (auto* prefix = std::get_if<IpPrefix>(&peer)) return AddressSet::Of(*prefix);
  AddressSet out;  // a group reference matches members' private addresses, never an internet host
  if (auto* list = std::get_if<PrefixListReference>(&peer))
    if (const PrefixList* pl = n.FindPrefixList(list->prefix_list_id))
      for (auto& c : pl->cidrs) out = out.Union(AddressSet::Of(c));
  return out;
}

// A group's inbound rules as seen from the internet: the flows they admit from internet sources,
// and the rules that admit some with those sources (to name the rules behind an exposure).
struct GroupIngress {
  FlowSet open;
  std::vector<std::pair<const SecurityGroupRule*, AddressSet>> rules;
};

GroupIngress IngressOf(const Network& n, const SecurityGroup& g, const AddressSet& internet) {
  GroupIngress out;
  std::vector<FlowSet> flows;
  for (auto& r : g.ingress) {
    AddressSet sources = PeerAddresses(n, r.peer).Intersect(internet);
    if (sources.empty()) continue;
    flows.push_back(FlowSet::Of(r.protocol, r.ports, r.icmp, sources));
    out.rules.push_back({&r, std::move(sources)});
  }
  out.open = FlowSet::UnionOf(std::move(flows));
  return out;
}

// Whether a rule admits some of `flows` from its internet `sources`; the same as intersecting the
// rule's flow set with them, without building it.
bool Admits(const SecurityGroupRule& r, const AddressSet& sources, const FlowSet& flows) {
  for (int p = r.protocol.all ? 0 : r.protocol.number; p <= (r.protocol.all ? 255 : r.protocol.number); ++p) {
    PortRange range = r.protocol.all ? PortRange::All() : ServiceRange(static_cast<uint8_t>(p), r.ports, r.icmp);
    for (auto& c : flows.cells(static_cast<uint8_t>(p)))
      if (range.from <= range.to && c.lo <= range.to && range.from <= c.hi && c.addresses.Intersects(sources))
        return true;
  }
  return false;
}

// The client addresses a response of protocol `p` can leave for, given the ACL's outbound flows
// (addresses there are destinations): some client port for TCP/UDP, the echo reply for ICMP.
AddressSet ReturnAddresses(const FlowSet& out, uint8_t p) {
  AddressSet addresses;
  if (p == kProtoTcp || p == kProtoUdp) {
    for (auto& c : out.cells(p))
      if (c.hi >= kClientPorts.from && c.lo <= kClientPorts.to) addresses = addresses.Union(c.addresses);
    return addresses;
  }
  if (p == kProtoIcmp) return out.At(p, 0 << 8);      // echo reply, type 0 code 0
  if (p == kProtoIcmpv6) return out.At(p, 129 << 8);  // echo reply, type 129 code 0
  return out.At(p, 0);
}

// The flows of protocol `p` (all protocols when negative) over its whole service axis, from `sources`.
FlowSet WholeProtocol(int p, const AddressSet& sources) {
  ProtocolSelector protocol;
  protocol.all = p < 0, protocol.number = static_cast<uint8_t>(p < 0 ? 0 : p);
  return FlowSet::Of(protocol, PortRange::All(), IcmpTypeCode{}, sources);
}

// The flows whose responses get back: per protocol, the sources the ACL lets the response reach
// and the subnet's routes send to the internet gateway. Most protocols share protocol 255's
// answer, which only the ACL's entries for all protocols decide; the others are set apart.
FlowSet ReturnFlows(const FlowSet& acl_out, const AddressSet& routed_back) {
  if (routed_back.empty()) return {};
  AddressSet common = ReturnAddresses(acl_out, 255).Intersect(routed_back);
  std::vector<FlowSet> replaced, replacing;
  for (int p = 0; p < 255; ++p) {
    AddressSet back = ReturnAddresses(acl_out, static_cast<uint8_t>(p)).Intersect(routed_back);
    if (back == common) continue;
    replaced.push_back(WholeProtocol(p, AddressSet::All()));
    replacing.push_back(WholeProtocol(p, back));
  }
  FlowSet out = WholeProtocol(-1, common).Subtract(FlowSet::UnionOf(std::move(replaced)));
  return out.Union(FlowSet::UnionOf(std::move(replacing)));
}

// Why an interface the groups open to the internet is not reachable, or "" when it may be.
std::string Unreachable(const Network& n, const NetworkInterface& eni, const std::vector<IpAddress>& addresses,
                        const InternetGateway* igw) {
  if (const ManagedService* s = ServiceOfInterface(n, eni); s && s->inbound == InboundUse::kNotConsulted)
    return std::string(s->name) + " receives its traffic from the AWS side, so its groups' inbound rules expose "
           "nothing (a public address on it is the service's own front)";
  if (addresses.empty()) return "no public IPv4 or global IPv6 address";
  if (!n.SubnetOf(eni)) return "its subnet " + eni.subnet_id + " is not in the snapshot";
  if (!igw) return eni.vpc_id + " has no internet gateway";
  if (eni.deny_all_igw_traffic) return "it denies all internet gateway traffic";
  return "";
}

std::string ResourceOf(const Network& n, const NetworkInterface& eni) {
  if (!eni.attached_instance_id.empty()) return eni.attached_instance_id;
  return LinkedOwner(n, eni).resource_id;
}

// What a network ACL allows each way.
struct AclFlows {
  FlowSet in, out;
};

// What a subnet lets in from, and back out to, the internet: the same for every subnet with the
// same network ACL, route table and internet gateway.
struct SubnetPath {
  FlowSet in_and_back;  // what the ACL lets in, of ReturnFlows
  bool routed_back = false;
};
using PathKey = std::tuple<const NetworkAcl*, const RouteTable*, const InternetGateway*>;

// Interfaces with the same groups behind the same path are exposed alike: computed once per such
// class (and address family), which keeps whole accounts to a few thousand set computations.
struct ClassExposure {
  FlowSet flows[2];                          // by IpFamily
  std::vector<AdmittingRule> rules[2];
  std::string unreachable;                   // set when nothing gets in and back
};

using GroupSet = std::vector<std::string>;  // an interface's group ids, sorted

GroupSet GroupSetOf(const NetworkInterface& eni) {
  GroupSet groups = eni.group_ids;
  std::sort(groups.begin(), groups.end());
  return groups;
}

// Every set computation, once: per group, per group set, per ACL, per path and per class.
class ExposureCache {
 public:
  explicit ExposureCache(const Network& n) : n_(n), internet_(InternetSpace()) {}

  // What the groups admit from internet sources; `eni` carries them.
  const FlowSet& Open(const GroupSet& groups, const NetworkInterface& eni) {
    std::vector<const SecurityGroup*> resolved = n_.GroupsOf(eni);
    if (resolved.size() == 1) return Ingress(*resolved.front()).open;
    auto it = open_.find(groups);
    if (it != open_.end()) return it->second;
    std::vector<FlowSet> each;
    for (const SecurityGroup* g : resolved) each.push_back(Ingress(*g).open);
    return open_.emplace(groups, FlowSet::UnionOf(std::move(each))).first->second;
  }

  const ClassExposure& For(const GroupSet& groups, const FlowSet& open, const NetworkInterface& eni,
                           const Subnet& subnet, const InternetGateway& igw) {
    const SubnetPath& path = Path(subnet, igw);
    auto key = std::make_pair(groups, &path);
    auto it = classes_.find(key);
    if (it == classes_.end()) it = classes_.emplace(key, Compute(open, eni, path, igw)).first;
    return it->second;
  }

 private:
  const GroupIngress& Ingress(const SecurityGroup& g) {
    auto it = ingress_.find(&g);
    if (it == ingress_.end()) it = ingress_.emplace(&g, IngressOf(n_, g, internet_)).first;
    return it->second;
  }

  const AclFlows& Acl(const NetworkAcl* acl) {
    auto it = acls_.find(acl);
    if (it == acls_.end())
      it = acls_.emplace(acl, acl ? AclFlows{AclAllowedFlows(acl->ingress), AclAllowedFlows(acl->egress)}
                                  : AclFlows{FlowSet::All(), FlowSet::All()}).first;
    return it->second;
  }

  const SubnetPath& Path(const Subnet& subnet, const InternetGateway& igw) {
    PathKey key{n_.NetworkAclForSubnet(subnet), n_.RouteTableForSubnet(subnet), &igw};
    auto it = paths_.find(key);
    if (it != paths_.end()) return it->second;
    const NetworkAcl* acl = std::get<0>(key);
    const RouteTable* table = std::get<1>(key);
    // An IPv6 response may also leave by an egress-only internet gateway: it passes outbound
    // traffic and the client sees the same address (no translation), as `trace` models it. That
    // it passes a response to a connection the internet opened through the internet gateway is
    // UNCONFIRMED (docs/exposure.md).
    AddressSet routed_back = table ? DestinationsRoutedBy(n_, *table, [&](const Route& r) {
      if (r.blackhole) return false;
      return (r.target_kind == RouteTargetKind::kInternetGateway && r.target_id == igw.id) ||
             r.target_kind == RouteTargetKind::kEgressOnlyInternetGateway;
    }) : AddressSet();
    const AclFlows& flows = Acl(acl);
    SubnetPath path{flows.in.Intersect(ReturnFlows(flows.out, routed_back)), !routed_back.empty()};
    return paths_.emplace(key, std::move(path)).first->second;
  }

  ClassExposure Compute(const FlowSet& open, const NetworkInterface& eni, const SubnetPath& path,
                        const InternetGateway& igw) {
    ClassExposure out;
    FlowSet flows = open.Intersect(path.in_and_back);
    if (flows.empty())
      out.unreachable = !path.routed_back ? "its subnet has no route back to " + igw.id
                                          : "its network ACL or routes stop all of it";
    for (IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
      FlowSet& mine = out.flows[int(family)];
      // ICMP is IPv4's and ICMPv6 IPv6's: an "all traffic" rule admits neither across.
      uint8_t other_icmp = family == IpFamily::kV4 ? kProtoIcmpv6 : kProtoIcmp;
      mine = flows.RestrictAddresses(AddressSet::AllOf(family)).Subtract(WholeProtocol(other_icmp, AddressSet::All()));
      if (mine.empty()) continue;
      for (const SecurityGroup* g : n_.GroupsOf(eni))
        for (auto& [rule, sources] : Ingress(*g).rules)
          if (Admits(*rule, sources, mine)) out.rules[int(family)].push_back({g, rule, sources});
    }
    return out;
  }

  const Network& n_;
  AddressSet internet_;
  std::unordered_map<const SecurityGroup*, GroupIngress> ingress_;
  std::map<GroupSet, FlowSet> open_;
  std::unordered_map<const NetworkAcl*, AclFlows> acls_;
  std::map<PathKey, SubnetPath> paths_;
  std::map<std::pair<GroupSet, const SubnetPath*>, ClassExposure> classes_;
};

// Routes that send internet addresses to an appliance (an interface or instance) put a middlebox
// on the way back, which the gateway-only sets above do not model (review_ipv6_appliance: the
// response leaves through a firewall in another subnet, whose own groups, ACL and routes decide).
bool ReturnsThroughAppliance(const Network& n, const Subnet& subnet) {
  const RouteTable* table = n.RouteTableForSubnet(subnet);
  if (!table) return false;
  return DestinationsRoutedBy(n, *table, [](const Route& r) {
           return !r.blackhole && (r.target_kind == RouteTargetKind::kNetworkInterface ||
                                   r.target_kind == RouteTargetKind::kInstance);
         }).Intersects(InternetSpace());
}

// Such an interface is answered by reach: trace's own walk from every internet block of the
// address's family to the address, exact and slower (appliance routes are rare). Its internet
// blocks leave out the account's own public addresses, as reach's `internet` does.
void ExposeByReach(const Network& n, const NetworkInterface& eni, IpAddress address, const InternetGateway& igw,
                   ExposureReport& report) {
  EndpointSelection internet = address.is_v4() ? SelectEndpoints(n, "internet", EndpointFamilies::kIpv4)
                                               : SelectEndpoints(n, "internet6", EndpointFamilies::kIpv4AndIpv6);
  EndpointClass target;  // no members: the pair is traced to this very address
  target.trace_text = target.label = address.ToString(), target.family = address.family();
  ReachAnswer answer = ReachBetween(n, std::move(internet.classes), {target}, ReachQuery{});
  std::vector<FlowSet> flows;
  std::set<const SecurityGroupRule*> admitting;
  for (const ReachPair& pair : answer.pairs) {
    for (const ServiceRun& run : pair.allowed.Runs())
      flows.push_back(FlowSet::OfServices(run.protocol, {run.lo, run.hi}, answer.sources[pair.from].addresses));
    for (const SecurityGroupMatch& m : pair.rules)
      if (m.rule->direction == Direction::kIngress) admitting.insert(m.rule);
  }
  FlowSet exposed = FlowSet::UnionOf(std::move(flows));
  if (exposed.empty())
    return report.explained.push_back({&eni, "its routes send the way back through an appliance, and nothing from "
                                             "the internet gets in and back that way"});
  std::vector<AdmittingRule> rules;
  for (const SecurityGroup* g : n.GroupsOf(eni))
    for (auto& [rule, sources] : IngressOf(n, *g, InternetSpace()).rules)
      if (admitting.count(rule)) rules.push_back({g, rule, sources});
  report.exposed.push_back({&eni, InterfaceOwnerKind(n, eni), ResourceOf(n, eni), address, igw.id, exposed, rules});
}

void ExposeInterface(const Network& n, const NetworkInterface& eni, ExposureCache& cache, ExposureReport& report) {
  GroupSet groups = GroupSetOf(eni);
  const FlowSet& open = cache.Open(groups, eni);
  if (open.empty()) return;  // nothing from the internet gets past the groups
  std::vector<IpAddress> addresses = PublicAddresses(eni);
  const InternetGateway* igw = n.InternetGatewayOfVpc(eni.vpc_id);
  if (std::string why = Unreachable(n, eni, addresses, igw); !why.empty())
    return report.explained.push_back({&eni, why});
  if (ReturnsThroughAppliance(n, *n.SubnetOf(eni))) {
    for (IpAddress a : addresses) ExposeByReach(n, eni, a, *igw, report);
    return;
  }
  const ClassExposure& exposure = cache.For(groups, open, eni, *n.SubnetOf(eni), *igw);
  if (!exposure.unreachable.empty()) return report.explained.push_back({&eni, exposure.unreachable});
  for (IpAddress a : addresses) {
    int family = int(a.family());
    if (exposure.flows[family].empty()) continue;
    report.exposed.push_back({&eni, InterfaceOwnerKind(n, eni), ResourceOf(n, eni), a, igw->id,
                              exposure.flows[family], exposure.rules[family]});
  }
}

// Interface indices by VPC. Groups, ACLs, route tables and gateways belong to one VPC, so each
// VPC's interfaces are worked out with a cache of their own, on a thread of their own.
std::vector<std::vector<size_t>> InterfacesByVpc(const Network& n) {
  std::map<std::string_view, std::vector<size_t>> by_vpc;
  for (size_t i = 0; i < n.network_interfaces.size(); ++i) by_vpc[n.network_interfaces[i].vpc_id].push_back(i);
  std::vector<std::vector<size_t>> out;
  for (auto& [vpc, indices] : by_vpc) out.push_back(std::move(indices));
  return out;
}

}  // namespace

std::vector<IpAddress> PublicAddresses(const NetworkInterface& eni) {
  std::vector<IpAddress> out;
  for (auto& a : eni.ipv4)
    if (a.public_ip) out.push_back(*a.public_ip);
  for (auto& a : eni.ipv6)
    if (!IsInternalSpace(IpPrefix::Host(a))) out.push_back(a);
  return out;
}

ExposureReport ComputeExposure(const Network& network) {
  std::vector<std::vector<size_t>> vpcs = InterfacesByVpc(network);
  std::vector<size_t> order(vpcs.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return vpcs[a].size() > vpcs[b].size(); });
  // One slot per interface, filled by whichever thread has its VPC: the order never depends on
  // the scheduling.
  std::vector<ExposureReport> by_interface(network.network_interfaces.size());
  ingest::RunTasks(order, ingest::WorkerCount(vpcs.size()), [&](unsigned, size_t vpc) {
    ExposureCache cache(network);
    for (size_t i : vpcs[vpc]) ExposeInterface(network, network.network_interfaces[i], cache, by_interface[i]);
  });
  ExposureReport report;
  for (ExposureReport& one : by_interface) {
    std::move(one.exposed.begin(), one.exposed.end(), std::back_inserter(report.exposed));
    std::move(one.explained.begin(), one.explained.end(), std::back_inserter(report.explained));
  }
  return report;
}

}  // namespace sgscope
