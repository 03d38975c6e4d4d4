// Plans a synthetic AWS account of a given size and hands it to the writer. The shape
// follows design.md §6: VPCs joined by peering, each with an internet gateway and a NAT
// gateway; 30-50% of rule peers are group references; interfaces take 1-5 groups, mostly
// from a few popular combinations; prefix lists, IPv6, 20-40 entries per custom network
// ACL, and managed interfaces (NAT, endpoints, load balancers, RDS, Lambda, EFS).

#include "snapshot_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "random.h"
#include "synthetic_inventory.h"

namespace sgscope::bench {

namespace {

constexpr int kInterfacesPerSubnet = 40;
constexpr int kUsableHosts = 251;  // a /24 less the five addresses AWS reserves

// AWS-style ids ("sg-0" + 16 hex digits), unique per (prefix, index) because Mix64 is a
// bijection and the inputs of one prefix differ.
class IdMaker {
 public:
  explicit IdMaker(uint64_t seed) : seed_(seed) {}
  std::string Make(std::string_view prefix, uint64_t index, int digits = 17) const {
    return std::string(prefix) + "-" + HexDigits(Mix64(Mix64(seed_ ^ HashName(prefix)) + index), digits);
  }

 private:
  uint64_t seed_;
};

// Which managed service (if any) an interface belongs to.
enum class InterfaceKind : uint8_t { kInstance, kEndpoint, kAlb, kNlb, kRds, kLambda, kEfs, kUnattached };
const std::vector<double> kInterfaceKindWeights = {78, 4, 4, 2, 4, 4, 2, 2};

const char* const kGroupNames[] = {"web", "app",     "db",    "cache", "bastion", "alb",   "lambda",
                                   "vpce", "monitor", "ci",   "batch", "k8s-node", "k8s-cp", "efs",
                                   "rds",  "redis",   "kafka", "search", "sftp",   "vpn"};
const char* const kDescriptions[] = {"office",  "vpn users",       "monitoring", "bastion access",
                                     "legacy",  "ALB health check", "partner",    "CI runners"};
const int kTcpPorts[] = {22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9200, 27017, 3389, 5439, 11211, 25, 53, 9092};
const int kUdpPorts[] = {53, 123, 161, 500, 1194, 51820, 4500};

// Plans one inventory; each Plan* step uses its own random stream.
class Planner {
 public:
  Planner(const SizeSpec& size, uint64_t seed) : size_(size), seed_(seed), ids_(seed) {}
  Inventory Run();

 private:
  void PlanVpcs();
  void PlanSubnets();
  void PlanPeerings();
  void PlanPrefixLists();
  void PlanGroups();
  void PlanGroupRules();
  void PlanGroupCombos();
  void PlanInterfaces();
  void PlanAcls();
  void PlanRouteTables();

  // Security-group rules.
  void AddDefaultGroupRules(PlanGroup& group);
  void AddRules(Rng& rng, const PlanGroup& group, std::vector<PlanPermission>& perms, int count, double group_share);
  void SetProtocol(Rng& rng, PlanPermission& perm);
  PlanPeer RandomPeer(Rng& rng, const PlanGroup& group, double group_share);
  PlanPeer GroupPeer(Rng& rng, const PlanGroup& group);
  PlanPeer Cidr4Peer(Rng& rng, int vpc);
  PlanPeer Cidr6Peer(Rng& rng, int vpc);
  PlanPeer PrefixListPeer(Rng& rng);
  PlanPeer UniqueHostPeer();

  // Interfaces.
  int AddInterface(Rng& rng, int subnet, InterfaceKind kind);
  void AddInstance(Rng& rng, int subnet, int interfaces);
  void DescribeManaged(Rng& rng, PlanInterface& eni, InterfaceKind kind);
  void AddNatInterface(int vpc);
  int SubnetWithRoom(Rng& rng, int hosts);
  uint32_t NextHost(PlanSubnet& subnet);
  std::vector<int> PickGroups(Rng& rng, int vpc, bool popular);

  // Network ACLs and routes.
  void AddAcl(Rng& rng, int vpc, bool is_default);
  PlanAclEntry RandomAclEntry(Rng& rng, int vpc, bool egress);
  std::vector<PlanRoute> BaseRoutes(int vpc);
  void AddRouteTable(int vpc, bool is_main, std::vector<int> subnets, std::vector<PlanRoute> extra);
  std::vector<int> ActivePeers(int vpc) const;

  std::string Account() const { return inv_.account; }

  SizeSpec size_;
  uint64_t seed_;
  IdMaker ids_;
  Inventory inv_;
  std::vector<std::string> offices_;  // public CIDRs of "offices" and "partners"
  int unique_hosts_ = 0;
  uint32_t next_public_ip_ = (3u << 24) | (80u << 16);  // 3.80.0.0
};

Inventory Planner::Run() {
  inv_.account = std::to_string(200000000000ull + seed_ % 99999999999ull);
  inv_.region = "us-east-1";
  PlanVpcs();
  PlanSubnets();
  PlanPeerings();
  PlanPrefixLists();
  PlanGroups();
  PlanGroupRules();
  PlanGroupCombos();
  PlanInterfaces();
  PlanAcls();
  PlanRouteTables();
  return std::move(inv_);
}

void Planner::PlanVpcs() {
  for (int v = 0; v < size_.vpcs; ++v) {
    PlanVpc vpc;
    vpc.id = ids_.Make("vpc", v);
    vpc.cidr = (10u << 24) | (uint32_t(10 + v) << 16);
    if (v % 3 == 2) vpc.secondary_cidr = (100u << 24) | (uint32_t(64 + v) << 16);
    if (v % 2 == 0) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "2600:1f18:4a:%02x00::/56", 16 + v);
      vpc.ipv6_cidr = buf;
      vpc.eigw = ids_.Make("eigw", v);
    }
    vpc.igw = ids_.Make("igw", v);
    vpc.nat = ids_.Make("nat", v);
    vpc.s3_endpoint = ids_.Make("vpce", v);
    inv_.vpcs.push_back(std::move(vpc));
  }
}

void Planner::PlanSubnets() {
  int per_vpc = (size_.interfaces + size_.vpcs * kInterfacesPerSubnet - 1) / (size_.vpcs * kInterfacesPerSubnet);
  per_vpc = std::clamp(per_vpc, 4, 250);
  for (int v = 0; v < size_.vpcs; ++v) {
    PlanVpc& vpc = inv_.vpcs[v];
    int count = per_vpc + (vpc.secondary_cidr ? 1 : 0);
    for (int i = 0; i < count; ++i) {
      PlanSubnet s;
      s.id = ids_.Make("subnet", inv_.subnets.size());
      s.vpc = v;
      bool secondary = i == per_vpc;
      s.cidr = secondary ? vpc.secondary_cidr : vpc.cidr | (uint32_t(i) << 8);
      s.is_public = !secondary && i < std::max(1, per_vpc / 4);
      s.az = inv_.region + "abcdef"[i % 6];
      if (!vpc.ipv6_cidr.empty() && !secondary) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "2600:1f18:4a:%02x%02x::/64", 16 + v, i);
        s.ipv6_cidr = buf;
      }
      vpc.subnets.push_back(static_cast<int>(inv_.subnets.size()));
      inv_.subnets.push_back(std::move(s));
    }
  }
}

// A ring of active peerings (VPC i with i+1), plus one pending request to another account.
void Planner::PlanPeerings() {
  int n = size_.vpcs;
  int ring = n >= 3 ? n : n - 1;
  for (int i = 0; i < ring; ++i) {
    PlanPeering p;
    p.id = ids_.Make("pcx", inv_.peerings.size());
    p.status = "active";
    p.requester = i;
    p.accepter = (i + 1) % n;
    inv_.vpcs[p.requester].peerings.push_back(static_cast<int>(inv_.peerings.size()));
    inv_.vpcs[p.accepter].peerings.push_back(static_cast<int>(inv_.peerings.size()));
    inv_.peerings.push_back(std::move(p));
  }
  PlanPeering external;
  external.id = ids_.Make("pcx", inv_.peerings.size());
  external.status = "pending-acceptance";
  external.external_vpc = ids_.Make("vpc", 100000);
  external.external_owner = "999988887777";
  external.external_cidr = (172u << 24) | (20u << 16);
  inv_.peerings.push_back(std::move(external));
}

std::vector<int> Planner::ActivePeers(int vpc) const {
  std::vector<int> peers;
  for (int p : inv_.vpcs[vpc].peerings) {
    const PlanPeering& pcx = inv_.peerings[p];
    if (pcx.status == "active" && pcx.accepter >= 0) peers.push_back(p);
  }
  return peers;
}

// Two AWS-managed service lists (real us-east-1 ids) and customer lists: offices and
// partners (public CIDRs) and "internal" lists naming VPC blocks, so prefix-list peers
// decide flows inside the account too.
void Planner::PlanPrefixLists() {
  Rng rng(seed_, "prefix-lists");
  for (int i = 0; i < 60; ++i) {
    uint32_t base = (uint32_t(rng.Between(60, 220)) << 24) | (rng.Below(1u << 24) & 0xFFFFFF00u);
    offices_.push_back(rng.Chance(0.5) ? Ipv4Cidr(base | rng.Below(256), 32) : Ipv4Cidr(base, rng.Between(24, 29)));
  }
  inv_.prefix_lists.push_back({"pl-63a5400a", "com.amazonaws.us-east-1.s3", "AWS", true,
                               {"3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "52.216.0.0/15", "54.231.0.0/16"}});
  inv_.prefix_lists.push_back({"pl-02cd2c6b", "com.amazonaws.us-east-1.dynamodb", "AWS", true,
                               {"3.218.182.0/24", "52.94.0.0/22", "52.119.224.0/20"}});
  int customer = 2 + size_.vpcs;
  for (int i = 0; i < customer; ++i) {
    PlanPrefixList list{ids_.Make("pl", i), "", inv_.account, false, {}};
    bool internal = i % 3 == 2;
    list.name = (internal ? "internal-" : i % 3 == 0 ? "offices-" : "partners-") + std::to_string(i);
    int entries = rng.Between(3, 20);
    for (int e = 0; e < entries; ++e) {
      const PlanVpc& vpc = inv_.vpcs[rng.Below(size_.vpcs)];
      list.cidrs.push_back(internal ? Ipv4Cidr(vpc.cidr | (rng.Below(16) << 8), 24) : rng.Pick(offices_));
    }
    std::sort(list.cidrs.begin(), list.cidrs.end());
    list.cidrs.erase(std::unique(list.cidrs.begin(), list.cidrs.end()), list.cidrs.end());
    inv_.prefix_lists.push_back(std::move(list));
  }
}

// Half as many groups as interfaces, spread evenly over the VPCs; the first of each VPC
// is its "default" group.
void Planner::PlanGroups() {
  Rng rng(seed_, "groups");
  int total = std::max(size_.vpcs, size_.interfaces / 2);
  for (int g = 0; g < total; ++g) {
    PlanGroup group;
    group.id = ids_.Make("sg", g);
    group.vpc = g % size_.vpcs;
    PlanVpc& vpc = inv_.vpcs[group.vpc];
    if (vpc.groups.empty()) {
      group.name = "default";
      group.description = "default VPC security group";
    } else {
      group.name = std::string(kGroupNames[rng.Below(std::size(kGroupNames))]) + "-" + std::to_string(g);
      group.description = rng.Chance(0.5) ? "Managed by Terraform" : "security group for " + group.name;
    }
    vpc.groups.push_back(g);
    inv_.groups.push_back(std::move(group));
  }
}

// Rule budgets: every group gets one rule, the rest follow heavy-tailed weights, so a few
// groups have hundreds of rules and most have a handful.
void Planner::PlanGroupRules() {
  Rng rng(seed_, "rules");
  std::vector<double> cumulative;
  double total = 0;
  int budget = size_.rules;
  std::vector<int> custom;
  for (int g = 0; g < static_cast<int>(inv_.groups.size()); ++g) {
    PlanGroup& group = inv_.groups[g];
    if (group.name == "default") {
      AddDefaultGroupRules(group);
      budget -= inv_.vpcs[group.vpc].ipv6_cidr.empty() ? 2 : 3;
      continue;
    }
    custom.push_back(g);
    total += std::pow(-std::log(1 - rng.Unit()), 1.3);
    cumulative.push_back(total);
  }
  std::vector<int> counts(custom.size(), 1);
  for (int r = static_cast<int>(custom.size()); r < budget; ++r)
    ++counts[std::lower_bound(cumulative.begin(), cumulative.end(), rng.Unit() * total) - cumulative.begin()];
  for (size_t i = 0; i < custom.size(); ++i) {
    PlanGroup& group = inv_.groups[custom[i]];
    double share = 0.25 + 0.30 * rng.Unit();  // this group's share of group-reference peers
    bool open_egress = counts[i] == 1 || rng.Chance(0.7);
    int egress = open_egress ? 1 : std::max(1, counts[i] * 3 / 10);
    if (open_egress)
      group.egress.push_back({"-1", -1, -1, {{PlanPeer::Kind::kCidr4, "0.0.0.0/0", "", "", ""}}});
    else
      AddRules(rng, group, group.egress, egress, share);
    AddRules(rng, group, group.ingress, counts[i] - egress, share);
  }
}

// What AWS creates: all traffic from the group itself in, everything out.
void Planner::AddDefaultGroupRules(PlanGroup& group) {
  PlanPeer self{PlanPeer::Kind::kGroup, group.id, "", "", ""};
  group.ingress.push_back({"-1", -1, -1, {self}});
  PlanPermission out{"-1", -1, -1, {{PlanPeer::Kind::kCidr4, "0.0.0.0/0", "", "", ""}}};
  if (!inv_.vpcs[group.vpc].ipv6_cidr.empty()) out.peers.push_back({PlanPeer::Kind::kCidr6, "::/0", "", "", ""});
  group.egress.push_back(out);
}

// Adds `count` distinct peers, merged into one IpPermission per protocol and ports as
// describe-security-groups prints them.
void Planner::AddRules(Rng& rng, const PlanGroup& group, std::vector<PlanPermission>& perms, int count,
                       double group_share) {
  std::map<std::tuple<std::string, int, int>, size_t> by_key;
  std::set<std::pair<size_t, std::string>> seen;
  while (count > 0) {
    PlanPermission perm;
    SetProtocol(rng, perm);
    auto [it, added] = by_key.emplace(std::tuple(perm.protocol, perm.from, perm.to), perms.size());
    if (added) perms.push_back(perm);
    PlanPermission& target = perms[it->second];
    int peers = std::min(count, 1 + static_cast<int>(rng.Skewed(4, 2.0)));
    for (int i = 0; i < peers; ++i, --count) {
      PlanPeer peer = RandomPeer(rng, group, group_share);
      for (int retry = 0; !seen.emplace(it->second, peer.value).second; ++retry)
        peer = retry < 4 ? RandomPeer(rng, group, group_share) : UniqueHostPeer();
      target.peers.push_back(std::move(peer));
    }
  }
}

void Planner::SetProtocol(Rng& rng, PlanPermission& perm) {
  static const std::pair<int, int> kTcpRanges[] = {{1024, 65535}, {8000, 8999}, {30000, 32767}, {0, 65535}};
  static const std::pair<int, int> kIcmp[] = {{-1, -1}, {-1, -1}, {8, -1}, {0, -1}, {3, 4}};
  std::pair<int, int> range{-1, -1};
  switch (rng.Weighted({55, 11, 8, 7, 1, 15, 3})) {
    case 0: perm.protocol = "tcp", range.first = kTcpPorts[rng.Skewed(std::size(kTcpPorts), 1.8)]; break;
    case 1: perm.protocol = "tcp", range = kTcpRanges[rng.Below(std::size(kTcpRanges))]; break;
    case 2:
      perm.protocol = "udp", range.first = kUdpPorts[rng.Below(std::size(kUdpPorts))];
      if (rng.Chance(0.2)) range = {1024, 65535};
      break;
    case 3: perm.protocol = "icmp", range = kIcmp[rng.Below(std::size(kIcmp))]; break;
    case 4: perm.protocol = "icmpv6"; break;
    case 5: perm.protocol = "-1"; break;
    default: perm.protocol = rng.Chance(0.5) ? "50" : "47"; break;
  }
  bool single_port = (perm.protocol == "tcp" || perm.protocol == "udp") && range.second < 0;
  perm.from = range.first;
  perm.to = single_port ? range.first : range.second;
}

PlanPeer Planner::RandomPeer(Rng& rng, const PlanGroup& group, double group_share) {
  PlanPeer peer;
  if (rng.Chance(group_share)) {
    peer = GroupPeer(rng, group);
  } else {
    double r = rng.Unit();
    peer = r < 0.10 ? Cidr6Peer(rng, group.vpc) : r < 0.25 ? PrefixListPeer(rng) : Cidr4Peer(rng, group.vpc);
  }
  if (rng.Chance(0.35)) peer.description = kDescriptions[rng.Below(std::size(kDescriptions))];
  return peer;
}

// Mostly popular groups of the same VPC; some across an active peering, a few stale.
PlanPeer Planner::GroupPeer(Rng& rng, const PlanGroup& group) {
  PlanPeer peer{PlanPeer::Kind::kGroup, "", "", "", ""};
  const PlanVpc& vpc = inv_.vpcs[group.vpc];
  std::vector<int> peers = ActivePeers(group.vpc);
  double r = rng.Unit();
  if (r < 0.08) {
    peer.value = group.id;
  } else if (r < 0.88 || peers.empty()) {
    peer.value = inv_.groups[vpc.groups[rng.Skewed(vpc.groups.size(), 2.5)]].id;
  } else if (r < 0.995) {
    const PlanPeering& pcx = inv_.peerings[rng.Pick(peers)];
    const PlanVpc& other = inv_.vpcs[pcx.requester == group.vpc ? pcx.accepter : pcx.requester];
    peer.value = inv_.groups[other.groups[rng.Skewed(other.groups.size(), 2.5)]].id;
    peer.peer_vpc_id = other.id;
    peer.peering_id = pcx.id;
  } else {
    peer.value = ids_.Make("sg", 1000000 + rng.Below(1000));  // deleted group: a stale reference
  }
  return peer;
}

PlanPeer Planner::Cidr4Peer(Rng& rng, int vpc_index) {
  const PlanVpc& vpc = inv_.vpcs[vpc_index];
  std::vector<int> peers = ActivePeers(vpc_index);
  const PlanSubnet& subnet = inv_.subnets[rng.Pick(vpc.subnets)];
  std::string cidr;
  switch (rng.Weighted({15, 15, 8, 12, 8, 12, 30})) {
    case 0: cidr = Ipv4Cidr(vpc.cidr, 16); break;
    case 1: cidr = Ipv4Cidr(subnet.cidr, 24); break;
    case 2: cidr = "10.0.0.0/8"; break;
    case 3: cidr = "0.0.0.0/0"; break;
    case 4: {
      if (peers.empty()) return UniqueHostPeer();
      const PlanPeering& pcx = inv_.peerings[rng.Pick(peers)];
      cidr = Ipv4Cidr(inv_.vpcs[pcx.requester == vpc_index ? pcx.accepter : pcx.requester].cidr, 16);
      break;
    }
    case 5: cidr = Ipv4Cidr(subnet.cidr | uint32_t(4 + rng.Below(kUsableHosts)), 32); break;
    default: cidr = rng.Pick(offices_); break;
  }
  return {PlanPeer::Kind::kCidr4, cidr, "", "", ""};
}

PlanPeer Planner::Cidr6Peer(Rng& rng, int vpc_index) {
  const std::string& own = inv_.vpcs[vpc_index].ipv6_cidr;
  double r = rng.Unit();
  std::string cidr;
  if (r < 0.4 || (r < 0.7 && own.empty())) {
    cidr = "::/0";
  } else if (r < 0.7) {
    cidr = own;
  } else {
    char buf[48];
    std::snprintf(buf, sizeof buf, "2001:db8:%x::/48", rng.Below(0xFFFF) + 1);
    cidr = buf;
  }
  return {PlanPeer::Kind::kCidr6, cidr, "", "", ""};
}

PlanPeer Planner::PrefixListPeer(Rng& rng) {
  size_t i = rng.Chance(0.2) ? 0 : 2 + rng.Skewed(inv_.prefix_lists.size() - 2, 1.5);
  return {PlanPeer::Kind::kPrefixList, inv_.prefix_lists[i].id, "", "", ""};
}

// A fresh public /32 (44.0.0.0/8 range), for when random picks keep repeating a peer.
PlanPeer Planner::UniqueHostPeer() {
  return {PlanPeer::Kind::kCidr4, Ipv4Cidr((44u << 24) + ++unique_hosts_, 32), "", "", ""};
}

// Per VPC, a third as many group sets as groups; most have 1-2 groups.
void Planner::PlanGroupCombos() {
  Rng rng(seed_, "combos");
  for (int v = 0; v < size_.vpcs; ++v) {
    PlanVpc& vpc = inv_.vpcs[v];
    int combos = std::max(4, static_cast<int>(vpc.groups.size()) / 3);
    for (int c = 0; c < combos; ++c) vpc.group_combos.push_back(PickGroups(rng, v, false));
  }
}

// 1-5 distinct groups of the VPC, popular ones more often; with `popular`, one of the VPC's
// common combinations (85% of the time).
std::vector<int> Planner::PickGroups(Rng& rng, int vpc_index, bool popular) {
  const PlanVpc& vpc = inv_.vpcs[vpc_index];
  if (popular && rng.Chance(0.85)) return vpc.group_combos[rng.Skewed(vpc.group_combos.size(), 2.0)];
  int k = 1 + static_cast<int>(rng.Weighted({35, 30, 20, 10, 5}));
  std::vector<int> groups;
  for (int tries = 0; static_cast<int>(groups.size()) < k && tries < 20; ++tries) {
    int g = vpc.groups[rng.Skewed(vpc.groups.size(), 2.0)];
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  return groups;
}

void Planner::PlanInterfaces() {
  Rng rng(seed_, "interfaces");
  for (int v = 0; v < size_.vpcs; ++v) AddNatInterface(v);
  while (static_cast<int>(inv_.interfaces.size()) < size_.interfaces) {
    auto kind = static_cast<InterfaceKind>(rng.Weighted(kInterfaceKindWeights));
    int remaining = size_.interfaces - static_cast<int>(inv_.interfaces.size());
    if (kind == InterfaceKind::kInstance) {
      int enis = remaining >= 2 && rng.Chance(0.1) ? 2 : 1;
      AddInstance(rng, SubnetWithRoom(rng, 8), enis);
    } else {
      AddInterface(rng, SubnetWithRoom(rng, 4), kind);
    }
  }
}

// A random subnet with at least `hosts` free addresses.
int Planner::SubnetWithRoom(Rng& rng, int hosts) {
  int n = static_cast<int>(inv_.subnets.size());
  int start = static_cast<int>(rng.Below(n));
  for (int i = 0; i < n; ++i) {
    int s = (start + i) % n;
    if (inv_.subnets[s].hosts_used + hosts <= kUsableHosts) return s;
  }
  std::fprintf(stderr, "sgscope_gen: subnets are full\n");
  std::abort();
}

// Addresses .4-.254 in a scattered order (97 is coprime with 251).
uint32_t Planner::NextHost(PlanSubnet& subnet) {
  return subnet.cidr | uint32_t(4 + (subnet.hosts_used++ * 97) % kUsableHosts);
}

int Planner::AddInterface(Rng& rng, int subnet_index, InterfaceKind kind) {
  PlanSubnet& subnet = inv_.subnets[subnet_index];
  PlanInterface eni;
  eni.id = ids_.Make("eni", inv_.interfaces.size());
  eni.subnet = subnet_index;
  eni.private_ips.push_back(NextHost(subnet));
  bool busy = kind == InterfaceKind::kInstance || kind == InterfaceKind::kAlb;
  if (busy && rng.Chance(0.06))
    for (int i = rng.Between(1, 3); i > 0; --i) eni.private_ips.push_back(NextHost(subnet));
  if (!subnet.ipv6_cidr.empty() && rng.Chance(0.4)) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%x", 0x1000 + subnet.ipv6_used++);
    eni.ipv6 = subnet.ipv6_cidr.substr(0, subnet.ipv6_cidr.size() - 3) + buf;  // "...::/64" -> "...::1000"
  }
  if (kind != InterfaceKind::kNlb) eni.groups = PickGroups(rng, subnet.vpc, true);
  double public_share = kind == InterfaceKind::kInstance ? 0.8 : kind == InterfaceKind::kAlb ? 0.6 : 0;
  if (subnet.is_public && rng.Chance(public_share)) {
    eni.public_ip = ++next_public_ip_;
    if (rng.Chance(0.25)) eni.allocation_id = ids_.Make("eipalloc", inv_.interfaces.size());
  }
  DescribeManaged(rng, eni, kind);
  inv_.interfaces.push_back(std::move(eni));
  return static_cast<int>(inv_.interfaces.size()) - 1;
}

void Planner::DescribeManaged(Rng& rng, PlanInterface& eni, InterfaceKind kind) {
  std::string tag = HexDigits(rng.Next(), 16);
  eni.type = "interface";
  eni.requester_managed = kind != InterfaceKind::kInstance && kind != InterfaceKind::kUnattached;
  switch (kind) {
    case InterfaceKind::kInstance: break;
    case InterfaceKind::kUnattached: eni.status = "available", eni.description = "spare interface"; break;
    case InterfaceKind::kEndpoint:
      eni.type = "vpc_endpoint", eni.requester_id = "727180483921";
      eni.endpoint_id = ids_.Make("vpce", 1000 + inv_.interfaces.size());
      eni.description = "VPC Endpoint Interface " + eni.endpoint_id;
      break;
    case InterfaceKind::kAlb: eni.description = "ELB app/alb-" + tag.substr(0, 6) + "/" + tag, eni.requester_id = "amazon-elb"; break;
    case InterfaceKind::kNlb:
      eni.type = "network_load_balancer", eni.requester_id = "066548406366", eni.source_dest_check = false;
      eni.description = "ELB net/nlb-" + tag.substr(0, 6) + "/" + tag;
      break;
    case InterfaceKind::kRds: eni.description = "RDSNetworkInterface", eni.requester_id = "amazon-rds"; break;
    case InterfaceKind::kLambda:
      eni.type = "lambda", eni.requester_id = "AROAQ3EGQ6TJZKEXAMPLE:fn-" + tag.substr(0, 8);
      eni.description = "AWS Lambda VPC ENI-fn-" + tag.substr(0, 8) + "-" + tag.substr(8);
      break;
    case InterfaceKind::kEfs:
      eni.description = "EFS mount target for fs-" + tag.substr(0, 8) + " (fsmt-" + tag.substr(8) + ")";
      eni.requester_id = "429867312954";
      break;
  }
  if (eni.requester_managed) eni.attachment_id = "ela-attach-" + tag.substr(0, 8);
}

void Planner::AddInstance(Rng& rng, int subnet, int interfaces) {
  static const char* const kTypes[] = {"t3.micro", "t3.medium", "m5.large", "m5.xlarge", "c5.2xlarge", "r5.large"};
  PlanInstance instance;
  instance.id = ids_.Make("i", inv_.instances.size());
  instance.instance_type = kTypes[rng.Below(std::size(kTypes))];
  instance.image_id = ids_.Make("ami", rng.Below(20));
  instance.subnet = subnet;
  for (int d = 0; d < interfaces; ++d) {
    int eni = AddInterface(rng, subnet, InterfaceKind::kInstance);
    inv_.interfaces[eni].instance_id = instance.id;
    inv_.interfaces[eni].device_index = d;
    inv_.interfaces[eni].attachment_id = ids_.Make("eni-attach", eni);
    inv_.interfaces[eni].source_dest_check = !rng.Chance(0.01);
    if (d > 0) inv_.interfaces[eni].public_ip = 0, inv_.interfaces[eni].allocation_id.clear();
    instance.interfaces.push_back(eni);
  }
  inv_.instances.push_back(std::move(instance));
}

// The NAT gateway's interface sits in the VPC's first (public) subnet with an Elastic IP.
void Planner::AddNatInterface(int vpc_index) {
  PlanVpc& vpc = inv_.vpcs[vpc_index];
  PlanInterface eni;
  eni.id = ids_.Make("eni", inv_.interfaces.size());
  eni.subnet = vpc.subnets.front();
  eni.type = "nat_gateway";
  eni.description = "Interface for NAT Gateway " + vpc.nat;
  eni.requester_managed = true;
  eni.requester_id = "062328495474";
  eni.source_dest_check = false;
  eni.attachment_id = "ela-attach-" + HexDigits(Mix64(seed_ + vpc_index), 8);
  eni.private_ips.push_back(NextHost(inv_.subnets[eni.subnet]));
  eni.public_ip = ++next_public_ip_;
  eni.allocation_id = ids_.Make("eipalloc", inv_.interfaces.size());
  vpc.nat_interface = static_cast<int>(inv_.interfaces.size());
  inv_.interfaces.push_back(std::move(eni));
}

// Per VPC: the default ACL (allow all) and one custom ACL per four subnets; 30% of the
// subnets keep the default one.
void Planner::PlanAcls() {
  Rng rng(seed_, "acls");
  for (int v = 0; v < size_.vpcs; ++v) {
    size_t first = inv_.acls.size();
    AddAcl(rng, v, true);
    int custom = std::max(1, static_cast<int>(inv_.vpcs[v].subnets.size()) / 4);
    for (int c = 0; c < custom; ++c) AddAcl(rng, v, false);
    const std::vector<int>& subnets = inv_.vpcs[v].subnets;
    for (size_t i = 0; i < subnets.size(); ++i)
      inv_.acls[i % 10 < 3 ? first : first + 1 + i % custom].subnets.push_back(subnets[i]);
  }
}

void Planner::AddAcl(Rng& rng, int vpc, bool is_default) {
  PlanAcl acl;
  acl.id = ids_.Make("acl", inv_.acls.size());
  acl.vpc = vpc;
  acl.is_default = is_default;
  bool ipv6 = !inv_.vpcs[vpc].ipv6_cidr.empty();
  for (bool egress : {true, false}) {
    int explicit_entries = is_default ? 1 : (egress ? rng.Between(8, 16) : rng.Between(10, 20));
    for (int i = 0; i < explicit_entries; ++i) {
      PlanAclEntry e = is_default ? PlanAclEntry{0, egress, true, "-1", "0.0.0.0/0"} : RandomAclEntry(rng, vpc, egress);
      e.number = 100 + 10 * i;
      acl.entries.push_back(e);
    }
    if (is_default && ipv6) acl.entries.push_back({101, egress, true, "-1", "::/0", true});
    acl.entries.push_back({32767, egress, false, "-1", "0.0.0.0/0"});
    if (ipv6) acl.entries.push_back({32768, egress, false, "-1", "::/0", true});
  }
  inv_.acls.push_back(std::move(acl));
}

PlanAclEntry Planner::RandomAclEntry(Rng& rng, int vpc_index, bool egress) {
  const PlanVpc& vpc = inv_.vpcs[vpc_index];
  std::string own = Ipv4Cidr(vpc.cidr, 16);
  std::string wide = rng.Chance(0.5) ? "0.0.0.0/0" : rng.Chance(0.5) ? "10.0.0.0/8" : own;
  int port = kTcpPorts[rng.Skewed(std::size(kTcpPorts), 1.8)];
  int admin_port = rng.Chance(0.5) ? 22 : 3389;
  auto [udp_from, udp_to] = rng.Chance(0.5) ? std::pair(1024, 65535) : std::pair(53, 53);
  std::string other = Ipv4Cidr(inv_.vpcs[rng.Below(size_.vpcs)].cidr | (rng.Below(16) << 8), rng.Chance(0.5) ? 16 : 24);
  size_t choice = rng.Weighted({15, 8, 25, 10, 8, 6, 6, 8, 4, vpc.ipv6_cidr.empty() ? 0.0 : 10.0, 2});
  switch (choice) {
    case 0: return {0, egress, true, "-1", own};
    case 1: return {0, egress, true, "-1", "10.0.0.0/8"};
    case 2: return {0, egress, true, "6", wide, false, port, port};
    case 3: return {0, egress, true, "6", "0.0.0.0/0", false, 1024, 65535};
    case 4: return {0, egress, true, "17", wide, false, udp_from, udp_to};
    case 5: return {0, egress, true, "1", wide, false, -1, -1};
    case 6: return {0, egress, false, "6", "0.0.0.0/0", false, admin_port, admin_port};
    case 7: return {0, egress, false, "-1", rng.Chance(0.7) ? other : rng.Pick(offices_)};
    case 8: return {0, egress, true, "-1", "0.0.0.0/0"};
    case 9: return {0, egress, rng.Chance(0.8), rng.Chance(0.5) ? "-1" : "6", "::/0", true, 443, 443};
    default: return {0, egress, true, "50", rng.Pick(offices_)};
  }
}

// Local routes for every block, the S3 gateway endpoint, and a route per active peering.
std::vector<PlanRoute> Planner::BaseRoutes(int vpc_index) {
  const PlanVpc& vpc = inv_.vpcs[vpc_index];
  using D = PlanRoute::Destination;
  std::vector<PlanRoute> routes{{D::kIpv4, Ipv4Cidr(vpc.cidr, 16), "GatewayId", "local", false, true}};
  if (vpc.secondary_cidr) routes.push_back({D::kIpv4, Ipv4Cidr(vpc.secondary_cidr, 16), "GatewayId", "local", false, true});
  if (!vpc.ipv6_cidr.empty()) routes.push_back({D::kIpv6, vpc.ipv6_cidr, "GatewayId", "local", false, true});
  routes.push_back({D::kPrefixList, "pl-63a5400a", "GatewayId", vpc.s3_endpoint});
  for (int p : ActivePeers(vpc_index)) {
    const PlanPeering& pcx = inv_.peerings[p];
    const PlanVpc& other = inv_.vpcs[pcx.requester == vpc_index ? pcx.accepter : pcx.requester];
    routes.push_back({D::kIpv4, Ipv4Cidr(other.cidr, 16), "VpcPeeringConnectionId", pcx.id});
  }
  return routes;
}

void Planner::AddRouteTable(int vpc, bool is_main, std::vector<int> subnets, std::vector<PlanRoute> extra) {
  PlanRouteTable table{ids_.Make("rtb", inv_.route_tables.size()), vpc, is_main, std::move(subnets), BaseRoutes(vpc)};
  table.routes.insert(table.routes.end(), extra.begin(), extra.end());
  if (is_main) inv_.vpcs[vpc].main_route_table = table.id;
  inv_.route_tables.push_back(std::move(table));
}

// Per VPC: a main table (default route to the NAT gateway), a public table for the public
// subnets, and private tables for groups of eight private subnets; every fifth private
// subnet keeps the main table; some private tables hold a blackhole route.
void Planner::PlanRouteTables() {
  Rng rng(seed_, "routes");
  using D = PlanRoute::Destination;
  for (int v = 0; v < size_.vpcs; ++v) {
    const PlanVpc& vpc = inv_.vpcs[v];
    PlanRoute to_nat{D::kIpv4, "0.0.0.0/0", "NatGatewayId", vpc.nat};
    AddRouteTable(v, true, {}, {to_nat});
    std::vector<int> public_subnets, private_subnets;
    int private_count = 0;
    for (int s : vpc.subnets) {
      if (inv_.subnets[s].is_public)
        public_subnets.push_back(s);
      else if (private_count++ % 5 != 4)  // every fifth private subnet keeps the main table
        private_subnets.push_back(s);
    }
    std::vector<PlanRoute> to_igw{{D::kIpv4, "0.0.0.0/0", "GatewayId", vpc.igw}};
    if (!vpc.ipv6_cidr.empty()) to_igw.push_back({D::kIpv6, "::/0", "GatewayId", vpc.igw});
    AddRouteTable(v, false, public_subnets, to_igw);
    for (size_t first = 0; first < private_subnets.size(); first += 8) {
      std::vector<int> slice(private_subnets.begin() + first,
                             private_subnets.begin() + std::min(first + 8, private_subnets.size()));
      std::vector<PlanRoute> extra{to_nat};
      if (!vpc.eigw.empty()) extra.push_back({D::kIpv6, "::/0", "EgressOnlyInternetGatewayId", vpc.eigw});
      if (rng.Chance(0.25))
        extra.push_back({D::kIpv4, "172.16.0.0/16", "VpcPeeringConnectionId", ids_.Make("pcx", 9000 + v), true});
      AddRouteTable(v, false, slice, extra);
    }
  }
}

}  // namespace

std::string HexDigits(uint64_t value, int digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
  std::string hex = buf;
  return digits > 16 ? std::string(digits - 16, '0') + hex : hex.substr(16 - digits);
}

std::string Ipv4Text(uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) +
         "." + std::to_string(a & 255);
}

std::string Ipv4Cidr(uint32_t a, int length) {
  uint32_t mask = length == 0 ? 0 : ~uint32_t(0) << (32 - length);
  return Ipv4Text(a & mask) + "/" + std::to_string(length);
}

std::optional<SizeSpec> SizeByName(std::string_view name) {
  if (name == "S" || name == "s") return SizeSpec{"S", 1000, 10000, 3};
  if (name == "M" || name == "m") return SizeSpec{"M", 10000, 100000, 6};
  if (name == "L" || name == "l") return SizeSpec{"L", 100000, 1000000, 12};
  return std::nullopt;
}

uint64_t GeneratedSnapshot::total_bytes() const {
  uint64_t total = 0;
  for (auto& [name, bytes] : file_bytes) total += bytes;
  return total;
}

GeneratedSnapshot GenerateSnapshot(const SizeSpec& size, uint64_t seed, const std::filesystem::path& out_dir) {
  std::filesystem::create_directories(out_dir);
  std::filesystem::remove(out_dir / kManifestName);
  Inventory inventory = Planner(size, seed).Run();
  GeneratedSnapshot result{WriteSnapshot(inventory, out_dir), CountInventory(inventory)};
  result.counts["generator_version"] = kGeneratorVersion;
  result.counts["seed"] = seed;
  result.counts["json_bytes"] = result.total_bytes();
  std::ofstream manifest(out_dir / kManifestName);
  for (auto& [key, value] : result.counts) manifest << key << ' ' << value << '\n';
  return result;
}

std::map<std::string, uint64_t> ReadManifest(const std::filesystem::path& dir) {
  std::map<std::string, uint64_t> counts;
  std::ifstream in(dir / kManifestName);
  std::string key;
  uint64_t value;
  while (in >> key >> value) counts[key] = value;
  return counts;
}

}  // namespace sgscope::bench
