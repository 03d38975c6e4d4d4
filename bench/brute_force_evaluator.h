#pragma once
// A reference evaluator for the forward leg of a flow, written independently of
// sgscope's engines and with no index at all: every lookup (an interface by id or
// address, a subnet's route table or ACL, a group, a prefix list) is a linear scan of the
// whole Network, and a group-reference peer is decided by scanning every interface. It is
// the "linear scan of all rules" peer of design.md §6 and an oracle for Trace.

#include <string>
#include <vector>

#include "engines/trace.h"
#include "model/network.h"

namespace sgscope::bench {

// One decision on the forward path, in the form both evaluators can report it.
struct CheckedHop {
  std::string kind;       // "security-group", "network-acl" or "route-table"
  std::string component;  // ACL or route-table id ("" for security groups)
  std::string direction;  // "ingress", "egress", or "" for routes
  std::string action;     // "allow" / "deny" for filters, "forward" / "drop" for routes
  std::string target;     // route hops: the chosen route's target id
  bool operator==(const CheckedHop&) const = default;
  std::string ToString() const;
};

// The forward verdict. `covered` is false when the flow takes a path this evaluator does
// not model (transit gateways, VPN, appliances, traffic entering from the internet);
// such flows are not compared.
struct BruteForceVerdict {
  bool covered = true;
  std::string uncovered_reason;
  std::string disposition;  // "ACCEPTED", "EXITS_NETWORK", or the first blocker's DispositionName
  std::vector<CheckedHop> hops;
};

// Evaluates the forward leg of `query`. Queries name the source by eni- id and the
// destination by eni- id or address (what bench_trace's sampler produces).
BruteForceVerdict EvaluateByBruteForce(const Network& network, const TraceQuery& query);

}  // namespace sgscope::bench
