#pragma once
// One VPC flow log record matched against the snapshot: the interface it was logged at, the
// direction, whether its packets open a connection or answer one, every security-group rule
// that allows it, the network ACL entry that decides it, and what denies a rejected record.

#include <string_view>
#include <unordered_map>
#include <vector>

#include "engines/network_acl_evaluator.h"
#include "engines/security_group_evaluator.h"
#include "model/flow_record.h"
#include "model/network.h"

namespace sgscope {

// Whether a record's packets travel in the direction that opened the connection.
enum class FlowRole : uint8_t { kInitiator, kResponse };

// What decided the role: the record's TCP flags (SYN without ACK opens, SYN-ACK answers), the
// rules (only one reading is allowed), the ports (the lower one is the service), or nothing.
enum class RoleBasis : uint8_t { kTcpFlags, kRules, kPorts, kNone };

// Why the snapshot cannot account for a record.
enum class Unexplained : uint8_t {
  kNone,
  kUnknownInterface,     // the interface-id is not in the snapshot
  kNotInterfaceAddress,  // no flow-direction field, and neither address is the interface's
  kNoRuleAllows,         // ACCEPT, yet no rule of the interface's groups allows it in its role
  kAclDenies,            // ACCEPT, yet the subnet's network ACL denies it
  kRejectNotExplained,   // REJECT, yet the groups and the ACL allow it
};

// The result of matching one record.
struct FlowAttribution {
  const NetworkInterface* eni = nullptr;
  Direction direction = Direction::kIngress;  // of the record's packets at the interface
  IpAddress peer;                             // the far end (pkt-srcaddr / pkt-dstaddr when given)
  FlowRole role = FlowRole::kInitiator;
  RoleBasis basis = RoleBasis::kNone;
  Unexplained unexplained = Unexplained::kNone;
  // Initiating records: every rule of the interface's groups in `direction` that allows them
  // (responses of a tracked connection pass whatever the rules say, so they credit none).
  std::vector<SecurityGroupMatch> rules;
  // The subnet's ACL on this record's packets; ACLs are stateless, so responses cross them too.
  // Null when the peer is inside the interface's subnet (no ACL between them) or the ACL is missing.
  const NetworkAcl* acl = nullptr;
  AclVerdict acl_verdict;
  bool groups_deny = false;  // REJECT: no rule allows the packets as a new connection
  // Flow logs write ICMP with ports 0 and no type: the record is read as an echo request (or
  // reply, when it answers), the one ICMP exchange a rule opens. An assumption, counted.
  bool icmp_assumed_echo = false;
};

// What every record at one interface is matched against: its groups' rules of each direction
// and its subnet's ACL, gathered once.
struct InterfaceRules {
  std::vector<SecurityGroupMatch> ingress, egress;
  const Subnet* subnet = nullptr;
  const NetworkAcl* acl = nullptr;

  const std::vector<SecurityGroupMatch>& rules(Direction d) const { return d == Direction::kIngress ? ingress : egress; }
};

// Matches records against one network. Thread-safe: Attribute only reads.
class FlowAttributor {
 public:
  explicit FlowAttributor(const Network& network);

  // `record` must be a traffic record (IsTraffic) with an action. The second form reuses `out`'s
  // storage, for the per-record loop.
  FlowAttribution Attribute(const FlowBatch& batch, const FlowRecord& record) const;
  void Attribute(const FlowBatch& batch, const FlowRecord& record, FlowAttribution& out) const;
  const NetworkInterface* FindInterface(std::string_view id) const;

  // Every rule of the snapshot's groups numbered densely (group, then ingress before egress, then
  // index), so that tallies per rule can be arrays.
  uint32_t RuleId(const SecurityGroupMatch& m) const;
  const SecurityGroupMatch& RuleById(uint32_t id) const { return rules_by_id_[id]; }
  size_t rule_count() const { return rules_by_id_.size(); }
  uint32_t InterfaceIndex(const NetworkInterface& eni) const {
    return static_cast<uint32_t>(&eni - network_.network_interfaces.data());
  }

 private:
  void ApplyAcl(const InterfaceRules& rules, const Packet& packet, FlowAttribution& out) const;

  const Network& network_;
  std::unordered_map<std::string_view, uint32_t> interface_by_id_;
  std::vector<InterfaceRules> interface_rules_;  // by interface index
  std::vector<uint32_t> first_rule_id_;          // by group index
  std::vector<SecurityGroupMatch> rules_by_id_;
};

std::string_view UnexplainedName(Unexplained u);  // "unknown-interface", ...

}  // namespace sgscope
