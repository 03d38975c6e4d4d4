// Walks one flow through the model the way AWS forwards it: source security groups,
// subnet ACLs when the flow leaves a subnet, route tables (longest prefix) and gateways
// with their address translations, destination ACL and security groups; then the
// response back along the routes, with ACLs evaluated again (stateless) and security
// groups passing it by connection tracking. A deny is recorded and the walk goes on, so
// every blocker is listed; a routing failure ends the walk.

#include "engines/trace.h"

#include <algorithm>
#include <functional>
#include <type_traits>

#include "engines/client_vpn_path.h"
#include "engines/connection_tracking.h"
#include "engines/endpoint_resolver.h"
#include "engines/load_balancer_path.h"
#include "engines/network_acl_evaluator.h"
#include "engines/route_lookup.h"
#include "engines/security_group_evaluator.h"
#include "model/interface_owner.h"

namespace sgscope {

namespace {

constexpr int kMaxRouteSteps = 16;

enum class Leg : uint8_t { kForward, kReturn };

// How one leg ended.
struct LegEnd {
  enum class Kind : uint8_t { kDelivered, kExited, kFailed } kind = Kind::kFailed;
  const NetworkInterface* eni = nullptr;  // kDelivered
  const Subnet* subnet = nullptr;         // kDelivered
  Packet packet;                          // as delivered / as it left
  std::string gateway_id;                 // kExited: the gateway it left by
  std::string vpc_id;                     // kExited: the VPC it left
  bool via_internet = false;              // kExited through an internet gateway
};

// A flow a load balancer node forwarded to a target, undone for the response.
struct LoadBalancerTranslation {
  const LoadBalancer* lb = nullptr;
  const NetworkInterface* node = nullptr;
  const Subnet* subnet = nullptr;
  IpAddress listener_address, client;
  uint16_t listener_port = 0, client_port = 0;
  bool preserves_client_ip = false;
};

// A source translation made by a NAT gateway, undone for the response.
struct NatTranslation {
  const NatGateway* nat = nullptr;
  IpAddress original_src;
  uint16_t original_port = 0;
};

DecidingRule FromSecurityGroupRule(const SecurityGroupMatch& m) {
  DecidingRule r;
  r.group_id = m.group->id;
  r.index = m.rule->index;
  r.protocol = m.rule->protocol.ToString();
  r.ports = m.rule->protocol.HasPorts() ? m.rule->ports.ToString()
                                        : (m.rule->protocol.HasIcmpTypes() ? m.rule->icmp.ToString() : "all");
  r.peer = PeerToString(m.rule->peer);
  r.description = m.rule->description;
  r.source = m.rule->source;
  return r;
}

DecidingRule FromAclEntry(const NetworkAcl& acl, const NetworkAclEntry& e) {
  DecidingRule r;
  r.acl_id = acl.id;
  r.rule_number = e.rule_number;
  r.protocol = e.protocol.ToString();
  r.ports = e.protocol.HasPorts() ? e.ports.ToString() : (e.protocol.HasIcmpTypes() ? e.icmp.ToString() : "all");
  r.peer = e.cidr.ToString();
  r.description = e.allow ? "allow" : "deny";
  r.source = e.source;
  return r;
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// The walk over one flow; owns nothing but the result it fills.
class Walker {
 public:
  Walker(const Network& network, TraceResult& result, const TraceQuery& query)
      : net_(network), result_(result), explain_(query.explain), vpn_groups_(query.vpn_groups), gate_(query.gate),
        forward_only_(query.forward_only), record_(query.record) {
    if (explain_) result_.forward.reserve(16), result_.ret.reserve(16);
  }

  void Run(const Endpoint& src, const Endpoint& dst, const Packet& packet);

 private:
  // Hops and outcomes.
  std::vector<TraceHop>& Hops() { return leg_ == Leg::kForward ? result_.forward : result_.ret; }
  // Records a hop when explaining; `detail` is a sentence or a callable that builds one, so a
  // verdict-only trace builds no text. Returns null when not explaining.
  template <typename Detail>
  TraceHop* AddHop(std::string_view component, std::string_view kind, std::string_view direction,
                   std::string_view action, Detail&& detail, const Packet& p);
  void Block(Disposition forward_code, const std::function<std::string()>& what);
  LegEnd Fail(Disposition code, std::string component, std::string kind, std::string detail, const Packet& p);
  LegEnd Exit(const std::string& gateway, const std::string& vpc, bool via_internet, const Packet& p);
  void Note(const std::string& note);

  // Filters.
  void SecurityGroupHop(const NetworkInterface& eni, Direction direction, const Packet& p);
  void ResponseSecurityGroupHop(const NetworkInterface& eni, Direction direction, const Packet& p);
  void GatedSecurityGroupHop(const NetworkInterface& eni, Direction direction, const Packet& p,
                             const std::vector<SecurityGroupMatch>& matches);
  void AclHop(const Subnet& subnet, Direction direction, const Packet& p);
  void CrossSubnets(const Subnet* from, const Subnet* to, const Packet& p);

  // Forwarding.
  LegEnd FromVpnClient(const Endpoint& client, Packet p);
  LegEnd ToOtherClient(const ClientVpnEndpoint& endpoint, const Packet& p);
  void AuthorizeVpnClient(const ClientVpnEndpoint& endpoint, const Packet& p);
  void ReturnToVpnClient(LegEnd& back, IpAddress client);
  LegEnd WalkFrom(const NetworkInterface* eni, const Subnet& subnet, Packet p);
  LegEnd RouteFrom(const Subnet* subnet, Packet p);
  LegEnd DeliverInVpc(const std::string& vpc_id, Packet p, const Subnet* from);
  LegEnd ArriveAt(const NetworkInterface& eni, const Subnet* subnet, Packet p);
  LegEnd ArriveAtNatGateway(const NatGateway& nat, Packet p);
  LegEnd RefusedByService(const ManagedService& service, const NetworkInterface& eni, const Packet& p);
  LegEnd ThroughLoadBalancer(const LoadBalancer& lb, const NetworkInterface& node, const Subnet* subnet, Packet p);
  LegEnd BackThroughLoadBalancer(Packet p);
  LegEnd ReturnOfPreservedFlow(const LegEnd& forward, Packet response);
  bool IsVpnTunnel(const ClientVpnEndpoint& endpoint, const Packet& p) const;
  LegEnd TunnelArrives(const ClientVpnEndpoint& endpoint, const NetworkInterface& eni, const Packet& p);
  LegEnd ViaInternetGateway(const Route& route, const Subnet& subnet, Packet p);
  LegEnd OnInternet(Packet p);
  LegEnd EnterFromInternet(Packet p);
  LegEnd ViaPeering(const Route& route, const Subnet& subnet, Packet p);
  LegEnd ViaTransitGateway(const Route& route, const Subnet& subnet, Packet p);
  LegEnd ViaVpnGateway(const Route& route, const Subnet& subnet, Packet p);
  LegEnd ViaExitGateway(const Route& route, const Subnet& subnet, Packet p, const char* what);
  // Returns the NAT gateway's subnet and the translated packet, or a failed LegEnd.
  LegEnd ThroughNatGateway(const Route& route, const Subnet& subnet, Packet& p, const Subnet*& next_subnet);
  LegEnd ThroughAppliance(const Route& route, const Subnet& subnet, Packet& p, const Subnet*& next_subnet);

  // Lookups.
  const NatGateway* NatWithPrivateAddress(IpAddress a) const;
  const NatGateway* NatWithPublicAddress(IpAddress a) const;
  const NatGateway* NatOfInterface(const NetworkInterface& eni) const;
  std::optional<IpAddress> PublicAddressOf(const std::string& vpc_id, IpAddress private_ip) const;
  const NetworkInterface* InterfaceInVpc(const std::string& vpc_id, IpAddress a) const;
  const TransitGatewayAttachment* AttachmentOn(const std::string& attachment_id, const std::string& tgw_id) const;
  LegEnd EnterVpcFromTransitGateway(const TransitGatewayAttachment& attachment, const Subnet& sender, Packet p);
  const TransitGatewayRouteTable* AssociatedTable(const std::string& attachment_id, const std::string& tgw_id) const;

  const Network& net_;
  TraceResult& result_;
  const bool explain_;
  const std::vector<std::string> vpn_groups_;
  SecurityGroupGate* const gate_;
  const bool forward_only_;
  FilterPath* const record_;
  const NetworkInterface* vpn_interface_ = nullptr;  // the Client VPN interface a client's packet left by
  std::string no_return_note_;  // set when the forward leg ends where the model stops (no return leg)
  bool to_other_client_ = false;  // the endpoint delivered the packet to another client's tunnel
  const Endpoint* source_ = nullptr;
  const NetworkInterface* sender_ = nullptr;  // the interface whose address the packet carries
  bool references_usable_ = true;
  int route_depth_ = 0;
  Leg leg_ = Leg::kForward;
  bool blocked_ = false;
  bool automatically_tracked_ = false;
  std::vector<NatTranslation> nat_translations_;
  std::optional<LoadBalancerTranslation> lb_translation_;
  // Security-group matches on the forward leg, by interface and direction, for tracking.
  struct ForwardMatch {
    const NetworkInterface* eni;
    Direction direction;
    Packet packet;
    std::vector<SecurityGroupMatch> matches;
  };
  std::vector<ForwardMatch> forward_matches_;
};

template <typename Detail>
TraceHop* Walker::AddHop(std::string_view component, std::string_view kind, std::string_view direction,
                         std::string_view action, Detail&& detail, const Packet& p) {
  if (!explain_) return nullptr;
  std::string text;
  if constexpr (std::is_invocable_v<Detail>)
    text = detail();
  else
    text = std::string(detail);
  Hops().push_back({std::string(component), std::string(kind), std::string(direction), std::string(action),
                    std::move(text), p, {}});
  return &Hops().back();
}

void Walker::Block(Disposition forward_code, const std::function<std::string()>& what) {
  bool acl = forward_code == Disposition::kDeniedNaclEgress || forward_code == Disposition::kDeniedNaclIngress;
  Disposition code = leg_ == Leg::kForward ? forward_code
                                           : (acl ? Disposition::kDeniedReturnNacl : Disposition::kDeniedReturnSg);
  if (!blocked_) result_.disposition = code;
  blocked_ = true;
  if (explain_) result_.blockers.push_back(std::string(DispositionName(code)) + ": " + what());
}

LegEnd Walker::Fail(Disposition code, std::string component, std::string kind, std::string detail, const Packet& p) {
  if (leg_ == Leg::kReturn) code = Disposition::kNoReturnRoute;
  if (record_) (leg_ == Leg::kReturn ? record_->return_failed : record_->forward_failed) = true;
  AddHop(component, std::move(kind), "", "drop", detail, p);
  if (!blocked_) result_.disposition = code;
  blocked_ = true;
  if (explain_) result_.blockers.push_back(std::string(DispositionName(code)) + ": " + component + ": " + detail);
  return {};
}

LegEnd Walker::Exit(const std::string& gateway, const std::string& vpc, bool via_internet, const Packet& p) {
  LegEnd end;
  end.kind = LegEnd::Kind::kExited;
  end.packet = p;
  end.gateway_id = gateway;
  end.vpc_id = vpc;
  end.via_internet = via_internet;
  return end;
}

void Walker::Note(const std::string& note) {
  if (explain_ && std::find(result_.notes.begin(), result_.notes.end(), note) == result_.notes.end())
    result_.notes.push_back(note);
}

void Walker::SecurityGroupHop(const NetworkInterface& eni, Direction direction, const Packet& p) {
  if (eni.group_ids.empty()) return;  // gateway interfaces (NAT, transit gateway) carry no groups
  if (leg_ == Leg::kReturn) return ResponseSecurityGroupHop(eni, direction, p);
  PeerScope scope;
  if (direction == Direction::kIngress) scope = {references_usable_, sender_};
  auto matches = MatchSecurityGroups(net_, eni, direction, p, scope);
  if (gate_) return GatedSecurityGroupHop(eni, direction, p, matches);
  if (record_) record_->steps.push_back({FilterStep::Kind::kSecurityGroup, false, direction, &eni, nullptr, nullptr, p, scope});
  forward_matches_.push_back({&eni, direction, p, matches});  // kept for the response's tracking
  bool allow = !matches.empty();
  if (explain_) {
    std::string groups = allow ? matches.front().group->id : Join(eni.group_ids, ",");
    TraceHop* hop = AddHop(groups, "security-group", DirectionName(direction), allow ? "allow" : "deny", [&] {
      return allow ? std::to_string(matches.size()) + " rule(s) of " + eni.id + "'s groups allow it"
                   : "no rule of " + eni.id + "'s groups (" + groups + ") allows it";
    }, p);
    for (auto& m : matches) hop->rules.push_back(FromSecurityGroupRule(m));
  }
  if (!allow)
    Block(direction == Direction::kEgress ? Disposition::kDeniedSgEgress : Disposition::kDeniedSgIngress, [&] {
      return Join(eni.group_ids, ",") + " (" + DirectionName(direction) + " of " + eni.id + ")";
    });
}

// The response crosses `eni` in `direction`; the flow began in the opposite direction there.
void Walker::ResponseSecurityGroupHop(const NetworkInterface& eni, Direction direction, const Packet& p) {
  Direction initiating = direction == Direction::kEgress ? Direction::kIngress : Direction::kEgress;
  auto it = std::find_if(forward_matches_.begin(), forward_matches_.end(), [&](const ForwardMatch& m) {
    return m.eni == &eni && m.direction == initiating;
  });
  std::string groups = explain_ ? Join(eni.group_ids, ",") : "";
  if (it == forward_matches_.end()) {
    // Tracking is per interface: one that did not see the forward packet (an appliance on an
    // asymmetric return path) judges the response by its own rules, like a new flow.
    if (record_) record_->steps.push_back({FilterStep::Kind::kSecurityGroup, true, direction, &eni, nullptr, nullptr, p, {}});
    auto matches = MatchSecurityGroups(net_, eni, direction, p);
    TraceHop* hop = AddHop(groups, "security-group", DirectionName(direction), matches.empty() ? "deny" : "allow",
                           "this interface did not see the request, so the response meets its rules", p);
    if (hop)
      for (auto& m : matches) hop->rules.push_back(FromSecurityGroupRule(m));
    if (matches.empty())
      Block(direction == Direction::kEgress ? Disposition::kDeniedSgEgress : Disposition::kDeniedSgIngress,
            [&] { return groups + " (" + DirectionName(direction) + " of " + eni.id + ", no connection state)"; });
    return;
  }
  TrackingDecision tracking = ClassifyTracking(net_, eni, initiating, it->packet, it->matches, automatically_tracked_);
  if (tracking.tracking == Tracking::kTracked) {
    AddHop(groups, "security-group", DirectionName(direction), "allow",
           [&] { return "response of a tracked connection (" + tracking.Reason() + ")"; }, p);
    return;
  }
  Note("untracked flows: the predicate follows AWS's worked example; behaviour with several overlapping rules is "
       "UNCONFIRMED (aws-semantics.md §2)");
  auto matches = MatchSecurityGroups(net_, eni, direction, p);
  TraceHop* hop = AddHop(groups, "security-group", DirectionName(direction), matches.empty() ? "deny" : "allow",
                         [&] { return tracking.Reason(); }, p);
  if (hop)
    for (auto& m : matches) hop->rules.push_back(FromSecurityGroupRule(m));
  if (matches.empty())
    Block(direction == Direction::kEgress ? Disposition::kDeniedSgEgress : Disposition::kDeniedSgIngress,
          [&] { return groups + " (untracked response)"; });
}

// The caller's gate (the simulator's connection tracking) decides, not the rules alone.
void Walker::GatedSecurityGroupHop(const NetworkInterface& eni, Direction direction, const Packet& p,
                                   const std::vector<SecurityGroupMatch>& matches) {
  GateVerdict verdict = gate_->Decide(eni, direction, p, matches, !blocked_);
  std::string groups = Join(eni.group_ids, ",");
  TraceHop* hop = AddHop(verdict.allow && !matches.empty() ? matches.front().group->id : groups, "security-group",
                         DirectionName(direction), verdict.allow ? "allow" : "deny", verdict.detail, p);
  if (hop)
    for (auto& m : matches) hop->rules.push_back(FromSecurityGroupRule(m));
  if (!verdict.allow)
    Block(direction == Direction::kEgress ? Disposition::kDeniedSgEgress : Disposition::kDeniedSgIngress,
          [&] { return groups + " (" + DirectionName(direction) + " of " + eni.id + ")"; });
}

void Walker::AclHop(const Subnet& subnet, Direction direction, const Packet& p) {
  const NetworkAcl* acl = net_.NetworkAclForSubnet(subnet);
  if (!acl) {
    Note("subnet " + subnet.id + " has no network ACL in the snapshot; assumed to allow everything");
    return;
  }
  AclVerdict verdict = EvaluateNetworkAcl(*acl, direction, p);
  if (record_)
    record_->steps.push_back({FilterStep::Kind::kNetworkAcl, leg_ == Leg::kReturn, direction, nullptr, acl, &subnet, p, {}});
  TraceHop* hop = AddHop(acl->id, "network-acl", DirectionName(direction), verdict.allow ? "allow" : "deny", [&] {
    return verdict.entry ? "entry " + std::to_string(verdict.entry->rule_number) + " " +
                               (verdict.allow ? "allows" : "denies") + " it (subnet " + subnet.id + ")"
                         : "no entry matches: implicit deny (subnet " + subnet.id + ")";
  }, p);
  if (hop && verdict.entry) hop->rules.push_back(FromAclEntry(*acl, *verdict.entry));
  if (!verdict.allow)
    Block(direction == Direction::kEgress ? Disposition::kDeniedNaclEgress : Disposition::kDeniedNaclIngress,
          [&] { return acl->id + " (" + DirectionName(direction) + " of " + subnet.id + ")"; });
}

// ACLs apply where traffic leaves and enters a subnet, not within one:
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
void Walker::CrossSubnets(const Subnet* from, const Subnet* to, const Packet& p) {
  if (from && to && from == to) {
    AddHop(from->id, "subnet", "", "forward", "same subnet: network ACLs do not apply", p);
    return;
  }
  if (from) AclHop(*from, Direction::kEgress, p);
  if (to) AclHop(*to, Direction::kIngress, p);
}

// A VPN client's packet: the endpoint authorizes it and routes it, then source-translates it to
// the private address of its interface in the route's subnet, and from there it is that
// interface's traffic: its groups' outbound rules, the subnet's routes, the target's inbound.
// The interface's inbound rules never see it (aws-semantics.md §6, UNCONFIRMED):
// https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/what-is.html
LegEnd Walker::FromVpnClient(const Endpoint& client, Packet p) {
  const ClientVpnEndpoint& endpoint = *client.client_vpn;
  if (!endpoint.status.empty() && endpoint.status != "available")
    return Fail(Disposition::kNoRoute, endpoint.id, "client-vpn-endpoint", "the endpoint is " + endpoint.status, p);
  if (p.src.is_v6())
    return Fail(Disposition::kUnknownAddress, endpoint.id, "client-vpn-endpoint", "IPv6 clients are not modelled", p);
  auto routes = LookupClientVpnRoutes(net_, endpoint, p.dst);
  // With split tunnel the client sends only the endpoint's routes into the tunnel; the rest goes
  // over its own network and never meets the endpoint:
  // https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/split-tunnel-vpn.html
  if (routes.empty() && endpoint.split_tunnel) {
    AddHop(endpoint.id, "client-vpn-endpoint", "", "exit", [&] {
      return "split tunnel: no endpoint route covers " + p.dst.ToString() +
             ", so the client sends it over its own network, not through the endpoint";
    }, p);
    no_return_note_ = "split tunnel: the flow does not use " + endpoint.id + "; the client's own network is not modelled";
    return Exit(endpoint.id, endpoint.vpc_id, false, p);
  }
  AuthorizeVpnClient(endpoint, p);
  if (routes.empty())
    return Fail(Disposition::kNoRoute, endpoint.id, "client-vpn-route-table",
                "no active endpoint route to " + p.dst.ToString(), p);
  const ClientVpnRoute& route = *routes.front();
  if (TraceHop* hop = AddHop(endpoint.id, "client-vpn-route-table", "", "forward",
                             "route " + route.destination->ToString() + " -> " + route.target_subnet_id, p)) {
    DecidingRule r;
    r.route_table_id = endpoint.id, r.peer = route.destination->ToString(), r.description = route.target_subnet_id;
    r.source = route.source;
    hop->rules.push_back(r);
  }
  if (routes.size() > 1) {
    std::string others;
    for (size_t i = 1; i < routes.size(); ++i) others += " " + routes[i]->target_subnet_id;
    Note("Client VPN: " + endpoint.id + " also routes " + route.destination->ToString() + " through" + others +
         "; a client whose session lands there takes that subnet's interface, routes and ACLs (the trace shows " +
         route.target_subnet_id + ")");
  }
  if (route.target_subnet_id == "local") return ToOtherClient(endpoint, p);
  ClientVpnInterface entry = ClientVpnInterfaceIn(net_, endpoint, route.target_subnet_id);
  if (!entry.eni) return Fail(Disposition::kUnknownAddress, endpoint.id, "client-vpn-endpoint", entry.problem, p);
  const NetworkInterface& eni = *entry.eni;
  IpAddress client_address = p.src;
  p.src = *eni.PrimaryIpv4();
  AddHop(endpoint.id, "client-vpn-endpoint", "", "translate", [&] {
    return "source " + client_address.ToString() + " -> " + p.src.ToString() + " (" + eni.id + ")";
  }, p);
  AddHop(Join(eni.group_ids, ","), "security-group", "ingress", "not-consulted", [&] {
    return "client traffic reaches " + eni.id + " from the AWS side: its groups' inbound rules are not consulted";
  }, p);
  Note("Client VPN: the endpoint's security groups are not consulted inbound for client traffic; this is a "
       "modelling assumption (UNCONFIRMED in aws-semantics.md §6)");
  vpn_interface_ = &eni;
  return WalkFrom(&eni, *net_.SubnetOf(eni), p);
}

// Client-to-client: the endpoint's "local" route delivers to the other client's tunnel. AWS does
// not support group-scoped authorization rules in this scenario:
// https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/scenario-client-to-client.html
LegEnd Walker::ToOtherClient(const ClientVpnEndpoint& endpoint, const Packet& p) {
  AddHop(endpoint.id, "client-vpn-endpoint", "", "exit",
         "client-to-client: the endpoint delivers it to the other client's tunnel", p);
  if (!vpn_groups_.empty())
    Note("client-to-client access with group-scoped authorization rules is not supported by AWS; only rules for all "
         "groups apply in that scenario");
  no_return_note_ = "client-to-client traffic is modelled up to the endpoint's authorization rules and routes; the "
                    "clients' own firewalls are not in the snapshot";
  to_other_client_ = true;
  return Exit(endpoint.id, endpoint.vpc_id, false, p);
}

// Authorization rules decide before anything in the VPC sees the packet; a denial is a blocker
// like any other, so the walk goes on to list the rest.
void Walker::AuthorizeVpnClient(const ClientVpnEndpoint& endpoint, const Packet& p) {
  ClientVpnAuthorization auth = AuthorizeClientVpn(net_, endpoint, p.dst, vpn_groups_);
  std::string who = vpn_groups_.empty() ? "a client in no named group" : "group(s) " + Join(vpn_groups_, ", ");
  TraceHop* hop = AddHop(endpoint.id, "client-vpn-authorization", "", auth.allowed ? "allow" : "deny", [&] {
    if (!auth.decisive_prefix) return "no authorization rule covers " + p.dst.ToString() + ": denied by default";
    return auth.decisive_prefix->ToString() + " is the longest authorized destination; its rules " +
           (auth.allowed ? "grant " : "do not grant ") + who;
  }, p);
  for (const ClientVpnAuthorizationRule* rule : hop ? auth.rules : std::vector<const ClientVpnAuthorizationRule*>{}) {
    DecidingRule r;
    r.peer = rule->destination->ToString();
    r.description = rule->access_all ? "all groups" : "group " + rule->group_id;
    if (!rule->description.empty()) r.description += ": " + rule->description;
    r.source = rule->source;
    hop->rules.push_back(r);
  }
  if (!auth.allowed)
    Block(Disposition::kDeniedVpnAuthorization, [&] { return endpoint.id + " (authorization rules, " + who + ")"; });
}

// The endpoint undoes its translation and sends the response down the client's tunnel.
void Walker::ReturnToVpnClient(LegEnd& back, IpAddress client) {
  IpAddress translated = back.packet.dst;
  back.packet.dst = client;
  AddHop(source_->client_vpn->id, "client-vpn-endpoint", "", "translate", [&] {
    return "destination " + translated.ToString() + " -> " + client.ToString() + " (to the client's tunnel)";
  }, back.packet);
}

LegEnd Walker::WalkFrom(const NetworkInterface* eni, const Subnet& subnet, Packet p) {
  sender_ = eni;
  references_usable_ = true;
  if (eni) SecurityGroupHop(*eni, Direction::kEgress, p);
  return RouteFrom(&subnet, p);
}

LegEnd Walker::RouteFrom(const Subnet* subnet, Packet p) {
  // Gateways hand packets back to RouteFrom (NAT, transit gateway, appliances): bound the depth.
  if (++route_depth_ > kMaxRouteSteps)
    return Fail(Disposition::kLoop, subnet->id, "subnet", "routing loop (more than 16 route steps)", p);
  for (int step = 0; step < kMaxRouteSteps; ++step) {
    const RouteTable* table = net_.RouteTableForSubnet(*subnet);
    if (!table) return Fail(Disposition::kNoRoute, subnet->id, "subnet", "no route table in the snapshot", p);
    const Route* route = LookupRoute(net_, *table, p.dst);
    if (!route)
      return Fail(Disposition::kNoRoute, table->id, "route-table", "no route to " + p.dst.ToString(), p);
    if (record_ && route->target_kind != RouteTargetKind::kLocal && route->target_kind != RouteTargetKind::kVpcPeering)
      record_->beyond_direct_routes = true;
    if (explain_) {
      std::string dest = route->destination_prefix_list_id.empty() ? route->destination.ToString()
                                                                   : route->destination_prefix_list_id;
      TraceHop* hop = AddHop(table->id, "route-table", "", route->blackhole ? "drop" : "forward",
                             "route " + dest + " -> " + route->target_id + " (" +
                                 RouteTargetKindName(route->target_kind) + ")", p);
      DecidingRule r;
      r.route_table_id = table->id;
      r.peer = dest;
      r.description = route->target_id;
      r.source = route->source;
      hop->rules.push_back(r);
    }
    if (route->blackhole)
      return Fail(Disposition::kBlackholeRoute, route->target_id, RouteTargetKindName(route->target_kind),
                  "route target is gone (blackhole)", p);
    const Subnet* next = nullptr;
    LegEnd end;
    switch (route->target_kind) {
      case RouteTargetKind::kLocal: return DeliverInVpc(subnet->vpc_id, p, subnet);
      case RouteTargetKind::kInternetGateway: return ViaInternetGateway(*route, *subnet, p);
      case RouteTargetKind::kVpcPeering: return ViaPeering(*route, *subnet, p);
      case RouteTargetKind::kTransitGateway: return ViaTransitGateway(*route, *subnet, p);
      case RouteTargetKind::kVpnGateway: return ViaVpnGateway(*route, *subnet, p);
      case RouteTargetKind::kNatGateway: end = ThroughNatGateway(*route, *subnet, p, next); break;
      case RouteTargetKind::kNetworkInterface:
      case RouteTargetKind::kInstance: end = ThroughAppliance(*route, *subnet, p, next); break;
      case RouteTargetKind::kEgressOnlyInternetGateway:
        automatically_tracked_ = true;
        return ViaExitGateway(*route, *subnet, p, "egress-only internet gateway");
      case RouteTargetKind::kGatewayEndpoint: return ViaExitGateway(*route, *subnet, p, "AWS service (gateway endpoint)");
      default:
        Note(std::string("routes to ") + RouteTargetKindName(route->target_kind) +
             " targets leave the modelled network; what lies beyond is not modelled");
        return ViaExitGateway(*route, *subnet, p, RouteTargetKindName(route->target_kind));
    }
    if (!next) return end;
    subnet = next;
  }
  return Fail(Disposition::kLoop, subnet->id, "subnet", "routing loop (more than 16 route steps)", p);
}

LegEnd Walker::DeliverInVpc(const std::string& vpc_id, Packet p, const Subnet* from) {
  if (record_ && leg_ == Leg::kForward) record_->destination_looked_up = true;
  if (const NetworkInterface* eni = InterfaceInVpc(vpc_id, p.dst)) {
    const Subnet* to = net_.SubnetOf(*eni);
    CrossSubnets(from, to, p);
    return ArriveAt(*eni, to, p);
  }
  if (const NatGateway* nat = NatWithPrivateAddress(p.dst); nat && nat->vpc_id == vpc_id) {
    CrossSubnets(from, net_.FindSubnet(nat->subnet_id), p);
    return ArriveAtNatGateway(*nat, p);
  }
  if (leg_ == Leg::kReturn && source_ && source_->kind == Endpoint::Kind::kSubnetAddress && p.dst == source_->address) {
    CrossSubnets(from, source_->subnet, p);
    LegEnd end;
    end.kind = LegEnd::Kind::kDelivered;
    end.subnet = source_->subnet;
    end.packet = p;
    return end;
  }
  return Fail(Disposition::kUnknownAddress, vpc_id, "vpc", "no interface in " + vpc_id + " holds " + p.dst.ToString(),
              p);
}

LegEnd Walker::ArriveAt(const NetworkInterface& eni, const Subnet* subnet, Packet p) {
  if (const NatGateway* nat = NatOfInterface(eni)) return ArriveAtNatGateway(*nat, p);
  if (leg_ == Leg::kForward)
    if (const ManagedService* service = ServiceOfInterface(net_, eni)) {
      if (service->inbound == InboundUse::kNotConsulted) return RefusedByService(*service, eni, p);
      if (!service->aws_side.empty()) Note(std::string(service->name) + ": " + std::string(service->aws_side));
    }
  SecurityGroupHop(eni, Direction::kIngress, p);
  if (leg_ == Leg::kReturn && lb_translation_ && &eni == lb_translation_->node) return BackThroughLoadBalancer(p);
  if (leg_ == Leg::kForward && !lb_translation_)
    if (const LoadBalancer* lb = LoadBalancerOfInterface(net_, eni); lb && lb->type != "gateway")
      return ThroughLoadBalancer(*lb, eni, subnet, p);
  AddHop(eni.id, "network-interface", "", "deliver", [&] {
    return blocked_ ? "reaches " + eni.id + " if the blockers above are lifted" : "delivered to " + eni.id;
  }, p);
  LegEnd end;
  end.kind = LegEnd::Kind::kDelivered;
  end.eni = &eni;
  end.subnet = subnet;
  end.packet = p;
  return end;
}

// Interfaces whose service takes nothing from inside the network (a Lambda or Instance Connect
// Endpoint interface only originates; a Client VPN interface forwards for its clients) accept
// no connection, whatever their groups say; see the catalogue entry's source.
LegEnd Walker::RefusedByService(const ManagedService& service, const NetworkInterface& eni, const Packet& p) {
  if (const ClientVpnEndpoint* endpoint = ClientVpnEndpointOfInterface(net_, eni); endpoint && IsVpnTunnel(*endpoint, p))
    return TunnelArrives(*endpoint, eni, p);
  if (!service.refusal_documented)
    Note(std::string(service.name) + ": that its interfaces accept no connection from the network is a modelling "
         "assumption; AWS documents only that their inbound rules are not consulted for the service's own traffic");
  return Fail(Disposition::kDeniedByManagedService, eni.id, "managed-service",
              std::string(service.name) + " accepts no connection at its interface " + eni.id, p);
}

// A client's tunnel: from the internet to the interface's public address on the endpoint's
// transport protocol and port. AWS's servers behind the address terminate it; the interface's
// inbound rules are not consulted (aws-semantics.md §6, UNCONFIRMED).
bool Walker::IsVpnTunnel(const ClientVpnEndpoint& endpoint, const Packet& p) const {
  uint8_t protocol = endpoint.transport_protocol == "tcp" ? kProtoTcp : kProtoUdp;
  bool from_internet = !sender_ && source_ && source_->kind == Endpoint::Kind::kInternet;
  if (from_internet && record_) record_->service_dependent = true;  // decided by protocol and port
  return from_internet && p.protocol == protocol && p.dst_port == endpoint.vpn_port.value_or(443);
}

LegEnd Walker::TunnelArrives(const ClientVpnEndpoint& endpoint, const NetworkInterface& eni, const Packet& p) {
  AddHop(Join(eni.group_ids, ","), "security-group", "ingress", "not-consulted",
         "a VPN tunnel is not filtered by the interface's groups", p);
  AddHop(endpoint.id, "client-vpn-endpoint", "", "deliver", [&] {
    return "a client's VPN tunnel to " + endpoint.id + ", terminated by AWS's servers behind " + eni.id;
  }, p);
  Note("Client VPN: tunnels reach the endpoint whatever the inbound rules of its groups; this is a modelling "
       "assumption (UNCONFIRMED in aws-semantics.md §6)");
  no_return_note_ = "the tunnel's own traffic (authentication, keepalives) is the service's; not modelled further";
  LegEnd end;
  end.kind = LegEnd::Kind::kDelivered;
  end.eni = &eni;
  end.subnet = net_.SubnetOf(eni);
  end.packet = p;
  return end;
}

// A load balancer node takes a flow on a listener and opens its own to a target: the destination
// becomes the target's address and port, the source the node's address unless the client's is
// preserved. Network Load Balancer flows are tracked automatically (aws-semantics.md §2).
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html
LegEnd Walker::ThroughLoadBalancer(const LoadBalancer& lb, const NetworkInterface& node, const Subnet* subnet, Packet p) {
  if (record_) record_->service_dependent = true;  // the listener, and so the target, depend on the port
  const LoadBalancerListener* listener = FindListener(net_, lb, p);
  if (!listener)
    return Fail(Disposition::kDeniedByManagedService, node.id, "managed-service",
                lb.name + " has no " + ProtocolName(p.protocol) + " listener on port " + std::to_string(p.dst_port), p);
  if (TraceHop* hop = AddHop(lb.name, "load-balancer-listener", "", "allow", [&] {
        return "listener " + listener->protocol + " " + std::to_string(listener->port) + " of " + lb.name;
      }, p)) {
    DecidingRule r;
    r.protocol = listener->protocol, r.ports = std::to_string(listener->port), r.peer = listener->id;
    r.description = listener->target_group_ids.empty() ? "" : listener->target_group_ids.front();
    r.source = listener->source;
    hop->rules.push_back(r);
  }
  LoadBalancerForward forward = ChooseTarget(net_, lb, *listener, node);
  for (auto& assumption : forward.assumptions) Note(lb.name + ": " + assumption);
  if (!forward.problem.empty())
    return Fail(Disposition::kDeniedByManagedService, lb.name, "managed-service", forward.problem, p);
  if (forward.fail_open) Note(lb.name + ": no target is healthy, so the load balancer fails open to all of them");
  if (!forward.others.empty())
    Note(lb.name + " also forwards new flows to " + Join(forward.others, ", ") + "; the trace follows " +
         forward.target_id);
  auto node_address = node.PrimaryIpv4();
  if (!subnet || !node_address)
    return Fail(Disposition::kNoRoute, node.id, "network-interface", "the node's subnet or address is not in the snapshot", p);
  lb_translation_ = LoadBalancerTranslation{&lb, &node, subnet, p.dst, p.src, p.dst_port, p.src_port,
                                            forward.preserves_client_ip};
  Packet original = p;
  p.dst = forward.address, p.dst_port = forward.port;
  if (!forward.preserves_client_ip) p.src = *node_address, sender_ = &node;
  AddHop(lb.name, "load-balancer", "", "translate", [&] {
    return "to target " + forward.target_id + " (" + p.dst.ToString() + ":" + std::to_string(p.dst_port) + ")" +
           (forward.preserves_client_ip ? ", client address preserved"
                                        : ", source " + original.src.ToString() + " -> " + p.src.ToString());
  }, p);
  automatically_tracked_ |= lb.type == "network";
  SecurityGroupHop(node, Direction::kEgress, p);
  return RouteFrom(subnet, p);
}

// The response of a forwarded flow back at the node: the load balancer answers the client from
// the listener's address and port.
LegEnd Walker::BackThroughLoadBalancer(Packet p) {
  const LoadBalancerTranslation& t = *lb_translation_;
  IpAddress from = p.src;
  p.src = t.listener_address, p.src_port = t.listener_port, p.dst = t.client, p.dst_port = t.client_port;
  AddHop(t.lb->name, "load-balancer", "", "translate", [&] {
    return "response from " + from.ToString() + " -> from " + p.src.ToString() + " to the client " + p.dst.ToString();
  }, p);
  SecurityGroupHop(*t.node, Direction::kEgress, p);
  return RouteFrom(t.subnet, p);
}

// With the client's address preserved the target answers the client directly; the load balancer
// still carries that response (it owns the flow), which is modelled as a hop back to its node.
LegEnd Walker::ReturnOfPreservedFlow(const LegEnd& forward, Packet response) {
  sender_ = forward.eni;
  SecurityGroupHop(*forward.eni, Direction::kEgress, response);
  Note("client IP preservation: the target's response is modelled as returning through the load balancer node "
       "that forwarded the flow; the target's own route to the client is not consulted (UNCONFIRMED)");
  CrossSubnets(forward.subnet, lb_translation_->subnet, response);
  return BackThroughLoadBalancer(response);
}

// A NAT gateway answers only responses to connections it translated:
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
LegEnd Walker::ArriveAtNatGateway(const NatGateway& nat, Packet p) {
  if (record_) record_->protocol_dependent = true;
  auto it = std::find_if(nat_translations_.begin(), nat_translations_.end(),
                         [&](const NatTranslation& t) { return t.nat == &nat; });
  if (leg_ == Leg::kForward || it == nat_translations_.end())
    return Fail(Disposition::kDeniedByNatGateway, nat.id, "nat-gateway",
                "a NAT gateway accepts no connection addressed to itself", p);
  IpAddress translated = p.dst;
  p.dst = it->original_src;
  p.dst_port = it->original_port;
  AddHop(nat.id, "nat-gateway", "", "translate", [&] {
    return "destination " + translated.ToString() + " -> " + p.dst.ToString() + " (response of a translated flow)";
  }, p);
  const Subnet* subnet = net_.FindSubnet(nat.subnet_id);
  if (!subnet) return Fail(Disposition::kNoRoute, nat.id, "nat-gateway", "subnet " + nat.subnet_id + " not in snapshot", p);
  return RouteFrom(subnet, p);
}

LegEnd Walker::ViaInternetGateway(const Route& route, const Subnet& subnet, Packet p) {
  const InternetGateway* igw = net_.FindInternetGateway(route.target_id);
  if (!igw || std::find(igw->vpc_ids.begin(), igw->vpc_ids.end(), subnet.vpc_id) == igw->vpc_ids.end())
    return Fail(Disposition::kNoRoute, route.target_id, "internet-gateway", "not attached to " + subnet.vpc_id, p);
  AclHop(subnet, Direction::kEgress, p);
  // The internet gateway maps private IPv4 addresses 1:1 to their public ones; IPv6 passes as is.
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
  if (p.src.is_v4()) {
    auto public_ip = PublicAddressOf(subnet.vpc_id, p.src);
    if (!public_ip)
      return Fail(Disposition::kNoPublicAddress, igw->id, "internet-gateway",
                  p.src.ToString() + " has no public IPv4 address to translate to", p);
    IpAddress private_ip = p.src;
    p.src = *public_ip;
    AddHop(igw->id, "internet-gateway", "", "translate",
           [&] { return "source " + private_ip.ToString() + " -> " + p.src.ToString(); }, p);
  } else {
    AddHop(igw->id, "internet-gateway", "", "forward", "to the internet", p);
  }
  return OnInternet(p);
}

LegEnd Walker::OnInternet(Packet p) {
  if (IsInternalSpace(IpPrefix::Host(p.dst)))  // also IPv6 ULA and link-local: only global addresses are routed
    return Fail(Disposition::kNoRoute, "internet", "internet",
                "the internet does not route the private address " + p.dst.ToString(), p);
  if (record_ && leg_ == Leg::kForward) record_->destination_looked_up = true;
  bool known = net_.InterfaceWithPublicAddress(p.dst) || NatWithPublicAddress(p.dst) ||
               (p.dst.is_v6() && !net_.InterfacesWithPrivateAddress(p.dst).empty());
  if (known) return EnterFromInternet(p);
  return Exit("internet", "", true, p);
}

LegEnd Walker::EnterFromInternet(Packet p) {
  sender_ = nullptr;  // a host on the internet
  const NetworkInterface* eni = nullptr;
  const NatGateway* nat = nullptr;
  if (p.dst.is_v6()) {
    const auto& holders = net_.InterfacesWithPrivateAddress(p.dst);
    if (!holders.empty()) eni = &net_.network_interfaces[holders.front()];
  } else {
    eni = net_.InterfaceWithPublicAddress(p.dst);
    if (!eni) nat = NatWithPublicAddress(p.dst);
  }
  if (!eni && !nat)
    return Fail(Disposition::kUnknownAddress, "internet", "internet",
                "no interface in the snapshot holds " + p.dst.ToString(), p);
  if (nat && nat->private_ips.empty())
    return Fail(Disposition::kDeniedByNatGateway, nat->id, "nat-gateway", "the snapshot gives it no private address", p);
  const std::string& vpc_id = eni ? eni->vpc_id : nat->vpc_id;
  const InternetGateway* igw = net_.InternetGatewayOfVpc(vpc_id);
  if (!igw) return Fail(Disposition::kNoRoute, vpc_id, "vpc", vpc_id + " has no internet gateway", p);
  if (eni && eni->deny_all_igw_traffic)
    return Fail(Disposition::kNoRoute, igw->id, "internet-gateway", eni->id + " denies all internet gateway traffic", p);
  if (p.dst.is_v4()) {
    IpAddress public_ip = p.dst;
    p.dst = eni ? *eni->PrivateForPublic(public_ip) : nat->private_ips.front();
    AddHop(igw->id, "internet-gateway", "", "translate",
           [&] { return "destination " + public_ip.ToString() + " -> " + p.dst.ToString(); }, p);
  } else {
    AddHop(igw->id, "internet-gateway", "", "forward", "from the internet", p);
  }
  const Subnet* subnet = eni ? net_.SubnetOf(*eni) : net_.FindSubnet(nat->subnet_id);
  if (subnet) AclHop(*subnet, Direction::kIngress, p);
  return eni ? ArriveAt(*eni, subnet, p) : ArriveAtNatGateway(*nat, p);
}

// Peering is not transitive: traffic entering a VPC over a peering connection is delivered
// only to addresses of that VPC. https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html
LegEnd Walker::ViaPeering(const Route& route, const Subnet& subnet, Packet p) {
  const VpcPeeringConnection* pcx = net_.FindVpcPeeringConnection(route.target_id);
  if (!pcx || !pcx->active())
    return Fail(Disposition::kBlackholeRoute, route.target_id, "vpc-peering-connection",
                pcx ? "peering connection is " + pcx->status : "peering connection not in the snapshot", p);
  const std::string& peer_vpc = pcx->PeerOf(subnet.vpc_id);
  if (peer_vpc.empty())
    return Fail(Disposition::kNoRoute, pcx->id, "vpc-peering-connection", "does not connect " + subnet.vpc_id, p);
  AclHop(subnet, Direction::kEgress, p);
  AddHop(pcx->id, "vpc-peering-connection", "", "forward", [&] { return "to " + peer_vpc; }, p);
  const Vpc* vpc = net_.FindVpc(peer_vpc);
  const std::vector<IpPrefix>& cidrs =
      vpc ? vpc->cidrs : (peer_vpc == pcx->accepter.vpc_id ? pcx->accepter.cidrs : pcx->requester.cidrs);
  if (std::none_of(cidrs.begin(), cidrs.end(), [&](const IpPrefix& c) { return c.Contains(p.dst); }))
    return Fail(Disposition::kNoRoute, pcx->id, "vpc-peering-connection",
                p.dst.ToString() + " is outside " + peer_vpc + " and peering is not transitive", p);
  if (!vpc) {
    Note("peer VPC " + peer_vpc + " is not in the snapshot; the trace stops at the peering connection");
    return Exit(pcx->id, subnet.vpc_id, false, p);
  }
  return DeliverInVpc(peer_vpc, p, nullptr);
}

// Transit gateway: the attachment a packet arrives on picks the TGW route table it is
// associated with; the chosen attachment delivers into its VPC, or, for a peering
// attachment, into the peer transit gateway, where the same lookup repeats. Traffic from an
// Availability Zone where the VPC attachment has no subnet is dropped:
// https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html
LegEnd Walker::ViaTransitGateway(const Route& route, const Subnet& subnet, Packet p) {
  automatically_tracked_ = true;
  const TransitGatewayAttachment* attachment = nullptr;
  for (auto& a : net_.transit_gateway_attachments)
    if (a.transit_gateway_id == route.target_id && a.resource_type == "vpc" && a.resource_id == subnet.vpc_id &&
        (a.state.empty() || a.state == "available"))
      attachment = &a;
  if (!attachment)
    return Fail(Disposition::kNoRoute, route.target_id, "transit-gateway", subnet.vpc_id + " has no attachment", p);
  bool zone_covered = std::any_of(attachment->subnet_ids.begin(), attachment->subnet_ids.end(), [&](auto& id) {
    const Subnet* s = net_.FindSubnet(id);
    return s && s->availability_zone == subnet.availability_zone;
  });
  if (!attachment->subnet_ids.empty() && !zone_covered)
    return Fail(Disposition::kNoRoute, attachment->id, "transit-gateway-attachment",
                "no attachment subnet in " + subnet.availability_zone, p);
  AclHop(subnet, Direction::kEgress, p);
  Note("the network ACL of the source VPC's transit gateway attachment subnet is not evaluated (UNCONFIRMED)");
  std::string tgw_id = route.target_id, incoming = attachment->id;
  for (int step = 0; step < kMaxRouteSteps; ++step) {
    const TransitGatewayRouteTable* table = AssociatedTable(incoming, tgw_id);
    if (!table)
      return Fail(Disposition::kNoRoute, tgw_id, "transit-gateway", incoming + " has no associated route table", p);
    TransitGatewayLookup found = LookupTransitGatewayRoute(net_, *table, p.dst);
    if (!found.found())
      return Fail(Disposition::kNoRoute, table->id, "transit-gateway-route-table", "no route to " + p.dst.ToString(), p);
    if (found.blackhole || found.attachment_id.empty())
      return Fail(Disposition::kBlackholeRoute, table->id, "transit-gateway-route-table", "blackhole route", p);
    const std::string next = found.attachment_id;
    TraceHop* hop = AddHop(table->id, "transit-gateway-route-table", "", "forward", [&] {
      return "route " + found.destination.ToString() + " -> " + next + " (" + tgw_id +
             (found.route ? ")" : ", propagated from the VPC attachment)");
    }, p);
    if (hop && found.route) {
      DecidingRule r;
      r.route_table_id = table->id, r.peer = found.destination.ToString(), r.description = next;
      r.source = found.route->source;
      hop->rules.push_back(r);
    }
    const TransitGatewayAttachment* target = AttachmentOn(next, tgw_id);
    if (target && target->resource_type == "vpc") {
      // Group references work across a transit gateway only where it and both VPC attachments
      // enable SecurityGroupReferencingSupport, and never across a TGW peering.
      const TransitGateway* tgw = net_.FindTransitGateway(tgw_id);
      references_usable_ = tgw && tgw->security_group_referencing && attachment->security_group_referencing &&
                           target->security_group_referencing && step == 0;
      return EnterVpcFromTransitGateway(*target, subnet, p);
    }
    if (!target || target->resource_type != "peering") return Exit(next, subnet.vpc_id, false, p);
    // A peering attachment's ResourceId is the transit gateway on the other side.
    tgw_id = target->transit_gateway_id == tgw_id ? target->resource_id : target->transit_gateway_id;
    incoming = next;
  }
  return Fail(Disposition::kLoop, tgw_id, "transit-gateway", "routing loop between transit gateways", p);
}

// A transit gateway delivers into a VPC through the attachment's interface in the sender's
// Availability Zone (else the first attachment subnet); from there the attachment subnet's
// route table decides, which is how inspection and central-egress VPCs work:
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
LegEnd Walker::EnterVpcFromTransitGateway(const TransitGatewayAttachment& attachment, const Subnet& sender, Packet p) {
  const Subnet* entry = nullptr;
  for (auto& id : attachment.subnet_ids)
    if (const Subnet* s = net_.FindSubnet(id); s && (!entry || s->availability_zone == sender.availability_zone))
      if (!entry || entry->availability_zone != sender.availability_zone) entry = s;
  if (!entry) return DeliverInVpc(attachment.resource_id, p, nullptr);
  AddHop(attachment.id, "transit-gateway-attachment", "", "forward",
         [&] { return "enters " + attachment.resource_id + " in " + entry->id; }, p);
  return RouteFrom(entry, p);
}

const TransitGatewayAttachment* Walker::AttachmentOn(const std::string& attachment_id, const std::string& tgw_id) const {
  for (auto& a : net_.transit_gateway_attachments)
    if (a.id == attachment_id && (a.transit_gateway_id == tgw_id || tgw_id.empty())) return &a;
  return net_.FindTransitGatewayAttachment(attachment_id);
}

const TransitGatewayRouteTable* Walker::AssociatedTable(const std::string& attachment_id,
                                                        const std::string& tgw_id) const {
  for (auto& a : net_.transit_gateway_attachments)
    if (a.id == attachment_id && a.transit_gateway_id == tgw_id && !a.association_route_table_id.empty())
      if (const TransitGatewayRouteTable* t = net_.FindTransitGatewayRouteTable(a.association_route_table_id)) return t;
  for (auto& t : net_.transit_gateway_route_tables)
    if (t.transit_gateway_id == tgw_id &&
        std::count(t.associated_attachment_ids.begin(), t.associated_attachment_ids.end(), attachment_id))
      return &t;
  return nullptr;
}

// A virtual private gateway forwards only to prefixes its VPN connections reach (static
// routes; with BGP the prefixes are not in the snapshot and are assumed reachable).
LegEnd Walker::ViaVpnGateway(const Route& route, const Subnet& subnet, Packet p) {
  const VpnGateway* vgw = net_.FindVpnGateway(route.target_id);
  if (vgw && std::find(vgw->vpc_ids.begin(), vgw->vpc_ids.end(), subnet.vpc_id) == vgw->vpc_ids.end())
    return Fail(Disposition::kNoRoute, vgw->id, "vpn-gateway", "not attached to " + subnet.vpc_id, p);
  AclHop(subnet, Direction::kEgress, p);
  bool reachable = false;
  for (auto& c : net_.vpn_connections) {
    if (c.vpn_gateway_id != route.target_id || (!c.state.empty() && c.state != "available")) continue;
    if (!c.static_routes_only) {
      Note("VPN connection " + c.id + " uses BGP; its on-premises prefixes are assumed to cover the destination");
      reachable = true;
    }
    for (auto& r : c.routes) reachable |= r.Contains(p.dst);
  }
  if (!reachable)
    return Fail(Disposition::kNoRoute, route.target_id, "vpn-gateway",
                "no VPN connection route covers " + p.dst.ToString(), p);
  AddHop(route.target_id, "vpn-gateway", "", "exit", "to the VPN connection", p);
  return Exit(route.target_id, subnet.vpc_id, false, p);
}

LegEnd Walker::ViaExitGateway(const Route& route, const Subnet& subnet, Packet p, const char* what) {
  AclHop(subnet, Direction::kEgress, p);
  AddHop(route.target_id, RouteTargetKindName(route.target_kind), "", "exit",
         [&] { return std::string("leaves to ") + what; }, p);
  return Exit(route.target_id, subnet.vpc_id, false, p);
}

LegEnd Walker::ThroughNatGateway(const Route& route, const Subnet& subnet, Packet& p, const Subnet*& next_subnet) {
  if (record_) record_->protocol_dependent = true;
  const NatGateway* nat = net_.FindNatGateway(route.target_id);
  if (!nat) return Fail(Disposition::kNoRoute, route.target_id, "nat-gateway", "NAT gateway not in the snapshot", p);
  if (nat->private_ips.empty())
    return Fail(Disposition::kDeniedByNatGateway, nat->id, "nat-gateway", "the snapshot gives it no private address", p);
  if (p.src.family() != nat->private_ips.front().family())
    return Fail(Disposition::kDeniedByNatGateway, nat->id, "nat-gateway",
                "translation between address families (NAT64) is not modelled", p);
  if (nat->state != "available" && !nat->state.empty())
    return Fail(Disposition::kBlackholeRoute, nat->id, "nat-gateway", "NAT gateway is " + nat->state, p);
  const Subnet* nat_subnet = net_.FindSubnet(nat->subnet_id);
  CrossSubnets(&subnet, nat_subnet, p);
  if (!p.has_ports() && p.protocol != kProtoIcmp)
    return Fail(Disposition::kDeniedByNatGateway, nat->id, "nat-gateway",
                "NAT gateways translate only TCP, UDP and ICMP", p);
  nat_translations_.push_back({nat, p.src, p.src_port});
  sender_ = net_.FindNetworkInterface(nat->network_interface_id);
  automatically_tracked_ = true;
  IpAddress original = p.src;
  p.src = nat->private_ips.front();
  AddHop(nat->id, "nat-gateway", "", "translate",
         [&] { return "source " + original.ToString() + " -> " + p.src.ToString(); }, p);
  Note("NAT gateways pick a new source port; the trace keeps the original one");
  if (!nat_subnet) return Fail(Disposition::kNoRoute, nat->id, "nat-gateway", "subnet not in the snapshot", p);
  next_subnet = nat_subnet;
  return {};
}

// A route to an interface (a firewall or NAT instance): the appliance receives the packet
// under its own groups and, if source/destination checking is off, routes it on.
LegEnd Walker::ThroughAppliance(const Route& route, const Subnet& subnet, Packet& p, const Subnet*& next_subnet) {
  const NetworkInterface* eni = net_.FindNetworkInterface(route.target_id);
  if (!eni)
    if (const Instance* instance = net_.FindInstance(route.target_id)) eni = net_.PrimaryInterface(*instance);
  if (!eni) return Fail(Disposition::kNoRoute, route.target_id, "network-interface", "not in the snapshot", p);
  const Subnet* appliance_subnet = net_.SubnetOf(*eni);
  CrossSubnets(&subnet, appliance_subnet, p);
  SecurityGroupHop(*eni, Direction::kIngress, p);
  references_usable_ = false;  // "does not allow traffic to flow between the instances" behind a middlebox
  if (eni->source_dest_check)
    return Fail(Disposition::kDeniedSourceDestCheck, eni->id, "network-interface",
                "source/destination check is on, so it drops traffic not addressed to it", p);
  AddHop(eni->id, "network-interface", "", "forward", "appliance forwards the packet", p);
  Note("appliances are modelled as forwarding unchanged; their own software is not modelled");
  SecurityGroupHop(*eni, Direction::kEgress, p);
  if (!appliance_subnet) return Fail(Disposition::kNoRoute, eni->id, "network-interface", "subnet not in snapshot", p);
  next_subnet = appliance_subnet;
  return {};
}

const NatGateway* Walker::NatWithPrivateAddress(IpAddress a) const {
  for (auto& n : net_.nat_gateways)
    if (std::count(n.private_ips.begin(), n.private_ips.end(), a)) return &n;
  return nullptr;
}

const NatGateway* Walker::NatWithPublicAddress(IpAddress a) const {
  for (auto& n : net_.nat_gateways)
    if (std::count(n.public_ips.begin(), n.public_ips.end(), a)) return &n;
  return nullptr;
}

const NatGateway* Walker::NatOfInterface(const NetworkInterface& eni) const {
  for (auto& n : net_.nat_gateways)
    if (n.network_interface_id == eni.id) return &n;
  return nullptr;
}

std::optional<IpAddress> Walker::PublicAddressOf(const std::string& vpc_id, IpAddress private_ip) const {
  if (const NetworkInterface* eni = InterfaceInVpc(vpc_id, private_ip)) {
    if (auto p = eni->PublicForPrivate(private_ip)) return p;
    if (const NatGateway* nat = NatOfInterface(*eni); nat && !nat->public_ips.empty()) return nat->public_ips.front();
  }
  if (const NatGateway* nat = NatWithPrivateAddress(private_ip); nat && !nat->public_ips.empty())
    return nat->public_ips.front();
  return std::nullopt;
}

const NetworkInterface* Walker::InterfaceInVpc(const std::string& vpc_id, IpAddress a) const {
  for (uint32_t i : net_.InterfacesWithPrivateAddress(a))
    if (net_.network_interfaces[i].vpc_id == vpc_id) return &net_.network_interfaces[i];
  return nullptr;
}

void Walker::Run(const Endpoint& src, const Endpoint& dst, const Packet& packet) {
  source_ = &src;
  if (!vpn_groups_.empty() && src.kind != Endpoint::Kind::kVpnClient)
    Note("--vpn-group applies to Client VPN clients only; ignored for this source");
  LegEnd forward = src.kind == Endpoint::Kind::kInternet    ? OnInternet(packet)
                   : src.kind == Endpoint::Kind::kVpnClient ? FromVpnClient(src, packet)
                                                            : WalkFrom(src.eni, *src.subnet, packet);
  if (forward.kind == LegEnd::Kind::kExited && src.kind == Endpoint::Kind::kInternet)
    forward = Fail(Disposition::kUnknownAddress, "internet", "internet",
                   "no interface in the snapshot holds " + packet.dst.ToString(), packet);
  result_.automatically_tracked = automatically_tracked_;
  if (forward.kind == LegEnd::Kind::kFailed) return;
  bool exited = forward.kind == LegEnd::Kind::kExited;
  if (record_) record_->left_network = exited;
  if (!blocked_) result_.disposition = exited ? Disposition::kExitsNetwork : Disposition::kAccepted;
  if (!no_return_note_.empty()) {
    if (!blocked_ && (to_other_client_ || !exited)) result_.disposition = Disposition::kAccepted;
    Note(no_return_note_);
    return;
  }
  if (exited && dst.kind != Endpoint::Kind::kInternet)
    Note("the destination lies beyond " + forward.gateway_id + "; its own filters are not in the snapshot");
  if (forward_only_) return;
  if (!packet.HasResponse()) {
    Note("ICMP type " + std::to_string(packet.icmp_type) + " has no response; only the forward path is evaluated");
    return;
  }
  leg_ = Leg::kReturn;
  result_.return_hypothetical = blocked_;
  Packet response = forward.packet.Reversed();
  LegEnd back;
  if (!exited && !forward.subnet) {
    back = Fail(Disposition::kNoReturnRoute, forward.eni->id, "network-interface",
                "its subnet " + forward.eni->subnet_id + " is not in the snapshot", response);
  } else if (!exited && lb_translation_ && lb_translation_->preserves_client_ip) {
    back = ReturnOfPreservedFlow(forward, response);
  } else if (!exited) {
    back = WalkFrom(forward.eni, *forward.subnet, response);
  } else if (forward.via_internet) {
    back = EnterFromInternet(response);
  } else {
    sender_ = nullptr;  // a host beyond the gateway
    AddHop(forward.gateway_id, "gateway", "", "forward",
           [&] { return "response returns through " + forward.gateway_id; }, response);
    back = DeliverInVpc(forward.vpc_id, response, nullptr);
  }
  if (back.kind == LegEnd::Kind::kFailed) return;
  const NetworkInterface* source_eni = src.kind == Endpoint::Kind::kVpnClient ? vpn_interface_ : src.eni;
  bool reached = back.kind == LegEnd::Kind::kExited ? src.kind == Endpoint::Kind::kInternet
                                                    : back.kind == LegEnd::Kind::kDelivered && back.eni == source_eni;
  if (reached && src.kind == Endpoint::Kind::kVpnClient) ReturnToVpnClient(back, src.address);
  if (!reached)
    Fail(Disposition::kNoReturnRoute, back.eni ? back.eni->id : back.gateway_id, "return",
         "the response does not reach the source", back.packet);
  // A response from another address than the one the source sent to (e.g. an Elastic IP in a
  // subnet whose default route leads to a NAT gateway) is not part of the connection.
  else if (back.packet.src != packet.dst || back.packet.dst != packet.src)
    Fail(Disposition::kNoReturnRoute, back.eni ? back.eni->id : back.gateway_id, "return",
         "the response arrives from " + back.packet.src.ToString() + ", not from " + packet.dst.ToString(),
         back.packet);
}

}  // namespace

const char* DispositionName(Disposition d) {
  switch (d) {
    case Disposition::kAccepted: return "ACCEPTED";
    case Disposition::kDeniedSgEgress: return "DENIED_SG_EGRESS";
    case Disposition::kDeniedNaclEgress: return "DENIED_NACL_EGRESS";
    case Disposition::kNoRoute: return "NO_ROUTE";
    case Disposition::kBlackholeRoute: return "BLACKHOLE_ROUTE";
    case Disposition::kNoPublicAddress: return "NO_PUBLIC_ADDRESS";
    case Disposition::kDeniedByNatGateway: return "DENIED_BY_NAT_GATEWAY";
    case Disposition::kDeniedSourceDestCheck: return "DENIED_SOURCE_DEST_CHECK";
    case Disposition::kDeniedNaclIngress: return "DENIED_NACL_INGRESS";
    case Disposition::kDeniedSgIngress: return "DENIED_SG_INGRESS";
    case Disposition::kDeniedReturnNacl: return "DENIED_RETURN_NACL";
    case Disposition::kDeniedReturnSg: return "DENIED_RETURN_SG";
    case Disposition::kNoReturnRoute: return "NO_RETURN_ROUTE";
    case Disposition::kExitsNetwork: return "EXITS_NETWORK";
    case Disposition::kUnknownAddress: return "UNKNOWN_ADDRESS";
    case Disposition::kLoop: return "LOOP";
    case Disposition::kDeniedVpnAuthorization: return "DENIED_VPN_AUTHORIZATION";
    case Disposition::kDeniedByManagedService: return "DENIED_BY_MANAGED_SERVICE";
  }
  return "UNKNOWN";
}

TraceOutcome Trace(const Network& network, const TraceQuery& query) {
  EndpointResolution dst = ResolveDestination(network, query.to, query.from);
  if (!dst.endpoint) return {std::nullopt, dst.error};
  EndpointResolution src = ResolveSource(network, query.from, dst.endpoint->address.family());
  if (!src.endpoint) return {std::nullopt, src.error};
  const Endpoint& from = *src.endpoint;
  if (from.kind == Endpoint::Kind::kInterface && !from.subnet)
    return {std::nullopt, "interface " + from.eni->id + " names subnet " + from.eni->subnet_id +
                              ", which is not in the snapshot, so its routes are unknown"};
  if (dst.endpoint->kind == Endpoint::Kind::kVpnClient &&
      (from.kind != Endpoint::Kind::kVpnClient || from.client_vpn != dst.endpoint->client_vpn))
    return {std::nullopt, dst.endpoint->address.ToString() + " is a client of " + dst.endpoint->client_vpn->id +
                              ": only its own clients' traffic toward it (client-to-client) is modelled"};
  bool v6 = dst.endpoint->address.is_v6();
  if ((query.protocol == kProtoIcmp && v6) || (query.protocol == kProtoIcmpv6 && !v6))
    return {std::nullopt, std::string("use --protocol ") + (v6 ? "icmpv6 for IPv6" : "icmp for IPv4") + " endpoints"};
  Packet p{src.endpoint->address, dst.endpoint->address, query.protocol,
           query.src_port ? query.src_port : uint16_t{49152}, query.dst_port, query.icmp_type, query.icmp_code};
  TraceResult result;
  result.packet = p;
  if (query.explain) {
    result.source = DescribeEndpoint(*src.endpoint);
    result.destination = DescribeEndpoint(*dst.endpoint);
  }
  Walker(network, result, query).Run(*src.endpoint, *dst.endpoint, p);
  return {std::move(result), ""};
}

}  // namespace sgscope
