#pragma once
// The timed events `sgscope simulate` replays: packets, one direction each, and changes
// to security-group rules and network ACL entries. Ingest reads them; the simulator runs them.

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "model/network_acl.h"
#include "model/security_group.h"
#include "model/source_ref.h"
#include "net/ip_protocol.h"

namespace sgscope {

// One packet: endpoints as `trace` accepts them (address, eni-, i-, internet) and its header.
// A response is simply a packet the other way.
struct SimulatedPacket {
  std::string from;
  std::string to;
  uint8_t protocol = kProtoTcp;
  uint16_t dst_port = 0;
  uint16_t src_port = 0;  // 0: trace's default ephemeral port
  uint8_t icmp_type = 8;
  uint8_t icmp_code = 0;
};

// authorize-/revoke-security-group-ingress/-egress: the rules of its IpPermissions, one per peer.
struct SecurityGroupRuleChange {
  bool add = true;
  std::string group_id;
  Direction direction = Direction::kIngress;
  std::vector<SecurityGroupRule> rules;
};

// create-/replace-/delete-network-acl-entry. For a delete only the entry's rule number and
// direction mean anything.
struct NetworkAclEntryChange {
  enum class Kind : uint8_t { kCreate, kReplace, kDelete };
  Kind kind = Kind::kCreate;
  std::string acl_id;
  NetworkAclEntry entry;
};

// One event at `at` seconds from the start of the simulation.
struct SimulationEvent {
  std::chrono::seconds at{0};
  std::variant<SimulatedPacket, SecurityGroupRuleChange, NetworkAclEntryChange> what;
  SourceRef source;
};

}  // namespace sgscope
