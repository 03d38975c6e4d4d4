#include "engines/flow_usage.h"

#include <gtest/gtest.h>

#include "ingest/flow_log_reader.h"
#include "ingest/snapshot_loader.h"

namespace sgscope {
namespace {

const std::string kRoot = SGSCOPE_SOURCE_DIR;

// Reads the example's logs into one FlowUsage per batch, as if each batch came from another thread.
std::vector<FlowUsage> ReadInPieces(const FlowAttributor& attributor, const FlowUsageOptions& options) {
  std::vector<FlowUsage> pieces;
  ingest::FlowLogReaderOptions reader;
  reader.keep_status_records = true;
  reader.batch_records = 3;
  std::vector<std::filesystem::path> inputs{kRoot + "/examples/clientvpn-ad/flowlogs"};
  ingest::ReadFlowLogs(inputs, reader, [&](const FlowBatch& batch, unsigned) {
    pieces.emplace_back(options);
    for (const FlowRecord& r : batch.records) pieces.back().Observe(attributor, batch, r);
  });
  return pieces;
}

TEST(FlowUsage, MergeDoesNotDependOnHowRecordsWereSplit) {
  Network network = LoadSnapshot(kRoot + "/examples/clientvpn-ad");
  FlowAttributor attributor(network);
  FlowUsageOptions options;
  options.max_samples = 2;
  std::vector<FlowUsage> pieces = ReadInPieces(attributor, options);
  ASSERT_GT(pieces.size(), 4u);
  FlowUsage forward(options), backward(options);
  for (auto& p : pieces) forward.Merge(FlowUsage(p));
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) backward.Merge(FlowUsage(*it));
  EXPECT_EQ(forward.stats.records, 26u);
  EXPECT_EQ(forward.stats.records, backward.stats.records);
  EXPECT_EQ(forward.stats.responses, backward.stats.responses);
  ASSERT_EQ(forward.rules.size(), backward.rules.size());
  for (auto& [rule, usage] : forward.rules) {
    const RuleUsage& other = backward.rules.at(rule);
    EXPECT_EQ(usage.tally.records, other.tally.records);
    EXPECT_EQ(usage.tally.first_seen, other.tally.first_seen);
    EXPECT_EQ(usage.peers.size(), other.peers.size());
  }
  EXPECT_EQ(forward.logged_interfaces, backward.logged_interfaces);
  EXPECT_EQ(forward.rejections.size(), 2u);
}

TEST(FlowUsage, WindowAndSamplesAreBounded) {
  Network network = LoadSnapshot(kRoot + "/examples/clientvpn-ad");
  FlowAttributor attributor(network);
  FlowUsageOptions options;
  options.since = 1795856400 + 40;  // the office session onwards
  FlowUsage all(options);
  for (auto& p : ReadInPieces(attributor, options)) all.Merge(std::move(p));
  // 25 traffic records; those starting before +40 s (the VPN, DNS and app-db connections and the VPN
  // user's database attempt: 4+4+4+4+2 records) are outside; the 2nd VPN session starts at +120 s.
  EXPECT_EQ(all.stats.outside_window, 14u);
  EXPECT_EQ(all.stats.no_data, 1u);
  EXPECT_EQ(all.stats.accepted + all.stats.rejected, 25u - 14u);
}

// The bound on credit sets keeps the first sets in record order with their full counts, however
// a record's set was found (by its rules' positions, or sorted and compared).
TEST(FlowUsage, CreditSetsBoundKeepsTheFirstWithTheirCounts) {
  Network network = LoadSnapshot(kRoot + "/examples/clientvpn-ad");
  FlowAttributor attributor(network);
  FlowUsageOptions bounded_options;
  bounded_options.max_credit_sets = 1;
  FlowUsage all, bounded(bounded_options);
  ingest::FlowLogReaderOptions reader;
  reader.keep_status_records = true;
  std::vector<std::filesystem::path> inputs{kRoot + "/examples/clientvpn-ad/flowlogs"};
  ingest::ReadFlowLogs(inputs, reader, [&](const FlowBatch& batch, unsigned) {
    for (const FlowRecord& r : batch.records) all.Observe(attributor, batch, r), bounded.Observe(attributor, batch, r);
  });
  ASSERT_GT(all.credit_sets.size(), 1u);
  ASSERT_EQ(bounded.credit_sets.size(), 1u);
  EXPECT_FALSE(bounded.credit_sets_complete);
  EXPECT_TRUE(all.credit_sets_complete);
  auto& [first_set, first_count] = *all.credit_sets.begin();
  EXPECT_EQ(bounded.credit_sets.begin()->first, first_set);
  EXPECT_EQ(bounded.credit_sets.begin()->second, first_count);
}

}  // namespace
}  // namespace sgscope
