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

// What one interface's rules and ACL say about one peer and protocol, whatever the ports: the
// rules whose peer covers it and the ACL entries whose CIDR does, in rule-number order. The
// port-independent half of matching a record, worth keeping since peers repeat.
struct PeerCandidates {
  std::vector<SecurityGroupMatch> ingress, egress;
  const NetworkAcl* acl = nullptr;  // null: the peer is in the interface's subnet, or no ACL
  std::vector<const NetworkAclEntry*> acl_ingress, acl_egress;

  const std::vector<SecurityGroupMatch>& rules(Direction d) const { return d == Direction::kIngress ? ingress : egress; }
  const std::vector<const NetworkAclEntry*>& acl_entries(Direction d) const {
    return d == Direction::kIngress ? acl_ingress : acl_egress;
  }
};

// PeerCandidates by (interface, protocol, peer), for one worker thread. Cleared when full, so
// memory stays bounded whatever the logs hold.
class FlowMatchCache {
 public:
  explicit FlowMatchCache(size_t max_entries = size_t{1} << 18) : max_entries_(max_entries) {}
  const PeerCandidates* Find(uint32_t eni, uint8_t protocol, IpAddress peer) const;
  const PeerCandidates& Insert(uint32_t eni, uint8_t protocol, IpAddress peer, PeerCandidates candidates);

 private:
  struct Key {
    IpAddress peer;
    uint32_t eni;
    uint8_t protocol;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return IpAddressHash{}(k.peer) ^ (size_t{k.eni} * 0x9E3779B97F4A7C15ull) ^ k.protocol; }
  };
  size_t max_entries_;
  std::unordered_map<Key, PeerCandidates, KeyHash> entries_;
};

// Matches records against one network. Thread-safe: Attribute only reads (the cache is the
// caller's, one per thread).
class FlowAttributor {
 public:
  explicit FlowAttributor(const Network& network);

  // `record` must be a traffic record (IsTraffic) with an action.
  FlowAttribution Attribute(const FlowBatch& batch, const FlowRecord& record, FlowMatchCache* cache = nullptr) const;
  const NetworkInterface* FindInterface(std::string_view id) const;
  PeerCandidates CandidatesFor(const NetworkInterface& eni, uint8_t protocol, IpAddress peer) const;

 private:
  struct Reading;
  void DecideRole(const FlowRecord& record, const Reading& reading, FlowAttribution& out) const;

  const Network& network_;
  std::unordered_map<std::string_view, uint32_t> interface_by_id_;
};

std::string_view UnexplainedName(Unexplained u);  // "unknown-interface", ...
std::string_view RoleBasisName(RoleBasis b);      // "tcp-flags", "rules", "ports", "none"
std::string_view FlowRoleName(FlowRole r);        // "initiator", "response"

}  // namespace sgscope
