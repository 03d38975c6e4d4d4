// Address lookups on one interface (private <-> public), used by trace to translate
// public addresses the way an internet gateway does.

#include "model/network_interface.h"

#include <algorithm>

namespace sgscope {

bool NetworkInterface::HasPrivateAddress(IpAddress a) const {
  if (a.is_v6()) return std::find(ipv6.begin(), ipv6.end(), a) != ipv6.end();
  return std::any_of(ipv4.begin(), ipv4.end(), [&](const PrivateIpv4& p) { return p.private_ip == a; });
}

std::optional<IpAddress> NetworkInterface::PrimaryIpv4() const {
  for (auto& p : ipv4)
    if (p.primary) return p.private_ip;
  if (!ipv4.empty()) return ipv4.front().private_ip;
  return std::nullopt;
}

std::optional<IpAddress> NetworkInterface::AddressOf(IpFamily family) const {
  if (family == IpFamily::kV4) return PrimaryIpv4();
  if (!ipv6.empty()) return ipv6.front();
  return std::nullopt;
}

std::optional<IpAddress> NetworkInterface::PrivateForPublic(IpAddress public_ip) const {
  for (auto& p : ipv4)
    if (p.public_ip == public_ip) return p.private_ip;
  return std::nullopt;
}

std::optional<IpAddress> NetworkInterface::PublicForPrivate(IpAddress private_ip) const {
  for (auto& p : ipv4)
    if (p.private_ip == private_ip) return p.public_ip;
  return std::nullopt;
}

}  // namespace sgscope
