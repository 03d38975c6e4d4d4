#pragma once
// The resource a snapshot ties a network interface to (see interface_owner.h), as a value the
// Network can keep per interface.

#include <string>

#include "model/managed_service.h"

namespace sgscope {

// The resource the snapshot ties an interface to, and its service.
struct InterfaceLink {
  const ManagedService* service = nullptr;  // null: no link in the snapshot
  // Client VPN association id, directory id, EFS mount target id, Instance Connect Endpoint id,
  // load balancer id (ARN, or a classic one's name), DB instance ARN or Lambda function ARN.
  std::string resource_id;
};

}  // namespace sgscope
