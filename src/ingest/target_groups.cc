// elbv2 target groups, their targets' health and load balancer attributes. The AWS CLI prints
// target health and attributes without saying whose they are; collectors (Batfish among them)
// store each list beside the owning ARN, under LoadBalancerTargetHealth and
// LoadBalancerAttributes, and that is the shape loaded here.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroup.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealthDescription.html

#include "ingest/field_values.h"
#include "ingest/resource_item.h"
#include "ingest/resource_loaders.h"

namespace sgscope::ingest {

namespace {

constexpr std::string_view kTargetGroupIgnored[] = {
    "HealthCheckEnabled", "HealthCheckIntervalSeconds", "HealthCheckPath", "HealthCheckPort", "HealthCheckProtocol",
    "HealthCheckTimeoutSeconds", "HealthyThresholdCount", "IpAddressType", "Matcher", "ProtocolVersion",
    "UnhealthyThresholdCount"};
constexpr std::string_view kTargetIgnored[] = {"AdministrativeOverride", "AnomalyDetection", "HealthCheckPort"};
constexpr std::string_view kHealthIgnored[] = {"Description", "Reason"};

void LoadTargetGroup(JsonCursor& c) {
  TargetGroup group;
  if (!ReadItemId(c, "TargetGroupArn", group.id, "target group")) return;
  c.ReadString("TargetGroupName", group.name);
  c.ReadString("VpcId", group.vpc_id);
  c.ReadString("Protocol", group.protocol);
  group.port = c.Int("Port");
  c.ReadString("TargetType", group.target_type);
  ReadStringList(c, "LoadBalancerArns", group.load_balancer_arns);
  AddItem(c, "TargetGroup", kTargetGroupIgnored, std::move(group), c.context().network().target_groups);
}

void LoadTarget(JsonCursor& c, const std::string& group_id) {
  LoadBalancerTarget target;
  target.target_group_id = group_id;
  if (!c.ExpectObject() || !c.Object("Target", [&](JsonCursor& t) {
        t.ReadString("Id", target.id, Need::kRequired);
        target.port = t.Int("Port");
        t.ReadString("AvailabilityZone", target.availability_zone);
        t.CheckFields("TargetDescription", FieldList{});
      }, Need::kRequired) || target.id.empty())
    return c.context().Skip("load balancer target");
  c.Object("TargetHealth", [&](JsonCursor& h) {
    h.ReadString("State", target.state);
    h.CheckFields("TargetHealth", kHealthIgnored);
  });
  AddItem(c, "TargetHealthDescription", kTargetIgnored, std::move(target), c.context().network().load_balancer_targets);
}

void LoadTargetHealthSet(JsonCursor& c) {
  std::string group_id;
  if (!ReadItemId(c, "TargetGroupArn", group_id, "target health list")) return;
  c.ForEach("TargetHealthDescriptions", [&](JsonCursor& t) { LoadTarget(t, group_id); });
  c.CheckFields("LoadBalancerTargetHealth", FieldList{});
}

void LoadAttributeSet(JsonCursor& c) {
  LoadBalancerAttributes attributes;
  if (!ReadItemId(c, "LoadBalancerArn", attributes.id, "load balancer attributes")) return;
  c.ForEach("Attributes", [&](JsonCursor& a) {
    std::string key, value;
    if (!a.ExpectObject() || !a.ReadString("Key", key)) return;
    a.ReadString("Value", value);
    if (key == "load_balancing.cross_zone.enabled") attributes.cross_zone = value == "true";
    a.CheckFields("LoadBalancerAttribute", FieldList{});
  });
  AddItem(c, "LoadBalancerAttributes", FieldList{}, std::move(attributes),
          c.context().network().load_balancer_attributes);
}

}  // namespace

void LoadTargetGroups(JsonCursor& list) { list.ForEachElement(LoadTargetGroup); }
void LoadLoadBalancerTargetHealth(JsonCursor& list) { list.ForEachElement(LoadTargetHealthSet); }
void LoadLoadBalancerAttributes(JsonCursor& list) { list.ForEachElement(LoadAttributeSet); }

}  // namespace sgscope::ingest
