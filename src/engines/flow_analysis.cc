// Runs the flow log pipeline. Each reader thread owns a FlowUsage, so matching needs no lock;
// the merge at the end is exact, whatever file went to which thread.

#include "engines/flow_analysis.h"

namespace sgscope {

FlowAnalysis AnalyzeFlowLogs(const Network& network, std::span<const std::filesystem::path> inputs,
                             const FlowAnalysisOptions& options) {
  FlowAttributor attributor(network);
  ingest::FlowLogReaderOptions reader = options.reader;
  reader.keep_status_records = true;  // NODATA says the interface is logged
  reader.threads = std::max(1u, reader.threads);
  std::vector<FlowUsage> workers(reader.threads, FlowUsage(options.usage));
  FlowAnalysis out{.read = {}, .usage = FlowUsage(options.usage), .proposals = {}, .unused_acl_entries = {}};
  out.read = ingest::ReadFlowLogs(inputs, reader, [&](const FlowBatch& batch, unsigned worker) {
    workers[worker].ObserveBatch(attributor, batch);
  });
  out.usage = std::move(workers.front());
  out.usage.Finish();
  for (size_t i = 1; i < workers.size(); ++i) out.usage.Merge(std::move(workers[i]));
  out.proposals = ProposeTightestRules(network, out.usage, options.proposal);
  out.unused_acl_entries = UnusedAclEntries(network, out.usage);
  return out;
}

}  // namespace sgscope
