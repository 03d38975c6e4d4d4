#pragma once
// A hook into trace's security-group hops, so that a caller with connection state (the
// simulator) can pass packets of tracked connections regardless of the current rules.

#include <string>
#include <vector>

#include "engines/security_group_evaluator.h"

namespace sgscope {

// A gate's answer for one hop; `detail` is the sentence the hop shows.
struct GateVerdict {
  bool allow = false;
  std::string detail;
};

// Decides forward security-group hops in place of "some rule allows it".
class SecurityGroupGate {
 public:
  virtual ~SecurityGroupGate() = default;
  // `matches`: the rules of `eni`'s groups that allow `packet` in `direction` now.
  // `reached`: false when an earlier hop already denied the packet, which therefore never
  // gets here (a gate keeping state must not record it).
  virtual GateVerdict Decide(const NetworkInterface& eni, Direction direction, const Packet& packet,
                             const std::vector<SecurityGroupMatch>& matches, bool reached) = 0;
};

}  // namespace sgscope
