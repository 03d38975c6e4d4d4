#pragma once
// VPC endpoints: interface endpoints (ENIs in subnets) and gateway endpoints (route targets).

#include <string>
#include <vector>

#include "model/source_ref.h"

namespace sgscope {

// A VPC endpoint of type Interface, Gateway or GatewayLoadBalancer.
struct VpcEndpoint {
  std::string id;
  std::string type;  // VpcEndpointType as written
  std::string vpc_id;
  std::string service_name;
  std::string state;
  std::vector<std::string> subnet_ids;
  std::vector<std::string> route_table_ids;
  std::vector<std::string> network_interface_ids;
  std::vector<std::string> group_ids;
  SourceRef source;
};

}  // namespace sgscope
