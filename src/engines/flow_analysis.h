#pragma once
// `sgscope flows` as one call: read the logs (streaming, files spread over threads), match each
// record, merge the workers' tallies, and propose the tightest rules.

#include <filesystem>
#include <span>
#include <vector>

#include "engines/flow_rule_proposal.h"
#include "engines/flow_usage.h"
#include "ingest/flow_log_reader.h"

namespace sgscope {

struct FlowAnalysisOptions {
  ingest::FlowLogReaderOptions reader;
  FlowUsageOptions usage;
  FlowProposalOptions proposal;
};

struct FlowAnalysis {
  ingest::FlowLogReadResult read;
  FlowUsage usage;
  std::vector<GroupProposal> proposals;
  std::vector<AclEntryKey> unused_acl_entries;
};

FlowAnalysis AnalyzeFlowLogs(const Network& network, std::span<const std::filesystem::path> inputs,
                             const FlowAnalysisOptions& options);

}  // namespace sgscope
