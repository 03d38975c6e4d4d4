// elb describe-load-balancers (`LoadBalancerDescriptions`): Classic Load Balancers. They have
// no ARN, so the name is the id, and their listeners come inline (ListenerDescriptions), each
// becoming a LoadBalancerListener named "<name>:<LoadBalancerPort>" (a port has one listener).
// Classic load balancers outside a VPC (no VPCId) are loaded too: their interfaces are AWS's.
// https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_LoadBalancerDescription.html
// https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_Listener.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kDescriptionIgnored[] = {
    "AvailabilityZones", "BackendServerDescriptions", "CanonicalHostedZoneName", "CanonicalHostedZoneNameID",
    "CreatedTime", "HealthCheck", "Policies", "SourceSecurityGroup"};
constexpr std::string_view kListenerDescriptionIgnored[] = {"PolicyNames"};
constexpr std::string_view kListenerIgnored[] = {"SSLCertificateId"};

void ReadListener(JsonCursor& description, const std::string& lb_name, std::vector<LoadBalancerListener>& out) {
  if (!description.ExpectObject()) return;
  description.Object("Listener", [&](JsonCursor& c) {
    LoadBalancerListener listener;
    listener.load_balancer_id = lb_name;
    std::optional<uint16_t> port = ReadPort(c, "LoadBalancerPort", Need::kRequired);
    if (!port) return c.context().Skip("listener");
    listener.port = *port;
    listener.id = lb_name + ":" + std::to_string(*port);
    c.ReadString("Protocol", listener.protocol);
    listener.instance_port = ReadPort(c, "InstancePort");
    c.ReadString("InstanceProtocol", listener.instance_protocol);
    AddItem(c, "Listener", kListenerIgnored, std::move(listener), out);
  }, Need::kRequired);
  description.CheckFields("ListenerDescription", kListenerDescriptionIgnored);
}

void LoadDescription(JsonCursor& c) {
  LoadBalancer lb;
  if (!ReadItemId(c, "LoadBalancerName", lb.id, "load balancer")) return;
  lb.name = lb.id;
  lb.type = "classic";
  c.ReadString("DNSName", lb.dns_name);
  c.ReadString("Scheme", lb.scheme);
  c.ReadString("VPCId", lb.vpc_id);
  ReadStringList(c, "Subnets", lb.subnet_ids);
  ReadStringList(c, "SecurityGroups", lb.security_group_ids);
  ReadIdList(c, "Instances", "InstanceId", lb.instance_ids);
  Network& network = c.context().network();
  c.ForEach("ListenerDescriptions",
            [&](JsonCursor& d) { ReadListener(d, lb.name, network.load_balancer_listeners); });
  AddItem(c, "LoadBalancerDescription", kDescriptionIgnored, std::move(lb), network.load_balancers);
}

}  // namespace

void LoadClassicLoadBalancers(JsonCursor& list) { list.ForEachElement(LoadDescription); }

}  // namespace sgscope::ingest
