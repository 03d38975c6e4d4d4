#pragma once
// The managed-service catalogue: how to recognise a service's interfaces and which of their
// security-group rules the service's traffic actually meets.

#include <span>
#include <string_view>

#include "model/network_interface.h"

namespace sgscope {

// Whether a service interface's inbound rules are consulted for the service's traffic.
enum class InboundUse : uint8_t {
  kNeeded,          // clients inside the network connect to the interface
  kNotConsulted,    // the service's traffic reaches the interface from the AWS side
  kNoSecurityGroup, // the interface carries no security group at all
};

// One managed service, as data. Every claim cites its source; `confirmed` is false where
// aws-semantics.md marks the behaviour UNCONFIRMED, and reports must then call it an assumption.
struct ManagedService {
  std::string_view id;  // stable kebab-case, e.g. "client-vpn"
  std::string_view name;
  std::span<const std::string_view> interface_types;       // InterfaceType values
  std::span<const std::string_view> description_prefixes;  // Description patterns (aws-semantics.md §5.3)
  std::span<const std::string_view> requester_ids;         // RequesterId values
  InboundUse inbound;
  bool confirmed;
  std::string_view arrives;   // traffic that arrives at the interface from inside the network
  std::string_view leaves;    // traffic that leaves it (its groups' outbound rules, then the target's inbound)
  std::string_view aws_side;  // traffic that goes through the AWS side and never meets the groups
  std::string_view source;    // documentation link
  // For services whose inbound rules are not consulted: whether AWS also documents that the
  // interface accepts no connection from the network (Lambda); otherwise reports call that an
  // assumption.
  bool refusal_documented = false;
};

// The catalogue, sorted by id.
std::span<const ManagedService> ManagedServiceCatalogue();

// The service that owns `eni`, or null for instances, unattached and unrecognised interfaces.
// InterfaceType is checked first, then — for requester-managed interfaces only, since users can
// set descriptions — Description prefixes, then RequesterId: many service interfaces report type
// "interface" (aws-semantics.md §5.2).
const ManagedService* RecogniseService(const NetworkInterface& eni);

}  // namespace sgscope
