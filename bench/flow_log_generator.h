#pragma once
// Synthetic VPC flow logs from a snapshot, each line with its ground truth (flow_truth.h):
// connections built from the snapshot's own rules (initiating record and response, at both
// ends when the peer is an interface of the snapshot), rejects by the groups and by the
// subnet's network ACL, NODATA / SKIPDATA records and a few malformed lines.
//
// Not generated: group references across VPCs (peering, Transit Gateway) or to groups the
// snapshot lacks, prefix lists whose entries are unknown, ICMP other than echo (flow logs
// do not show the ICMP type), interfaces without groups, routing (a connection is assumed
// routable), untracked flows, managed-service specifics, public (EIP) addresses.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "flow_truth.h"
#include "model/network.h"
#include "random.h"

namespace sgscope::bench {

// The column layout of the generated lines.
enum class FlowLogLayout : uint8_t {
  kDefaultV2,  // the 14 version 2 fields
  kCustomV5,   // v2 + v3 + v4 + v5 fields in the AWS table order, version 5
};

// What to generate: the seed, the layout, the time window.
struct FlowLogGeneratorOptions {
  uint64_t seed = 1;
  FlowLogLayout layout = FlowLogLayout::kDefaultV2;
  int64_t start_time = 1700000000;  // Unix seconds of the window's start
  int64_t window_seconds = 3600;    // records start within [start_time, start_time + window)
  bool all_rules = true;            // false: the truth's `rules` stays empty (faster; --no-truth)
};

// One line of a flow log (no newline) and its truth; the writer fills truth.file and line.
struct GeneratedRecord {
  std::string line;
  FlowTruth truth;
};

// Draws scenarios from a seeded stream: the same network, options and call sequence give
// the same records.
class FlowLogGenerator {
 public:
  FlowLogGenerator(const Network& network, const FlowLogGeneratorOptions& options);

  // False when the snapshot has no interface with a group that has a rule.
  bool CanGenerate() const { return !candidates_.empty(); }
  // The S3 header line for the layout (field names, space-separated).
  std::string Header() const;
  // Appends the records of the next scenario (one to four lines; none when !CanGenerate()).
  void NextScenario(std::vector<GeneratedRecord>& out);

 private:
  // One side of a connection: an interface of the snapshot, or an address outside it.
  struct Endpoint {
    const NetworkInterface* eni = nullptr;
    IpAddress address;  // the real address (pkt-srcaddr / pkt-dstaddr)
  };
  // One connection: its two ends, its first packet, and the rule it was built from.
  struct Connection {
    Endpoint initiator, responder;
    Packet packet;  // initiator -> responder
    const NetworkInterface* rule_owner = nullptr;
    std::optional<RuleHit> chosen;
  };

  bool BuildFromRule(const NetworkInterface& x, Direction d, const SecurityGroupRule& rule, const RuleHit& hit,
                     bool aim_at_acl_deny, Connection& c);
  bool PickPeer(const NetworkInterface& x, const RulePeer& peer, bool aim_at_acl_deny, Direction d, Endpoint& out);
  bool PickInPrefix(const NetworkInterface& x, const IpPrefix& prefix, Endpoint& out);
  bool PickTraffic(const SecurityGroupRule& rule, IpFamily family, Packet& p);
  std::optional<IpAddress> LocalAddress(const NetworkInterface& x, IpFamily family, bool may_use_secondary);
  const NetworkInterface* Holder(IpAddress a, const std::string& vpc_id) const;
  static void Connect(const Endpoint& self, const Endpoint& peer, Direction d, Packet p, Connection& c);
  bool RuleConnection(Direction d, bool aim_at_acl_deny, Connection& c);
  bool RejectedConnection(Connection& c);
  bool AclDeniedConnection(Connection& c);

  void EmitConnection(const Connection& c, std::vector<GeneratedRecord>& out);
  bool EmitRecord(const NetworkInterface& eni, Direction d, FlowRole role, const Packet& p, const Connection& c,
                  int64_t start, std::vector<GeneratedRecord>& out);
  void SetTrafficFields(const NetworkInterface& eni, Direction d, const Packet& p, bool accepted, int64_t start);
  void SetCustomFields(const NetworkInterface& eni, Direction d, FlowRole role, const Packet& p);
  void EmitStatus(std::vector<GeneratedRecord>& out);
  void EmitMalformed(std::vector<GeneratedRecord>& out);
  std::string FormatLine();
  void ResetFields(const NetworkInterface& eni);

  const Network& net_;
  FlowLogGeneratorOptions options_;
  FlowTruthOracle oracle_;
  Rng rng_;
  std::vector<const NetworkInterface*> candidates_;  // interfaces with a group that has a rule
  std::unordered_map<std::string, std::vector<const NetworkInterface*>> members_;  // group id -> interfaces
  std::unordered_map<std::string, std::vector<const NetworkInterface*>> by_vpc_;   // vpc id -> interfaces with groups
  std::vector<std::string> fields_;  // the current line's values, by FlowField
};

}  // namespace sgscope::bench
