#pragma once
// Elastic Load Balancing: Application, Network and Gateway Load Balancers (elbv2
// describe-load-balancers / describe-listeners) and Classic Load Balancers (elb
// describe-load-balancers, whose listeners come inline). One model for both: the engines
// need the same facts (subnets, groups, listener ports) from either API.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_address.h"

namespace sgscope {

// An address a load balancer holds in one subnet (AvailabilityZones[].LoadBalancerAddresses[]);
// AWS lists them for Network Load Balancers with fixed or Elastic IP addresses only.
struct LoadBalancerAddress {
  std::string subnet_id;
  std::optional<IpAddress> ip;          // IpAddress: the Elastic IP (internet-facing) or private address
  std::optional<IpAddress> private_ip;  // PrivateIPv4Address (internal NLB)
  std::optional<IpAddress> ipv6;        // IPv6Address
  std::string allocation_id;            // AllocationId of the Elastic IP
};

// A load balancer of either API.
struct LoadBalancer {
  std::string id;          // LoadBalancerArn; a Classic Load Balancer has no ARN: its name
  std::string name;        // LoadBalancerName
  std::string type;        // application|network|gateway, or "classic"
  std::string dns_name;    // DNSName
  std::string scheme;      // internet-facing|internal
  std::string vpc_id;      // VpcId (VPCId for classic)
  std::vector<std::string> subnet_ids;          // AvailabilityZones[].SubnetId (Subnets for classic)
  std::vector<LoadBalancerAddress> addresses;
  std::vector<std::string> security_group_ids;  // SecurityGroups; none on most Network Load Balancers
  std::string state;                            // State.Code: active|provisioning|failed|...; classic: empty
  std::vector<std::string> instance_ids;        // classic only: Instances[].InstanceId
  SourceRef source;
};

// A listener: the port and protocol clients connect to.
struct LoadBalancerListener {
  std::string id;                // ListenerArn; classic: "<load balancer name>:<port>"
  std::string load_balancer_id;  // LoadBalancerArn; classic: the load balancer's name
  uint16_t port = 0;             // Port / LoadBalancerPort
  std::string protocol;          // HTTP|HTTPS|TCP|TLS|UDP|TCP_UDP|GENEVE (classic: HTTP|HTTPS|TCP|SSL)
  std::vector<std::string> target_group_ids;  // elbv2: the target groups its default actions forward to
  std::optional<uint16_t> instance_port;  // classic only: InstancePort
  std::string instance_protocol;          // classic only: InstanceProtocol
  SourceRef source;
};

}  // namespace sgscope
