#pragma once
// Elastic IP addresses (describe-addresses) and where they are associated.

#include <optional>
#include <string>

#include "model/source_ref.h"
#include "net/ip_address.h"

namespace sgscope {

// An Elastic IP. The interface's own Association usually repeats this; both are kept.
struct ElasticIp {
  IpAddress public_ip;
  std::string allocation_id;
  std::string network_interface_id;
  std::string instance_id;
  std::optional<IpAddress> private_ip;
  SourceRef source;
};

}  // namespace sgscope
