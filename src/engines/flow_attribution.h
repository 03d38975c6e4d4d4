#pragma once
// One VPC flow log record matched against the snapshot: the interface it was logged at, the
// direction, whether its packets open a connection or answer one, every security-group rule
// that allows it, the network ACL entry that decides it, and what denies a rejected record.

#include <array>
#include <map>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engines/flow_tally_map.h"
#include "engines/inline_key_table.h"
#include "engines/rule_list_index.h"
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
  std::vector<uint32_t> rule_ids;  // of `rules`, for FlowAttributor::RuleById
  // The same as positions in the interface's list of rules in `direction`, a list that the
  // interfaces with the same groups share: a key for the set of `rules` that costs no sorting.
  // kNoList when the list has more than 64 rules.
  static constexpr uint32_t kNoList = UINT32_MAX;
  uint32_t rule_list = kNoList;
  uint64_t rule_positions = 0;  // bit i: the list's i-th rule
  // The subnet's ACL on this record's packets; ACLs are stateless, so responses cross them too.
  // Null when the peer is inside the interface's subnet (no ACL between them) or the ACL is missing.
  const NetworkAcl* acl = nullptr;
  AclVerdict acl_verdict;
  bool groups_deny = false;  // REJECT: no rule allows the packets as a new connection
  // Flow logs write ICMP with ports 0 and no type: the record is read as an echo request (or
  // reply, when it answers), the one ICMP exchange a rule opens. An assumption, counted.
  bool icmp_assumed_echo = false;
};

// One rule of an interface's groups in the form the per-record loop reads: 20 bytes, with the
// selector and the peer inline (an IPv4 CIDR as value and mask, a group reference as a number,
// a prefix list as an index), so only a matching rule is followed to its model.
struct CompiledRule {
  enum class Selects : uint8_t { kAll, kProtocol, kPorts, kIcmp };  // as ProtocolAndPortsMatch reads a rule
  enum class Peer : uint8_t { kV4Cidr, kV6Cidr, kGroup, kPrefixList };
  uint32_t id = 0;  // FlowAttributor::RuleById
  Selects selects = Selects::kAll;
  Peer peer = Peer::kV4Cidr;
  uint8_t protocol = 0;
  PortRange ports;
  uint32_t value = 0;  // kV4Cidr: the address; kGroup: the group id's number; kPrefixList: the list's index
  uint32_t mask = 0;   // kV4Cidr
};

// A CIDR block as the per-record loop reads it: IPv4 as value and mask, IPv6 through the prefix.
struct CompiledCidr {
  const IpPrefix* prefix = nullptr;
  bool v4 = false;
  uint32_t value = 0, mask = 0;

  explicit CompiledCidr(const IpPrefix& cidr);
  bool Contains(IpAddress a) const { return v4 ? a.is_v4() && (a.v4() & mask) == value : prefix->Contains(a); }
};

// A network ACL's entries as the per-record loop reads them, by direction (ingress, egress): their
// CIDRs compiled, and an index for each 64 entries.
struct CompiledAcl {
  std::array<std::vector<CompiledCidr>, 2> cidrs;
  std::array<std::vector<RuleListIndex>, 2> indexes;
};

// What every record at one interface is matched against: its groups' rules of each direction
// (shared by the interfaces with the same groups) and its subnet's ACL, gathered once.
struct InterfaceRules {
  std::span<const CompiledRule> ingress, egress;
  // The lists' indexes, one for each 64 rules: rules 64c..64c+63 in the c-th.
  std::span<const RuleListIndex> ingress_index, egress_index;
  const Subnet* subnet = nullptr;
  const NetworkAcl* acl = nullptr;
  const std::vector<CompiledCidr>* subnet_cidrs = nullptr;       // the subnet's, when it has an ACL
  const CompiledAcl* compiled_acl = nullptr;
  bool has_groups = false;
  // Up to four private IPv4 addresses inline: every record without a flow-direction field asks.
  std::array<uint32_t, 4> private_v4{};
  uint8_t private_v4_count = 0;
  bool private_v4_inline = false;  // false: ask the interface

  bool HasPrivateAddress(const NetworkInterface& eni, IpAddress a) const;

  std::span<const CompiledRule> rules(Direction d) const { return d == Direction::kIngress ? ingress : egress; }
  std::span<const RuleListIndex> index(Direction d) const { return d == Direction::kIngress ? ingress_index : egress_index; }
};

// Matches records against one network. Thread-safe: Attribute only reads.
class FlowAttributor {
 public:
  explicit FlowAttributor(const Network& network);

  // `record` must be a traffic record (IsTraffic) with an action. The second form reuses `out`'s
  // storage and takes the record's interface as FindInterface gave it, for the per-record loop.
  FlowAttribution Attribute(const FlowBatch& batch, const FlowRecord& record) const;
  void Attribute(const FlowRecord& record, const NetworkInterface* eni, FlowAttribution& out) const;
  const NetworkInterface* FindInterface(std::string_view id) const;
  // Asks the cache for what Attribute reads of the interface first, ahead of its record.
  void PrefetchRules(const NetworkInterface& eni) const {
    const auto* rules = reinterpret_cast<const char*>(&interface_rules_[InterfaceIndex(eni)]);
    __builtin_prefetch(rules);
    __builtin_prefetch(rules + sizeof(InterfaceRules) - 1);
  }

  // Every rule of the snapshot's groups numbered densely (group, then ingress before egress, then
  // index), so that tallies per rule can be arrays.
  const SecurityGroupMatch& RuleById(uint32_t id) const { return rules_by_id_[id]; }
  size_t rule_count() const { return rules_by_id_.size(); }
  uint32_t InterfaceIndex(const NetworkInterface& eni) const {
    return static_cast<uint32_t>(&eni - network_.network_interfaces.data());
  }

 private:
  class RecordPeer;
  void ApplyAcl(const InterfaceRules& rules, const Packet& packet, FlowAttribution& out) const;
  bool Allows(const CompiledRule& rule, const Packet& packet, RecordPeer& peer) const;
  bool RulesAllow(const InterfaceRules& rules, Direction d, const Packet& packet, RecordPeer& peer,
                  FlowAttribution* out = nullptr) const;
  uint64_t ChunkAllows(std::span<const CompiledRule> rules, const RuleListIndex& index, const Packet& packet,
                       RecordPeer& peer, bool any_suffices) const;
  std::vector<RuleListIndex> IndexesOf(std::span<const CompiledRule> rules) const;
  static CompiledAcl CompileAcl(const NetworkAcl& acl);
  const NetworkAclEntry* FirstAclMatch(const InterfaceRules& rules, Direction d, const Packet& packet,
                                       IpAddress peer) const;
  CompiledRule Compile(uint32_t id, std::unordered_map<std::string_view, uint32_t>& group_numbers);
  void CompileRules(const std::vector<const SecurityGroup*>& groups, Direction d,
                    const std::unordered_map<const SecurityGroupRule*, uint32_t>& id_of,
                    std::unordered_map<std::string_view, uint32_t>& group_numbers);

  // An interface id of up to 31 characters held inline with its length ("eni-" and 17 hex
  // digits are 21): finding the interface of a record then reads no string elsewhere.
  struct ShortId {
    std::array<uint64_t, 4> words{};
    explicit ShortId(std::string_view id);
    bool operator==(const ShortId& o) const {  // word by word: std::array's == calls memcmp
      return ((words[0] ^ o.words[0]) | (words[1] ^ o.words[1]) | (words[2] ^ o.words[2]) |
              (words[3] ^ o.words[3])) == 0;
    }
  };
  struct ShortIdHash {
    size_t operator()(const ShortId& k) const;
  };

  const Network& network_;
  FlowTallyMap<ShortId, uint32_t, ShortIdHash> interface_by_short_id_;
  std::unordered_map<std::string_view, uint32_t> interface_by_long_id_;
  std::vector<InterfaceRules> interface_rules_;  // by interface index
  std::vector<SecurityGroupMatch> rules_by_id_;
  std::vector<CompiledRule> compiled_;           // the spans of interface_rules_
  std::vector<RuleListIndex> list_indexes_;      // the spans of interface_rules_
  std::vector<const PrefixList*> prefix_lists_;  // of CompiledRule::kPrefixList; null when missing
  std::map<const Subnet*, std::vector<CompiledCidr>> subnet_cidrs_;
  std::map<const NetworkAcl*, CompiledAcl> compiled_acls_;
  // Group ids are numbered (those of interfaces and of references alike); for each private
  // address, the numbers of its holders' groups, [begin, end) in member_groups_.
  // IPv4 addresses inline (one cache line a lookup): a group reference asks for each record.
  InlineKeyTable<std::pair<uint32_t, uint32_t>> member_groups_of_v4_;
  FlowTallyMap<IpAddress, std::pair<uint32_t, uint32_t>, IpAddressHash> member_groups_of_v6_;
  std::vector<uint32_t> member_groups_;
  void IndexMemberGroups(const std::unordered_map<std::string_view, uint32_t>& group_numbers);
};

std::string_view UnexplainedName(Unexplained u);  // "unknown-interface", ...

}  // namespace sgscope
