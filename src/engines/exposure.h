#pragma once
// `sgscope exposure`: what the internet reaches, exactly — per interface with a public address,
// the protocols, ports and source addresses that get in through its subnet's network ACL and its
// security groups and whose responses get back out through the internet gateway.

#include <string>
#include <vector>

#include "model/network.h"
#include "net/flow_set.h"

namespace sgscope {

// A rule that admits part of an interface's exposure.
struct AdmittingRule {
  const SecurityGroup* group;
  const SecurityGroupRule* rule;
  AddressSet sources;  // the internet addresses its peer names (a prefix list's CIDRs, not the whole internet)
};

// One interface reachable from the internet.
struct InterfaceExposure {
  const NetworkInterface* eni = nullptr;
  std::string owner;        // InterfaceOwnerKind
  std::string resource;     // the instance id, or the owning service's resource when linked
  IpAddress public_address; // the address internet hosts send to (public IPv4, or global IPv6)
  std::string gateway;      // the internet gateway
  FlowSet flows;            // (protocol, port or ICMP type*256+code, internet source) that get in and back
  std::vector<AdmittingRule> rules;
};

// An interface open to internet sources by its groups that is nevertheless not exposed, and why.
struct NotExposed {
  const NetworkInterface* eni = nullptr;
  std::string reason;
};

struct ExposureReport {
  std::vector<InterfaceExposure> exposed;  // by interface id, then address
  std::vector<NotExposed> explained;       // by interface id
};

// Sources are all addresses outside the internal blocks (RFC 1918, 100.64.0.0/10, fc00::/7,
// fe80::/10). A response must reach the client through the subnet's route to the internet
// gateway and its network ACL's outbound entries on some client port in 1024-65535 (ICMP: the
// echo reply); security groups pass it by connection tracking. VPCs are computed on up to one
// thread per core; the report does not depend on it.
ExposureReport ComputeExposure(const Network& network);

// The addresses internet hosts reach an interface at: its public IPv4 addresses and its global
// IPv6 addresses (the internet gateway passes IPv6 untranslated).
std::vector<IpAddress> PublicAddresses(const NetworkInterface& eni);

}  // namespace sgscope
