#pragma once
// Elastic network interfaces: where security groups actually apply.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "model/source_ref.h"
#include "net/ip_address.h"

namespace sgscope {

// One private IPv4 address of an interface and the public address mapped to it, if any.
struct PrivateIpv4 {
  IpAddress private_ip;
  bool primary = false;
  std::optional<IpAddress> public_ip;  // auto-assigned or Elastic IP (Association.PublicIp)
  std::string public_ip_owner;        // IpOwnerId: "amazon" or an account id
};

// The idle timeouts an interface's ConnectionTrackingConfiguration sets; an unset one
// takes AWS's default (aws-semantics.md §2).
struct ConnectionTrackingTimeouts {
  std::optional<std::chrono::seconds> tcp_established;  // TcpEstablishedTimeout
  std::optional<std::chrono::seconds> udp_stream;       // UdpStreamTimeout
  std::optional<std::chrono::seconds> udp;              // UdpTimeout
};

// An ENI. `interface_type` stays an open string: AWS reports values outside its own enum
// (e.g. "nat_gateway" vs "natGateway"), see aws-semantics.md §5.2.
struct NetworkInterface {
  std::string id;
  std::string vpc_id;
  std::string subnet_id;
  std::string availability_zone;
  std::string owner_id;
  std::string interface_type;  // "interface", "nat_gateway", "vpc_endpoint", ...
  std::string description;
  std::string status;
  bool requester_managed = false;
  std::string requester_id;
  bool source_dest_check = true;
  bool deny_all_igw_traffic = false;
  std::string attached_instance_id;  // Attachment.InstanceId
  int device_index = -1;             // Attachment.DeviceIndex; 0 is the instance's primary interface
  std::vector<std::string> group_ids;
  std::vector<PrivateIpv4> ipv4;
  std::vector<IpAddress> ipv6;
  ConnectionTrackingTimeouts tracking_timeouts;
  SourceRef source;

  bool HasPrivateAddress(IpAddress a) const;
  std::optional<IpAddress> PrimaryIpv4() const;
  // The address it sends from in `family`: the primary private IPv4 address, or the first IPv6.
  std::optional<IpAddress> AddressOf(IpFamily family) const;
  // The private address a public address maps to on this interface.
  std::optional<IpAddress> PrivateForPublic(IpAddress public_ip) const;
  std::optional<IpAddress> PublicForPrivate(IpAddress private_ip) const;
};

}  // namespace sgscope
