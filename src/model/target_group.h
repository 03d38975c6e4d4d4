#pragma once
// Elastic Load Balancing target groups and their registered targets: where a load balancer's
// listeners forward, and which targets are in service.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/source_ref.h"

namespace sgscope {

// A target group (elbv2 describe-target-groups).
struct TargetGroup {
  std::string id;                               // TargetGroupArn
  std::string name;                             // TargetGroupName
  std::string vpc_id;
  std::string protocol;                         // TCP, UDP, TLS, TCP_UDP, HTTP, HTTPS, GENEVE
  std::optional<int64_t> port;                  // the default port of its targets
  std::string target_type;                      // instance, ip, lambda, alb
  std::vector<std::string> load_balancer_arns;  // the load balancers that forward to it
  SourceRef source;
};

// One registered target and its health (elbv2 describe-target-health, as collectors store it
// with the target group's ARN beside the descriptions).
struct LoadBalancerTarget {
  std::string target_group_id;    // TargetGroupArn
  std::string id;                 // Target.Id: an instance id, an IP address, a Lambda or ALB ARN
  std::optional<int64_t> port;    // Target.Port
  std::string availability_zone;  // Target.AvailabilityZone ("all" for IP targets outside the VPC)
  std::string state;              // TargetHealth.State: healthy, unhealthy, unused, draining, initial...
  SourceRef source;
};

// A load balancer's attributes that change where traffic goes (describe-load-balancer-attributes,
// stored with the load balancer's ARN beside them).
struct LoadBalancerAttributes {
  std::string id;                  // LoadBalancerArn
  std::optional<bool> cross_zone;  // load_balancing.cross_zone.enabled
  SourceRef source;
};

}  // namespace sgscope
