#pragma once
// What a set of flow log records says about the rules: hits, bytes and peers per security-group
// rule and network ACL entry, the rejections and their blockers, the records nothing explains,
// and the counts. Filled per worker thread, then merged.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engines/flow_attribution.h"
#include "engines/flow_tally_map.h"
#include "engines/inline_key_table.h"
#include "engines/peer_tallies.h"

namespace sgscope {

// Totals of the records credited to one rule, entry or rejection. Times are Unix seconds.
struct TrafficTally {
  uint64_t records = 0, packets = 0, bytes = 0;
  int64_t first_seen = INT64_MAX, last_seen = INT64_MIN;

  void Add(const FlowRecord& r);
  void Merge(const TrafficTally& other);
};

// What one security-group rule was credited with: traffic, the peers (up to a bound) and the
// services (protocol, destination port) seen: the first ones seen, up to a bound each.
struct RuleUsage {
  struct NoValue {};
  const SecurityGroup* group = nullptr;
  TrafficTally tally;
  uint32_t last_service = UINT32_MAX;        // the key seen last: most records repeat it
  bool services_complete = true;             // false once the bound dropped a new one
  bool peers_complete = true;                // false once the bound dropped a new peer
  InlineKeyTable<NoValue> services;          // ServiceSet keys, up to FlowUsageOptions::max_services
  PeerTallies peers;

  void AddPeer(const IpAddress& address, const PeerTally& tally, size_t max_peers);
  void AddService(uint32_t key, size_t max_services);
  void Merge(const RuleUsage& other, size_t max_peers, size_t max_services);
};

// A network ACL entry in one direction; entry null stands for "no entry matched".
struct AclEntryKey {
  const NetworkAcl* acl = nullptr;
  Direction direction = Direction::kIngress;
  const NetworkAclEntry* entry = nullptr;
  auto operator<=>(const AclEntryKey&) const = default;
};

// Rejections grouped by interface, direction and what denied them.
struct RejectionKey {
  const NetworkInterface* eni = nullptr;
  Direction direction = Direction::kIngress;
  bool groups_deny = false;
  AclEntryKey acl;  // acl null when the ACL did not deny
  bool operator==(const RejectionKey&) const = default;
};

// A record shown as evidence: where it is and its fields as the log wrote them.
struct FlowRecordSample {
  std::string file;
  uint32_t line = 0;
  std::string interface_id, srcaddr, dstaddr, action, reject_reason;
  uint16_t src_port = 0, dst_port = 0;
  uint8_t protocol = 0;
  uint64_t packets = 0, bytes = 0;
  int64_t start = 0, end = 0;
  Unexplained reason = Unexplained::kNone;
  std::string direction;  // "ingress"/"egress" when decided, else ""

  auto SortKey() const { return std::tie(file, line); }
};

struct RejectionUsage {
  TrafficTally tally;
  FlowRecordSample example;  // the first record in file and line order
};

struct FlowUsageOptions {
  std::optional<int64_t> since, until;  // records whose start is in [since, until)
  size_t max_peers = 4096;              // per rule
  size_t max_services = 4096;           // per rule
  size_t max_samples = 1000;            // unexplained records kept (the first in file and line order)
  size_t max_credit_sets = 100000;      // distinct sets of rules crediting one record
};

struct FlowUsageStats {
  uint64_t records = 0;  // records read, NODATA and SKIPDATA included
  uint64_t accepted = 0, rejected = 0;  // traffic records in the window
  uint64_t responses = 0;               // accepted records answering a connection
  uint64_t attributed = 0;              // accepted opening records credited to rules
  uint64_t unexplained = 0;
  uint64_t no_data = 0, skip_data = 0, outside_window = 0, no_action = 0;
  uint64_t role_by_flags = 0, role_by_rules = 0, role_by_ports = 0, role_undetermined = 0;
  uint64_t icmp_assumed_echo = 0;
  std::map<Unexplained, uint64_t> unexplained_by_reason;

  uint64_t skipped() const { return no_data + skip_data + outside_window + no_action; }
  void Merge(const FlowUsageStats& other);
};

// The tallies of one worker, or of all after Merge.
class FlowUsage {
 public:
  explicit FlowUsage(const FlowUsageOptions& options = {}) : options_(options) {}

  void Observe(const FlowAttributor& attributor, const FlowBatch& batch, const FlowRecord& record);
  // Every record of `batch`, as Observe: their interfaces are looked up first, all together (the
  // lookups' cache misses overlap, and each interface's rules are asked for ahead of its record).
  void ObserveBatch(const FlowAttributor& attributor, const FlowBatch& batch);
  // Moves what Observe tallied per rule into `rules`: call it after the last Observe (Merge
  // does, on both sides).
  void Finish();
  void Merge(FlowUsage&& other);

  FlowUsageStats stats;
  std::unordered_map<const SecurityGroupRule*, RuleUsage> rules;
  struct AclEntryKeyHash {
    size_t operator()(const AclEntryKey& k) const {
      size_t h = (reinterpret_cast<uintptr_t>(k.entry) ^ reinterpret_cast<uintptr_t>(k.acl)) * 0x9E3779B97F4A7C15ull;
      return (h ^ (h >> 31)) + static_cast<size_t>(k.direction);
    }
  };
  FlowTallyMap<AclEntryKey, TrafficTally, AclEntryKeyHash> acl_entries;
  struct RejectionKeyHash {
    size_t operator()(const RejectionKey& k) const {
      size_t h = reinterpret_cast<uintptr_t>(k.eni) * 0x9E3779B97F4A7C15ull;
      h ^= reinterpret_cast<uintptr_t>(k.acl.entry) + (size_t{k.groups_deny} << 1) + static_cast<size_t>(k.direction);
      return h ^ (h >> 31);
    }
  };
  FlowTallyMap<RejectionKey, RejectionUsage, RejectionKeyHash> rejections;
  std::vector<FlowRecordSample> unexplained;  // sorted by file and line, at most max_samples
  // The sets of rules that together allowed one opening record, with their record counts: a rule
  // whose every set holds another kept rule carries nothing of its own. Up to max_credit_sets.
  struct CreditSetHash {
    size_t operator()(const std::vector<const SecurityGroupRule*>& v) const {
      size_t h = v.size();
      for (auto* r : v) h = (h ^ reinterpret_cast<uintptr_t>(r)) * 0x9E3779B97F4A7C15ull;
      return h ^ (h >> 29);
    }
  };
  FlowTallyMap<std::vector<const SecurityGroupRule*>, uint64_t, CreditSetHash> credit_sets;
  bool credit_sets_complete = true;
  std::unordered_set<const NetworkInterface*> logged_interfaces;  // any record, NODATA included
  std::unordered_set<std::string> unknown_interfaces;
  int64_t first_start = INT64_MAX, last_end = INT64_MIN;  // of the records in the window

  const FlowUsageOptions& options() const { return options_; }

 private:
  void Credit(const FlowAttributor& attributor, const FlowRecord& record, const FlowAttribution& a);
  static constexpr uint32_t kNoEntry = UINT32_MAX;
  uint32_t CountCreditSet(std::vector<const SecurityGroupRule*>& set, uint64_t records);
  void Reject(const FlowBatch& batch, const FlowRecord& record, const FlowAttribution& a);
  void KeepSample(FlowRecordSample sample);
  bool InWindow(const FlowRecord& record) const;

  void Observe(const FlowAttributor& attributor, const FlowBatch& batch, const FlowRecord& record,
               const NetworkInterface* eni);

  FlowUsageOptions options_;
  FlowAttribution scratch_;
  std::vector<const NetworkInterface*> batch_interfaces_;  // ObserveBatch's first pass
  void MarkLogged(const FlowAttributor& attributor, const NetworkInterface& eni);
  std::vector<uint8_t> logged_;  // by interface index: whether in logged_interfaces
  std::vector<const SecurityGroupRule*> credit_scratch_;
  // By rejections entry: how the file of its example compares with the file being read (the
  // file_serial_-th this worker met), so that a record compares file names once an entry and file.
  struct ExampleOrder {
    uint32_t serial = 0;  // 0: not compared yet
    int8_t order = 0;     // of the file being read to the example's: -1, 0, 1
  };
  std::vector<ExampleOrder> example_order_;
  std::string current_file_;
  uint32_t file_serial_ = 0;
  // The credit_sets entry of each (FlowAttribution::rule_list, rule_positions) seen, kNoEntry
  // when the bound left the set out: most records find their set here, without sorting it.
  struct ListPositionsHash {
    size_t operator()(const std::pair<uint32_t, uint64_t>& k) const {
      return FlowTallyIntHash{}(k.second ^ (uint64_t{k.first} << 40 | uint64_t{k.first} >> 24));
    }
  };
  FlowTallyMap<std::pair<uint32_t, uint64_t>, uint32_t, ListPositionsHash> credit_set_by_positions_;

  // Until Finish, the rules' tallies live in an array by dense id (FlowAttributor::RuleById).
  const FlowAttributor* attributor_ = nullptr;  // of the records in credited_
  std::vector<RuleUsage> by_rule_id_;
  std::vector<uint32_t> credited_;  // rule ids with records in by_rule_id_
};

FlowRecordSample SampleOf(const FlowBatch& batch, const FlowRecord& record);

// The entries (implicit denies aside) of the ACLs of subnets holding an interface with records
// that decided no record in the window; sorted by ACL id, direction and rule number.
std::vector<AclEntryKey> UnusedAclEntries(const Network& network, const FlowUsage& usage);

}  // namespace sgscope
