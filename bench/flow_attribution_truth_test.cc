// The attribution engine (src/engines/flow_attribution) against the generator's ground truth
// (flow_truth.h: an independent brute-force oracle over the same Network): on every test
// snapshot, the examples and a generated size-S snapshot, each generated record's direction,
// role, crediting rules, deciding ACL entry and blocker must be the truth's. Default-format (v2)
// records carry no TCP flags: there the role is inferred, and only its agreement rate is shown,
// the rest being compared whenever the role agrees.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include <unistd.h>

#include "engines/flow_attribution.h"
#include "flow_log_generator.h"
#include "ingest/flow_log_line.h"
#include "ingest/snapshot_loader.h"
#include "snapshot_generator.h"

namespace sgscope {
namespace {

namespace fs = std::filesystem;

// Disagreements and counts of one run, by what was compared.
struct Tally {
  std::map<std::string, uint64_t> counts;
  std::vector<std::string> first_differences;
  void Differ(const std::string& what) {
    ++counts["differ " + what.substr(0, what.find(':'))];
    if (first_differences.size() < 10) first_differences.push_back(what);
  }
};

std::vector<bench::RuleHit> Hits(const FlowAttribution& a) {
  std::vector<bench::RuleHit> out;
  for (const SecurityGroupMatch& m : a.rules) out.push_back({m.group->id, m.rule->direction, m.rule->index});
  std::sort(out.begin(), out.end(), [](auto& x, auto& y) {
    return std::tie(x.group_id, x.direction, x.index) < std::tie(y.group_id, y.direction, y.index);
  });
  return out;
}

std::string Where(const std::string& snapshot, const bench::GeneratedRecord& r) { return snapshot + ": " + r.line; }

void Compare(const std::string& snapshot, const FlowAttribution& a, const FlowRecord& parsed, const bench::GeneratedRecord& r,
             Tally& t) {
  const bench::FlowTruth& truth = r.truth;
  ++t.counts["records"];
  if (a.direction != *truth.direction) return t.Differ("direction: " + Where(snapshot, r));
  bool truth_opens = truth.role == bench::FlowRole::kInitiator;
  if ((a.role == FlowRole::kInitiator) != truth_opens) {
    if (parsed.protocol == kProtoTcp && parsed.Has(FlowField::kTcpFlags))  // SYN or SYN-ACK: exact
      return t.Differ("role: " + Where(snapshot, r));
    ++t.counts["role inferred otherwise"];
    return;
  }
  ++t.counts["role agrees"];
  if (truth.verdict.action == FlowAction::kAccept && truth_opens) {
    std::vector<bench::RuleHit> expected = truth.verdict.rules;
    std::sort(expected.begin(), expected.end(), [](auto& x, auto& y) {
      return std::tie(x.group_id, x.direction, x.index) < std::tie(y.group_id, y.direction, y.index);
    });
    if (Hits(a) != expected) return t.Differ("rules: " + Where(snapshot, r));
    ++t.counts["rules compared"];
  }
  if (truth.verdict.acl.has_value() != (a.acl != nullptr)) return t.Differ("acl crossing: " + Where(snapshot, r));
  if (a.acl) {
    const bench::AclHit& hit = *truth.verdict.acl;
    uint32_t number = a.acl_verdict.entry ? a.acl_verdict.entry->rule_number : (a.peer.is_v6() ? 32768 : 32767);
    if (hit.acl_id != a.acl->id || hit.rule_number != number || hit.allow != a.acl_verdict.allow)
      return t.Differ("acl entry: " + Where(snapshot, r));
    ++t.counts["acl compared"];
  }
  if (truth.verdict.action == FlowAction::kReject) {
    bool named = truth.verdict.denied_by == "security-groups" ? a.groups_deny : a.acl && !a.acl_verdict.allow;
    if (!named) return t.Differ("blocker: " + Where(snapshot, r));
    ++t.counts["blockers compared"];
  }
  if (a.unexplained != Unexplained::kNone) t.Differ("unexplained: " + Where(snapshot, r));
}

void GenerateAndCompare(const Network& network, const std::string& name, bench::FlowLogLayout layout, size_t records, Tally& t) {
  bench::FlowLogGeneratorOptions options;
  options.layout = layout;
  options.seed = 17;
  bench::FlowLogGenerator generator(network, options);
  if (!generator.CanGenerate()) return;
  std::string error;
  auto format = ingest::FlowLogFormat::Parse(generator.Header(), error);
  ASSERT_TRUE(format) << error;
  FlowAttributor attributor(network);
  std::vector<bench::GeneratedRecord> generated;
  while (generated.size() < records) generator.NextScenario(generated);
  FlowBatch batch;
  batch.records.resize(1);
  for (const bench::GeneratedRecord& r : generated) {
    if (r.truth.status != bench::TruthStatus::kOk) continue;
    batch.buffer = r.line;
    ASSERT_EQ(ingest::ParseFlowLine(r.line, *format, 0, batch.records[0], error), ingest::LineKind::kRecord) << r.line;
    Compare(name, attributor.Attribute(batch, batch.records[0]), batch.records[0], r, t);
  }
}

std::vector<fs::path> Snapshots() {
  std::vector<fs::path> out;
  for (const char* parent : {"tests/data/snapshots", "examples"})
    for (auto& entry : fs::directory_iterator(fs::path(SGSCOPE_SOURCE_DIR) / parent))
      if (entry.is_directory()) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

void Report(const char* what, const Tally& t) {
  std::cout << what << ":";
  for (auto& [k, n] : t.counts) std::cout << " " << k << " " << n << ";";
  std::cout << "\n";
  for (auto& d : t.first_differences) std::cout << "  " << d << "\n";
}

TEST(FlowAttributionTruth, CustomFormatAgreesExactly) {
  Tally t;
  for (const fs::path& snapshot : Snapshots()) GenerateAndCompare(LoadSnapshot(snapshot), snapshot.filename().string(), bench::FlowLogLayout::kCustomV5, 400, t);
  fs::path dir = fs::temp_directory_path() / ("sgscope-truth-S-" + std::to_string(::getpid()));
  bench::GenerateSnapshot(*bench::SizeByName("S"), 5, dir);
  GenerateAndCompare(LoadSnapshot(dir), "generated S", bench::FlowLogLayout::kCustomV5, 20000, t);
  fs::remove_all(dir);
  Report("v5", t);
  for (auto& [k, n] : t.counts) EXPECT_FALSE(k.starts_with("differ")) << k << " " << n;
  EXPECT_GT(t.counts["rules compared"], 5000u);
  EXPECT_GT(t.counts["acl compared"], 5000u);
  EXPECT_GT(t.counts["blockers compared"], 1000u);
}

// Without TCP flags the role is inferred; whenever it matches the truth, everything else must.
TEST(FlowAttributionTruth, DefaultFormatAgreesWhereTheRoleDoes) {
  Tally t;
  for (const fs::path& snapshot : Snapshots()) GenerateAndCompare(LoadSnapshot(snapshot), snapshot.filename().string(), bench::FlowLogLayout::kDefaultV2, 400, t);
  Report("v2", t);
  for (auto& [k, n] : t.counts) EXPECT_FALSE(k.starts_with("differ")) << k << " " << n;
  EXPECT_GT(t.counts["role agrees"], 9 * t.counts["role inferred otherwise"]);
}

}  // namespace
}  // namespace sgscope
