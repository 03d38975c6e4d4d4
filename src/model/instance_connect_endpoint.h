#pragma once
// EC2 Instance Connect Endpoints (ec2 describe-instance-connect-endpoints): SSH/RDP into
// private instances through endpoint interfaces in one subnet.

#include <string>
#include <vector>

#include "model/source_ref.h"

namespace sgscope {

// An endpoint (Ec2InstanceConnectEndpoint).
struct InstanceConnectEndpoint {
  std::string id;  // InstanceConnectEndpointId, "eice-..."
  std::string vpc_id;
  std::string subnet_id;
  std::string state;  // State: create-complete|create-in-progress|delete-in-progress|...
  std::vector<std::string> network_interface_ids;  // NetworkInterfaceIds
  std::vector<std::string> security_group_ids;     // SecurityGroupIds
  // PreserveClientIp: true, connections reach the instance from the client's address;
  // false, from the endpoint interface's private address.
  bool preserve_client_ip = false;
  std::string dns_name;       // DnsName
  std::string fips_dns_name;  // FipsDnsName
  std::string availability_zone;
  SourceRef source;
};

}  // namespace sgscope
