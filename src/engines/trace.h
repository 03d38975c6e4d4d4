#pragma once
// Concrete evaluation of one flow, hop by hop, forward and return, as AWS would treat it.

#include <optional>
#include <string>
#include <vector>

#include "engines/filter_path.h"
#include "engines/security_group_gate.h"
#include "model/network.h"
#include "net/packet.h"

namespace sgscope {

// Why a trace ended. Documented in docs/trace.md; the JSON spelling is DispositionName().
enum class Disposition : uint8_t {
  kAccepted,
  kDeniedSgEgress,
  kDeniedNaclEgress,
  kNoRoute,
  kBlackholeRoute,
  kNoPublicAddress,
  kDeniedByNatGateway,
  kDeniedSourceDestCheck,
  kDeniedNaclIngress,
  kDeniedSgIngress,
  kDeniedReturnNacl,
  kDeniedReturnSg,
  kNoReturnRoute,
  kExitsNetwork,
  kUnknownAddress,
  kLoop,
  kDeniedVpnAuthorization,
  kDeniedByManagedService,
};
const char* DispositionName(Disposition d);  // "ACCEPTED", "DENIED_SG_EGRESS", ...

// The rule or ACL entry that decided a hop.
struct DecidingRule {
  std::string group_id;   // security group rules
  std::string acl_id;     // network ACL entries
  std::string route_table_id;
  std::optional<uint32_t> index;        // security group rule position
  std::optional<uint32_t> rule_number;  // network ACL entry number
  std::string protocol;
  std::string ports;
  std::string peer;
  std::string description;
  SourceRef source;
};

// One step of a trace: a component that looked at the packet and what it did.
struct TraceHop {
  std::string component;  // AWS id: sg-, acl-, rtb-, igw-, nat-, pcx-, tgw-, eni-, "internet"
  std::string kind;       // "security-group", "network-acl", "route-table", "internet-gateway", ...
  std::string direction;  // "ingress", "egress" or ""
  std::string action;     // "allow", "deny", "forward", "translate", "deliver", "drop", "exit"
  std::string detail;     // one readable sentence
  Packet packet;          // the packet as this component saw it
  std::vector<DecidingRule> rules;  // every rule that matched (security groups: all that allow)
};

// The full answer for one flow.
struct TraceResult {
  Disposition disposition = Disposition::kAccepted;
  bool accepted() const { return disposition == Disposition::kAccepted || disposition == Disposition::kExitsNetwork; }
  Packet packet;            // the initial packet
  std::string source;       // resolved source description
  std::string destination;  // resolved destination description
  std::vector<TraceHop> forward;
  std::vector<TraceHop> ret;          // the response, when the forward path reached its end
  bool return_hypothetical = false;   // the forward path was denied: the return shows what else would decide
  std::vector<std::string> blockers;  // every component that denies (first one decides)
  std::vector<std::string> notes;     // modelling assumptions that applied
  // The forward path crossed a gateway that tracks every connection (NAT, transit gateway...).
  bool automatically_tracked = false;
};

// What the user asked: endpoints as written (ip, eni-, i-, "internet") and the packet.
struct TraceQuery {
  std::string from;
  std::string to;
  uint8_t protocol = kProtoTcp;
  uint16_t dst_port = 0;
  uint16_t src_port = 0;   // 0: pick an ephemeral port (49152)
  uint8_t icmp_type = 8;   // echo request unless given
  uint8_t icmp_code = 0;
  // A VPN client's directory or identity-provider groups, for Client VPN authorization rules;
  // none: a client in no named group (only rules for all groups grant it).
  std::vector<std::string> vpn_groups;
  // false: compute the disposition only (no hops, blockers or notes), for callers that
  // evaluate many flows and need no explanation.
  bool explain = true;
  // Set by the simulator, with forward_only: its connection tracking decides the
  // security-group hops (the return leg's tracking would not see them).
  SecurityGroupGate* gate = nullptr;
  // Evaluate the packet one way only: no return leg (the simulator sends responses as packets).
  bool forward_only = false;
  // Set by the reachability engine: every filter the flow meets is recorded here.
  FilterPath* record = nullptr;
};

// Resolves the endpoints and evaluates the flow. Errors in the query (unknown id,
// malformed address) come back as a message instead of a result.
struct TraceOutcome {
  std::optional<TraceResult> result;
  std::string error;
};
TraceOutcome Trace(const Network& network, const TraceQuery& query);

}  // namespace sgscope
