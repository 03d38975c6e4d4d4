// elbv2 describe-load-balancers (`LoadBalancers`) and describe-listeners (`Listeners`):
// Application, Network and Gateway Load Balancers with their subnets, addresses and groups,
// and the ports they listen on. Batfish stores listeners differently: LoadBalancerListeners.json
// holds `LoadBalancerListeners`, one {LoadBalancerArn, Listeners[]} per load balancer (one
// describe-listeners call each); both shapes are read.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancer.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Listener.html

#include <algorithm>

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kLoadBalancerIgnored[] = {
    "CanonicalHostedZoneId", "CreatedTime", "CustomerOwnedIpv4Pool", "EnablePrefixForIpv6SourceNat",
    "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "IpAddressType", "IpamPools"};
constexpr std::string_view kZoneIgnored[] = {"OutpostId", "SourceNatIpv6Prefixes", "ZoneName"};
constexpr std::string_view kStateIgnored[] = {"Reason"};
constexpr std::string_view kListenerIgnored[] = {"AlpnPolicy", "Certificates", "MutualAuthentication", "SslPolicy"};
constexpr std::string_view kActionIgnored[] = {"AuthenticateCognitoConfig", "AuthenticateOidcConfig",
                                               "FixedResponseConfig", "Order", "RedirectConfig"};
constexpr std::string_view kForwardConfigIgnored[] = {"TargetGroupStickinessConfig"};
constexpr std::string_view kTupleIgnored[] = {"Weight"};

// The target groups a listener's default "forward" actions send to: TargetGroupArn, or every
// group of a weighted ForwardConfig. Other actions (redirect, fixed response) forward nothing.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Action.html
void ReadForwardActions(JsonCursor& c, std::vector<std::string>& target_groups) {
  c.ForEach("DefaultActions", [&](JsonCursor& action) {
    if (!action.ExpectObject()) return;
    std::string type, group;
    action.ReadString("Type", type);
    if (action.ReadString("TargetGroupArn", group) && type == "forward") target_groups.push_back(group);
    action.Object("ForwardConfig", [&](JsonCursor& config) {
      config.ForEach("TargetGroups", [&](JsonCursor& weighted) {
        if (weighted.ExpectObject() && weighted.ReadString("TargetGroupArn", group) && type == "forward" &&
            std::find(target_groups.begin(), target_groups.end(), group) == target_groups.end())
          target_groups.push_back(group);
        weighted.CheckFields("TargetGroupTuple", kTupleIgnored);
      });
      config.CheckFields("ForwardActionConfig", kForwardConfigIgnored);
    });
    action.CheckFields("Action", kActionIgnored);
  });
}

// One AvailabilityZones[] element: the subnet and the fixed addresses in it.
void ReadZone(JsonCursor& zone, LoadBalancer& lb) {
  if (!zone.ExpectObject()) return;
  std::string subnet_id;
  if (zone.ReadString("SubnetId", subnet_id, Need::kRequired)) lb.subnet_ids.push_back(subnet_id);
  zone.ForEach("LoadBalancerAddresses", [&](JsonCursor& a) {
    if (!a.ExpectObject()) return;
    LoadBalancerAddress address{subnet_id};
    address.ip = ReadAddress(a, "IpAddress", IpFamily::kV4);
    address.private_ip = ReadAddress(a, "PrivateIPv4Address", IpFamily::kV4);
    address.ipv6 = ReadAddress(a, "IPv6Address", IpFamily::kV6);
    a.ReadString("AllocationId", address.allocation_id);
    a.CheckFields("LoadBalancerAddress", FieldList{});
    lb.addresses.push_back(std::move(address));
  });
  zone.CheckFields("AvailabilityZone", kZoneIgnored);
}

void LoadLoadBalancer(JsonCursor& c) {
  LoadBalancer lb;
  if (!ReadItemId(c, "LoadBalancerArn", lb.id, "load balancer")) return;
  c.ReadString("LoadBalancerName", lb.name);
  c.ReadString("Type", lb.type);
  c.ReadString("DNSName", lb.dns_name);
  c.ReadString("Scheme", lb.scheme);
  c.ReadString("VpcId", lb.vpc_id);
  c.ForEach("AvailabilityZones", [&](JsonCursor& zone) { ReadZone(zone, lb); });
  ReadStringList(c, "SecurityGroups", lb.security_group_ids);
  c.Object("State", [&](JsonCursor& state) {
    state.ReadString("Code", lb.state);
    state.CheckFields("LoadBalancerState", kStateIgnored);
  });
  AddItem(c, "LoadBalancer", kLoadBalancerIgnored, std::move(lb), c.context().network().load_balancers);
}

// A Listener; `load_balancer_arn` is the enclosing Batfish group's, used when the listener lacks its own.
void LoadListener(JsonCursor& c, const std::string& load_balancer_arn) {
  LoadBalancerListener listener;
  if (!ReadItemId(c, "ListenerArn", listener.id, "listener")) return;
  Need need = load_balancer_arn.empty() ? Need::kRequired : Need::kOptional;
  bool named = c.ReadString("LoadBalancerArn", listener.load_balancer_id, need) || need == Need::kOptional;
  if (listener.load_balancer_id.empty()) listener.load_balancer_id = load_balancer_arn;
  std::optional<uint16_t> port = ReadPort(c, "Port", Need::kRequired);
  if (!named || !port) return c.context().Skip("listener");
  listener.port = *port;
  c.ReadString("Protocol", listener.protocol);
  ReadForwardActions(c, listener.target_group_ids);
  AddItem(c, "Listener", kListenerIgnored, std::move(listener), c.context().network().load_balancer_listeners);
}

}  // namespace

void LoadLoadBalancers(JsonCursor& list) { list.ForEachElement(LoadLoadBalancer); }

void LoadListeners(JsonCursor& list) {
  list.ForEachElement([](JsonCursor& c) { LoadListener(c, ""); });
}

void LoadLoadBalancerListeners(JsonCursor& list) {
  list.ForEachElement([](JsonCursor& group) {
    std::string arn;
    if (!ReadItemId(group, "LoadBalancerArn", arn, "listener")) return;
    group.ForEach("Listeners", [&](JsonCursor& c) { LoadListener(c, arn); });
    group.CheckFields("LoadBalancerListeners", FieldList{});
  });
}

}  // namespace sgscope::ingest
