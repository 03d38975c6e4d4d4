#pragma once
// Test helpers shared by the engine tests that check a set answer against Trace: one probed flow
// at a point of the service axis, and how an internet host addresses an interface.

#include <string>

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
  if (q.protocol == kProtoIcmp) q.icmp_type = static_cast<uint8_t>(key >> 8), q.icmp_code = static_cast<uint8_t>(key);
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

}  // namespace sgscope
