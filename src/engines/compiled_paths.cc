// Path keys and skeletons for all-pairs reachability. Routes choose paths by address, so when
// no route is more specific than a subnet (the subnet routes uniformly) every pair of interfaces
// in two given subnets meets the same filters: one trace between representatives of two path
// keys gives that skeleton, with each filter's peer named by role (the source or the
// destination). Interfaces the tables cannot stand for are marked unusable here.

#include "engines/compiled_paths.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <mutex>
#include <numeric>
#include <set>
#include <tuple>

#include "engines/client_vpn_path.h"
#include "engines/filter_path.h"
#include "engines/filter_services.h"
#include "engines/load_balancer_path.h"
#include "engines/route_lookup.h"
#include "engines/trace.h"
#include "ingest/parallel_tasks.h"
#include "model/interface_owner.h"

namespace sgscope {

namespace {

// Skeletons traced between representatives of two path keys; `path` keeps what the walk
// recorded (whether it looked the destination up, took routes beyond direct ones).
Skeleton TraceSkeleton(const Network& n, IpFamily family, const Side& src, const Side& dst, const ProtocolClass& pc,
                       FilterPath& path) {
  // Usable sides have an address of the family (SideBuilder::Of); Side keeps only its coordinate,
  // small for the rows' sake.
  IpAddress src_ip = *src.eni->AddressOf(family), dst_ip = *dst.eni->AddressOf(family);
  TraceQuery q;
  q.from = src_ip.ToString(), q.to = dst_ip.ToString();
  q.protocol = pc.protocol, q.icmp_type = pc.icmp_type, q.explain = false, q.record = &path;
  Skeleton out;
  bool traced = Trace(n, q).result.has_value();
  if (!traced || path.service_dependent) return out;
  out.protocol_dependent = path.protocol_dependent;
  out.forward_failed = path.forward_failed, out.return_failed = path.return_failed;
  out.left_network = path.left_network;
  if (out.forward_failed || out.left_network) {  // nothing gets there, whatever the filters
    out.usable = true;
    return out;
  }
  for (const FilterStep& f : path.steps) {
    SkeletonStep step;
    step.direction = f.direction, step.response = f.response, step.response_port = f.packet.dst_port;
    const IpAddress& peer_address = f.direction == Direction::kIngress ? f.packet.src : f.packet.dst;
    step.peer_is_destination = peer_address == dst_ip;
    if (!step.peer_is_destination && peer_address != src_ip) return out;  // a translated or third address
    if (f.kind == FilterStep::Kind::kNetworkAcl) {
      step.acl = f.acl;
    } else {
      if (f.response) return out;  // a response meeting rules without state
      step.groups = true, step.of_source = f.eni == src.eni;
      if (!step.of_source && f.eni != dst.eni) return out;  // a middlebox
      if (f.scope.peer && f.scope.peer != src.eni) return out;
      step.references = f.scope.references_usable;
    }
    out.steps.push_back(step);
  }
  out.usable = true;
  return out;
}

// The destinations of every route (prefix lists whole, as a route may name any of them).
std::vector<IpPrefix> RoutePrefixes(const Network& n) {
  std::vector<IpPrefix> out;
  for (auto& t : n.route_tables)
    for (auto& r : t.routes) out.push_back(r.destination);
  for (auto& t : n.transit_gateway_route_tables)
    for (auto& r : t.routes) out.push_back(r.destination);
  for (auto& l : n.prefix_lists) out.insert(out.end(), l.cidrs.begin(), l.cidrs.end());
  return out;
}

// Every prefix a walk tests a destination address against before it looks the address up
// (trace.cc up to FilterPath::destination_looked_up): routes, VPC and peering blocks (transit
// gateway propagation, peering's non-transitivity), VPN and Client VPN routes and authorization
// rules, and the private space the internet does not route.
std::vector<IpPrefix> WalkPrefixes(const Network& n) {
  std::vector<IpPrefix> out = RoutePrefixes(n);
  for (auto& v : n.vpcs) out.insert(out.end(), v.cidrs.begin(), v.cidrs.end());
  for (auto& p : n.vpc_peering_connections)
    for (auto* side : {&p.requester, &p.accepter}) out.insert(out.end(), side->cidrs.begin(), side->cidrs.end());
  for (auto& c : n.vpn_connections) out.insert(out.end(), c.routes.begin(), c.routes.end());
  for (auto& r : n.client_vpn_routes)
    if (r.destination) out.push_back(*r.destination);
  for (auto& r : n.client_vpn_authorization_rules)
    if (r.destination) out.push_back(*r.destination);
  for (const IpPrefix& p : InternalSpace()) out.push_back(p);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Groups destination keys by VPC and by the walk prefixes holding their subnet's block. A walk
// decides by those tests alone until it looks its destination up, so before that point it goes
// the same way for every key of a group. A block that holds a walk prefix is cut by it: its key
// stays alone.
std::vector<std::vector<uint32_t>> RouteClasses(const Network& n, const std::vector<CompiledPaths::Representatives>& keys,
                                                IpFamily family) {
  std::vector<IpPrefix> prefixes = WalkPrefixes(n);
  std::map<std::pair<std::string, std::vector<uint32_t>>, uint32_t> ids;
  std::vector<std::vector<uint32_t>> out;
  for (uint32_t k = 0; k < keys.size(); ++k) {
    const Subnet& subnet = *keys[k][0]->subnet;
    const IpPrefix& block = *subnet.BlockOf(family);  // usable sides' subnets have one
    std::vector<uint32_t> holding;
    bool cut = false;
    for (uint32_t p = 0; p < prefixes.size(); ++p) {
      if (prefixes[p].family() != block.family()) continue;
      if (prefixes[p].Contains(block)) holding.push_back(p);
      else cut |= block.Contains(prefixes[p]);
    }
    if (cut) {
      out.push_back({k});
      continue;
    }
    auto [it, added] = ids.emplace(std::make_pair(subnet.vpc_id, std::move(holding)), out.size());
    if (added) out.emplace_back();
    out[it->second].push_back(k);
  }
  return out;
}

// Numbers destination keys by how their subnet delivers: its network ACL and the key's own traits
// (groups or none, refusing or not, a NAT gateway's or not).
std::vector<uint32_t> DeliveryClasses(const Network& n, const std::vector<CompiledPaths::Representatives>& keys) {
  std::map<std::tuple<const NetworkAcl*, bool, bool, bool>, uint32_t> ids;
  std::vector<uint32_t> out;
  for (const CompiledPaths::Representatives& key : keys) {
    const Side& side = *key[0];
    auto signature = std::make_tuple(n.NetworkAclForSubnet(*side.subnet), side.eni->group_ids.empty(), side.refuses,
                                     side.nat_gateway);
    out.push_back(ids.emplace(signature, static_cast<uint32_t>(ids.size())).first->second);
  }
  return out;
}

// Two routes send a packet on alike: the same kind of target, the same target, or both none.
bool SameNextHop(const Route* a, const Route* b) {
  if (!a || !b) return a == b;
  return a->target_kind == b->target_kind && a->target_id == b->target_id && a->blackhole == b->blackhole;
}

// Nothing of this protocol class gets there, whatever the filters.
bool DeadEnd(const Skeleton& s) { return s.usable && (s.forward_failed || s.left_network); }

// Computes Sides; knows which interfaces the tables cannot stand for.
class SideBuilder {
 public:
  explicit SideBuilder(CompiledPaths& paths) : d(paths), route_prefixes(RoutePrefixes(paths.n)) {
    const Network& n = d.n;
    for (auto& t : n.route_tables)
      for (auto& r : t.routes)
        if (r.target_kind == RouteTargetKind::kNetworkInterface || r.target_kind == RouteTargetKind::kInstance)
          for (auto& eni : n.network_interfaces)
            if (eni.id == r.target_id || (!eni.attached_instance_id.empty() && eni.attached_instance_id == r.target_id))
              appliances.insert(&eni);
  }

  // No route anywhere is more specific than the subnet's block of the family, so all its
  // addresses there route alike. Path keys, route classes and key blocks stand for the subnet by
  // that first block: an address in another of its blocks (IPv6) may route otherwise.
  bool RoutesUniformly(const Subnet& s, IpAddress address) const {
    const IpPrefix* block = s.BlockOf(d.family);
    if (!block || !block->Contains(address)) return false;
    return std::none_of(route_prefixes.begin(), route_prefixes.end(), [&](const IpPrefix& p) {
      return p.family() == block->family() && p.length() > block->length() && block->Contains(p);
    });
  }

  Side Of(const EndpointClass& c) {
    Side side;
    if (c.kind != EndpointClass::Kind::kInterfaces || c.family != d.family) return side;
    const Network& n = d.n;
    const NetworkInterface& eni = *c.members.front();
    side.eni = &eni, side.subnet = n.SubnetOf(eni);
    auto address = eni.AddressOf(d.family);
    if (!address || !side.subnet) return side;
    side.address = d.axis.Coordinate(*address);
    std::vector<const SecurityGroup*> groups = n.GroupsOf(eni);
    std::sort(groups.begin(), groups.end());
    auto [it, added] = groupset_ids.emplace(groups, groupset_ids.size());
    if (added) d.groupset_carrier.push_back(&eni);
    side.groupset = it->second;
    std::vector<uint32_t> numbers;
    for (auto& g : eni.group_ids) numbers.push_back(d.group_numbers.emplace(g, d.group_numbers.size()).first->second);
    std::sort(numbers.begin(), numbers.end());
    auto [kind, new_kind] = kind_ids.emplace(std::make_pair(side.groupset, numbers), kind_ids.size());
    if (new_kind) d.kind_groups.push_back(numbers);
    side.kind = kind->second;
    // Interfaces that answer for a service rather than themselves (trace's ArriveAt): a Client
    // VPN interface, where a client's tunnel arrives, and load balancer nodes when a flow
    // arrives take the per-pair traces as destinations. A NAT gateway's takes no connection and
    // lets no response back to itself alike for every peer, and so do other services that take
    // no connection (Lambda, Instance Connect): a skeleton traced to or from one of them records
    // that, and a NAT gateway's interface has a path key of its own.
    side.nat_gateway = std::any_of(n.nat_gateways.begin(), n.nat_gateways.end(),
                                   [&](auto& g) { return g.network_interface_id == eni.id; });
    // An appliance (a route's target) is on other interfaces' paths: a skeleton traced to it
    // would stand for the wrong filters, so pairs with it take the per-pair traces.
    // Route classes stand for keys by their subnet's VPC; trace delivers by the interface's own.
    side.usable = !appliances.count(&eni) && RoutesUniformly(*side.subnet, *address) &&
                  n.InterfacesWithPrivateAddress(*address).size() == 1 && eni.vpc_id == side.subnet->vpc_id;
    const ManagedService* service = ServiceOfInterface(n, eni);
    side.refuses = service && service->inbound == InboundUse::kNotConsulted;
    side.usable_destination = side.usable && !(side.refuses && ClientVpnEndpointOfInterface(n, eni)) &&
                              !LoadBalancerOfInterface(n, eni);
    return side;
  }

 private:
  CompiledPaths& d;
  std::vector<IpPrefix> route_prefixes;
  std::set<const NetworkInterface*> appliances;  // interfaces that routes send traffic through
  std::map<std::vector<const SecurityGroup*>, uint32_t> groupset_ids;
  std::map<std::pair<uint32_t, std::vector<uint32_t>>, uint32_t> kind_ids;
};

// Interfaces without groups (gateway interfaces) meet no security-group step at all, and
// refusing ones end every path; one that denies internet gateway traffic is dropped where an
// IPv6 flow to or back to it comes in from the internet (its global address is reached through
// the gateways). So the key is the subnet, whether there are groups, whether the interface
// refuses, whether it denies internet gateway traffic and whether it is a NAT gateway's.
void AssignPathKeys(std::vector<Side>& sides, std::vector<CompiledPaths::Representatives>& keys, bool Side::*usable) {
  std::map<std::tuple<const Subnet*, bool, bool, bool, bool>, uint32_t> ids;
  for (Side& s : sides) {
    if (!(s.*usable)) continue;
    auto key = std::make_tuple(s.subnet, s.eni->group_ids.empty(), s.refuses, s.eni->deny_all_igw_traffic, s.nat_gateway);
    auto [it, added] = ids.emplace(key, keys.size());
    if (added) keys.push_back({&s, nullptr});
    else if (!keys[it->second][1] && keys[it->second][0]->eni != s.eni) keys[it->second][1] = &s;
    s.path_key = it->second;
  }
}

}  // namespace

AddressAxis::AddressAxis(const Network& n, IpFamily family) : family_(family) {
  if (family == IpFamily::kV6) blocks_.emplace(n, family);
}

CompiledPaths::CompiledPaths(const Network& network, const std::vector<EndpointClass>& src,
                             const std::vector<EndpointClass>& dst, IpFamily address_family)
    : n(network), family(address_family), axis(network, address_family),
      classes(ProtocolClasses(address_family).size()) {
  SideBuilder builder(*this);
  for (auto& c : src) sources.push_back(builder.Of(c));
  for (auto& c : dst) destinations.push_back(builder.Of(c));
  AssignPathKeys(sources, source_keys, &Side::usable);
  AssignPathKeys(destinations, destination_keys, &Side::usable_destination);
  destinations_by_key.resize(destination_keys.size());
  for (uint32_t j = 0; j < destinations.size(); ++j)
    if (destinations[j].usable_destination) destinations_by_key[destinations[j].path_key].push_back(j);
  route_classes = RouteClasses(n, destination_keys, family);
  delivery_class = DeliveryClasses(n, destination_keys);
  for (const Representatives& key : destination_keys) response_table.push_back(n.RouteTableForSubnet(*key[0]->subnet));
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();  // all threads
  TraceSkeletons();
  trace_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  trace_cpu_seconds = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  dead.resize(source_keys.size() * destination_keys.size());
  for (size_t cell = 0; cell < dead.size(); ++cell)
    dead[cell] = std::all_of(skeleton_of.begin() + cell * classes, skeleton_of.begin() + (cell + 1) * classes,
                             [&](uint32_t k) { return DeadEnd(skeletons[k]); });
}

// The skeleton between two path keys, traced between different interfaces; when both keys
// hold one and the same interface no pair needs it.
CompiledPaths::Traced CompiledPaths::TraceBetween(const Representatives& src, const Representatives& dst,
                                                  size_t protocol_class) const {
  Traced out;
  for (const Side* s : src)
    for (const Side* d : dst)
      if (s && d && s->eni != d->eni) {
        FilterPath path;
        out.skeleton = TraceSkeleton(n, family, *s, *d, ProtocolClasses(family)[protocol_class], path);
        out.destination_looked_up = path.destination_looked_up, out.beyond_direct_routes = path.beyond_direct_routes;
        return out;
      }
  return out;
}

// One source key's skeletons toward every destination key (columns * classes): one TCP trace per
// key, and one per other protocol class where the TCP path depends on the protocol. The first
// key of a route class goes first; when no class got there and the walks never looked the
// destination up, the class's other keys take its skeletons untraced (RouteClasses). Most
// pairs of keys in unconnected VPCs end so. Otherwise keys that deliver alike (DeliveryClasses)
// and whose route tables send the response back by the same route take the skeletons of the
// first of them traced whose walks kept to direct routes. Returns the traces done.
size_t CompiledPaths::TraceRow(size_t k, std::vector<Skeleton>& row, std::vector<uint32_t>& same_as) const {
  row.assign(destination_keys.size() * classes, Skeleton{});
  same_as.assign(row.size(), kTraced);  // else an earlier cell of the row whose skeleton this one takes
  size_t traces = 0;
  // Whether the key's skeletons may stand for its route class; `direct`: whether every walk kept
  // to direct routes, so that they may stand for its delivery class.
  auto trace_key = [&](uint32_t key, bool& direct) {
    size_t first = size_t{key} * classes;
    bool shareable = true;
    direct = true;
    for (size_t c = 0; c < classes; ++c) {
      if (c > 0 && !row[first].protocol_dependent) {
        same_as[first + c] = static_cast<uint32_t>(first);
        continue;
      }
      Traced t = TraceBetween(source_keys[k], destination_keys[key], c);
      ++traces;
      shareable = shareable && !t.destination_looked_up && DeadEnd(t.skeleton);
      direct = direct && !t.beyond_direct_routes;
      row[first + c] = std::move(t.skeleton);
    }
    return shareable;
  };
  auto take_from = [&](uint32_t key, uint32_t traced) {
    for (size_t c = 0; c < classes; ++c)
      same_as[size_t{key} * classes + c] = static_cast<uint32_t>(size_t{traced} * classes + c);
  };
  // A key's response leaves by its subnet's route table: the route it takes for the source (whose
  // block routes uniformly: any of its addresses), numbered among the row's distinct next hops.
  IpAddress source_address = *source_keys[k][0]->eni->AddressOf(family);
  std::vector<const Route*> next_hops;
  std::map<const RouteTable*, uint32_t> response_route;
  auto response_route_of = [&](uint32_t key) {
    const RouteTable* table = response_table[key];
    auto [it, added] = response_route.emplace(table, 0);
    if (added) {
      const Route* route = table ? LookupRoute(n, *table, source_address) : nullptr;
      auto same = std::find_if(next_hops.begin(), next_hops.end(), [&](const Route* r) { return SameNextHop(r, route); });
      it->second = static_cast<uint32_t>(same - next_hops.begin());
      if (same == next_hops.end()) next_hops.push_back(route);
    }
    return uint64_t{delivery_class[key]} << 32 | it->second;
  };
  // Delivery classes stand only for keys whose traced walks kept to direct routes both ways: a
  // gateway or appliance on the path makes it depend on where that sits (an appliance in the
  // destination's subnet is reached without crossing its ACL; a transit gateway enters by the
  // attachment subnet of the sender's zone). Within the source's own subnet no ACL is crossed:
  // those keys are traced.
  const Subnet* own_subnet = source_keys[k][0]->subnet;
  std::map<uint64_t, uint32_t> delivered_by;  // (delivery class, response route) -> its traced key, in this route class
  for (const std::vector<uint32_t>& members : route_classes) {  // members ascending: the first cell comes first
    bool direct = false;
    bool shareable = trace_key(members[0], direct);
    delivered_by.clear();
    for (size_t m = 0; m < members.size(); ++m) {
      uint32_t key = members[m];
      if (shareable) {
        if (m > 0) take_from(key, members[0]);
        continue;
      }
      bool alone = destination_keys[key][0]->subnet == own_subnet;
      uint64_t delivery = alone ? 0 : response_route_of(key);
      auto alike = alone ? delivered_by.end() : delivered_by.find(delivery);
      if (alike != delivered_by.end()) {
        take_from(key, alike->second);
        continue;
      }
      if (m > 0) trace_key(key, direct);
      if (!alone && direct) delivered_by.emplace(delivery, key);
    }
  }
  return traces;
}

// TraceRow for every source key, spread over the cores; equal skeletons kept once (a cell that
// takes another's skeleton takes its index, without another look in the map).
void CompiledPaths::TraceSkeletons() {
  size_t columns = destination_keys.size();
  skeleton_of.assign(source_keys.size() * columns * classes, 0);
  std::map<Skeleton, uint32_t> ids;
  std::mutex mutex;
  std::vector<size_t> order(source_keys.size());
  std::iota(order.begin(), order.end(), 0);
  ingest::RunTasks(order, ingest::WorkerCount(order.size()), [&](unsigned, size_t k) {
    std::vector<Skeleton> row;
    std::vector<uint32_t> same_as;
    size_t done = TraceRow(k, row, same_as);
    uint32_t* out = &skeleton_of[k * columns * classes];
    std::lock_guard<std::mutex> lock(mutex);
    traces += done;
    for (size_t cell = 0; cell < row.size(); ++cell) {
      if (same_as[cell] != kTraced) {
        out[cell] = out[same_as[cell]];
        continue;
      }
      auto [it, added] = ids.emplace(std::move(row[cell]), skeletons.size());
      if (added) skeletons.push_back(it->first);
      out[cell] = it->second;
    }
  });
}

}  // namespace sgscope
