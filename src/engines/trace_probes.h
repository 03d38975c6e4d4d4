#pragma once
// Test helpers shared by the engine tests that check a set answer against Trace: one probed flow
// at a point of the service axis, and how an internet host addresses an interface.

#include <algorithm>
#include <string>
#include <vector>

#include "engines/endpoint_classes.h"
#include "engines/endpoint_resolver.h"
#include "engines/trace.h"
#include "net/service_set.h"

namespace sgscope {

// Leaving the network reaches an internet destination, never an interface.
inline bool TraceAccepts(const Network& n, const std::string& from, const std::string& to, ServiceSet::Key key) {
  TraceQuery q;
  q.from = from, q.to = to, q.explain = false;
  q.protocol = static_cast<uint8_t>(key >> 16);
  if (q.protocol == kProtoIcmp || q.protocol == kProtoIcmpv6) q.icmp_type = static_cast<uint8_t>(key >> 8), q.icmp_code = static_cast<uint8_t>(key);
  else q.dst_port = static_cast<uint16_t>(key);
  TraceOutcome out = Trace(n, q);
  if (!out.result) return false;
  if (out.result->disposition != Disposition::kExitsNetwork) return out.result->accepted();
  EndpointResolution destination = ResolveDestination(n, to, from);
  return destination.endpoint && destination.endpoint->kind == Endpoint::Kind::kInternet;
}

// Internet hosts send to the public address of an interface's primary address, when it has one.
inline std::string PublicAddressOr(const Network& n, const std::string& id) {
  if (const NetworkInterface* eni = n.FindNetworkInterface(id))
    if (auto address = PrimaryPublicAddress(*eni)) return address->ToString();
  return id;
}

// Points of the service axis every probe set includes: common ports, ICMP and ICMPv6 types, other protocols.
inline std::vector<ServiceSet::Key> FixedProbes() {
  std::vector<ServiceSet::Key> out;
  for (uint16_t port : {0, 1, 21, 22, 23, 53, 80, 443, 1023, 1024, 1194, 3389, 5432, 8080, 49152, 65535})
    out.push_back(ServiceSet::KeyOf(kProtoTcp, port));
  for (uint16_t port : {0, 53, 123, 443, 1194, 65535}) out.push_back(ServiceSet::KeyOf(kProtoUdp, port));
  for (uint16_t tc : {0x800, 0x000, 0x304, 0xd00, 0xb00, 0x8ff}) out.push_back(ServiceSet::KeyOf(kProtoIcmp, tc));
  for (uint16_t tc : {0x8000, 0x8100, 0x0104, 0x8700}) out.push_back(ServiceSet::KeyOf(kProtoIcmpv6, tc));
  for (uint8_t p : {0, 4, 47, 50}) out.push_back(ServiceSet::KeyOf(p, 0));
  return out;
}

// The fixed probes plus both edges of every interval of `allowed`, and one step outside.
inline std::vector<ServiceSet::Key> ProbesFor(const ServiceSet& allowed) {
  std::vector<ServiceSet::Key> out = FixedProbes();
  for (auto& i : allowed.intervals()) {
    out.push_back(i.lo), out.push_back(i.hi);
    if (i.lo > 0) out.push_back(i.lo - 1);
    if (i.hi < ServiceSet::KeyOf(255, 65535)) out.push_back(i.hi + 1);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sgscope
