// Internet exposure as exact sets. For each interface the security groups' inbound rules, the
// subnet's network ACL (first match by rule number) and the way back (the subnet's route to the
// VPC's internet gateway, the ACL's outbound entries for the response) are turned into flow sets
// and intersected, so the answer holds for every source address, protocol and port at once rather
// than for sampled flows. A group open to 0.0.0.0/0 on an interface nobody can reach is not
// exposure; the report says why.

#include "engines/exposure.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "engines/route_lookup.h"
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

FlowSet RuleFlows(const Network& n, const SecurityGroupRule& r) {
  return FlowSet::Of(r.protocol, r.ports, r.icmp, PeerAddresses(n, r.peer));
}

FlowSet GroupsIngress(const Network& n, const NetworkInterface& eni) {
  FlowSet out;
  for (const SecurityGroup* g : n.GroupsOf(eni))
    for (auto& r : g->ingress) out = out.Union(RuleFlows(n, r));
  return out;
}

// What a network ACL direction allows: the first entry that matches decides, so each entry
// decides only what no earlier entry did.
FlowSet AclAllowed(const std::vector<NetworkAclEntry>& entries) {
  FlowSet allowed, decided;
  for (auto& e : entries) {
    FlowSet mine = FlowSet::Of(e.protocol, e.ports, e.icmp, AddressSet::Of(e.cidr)).Subtract(decided);
    if (e.allow) allowed = allowed.Union(mine);
    decided = decided.Union(mine);
  }
  return allowed;
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

// The flows whose responses get back: per protocol, the sources the ACL lets the response reach
// and the subnet's routes send to the internet gateway.
FlowSet ReturnFlows(const FlowSet& acl_out, const AddressSet& routed_back) {
  FlowSet out;
  for (int p = 0; p < 256; ++p) {
    ProtocolSelector protocol;
    protocol.all = false, protocol.number = static_cast<uint8_t>(p);
    AddressSet back = ReturnAddresses(acl_out, static_cast<uint8_t>(p)).Intersect(routed_back);
    out = out.Union(FlowSet::Of(protocol, PortRange::All(), IcmpTypeCode{}, back));
  }
  return out;
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

// What a subnet lets in from, and back out to, the internet: the same for every interface in it.
struct SubnetPath {
  FlowSet acl_in;
  FlowSet back;  // ReturnFlows
  bool routed_back = false;
};

SubnetPath PathOf(const Network& n, const Subnet& subnet, const InternetGateway& igw) {
  const NetworkAcl* acl = n.NetworkAclForSubnet(subnet);
  FlowSet acl_out = acl ? AclAllowed(acl->egress) : FlowSet::All();
  const RouteTable* table = n.RouteTableForSubnet(subnet);
  AddressSet routed_back = table ? DestinationsRoutedBy(n, *table, [&](const Route& r) {
    return r.target_kind == RouteTargetKind::kInternetGateway && r.target_id == igw.id && !r.blackhole;
  }) : AddressSet();
  return {acl ? AclAllowed(acl->ingress) : FlowSet::All(), ReturnFlows(acl_out, routed_back), !routed_back.empty()};
}

// Interfaces with the same groups in the same subnet are exposed alike: computed once per such
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

class ExposureCache {
 public:
  explicit ExposureCache(const Network& n) : n_(n), internet_(InternetSpace()) {}

  // What the groups admit from internet sources; `eni` carries them.
  const FlowSet& Open(const GroupSet& groups, const NetworkInterface& eni) {
    auto it = open_.find(groups);
    if (it == open_.end()) it = open_.emplace(groups, GroupsIngress(n_, eni).RestrictAddresses(internet_)).first;
    return it->second;
  }

  const ClassExposure& For(const GroupSet& groups, const FlowSet& open, const NetworkInterface& eni,
                           const Subnet& subnet, const InternetGateway& igw) {
    auto key = std::make_pair(groups, &subnet);
    auto it = classes_.find(key);
    if (it == classes_.end()) it = classes_.emplace(key, Compute(open, eni, subnet, igw)).first;
    return it->second;
  }

 private:
  ClassExposure Compute(const FlowSet& open, const NetworkInterface& eni, const Subnet& subnet,
                        const InternetGateway& igw) {
    ClassExposure out;
    auto path = paths_.find(&subnet);
    if (path == paths_.end()) path = paths_.emplace(&subnet, PathOf(n_, subnet, igw)).first;
    FlowSet flows = open.Intersect(path->second.acl_in).Intersect(path->second.back);
    if (flows.empty())
      out.unreachable = !path->second.routed_back ? "its subnet has no route back to " + igw.id
                                                  : "its network ACL or routes stop all of it";
    for (IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
      FlowSet& mine = out.flows[int(family)];
      mine = flows.RestrictAddresses(AddressSet::AllOf(family));
      if (mine.empty()) continue;
      for (const SecurityGroup* g : n_.GroupsOf(eni))
        for (auto& r : g->ingress)
          if (!RuleFlows(n_, r).Intersect(mine).empty()) out.rules[int(family)].push_back({g, &r});
    }
    return out;
  }

  const Network& n_;
  AddressSet internet_;
  std::map<GroupSet, FlowSet> open_;
  std::map<std::pair<GroupSet, const Subnet*>, ClassExposure> classes_;
  std::unordered_map<const Subnet*, SubnetPath> paths_;
};

void ExposeInterface(const Network& n, const NetworkInterface& eni, ExposureCache& cache, ExposureReport& report) {
  GroupSet groups = GroupSetOf(eni);
  const FlowSet& open = cache.Open(groups, eni);
  if (open.empty()) return;  // nothing from the internet gets past the groups
  std::vector<IpAddress> addresses = PublicAddresses(eni);
  const InternetGateway* igw = n.InternetGatewayOfVpc(eni.vpc_id);
  if (std::string why = Unreachable(n, eni, addresses, igw); !why.empty())
    return report.explained.push_back({&eni, why});
  const ClassExposure& exposure = cache.For(groups, open, eni, *n.SubnetOf(eni), *igw);
  if (!exposure.unreachable.empty()) return report.explained.push_back({&eni, exposure.unreachable});
  for (IpAddress a : addresses) {
    int family = int(a.family());
    if (exposure.flows[family].empty()) continue;
    report.exposed.push_back({&eni, InterfaceOwnerKind(n, eni), ResourceOf(n, eni), a, igw->id,
                              exposure.flows[family], exposure.rules[family]});
  }
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
  ExposureReport report;
  ExposureCache cache(network);
  for (auto& eni : network.network_interfaces) ExposeInterface(network, eni, cache, report);
  return report;
}

}  // namespace sgscope
