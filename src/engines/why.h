#pragma once
// `sgscope why`: for each rule of one security group, is it needed, and why (docs/why.md).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/managed_service.h"
#include "model/network.h"

namespace sgscope {

// One verdict per rule, in precedence order (the first that applies wins). JSON spelling:
// RuleVerdictName().
enum class RuleVerdict : uint8_t {
  kNoAttachments,
  kStaleReference,
  kNotNeededManagedPath,
  kRedundant,
  kWiderThanReachable,
  kNeeded,
};
const char* RuleVerdictName(RuleVerdict v);  // "no-attachments", "stale-reference", ...

// An interface that carries the group, and who owns it (InterfaceOwnerKind).
struct CarrierInterface {
  const NetworkInterface* eni = nullptr;
  std::string owner;
  const ManagedService* service = nullptr;  // null for instances and unrecognised owners
};

// A managed service among the carriers, with its interfaces there.
struct ServiceCarriers {
  const ManagedService* service = nullptr;
  std::vector<std::string> interface_ids;
};

// A rule that admits part of a redundant rule's traffic on one interface.
struct CoveringRule {
  std::string group_id;
  Direction direction = Direction::kIngress;
  uint32_t index = 0;
  // Its traffic lies inside the judged rule's, so it is redundant given that rule too: only one
  // of the two may go.
  bool mutual = false;
};

// The rules that together admit all of a redundant rule's traffic on the interfaces that carry the
// same groups.
struct InterfaceCover {
  std::vector<std::string> interface_ids;  // by id
  std::vector<CoveringRule> rules;
};

// A peer in the snapshot that a needed rule serves: an interface address, or the internet
// (interface_id empty) when the rule's peer holds public address space.
struct PeerExample {
  std::string interface_id;
  std::string address;
  std::string owner;
};

// wider-than-reachable: the narrowest peer that admits every source that can reach: a group whose
// members are exactly the reaching interfaces, else CIDRs; neither means no source can reach.
struct ProposedPeer {
  std::string group_id;
  std::vector<IpPrefix> cidrs;
};

// The verdict on one rule with its reason sentence and the evidence behind it.
struct RuleWhy {
  const SecurityGroupRule* rule = nullptr;
  RuleVerdict verdict = RuleVerdict::kNeeded;
  std::string reason;
  std::string missing_group;                 // stale-reference: the group the snapshot lacks
  std::vector<ServiceCarriers> not_consulted;  // inbound: services whose interfaces skip inbound rules
  std::vector<ServiceCarriers> served;       // needed, inbound: managed services whose clients use it
  std::vector<InterfaceCover> covers;        // redundant: per judged interface
  std::vector<PeerExample> examples;         // needed: up to kMaxExamples
  // wider-than-reachable: the peer's addresses that can reach a carrier, the source classes holding
  // them (reach's labels), and the proposal.
  std::vector<IpPrefix> reachable_sources;
  std::vector<std::string> reachable_from;
  ProposedPeer proposed;
};

// The whole answer for one group: the interfaces carrying it and every rule, ingress in rule
// order, then egress.
struct GroupWhy {
  const SecurityGroup* group = nullptr;
  std::vector<CarrierInterface> interfaces;  // by interface id
  // When no interface carries it: the resources of the snapshot that name it ("RDS instance db-1"),
  // whose interfaces are missing from the export. Both empty: the group is used by nothing here.
  std::vector<std::string> users;
  std::vector<RuleWhy> rules;
};

inline constexpr size_t kMaxExamples = 5;

class DeliveryTable;

// Judges every rule of `group_id`; null when the snapshot has no such group. `delivery`: gives reach
// toward every interface (DeliveryTable(network, "all")), for callers that explain many groups and
// share it; asked only when a rule needs reach. Empty: computed toward this group's interfaces
// alone. The answers are the same.
std::optional<GroupWhy> ExplainGroup(const Network& network, const std::string& group_id,
                                     const std::function<const DeliveryTable&()>& delivery = {});

}  // namespace sgscope
