#pragma once
// Amazon EFS mount targets (efs describe-mount-targets): one NFS endpoint of a file system in
// one subnet, behind the network interface EFS created for it.

#include <optional>
#include <string>

#include "model/source_ref.h"
#include "net/ip_address.h"

namespace sgscope {

// A mount target (MountTargetDescription).
struct EfsMountTarget {
  std::string id;              // MountTargetId, "fsmt-..."
  std::string file_system_id;  // FileSystemId, "fs-..."
  std::string subnet_id;
  std::string vpc_id;
  std::optional<IpAddress> ipv4;       // IpAddress
  std::optional<IpAddress> ipv6;       // Ipv6Address
  std::string network_interface_id;    // NetworkInterfaceId: the interface carrying its groups
  std::string availability_zone_id;    // AvailabilityZoneId, e.g. "use1-az1"
  std::string state;                   // LifeCycleState: creating|available|updating|deleting|deleted|error
  SourceRef source;
};

}  // namespace sgscope
