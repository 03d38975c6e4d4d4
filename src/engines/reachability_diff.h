#pragma once
// `sgscope diff`: what two snapshots of the same network let through differently. Endpoints are
// grouped so that each group behaves alike in both snapshots; per pair of groups, the services
// gained and lost, with the rules that admit a gain and, for a loss, the rules that admitted it
// before and the components that stop it now.

#include <optional>
#include <string>
#include <vector>

#include "engines/reach.h"

namespace sgscope {

// Endpoints that every filter, route and service treats alike in the old snapshot and again in
// the new one: interfaces (matched by id), an internet block, or a Client VPN endpoint's clients.
struct DiffEndpoints {
  EndpointClass::Kind kind = EndpointClass::Kind::kInterfaces;
  std::vector<std::string> members;   // kInterfaces: ids, sorted; the first represents them
  AddressSet addresses;               // kInternet
  std::string trace_text;             // how Trace names the representative (interfaces: the id)
  bool in_old = true, in_new = true;  // interfaces only in one snapshot: all their flows change
  IpFamily family = IpFamily::kV4;    // interfaces by their IPv4 or IPv6 address; pairs are of one family
};

// Services between two endpoint groups that one snapshot lets through and the other does not,
// for one protocol (or, with no protocol, every protocol without ports or types).
struct DiffFlow {
  size_t from = 0, to = 0;          // indexes into ReachDiff::sources / destinations
  std::optional<uint8_t> protocol;  // tcp, udp, icmp; none for the other protocols together
  ServiceSet services;
  // Gained: the new snapshot's security-group rules that admit them. Lost: the old snapshot's
  // rules that admitted them.
  std::vector<SecurityGroupMatch> rules;
  std::vector<ReachBlocker> blockers;  // lost: what stops them in the new snapshot
};

struct DiffQuery {
  std::vector<std::string> from = {"all", "internet"};  // source selectors, as for reach
  std::string to = "all";
  std::vector<std::string> vpn_groups;
};

struct ReachDiff {
  std::vector<DiffEndpoints> sources, destinations;
  std::vector<DiffFlow> gained, lost;  // rules point into the new (gained) or old (lost) network
  std::string error;
};

ReachDiff DiffReach(const Network& old_network, const Network& new_network, const DiffQuery& query);

}  // namespace sgscope
