#pragma once
// The ground truth of one synthetic flow log record, and the brute-force oracle that
// computes it: which security-group rules allow a record's initiating packet, which
// network ACL entry decides its packet, and what rejects it. Independent of src/engines
// (every lookup is a linear scan of the Network), so it can judge the attribution engine.

#include <optional>
#include <string>
#include <vector>

#include "model/flow_record.h"
#include "model/network.h"
#include "net/packet.h"

namespace sgscope::bench {

// One security-group rule, named as the attribution engine names it.
struct RuleHit {
  std::string group_id;
  Direction direction = Direction::kIngress;
  uint32_t index = 0;  // SecurityGroupRule::index
  bool operator==(const RuleHit&) const = default;
};

// The network ACL entry that decides a packet. When no entry matches, the implicit deny:
// rule number 32767 for IPv4, 32768 for IPv6, the numbers AWS shows for `*`.
struct AclHit {
  std::string acl_id;
  Direction direction = Direction::kIngress;
  uint32_t rule_number = 0;
  bool allow = false;
  bool operator==(const AclHit&) const = default;
};
inline constexpr uint32_t kImplicitDenyV4 = 32767;
inline constexpr uint32_t kImplicitDenyV6 = 32768;

// Whether a record opens a connection (its packet needs a rule), answers one (tracked:
// no rule needed), or is no traffic at all (NODATA, SKIPDATA, malformed).
enum class FlowRole : uint8_t { kInitiator, kResponse, kNone };
const char* FlowRoleName(FlowRole role);  // "initiator", "response", "none"

// What a record's line carries besides traffic: a status record or a broken line.
enum class TruthStatus : uint8_t { kOk, kNoData, kSkipData, kMalformed };
const char* TruthStatusName(TruthStatus status);  // "OK", "NODATA", "SKIPDATA", "malformed"

// The filters' verdict on one record's packet at its interface.
struct RecordVerdict {
  FlowAction action = FlowAction::kAccept;
  std::vector<RuleHit> rules;  // initiators accepted: every rule that allows the packet
  std::optional<AclHit> acl;   // null: the peer is in the same subnet, or the ACL is unknown
  std::string denied_by;       // "security-groups", "network-acl" or "" (accepted)
};

// One line of truth.jsonl.
struct FlowTruth {
  std::string file;
  uint64_t line = 0;
  std::string interface_id;
  std::optional<Direction> direction;  // null for status records and malformed lines
  FlowRole role = FlowRole::kNone;
  TruthStatus status = TruthStatus::kOk;
  RecordVerdict verdict;               // action kAbsent when the record is no traffic
  std::optional<RuleHit> chosen_rule;  // the rule the scenario built the flow from
  std::optional<IcmpTypeCode> icmp;    // the packet's ICMP type/code (flow logs do not show it)

  // The JSON object, one line, keys in a fixed order (docs: bench/README.md).
  std::string ToJson() const;
};

// Brute-force evaluation of one record's packet at one interface.
class FlowTruthOracle {
 public:
  explicit FlowTruthOracle(const Network& network) : net_(network) {}

  // Every rule of `eni`'s groups in direction `d` that allows `p`, in group then rule order.
  std::vector<RuleHit> AllowingRules(const NetworkInterface& eni, Direction d, const Packet& p) const;
  // Whether any does (stops at the first).
  bool AnyRuleAllows(const NetworkInterface& eni, Direction d, const Packet& p) const;
  // The entry of `eni`'s subnet ACL that decides `p` leaving (egress) or entering (ingress)
  // the subnet; null when the peer address is inside that subnet ("not as it is routed
  // within a subnet") or the snapshot lacks the subnet or its ACL.
  std::optional<AclHit> DecidingAclEntry(const NetworkInterface& eni, Direction d, const Packet& p) const;
  // The record's verdict. Initiators need a rule (`all_rules` false: only whether one
  // allows, `rules` stays empty); responses pass the groups (connection tracking). The ACL
  // applies to both (stateless). Order: an inbound packet meets the ACL before the groups,
  // an outbound one the groups before the ACL; the first that denies is named.
  RecordVerdict Evaluate(const NetworkInterface& eni, Direction d, FlowRole role, const Packet& p,
                         bool all_rules = true) const;

 private:
  bool PeerMatches(const NetworkInterface& eni, const RulePeer& peer, IpAddress a) const;

  const Network& net_;
};

}  // namespace sgscope::bench
