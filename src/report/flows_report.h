#pragma once
// `sgscope flows` output: rule usage, unused rules, rejections, unexplained records and the
// proposed tightest rules, as text or JSON (fields documented in docs/flows.md).

#include <ostream>

#include "engines/flow_analysis.h"

namespace sgscope {

struct FlowsReportOptions {
  size_t top_peers = 5;  // per rule
};

void WriteFlowsText(const Network& network, const FlowAnalysis& analysis, const FlowsReportOptions& options,
                    std::ostream& out);
void WriteFlowsJson(const Network& network, const FlowAnalysis& analysis, const FlowsReportOptions& options,
                    std::ostream& out);

}  // namespace sgscope
