#pragma once
// Whether a flow through an interface is tracked, which decides how its response passes.

#include <string>
#include <vector>

#include "engines/security_group_evaluator.h"

namespace sgscope {

enum class Tracking : uint8_t { kTracked, kUntracked };

// The tracking decision for a flow, and for an untracked one the rule that lets its
// responses through.
struct TrackingDecision {
  Tracking tracking = Tracking::kTracked;
  const char* why = "";
  const SecurityGroup* response_group = nullptr;
  const SecurityGroupRule* response_rule = nullptr;

  // The sentence that explains the decision (built only when a trace is explained).
  std::string Reason() const;
};

// Classifies the flow `packet` that `eni` accepted in `initiating` direction through the
// rules `allowing`. Untracked iff TCP/UDP, some allowing rule's peer is 0.0.0.0/0 (or ::/0)
// and a rule in the other direction allows all ports to/from 0.0.0.0/0 (or ::/0); ICMP is
// always tracked; `automatically_tracked` (NAT gateway, transit gateway, NLB, endpoint...
// on the path) forces tracking:
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html
TrackingDecision ClassifyTracking(const Network& network, const NetworkInterface& eni, Direction initiating,
                                  const Packet& packet, const std::vector<SecurityGroupMatch>& allowing,
                                  bool automatically_tracked);

}  // namespace sgscope
