// Load balancer forwarding for trace. The listener decides whether the packet is taken at all;
// then a target is picked the way Elastic Load Balancing picks one for a new flow: healthy
// targets (fail open when none is healthy), the node's own zone unless cross-zone load balancing
// is on. Settings the snapshot lacks fall back to AWS's documented defaults, and each fallback is
// returned as an assumption so that trace can say so.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html

#include "engines/load_balancer_path.h"

#include <algorithm>

#include "model/interface_owner.h"

namespace sgscope {

namespace {

bool ListenerTakes(const std::string& protocol, uint8_t packet_protocol) {
  if (protocol == "UDP") return packet_protocol == kProtoUdp;
  if (protocol == "TCP_UDP") return packet_protocol == kProtoUdp || packet_protocol == kProtoTcp;
  if (protocol == "GENEVE") return false;  // a Gateway Load Balancer takes everything: not modelled
  return packet_protocol == kProtoTcp;     // TCP, TLS, HTTP, HTTPS, SSL
}

// A candidate target resolved to an interface (or at least an address) and a zone.
struct Candidate {
  std::string id;
  const NetworkInterface* eni = nullptr;
  std::optional<IpAddress> address;
  std::string zone;
  uint16_t port = 0;
  bool healthy = true;
};

std::string ZoneOf(const Network& n, const NetworkInterface& eni) {
  const Subnet* subnet = n.SubnetOf(eni);
  return subnet && !subnet->availability_zone.empty() ? subnet->availability_zone : eni.availability_zone;
}

Candidate Resolve(const Network& n, const std::string& id, bool instance, uint16_t port) {
  Candidate c{id, nullptr, std::nullopt, "", port, true};
  if (instance) {
    if (const Instance* i = n.FindInstance(id)) c.eni = n.PrimaryInterface(*i);
  } else if (auto a = IpAddress::Parse(id)) {
    c.address = a;
    const auto& holders = n.InterfacesWithPrivateAddress(*a);
    if (!holders.empty()) c.eni = &n.network_interfaces[holders.front()];
  }
  if (c.eni) {
    if (!c.address) c.address = c.eni->PrimaryIpv4();
    c.zone = ZoneOf(n, *c.eni);
  }
  return c;
}

// elbv2: the registered targets of the listener's first target group.
std::vector<Candidate> Elbv2Candidates(const Network& n, const LoadBalancerListener& listener,
                                       LoadBalancerForward& out) {
  std::vector<Candidate> candidates;
  const TargetGroup* group = listener.target_group_ids.empty() ? nullptr : n.FindTargetGroup(listener.target_group_ids[0]);
  if (!group) {
    out.problem = listener.target_group_ids.empty()
                      ? "listener " + listener.id + " forwards to no target group"
                      : "target group " + listener.target_group_ids[0] + " is not in the snapshot (describe-target-groups)";
    return candidates;
  }
  if (group->target_type != "instance" && group->target_type != "ip") {
    out.problem = "targets of type " + group->target_type + " are not modelled";
    return candidates;
  }
  for (auto& t : n.load_balancer_targets) {
    if (t.target_group_id != group->id) continue;
    uint16_t port = static_cast<uint16_t>(t.port.value_or(group->port.value_or(0)));
    Candidate c = Resolve(n, t.id, group->target_type == "instance", port);
    if (!t.availability_zone.empty() && t.availability_zone != "all") c.zone = t.availability_zone;
    c.healthy = t.state == "healthy";
    candidates.push_back(std::move(c));
  }
  if (candidates.empty())
    out.problem = "target group " + group->name + " has no registered targets in the snapshot (describe-target-health)";
  return candidates;
}

// Classic: the registered instances on the listener's instance port; their health is not in
// describe-load-balancers, so all are taken as in service.
std::vector<Candidate> ClassicCandidates(const Network& n, const LoadBalancer& lb, const LoadBalancerListener& listener,
                                         LoadBalancerForward& out) {
  std::vector<Candidate> candidates;
  for (auto& id : lb.instance_ids)
    candidates.push_back(Resolve(n, id, true, listener.instance_port.value_or(listener.port)));
  out.assumptions.push_back("Classic Load Balancer: instance health is not in the snapshot; every registered instance "
                            "is taken as in service");
  if (candidates.empty()) out.problem = "no instance is registered with " + lb.name;
  return candidates;
}

// Cross-zone load balancing: the attribute when the snapshot has it, else AWS's default
// (always on for Application Load Balancers, off for Network and Gateway Load Balancers).
bool CrossZone(const Network& n, const LoadBalancer& lb, LoadBalancerForward& out) {
  if (const LoadBalancerAttributes* a = n.FindLoadBalancerAttributes(lb.id); a && a->cross_zone) return *a->cross_zone;
  bool on = lb.type == "application";
  out.assumptions.push_back(std::string("cross-zone load balancing taken as ") + (on ? "on" : "off") +
                            ", the default for " + lb.type + " load balancers (attributes not in the snapshot)");
  return on;
}

// Client IP preservation defaults: Network Load Balancers keep the client's address for instance
// targets and for UDP; Application and Classic Load Balancers always send from their own.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html
bool PreservesClientIp(const Network& n, const LoadBalancer& lb, const LoadBalancerListener& listener,
                       LoadBalancerForward& out) {
  if (lb.type != "network") return false;
  const TargetGroup* group = listener.target_group_ids.empty() ? nullptr : n.FindTargetGroup(listener.target_group_ids[0]);
  bool instance = group && group->target_type == "instance";
  bool udp = listener.protocol == "UDP" || listener.protocol == "TCP_UDP";
  out.assumptions.push_back("client IP preservation taken as the default for " +
                            std::string(instance ? "instance" : "IP") + " targets (target group attributes not in the "
                            "snapshot)");
  return instance || udp;
}

}  // namespace

const LoadBalancerListener* FindListener(const Network& network, const LoadBalancer& lb, const Packet& packet) {
  if (!packet.has_ports()) return nullptr;
  for (const LoadBalancerListener* l : network.ListenersOf(lb))
    if (l->port == packet.dst_port && ListenerTakes(l->protocol, packet.protocol)) return l;
  return nullptr;
}

LoadBalancerForward ChooseTarget(const Network& network, const LoadBalancer& lb, const LoadBalancerListener& listener,
                                 const NetworkInterface& node) {
  LoadBalancerForward out;
  std::vector<Candidate> candidates = lb.type == "classic" ? ClassicCandidates(network, lb, listener, out)
                                                           : Elbv2Candidates(network, listener, out);
  if (candidates.empty()) return out;
  if (std::none_of(candidates.begin(), candidates.end(), [](const Candidate& c) { return c.healthy; })) {
    out.fail_open = true;  // "If all targets fail health checks at the same time, the load balancer fails open"
  } else {
    std::erase_if(candidates, [](const Candidate& c) { return !c.healthy; });
  }
  if (!CrossZone(network, lb, out)) {
    std::string zone = ZoneOf(network, node);
    std::erase_if(candidates, [&](const Candidate& c) { return c.zone != zone; });
    if (candidates.empty()) {
      out.problem = "no target in the node's zone " + zone + " and cross-zone load balancing is off";
      return out;
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](auto& a, auto& b) { return a.id < b.id; });
  auto chosen = std::find_if(candidates.begin(), candidates.end(), [](const Candidate& c) { return c.address; });
  if (chosen == candidates.end()) {
    out.problem = "no eligible target's address is in the snapshot (" + candidates.front().id + ", ...)";
    return out;
  }
  out.target = chosen->eni, out.address = *chosen->address, out.port = chosen->port, out.target_id = chosen->id;
  for (auto& c : candidates)
    if (&c != &*chosen) out.others.push_back(c.id);
  out.preserves_client_ip = PreservesClientIp(network, lb, listener, out);
  return out;
}

const LoadBalancer* LoadBalancerOfInterface(const Network& network, const NetworkInterface& eni) {
  InterfaceLink link = LinkedOwner(network, eni);
  if (!link.service || link.service->id != "load-balancer") return nullptr;
  return network.FindLoadBalancer(link.resource_id);
}

}  // namespace sgscope
