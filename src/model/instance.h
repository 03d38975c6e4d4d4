#pragma once
// EC2 instances (from describe-instances Reservations): names for their interfaces.

#include <string>
#include <vector>

#include "model/source_ref.h"

namespace sgscope {

// An instance. Security groups live on its interfaces; the instance only groups them.
struct Instance {
  std::string id;
  std::string vpc_id;
  std::string subnet_id;
  std::string state;
  std::string name;  // Name tag
  std::vector<std::string> network_interface_ids;
  SourceRef source;
};

}  // namespace sgscope
