#pragma once
// The services a security group or network ACL lets through between two fixed addresses: the
// set-valued form of the evaluators, for the reachability engine.

#include "engines/filter_path.h"
#include "net/service_set.h"

namespace sgscope {

// Services `eni`'s groups allow in `direction` with `peer` on the other side (the union of every
// rule whose peer covers it).
ServiceSet SecurityGroupServices(const Network& network, const NetworkInterface& eni, Direction direction,
                                 IpAddress peer, const PeerScope& scope);

// Services `acl` allows in `direction` with `peer` on the other side: each entry decides what no
// lower-numbered entry matching the peer decided already.
ServiceSet NetworkAclServices(const NetworkAcl& acl, Direction direction, IpAddress peer);

// The services a recorded step lets through, with the step's own packet addresses.
ServiceSet StepServices(const Network& network, const FilterStep& step);

}  // namespace sgscope
