// Tallies flow log records per rule, ACL entry and rejection. Every record lands in exactly
// one count of FlowUsageStats; the per-worker tallies merge exactly (sums, minima, maxima,
// unions), so the result does not depend on how files were spread over threads.

#include "engines/flow_usage.h"

#include <algorithm>

#include "net/service_set.h"

namespace sgscope {

void TrafficTally::Add(const FlowRecord& r) {
  ++records;
  packets += r.packets;
  bytes += r.bytes;
  if (r.Has(FlowField::kStart)) first_seen = std::min(first_seen, r.start);
  if (r.Has(FlowField::kEnd)) last_seen = std::max(last_seen, r.end);
}

void TrafficTally::Merge(const TrafficTally& o) {
  records += o.records;
  packets += o.packets;
  bytes += o.bytes;
  first_seen = std::min(first_seen, o.first_seen);
  last_seen = std::max(last_seen, o.last_seen);
}

void RuleUsage::AddPeer(const IpAddress& address, const PeerTally& add, size_t max_peers) {
  PeerTally* peer = peers.size() < max_peers ? &peers.FindOrAdd(address) : peers.Find(address);
  if (!peer) {
    peers_complete = false;
    return;
  }
  peer->records += add.records;
  peer->bytes += add.bytes;
}

// Once incomplete, the services are listed nowhere (the proposal keeps the rule's own), so no
// more are gathered.
void RuleUsage::AddService(uint32_t key, size_t max_services) {
  if (!services_complete || key == last_service) return;
  last_service = key;
  if (services.size() < max_services) services.FindOrAdd(key);
  else if (!services.Find(key)) services_complete = false;
}

void RuleUsage::Merge(const RuleUsage& o, size_t max_peers, size_t max_services) {
  group = o.group;
  tally.Merge(o.tally);
  peers_complete = peers_complete && o.peers_complete;
  for (auto& [address, peer] : o.peers.Entries()) AddPeer(address, peer, max_peers);
  services_complete = services_complete && o.services_complete;
  o.services.ForEach([&](uint32_t key, NoValue) { AddService(key, max_services); });
}

void FlowUsageStats::Merge(const FlowUsageStats& o) {
  records += o.records;
  accepted += o.accepted;
  rejected += o.rejected;
  responses += o.responses;
  attributed += o.attributed;
  unexplained += o.unexplained;
  no_data += o.no_data;
  skip_data += o.skip_data;
  outside_window += o.outside_window;
  no_action += o.no_action;
  role_by_flags += o.role_by_flags;
  role_by_rules += o.role_by_rules;
  role_by_ports += o.role_by_ports;
  role_undetermined += o.role_undetermined;
  icmp_assumed_echo += o.icmp_assumed_echo;
  for (auto& [reason, n] : o.unexplained_by_reason) unexplained_by_reason[reason] += n;
}

FlowRecordSample SampleOf(const FlowBatch& batch, const FlowRecord& r) {
  FlowRecordSample s;
  s.file = std::string(batch.file);
  s.line = r.line;
  s.interface_id = std::string(batch.Text(r, FlowText::kInterfaceId));
  s.srcaddr = FlowFieldText(batch, r, FlowField::kSrcAddr);
  s.dstaddr = FlowFieldText(batch, r, FlowField::kDstAddr);
  s.action = std::string(FlowActionName(r.action));
  s.reject_reason = std::string(batch.Text(r, FlowText::kRejectReason));
  s.src_port = r.src_port;
  s.dst_port = r.dst_port;
  s.protocol = r.protocol;
  s.packets = r.packets;
  s.bytes = r.bytes;
  s.start = r.start;
  s.end = r.end;
  return s;
}

void FlowUsage::MarkLogged(const FlowAttributor& attributor, const NetworkInterface& eni) {
  uint32_t i = attributor.InterfaceIndex(eni);
  if (i >= logged_.size()) logged_.resize(i + 1);
  if (!logged_[i]) logged_[i] = 1, logged_interfaces.insert(&eni);
}

bool FlowUsage::InWindow(const FlowRecord& r) const {
  if (options_.since && r.start < *options_.since) return false;
  if (options_.until && r.start >= *options_.until) return false;
  return true;
}

void FlowUsage::ObserveBatch(const FlowAttributor& attributor, const FlowBatch& batch) {
  batch_interfaces_.resize(batch.records.size());
  for (size_t i = 0; i < batch.records.size(); ++i) {
    const NetworkInterface* eni = attributor.FindInterface(batch.Text(batch.records[i], FlowText::kInterfaceId));
    if (eni) attributor.PrefetchRules(*eni);
    batch_interfaces_[i] = eni;
  }
  for (size_t i = 0; i < batch.records.size(); ++i) Observe(attributor, batch, batch.records[i], batch_interfaces_[i]);
}

void FlowUsage::Observe(const FlowAttributor& attributor, const FlowBatch& batch, const FlowRecord& record) {
  Observe(attributor, batch, record, attributor.FindInterface(batch.Text(record, FlowText::kInterfaceId)));
}

void FlowUsage::Observe(const FlowAttributor& attributor, const FlowBatch& batch, const FlowRecord& record,
                        const NetworkInterface* eni) {
  ++stats.records;
  attributor_ = &attributor;
  if (!record.IsTraffic()) {
    ++(record.log_status == FlowLogStatus::kNoData ? stats.no_data : stats.skip_data);
    if (eni) MarkLogged(attributor, *eni);
    return;
  }
  if (!InWindow(record)) {
    ++stats.outside_window;
    return;
  }
  if (record.action == FlowAction::kAbsent) {
    ++stats.no_action;
    return;
  }
  first_start = std::min(first_start, record.start);
  last_end = std::max(last_end, record.end);
  attributor.Attribute(record, eni, scratch_);
  const FlowAttribution& a = scratch_;
  if (a.eni) MarkLogged(attributor, *a.eni);
  else unknown_interfaces.emplace(batch.Text(record, FlowText::kInterfaceId));
  if (a.eni && a.unexplained != Unexplained::kNotInterfaceAddress) {
    uint64_t& basis = a.basis == RoleBasis::kTcpFlags ? stats.role_by_flags
                      : a.basis == RoleBasis::kRules ? stats.role_by_rules
                      : a.basis == RoleBasis::kPorts ? stats.role_by_ports
                                                     : stats.role_undetermined;
    ++basis;
    if (a.icmp_assumed_echo) ++stats.icmp_assumed_echo;
    if (a.acl) acl_entries.FindOrAdd({a.acl, a.direction, a.acl_verdict.entry}).Add(record);
  }
  if (record.action == FlowAction::kReject) {
    ++stats.rejected;
    Reject(batch, record, a);
  } else {
    ++stats.accepted;
    if (a.role == FlowRole::kResponse && a.eni) ++stats.responses;
    Credit(attributor, record, a);
  }
  if (a.unexplained != Unexplained::kNone) {
    ++stats.unexplained;
    ++stats.unexplained_by_reason[a.unexplained];
    FlowRecordSample sample = SampleOf(batch, record);
    sample.reason = a.unexplained;
    if (a.eni && a.unexplained != Unexplained::kNotInterfaceAddress) sample.direction = DirectionName(a.direction);
    KeepSample(std::move(sample));
  }
}

// `set` is sorted here; it is copied into the table only when new. Returns its entry, kNoEntry
// when the bound leaves it out.
uint32_t FlowUsage::CountCreditSet(std::vector<const SecurityGroupRule*>& set, uint64_t records) {
  std::sort(set.begin(), set.end());
  if (credit_sets.size() >= options_.max_credit_sets && !credit_sets.Find(set)) {
    credit_sets_complete = false;
    return kNoEntry;
  }
  bool added;
  size_t entry = credit_sets.FindOrAddEntry(set, added);
  credit_sets.value_at(entry) += records;
  return static_cast<uint32_t>(entry);
}

void FlowUsage::Credit(const FlowAttributor& attributor, const FlowRecord& record, const FlowAttribution& a) {
  if (a.rules.empty()) return;
  ++stats.attributed;
  bool added = true;
  uint32_t* entry = nullptr;
  if (a.rule_list != FlowAttribution::kNoList)
    entry = &credit_set_by_positions_.FindOrAdd({a.rule_list, a.rule_positions}, added);
  if (!added) {
    if (*entry != kNoEntry) ++credit_sets.value_at(*entry);
    else credit_sets_complete = false;
  } else {
    credit_scratch_.clear();
    for (const SecurityGroupMatch& m : a.rules) credit_scratch_.push_back(m.rule);
    uint32_t counted = CountCreditSet(credit_scratch_, 1);
    if (entry) *entry = counted;
  }
  uint32_t service = ServiceSet::KeyOf(record.protocol, record.dst_port);
  if (a.icmp_assumed_echo) service = ServiceSet::KeyOf(record.protocol, 0);  // the type is unknown
  if (by_rule_id_.empty()) by_rule_id_.resize(attributor.rule_count());
  for (size_t i = 0; i < a.rules.size(); ++i) {
    RuleUsage& usage = by_rule_id_[a.rule_ids[i]];
    if (!usage.group) credited_.push_back(a.rule_ids[i]);
    usage.group = a.rules[i].group;
    usage.tally.Add(record);
    usage.AddService(service, options_.max_services);
    usage.AddPeer(a.peer, {1, record.bytes}, options_.max_peers);
  }
}

void FlowUsage::Finish() {
  for (uint32_t id : credited_) {
    auto [it, added] = rules.try_emplace(attributor_->RuleById(id).rule, std::move(by_rule_id_[id]));
    if (!added) it->second.Merge(by_rule_id_[id], options_.max_peers, options_.max_services);
  }
  by_rule_id_.clear();
  credited_.clear();
}

void FlowUsage::Reject(const FlowBatch& batch, const FlowRecord& record, const FlowAttribution& a) {
  if (!a.eni || a.unexplained == Unexplained::kNotInterfaceAddress) return;  // kept as unexplained samples
  RejectionKey key{a.eni, a.direction, a.groups_deny, {}};
  if (a.acl && !a.acl_verdict.allow) key.acl = {a.acl, a.direction, a.acl_verdict.entry};
  if (file_serial_ == 0 || batch.file != current_file_) current_file_ = batch.file, ++file_serial_;
  bool added;
  size_t entry = rejections.FindOrAddEntry(key, added);
  RejectionUsage& rejection = rejections.value_at(entry);
  rejection.tally.Add(record);
  if (example_order_.size() < rejections.size()) example_order_.resize(rejections.size());
  ExampleOrder& known = example_order_[entry];
  FlowRecordSample& example = rejection.example;
  if (!added && known.serial != file_serial_)
    known = {file_serial_, static_cast<int8_t>(std::clamp(batch.file.compare(example.file), -1, 1))};
  int file_order = added ? -1 : known.order;
  if (file_order < 0 || (file_order == 0 && record.line < example.line)) {
    example = SampleOf(batch, record);
    known = {file_serial_, 0};
  }
}

// Keeps the max_samples first samples in file and line order: each worker keeps its own first
// ones, and the first of all are among the union of those.
void FlowUsage::KeepSample(FlowRecordSample sample) {
  if (unexplained.size() >= options_.max_samples && !(sample.SortKey() < unexplained.back().SortKey())) return;
  auto at = std::upper_bound(unexplained.begin(), unexplained.end(), sample,
                             [](const FlowRecordSample& a, const FlowRecordSample& b) { return a.SortKey() < b.SortKey(); });
  unexplained.insert(at, std::move(sample));
  if (unexplained.size() > options_.max_samples) unexplained.pop_back();
}

void FlowUsage::Merge(FlowUsage&& o) {
  Finish();
  o.Finish();
  stats.Merge(o.stats);
  for (auto& [rule, usage] : o.rules) rules[rule].Merge(usage, options_.max_peers, options_.max_services);
  for (auto& [key, tally] : o.acl_entries) acl_entries.FindOrAdd(key).Merge(tally);
  example_order_.clear();  // examples may change
  for (auto& [key, usage] : o.rejections) {
    bool added;
    RejectionUsage& mine = rejections.FindOrAdd(key, added);
    if (added) {
      mine = usage;
      continue;
    }
    mine.tally.Merge(usage.tally);
    if (usage.example.SortKey() < mine.example.SortKey()) mine.example = usage.example;
  }
  for (auto& sample : o.unexplained) KeepSample(std::move(sample));
  credit_sets_complete = credit_sets_complete && o.credit_sets_complete;
  for (auto& [set, records] : o.credit_sets) {
    std::vector<const SecurityGroupRule*> copy = set;
    CountCreditSet(copy, records);
  }
  logged_interfaces.insert(o.logged_interfaces.begin(), o.logged_interfaces.end());
  unknown_interfaces.insert(o.unknown_interfaces.begin(), o.unknown_interfaces.end());
  first_start = std::min(first_start, o.first_start);
  last_end = std::max(last_end, o.last_end);
}

std::vector<AclEntryKey> UnusedAclEntries(const Network& network, const FlowUsage& usage) {
  std::map<std::string, const NetworkAcl*> acls;
  for (const NetworkInterface* eni : usage.logged_interfaces)
    if (const Subnet* subnet = network.SubnetOf(*eni))
      if (const NetworkAcl* acl = network.NetworkAclForSubnet(*subnet)) acls.emplace(acl->id, acl);
  std::vector<AclEntryKey> out;
  for (auto& [id, acl] : acls)
    for (Direction d : {Direction::kIngress, Direction::kEgress})
      for (const NetworkAclEntry& entry : acl->entries(d)) {
        AclEntryKey key{acl, d, &entry};
        if (!entry.is_implicit_deny() && !usage.acl_entries.Find(key)) out.push_back(key);
      }
  return out;
}

}  // namespace sgscope
