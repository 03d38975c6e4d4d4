// libFuzzer entry point for `sgscope flows` past the reader: any bytes, read as a flow log of
// the bundled Client VPN example, must be matched to interfaces and rules, tallied, turned into
// proposals and rendered as text and JSON without a crash, a sanitizer report or an exception.
// The first byte picks the options (the bounds of the proposals, a time window, v5 fields for
// files without a header); the rest is the file. Seeds: the example's own logs; flows.dict
// holds its interface ids, addresses and the words of a record.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engines/flow_analysis.h"
#include "ingest/snapshot_loader.h"
#include "report/flows_report.h"

namespace {

constexpr size_t kMaxInput = 64 * 1024;

const sgscope::Network& Example() {
  static const sgscope::Network network = sgscope::LoadSnapshot(SGSCOPE_SOURCE_DIR "/examples/clientvpn-ad");
  return network;
}

sgscope::FlowAnalysisOptions OptionsOf(uint8_t choice) {
  sgscope::FlowAnalysisOptions options;
  options.reader.batch_records = 1 + choice % 3;
  options.proposal.max_cidrs = 1 + choice % 4;
  options.proposal.max_port_ranges = 1 + (choice >> 2) % 3;
  options.usage.max_peers = options.usage.max_services = 2 + (choice >> 4) % 2;  // the bounds are reached
  options.usage.max_samples = 3;
  if (choice & 32) options.usage.since = 1795856400, options.usage.until = 1795860000;
  if (choice & 64) {
    std::string error;
    options.reader.fields = sgscope::ingest::FlowLogFormat::Parse(
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
        "log-status vpc-id subnet-id tcp-flags type pkt-srcaddr pkt-dstaddr flow-direction traffic-path",
        error);
  }
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sgscope;
  if (size == 0 || size > kMaxInput) return -1;
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("sgscope_flow_analysis_fuzz_" + std::to_string(getpid()));
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data) + 1, static_cast<std::streamsize>(size - 1));
  std::filesystem::path inputs[] = {path};
  FlowAnalysis analysis = AnalyzeFlowLogs(Example(), inputs, OptionsOf(data[0]));
  std::ostringstream text, json;
  FlowsReportOptions report;
  report.top_peers = 1 + data[0] % 3;
  WriteFlowsText(Example(), analysis, report, text);
  WriteFlowsJson(Example(), analysis, report, json);
  return 0;
}
