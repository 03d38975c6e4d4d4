// sgscope_gen_flows: writes synthetic VPC flow logs for a snapshot, with truth.jsonl
// naming for every line the rules and ACL entry that decide it: the oracle for the flow
// attribution engine, and input for its benchmarks. Same snapshot and seed, same bytes.

#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "flow_log_writer.h"
#include "ingest/snapshot_loader.h"

int main(int argc, char** argv) {
  using namespace sgscope::bench;
  CLI::App app{"Generate synthetic VPC flow logs with their ground truth from a snapshot"};
  std::string snapshot, out, format = "v2";
  FlowLogGeneratorOptions generator;
  FlowLogFilesOptions files;
  bool no_truth = false;
  app.add_option("--snapshot", snapshot, "snapshot folder (AWS CLI JSON)")->required();
  app.add_option("--out", out, "output folder (created)")->required();
  app.add_option("--records", files.records, "record lines to write");
  app.add_option("--seed", generator.seed, "random seed");
  app.add_option("--format", format, "v2 (default format) or v5 (custom format, all v2-v5 fields)")
      ->check(CLI::IsMember({"v2", "v5"}));
  app.add_flag("--gzip", files.gzip, "write .log.gz files (several gzip members each)");
  app.add_flag("--no-truth", no_truth, "do not write truth.jsonl (faster, for big runs)");
  app.add_option("--start", generator.start_time, "start of the time window (Unix seconds)");
  app.add_option("--window", generator.window_seconds, "length of the time window (seconds)");
  app.add_option("--records-per-file", files.records_per_file, "records per file (0: one file)");
  app.add_option("--records-per-member", files.records_per_member, "records per gzip member");
  CLI11_PARSE(app, argc, argv);
  generator.layout = format == "v5" ? FlowLogLayout::kCustomV5 : FlowLogLayout::kDefaultV2;
  files.truth = !no_truth;

  sgscope::Network network = sgscope::LoadSnapshot(snapshot);
  FlowLogFilesSummary summary = WriteFlowLogFiles(network, generator, files, out);
  if (!summary.error.empty()) {
    std::fprintf(stderr, "sgscope_gen_flows: %s\n", summary.error.c_str());
    return 1;
  }
  if (summary.files.empty()) {
    std::fprintf(stderr, "sgscope_gen_flows: %s has no interface with a security group rule to generate from\n",
                 snapshot.c_str());
    return 1;
  }
  std::printf("%s: %zu file(s), %llu records: %llu ACCEPT, %llu REJECT, %llu NODATA/SKIPDATA, %llu malformed%s\n",
              out.c_str(), summary.files.size(), static_cast<unsigned long long>(summary.records),
              static_cast<unsigned long long>(summary.accepted), static_cast<unsigned long long>(summary.rejected),
              static_cast<unsigned long long>(summary.status), static_cast<unsigned long long>(summary.malformed),
              files.truth ? "; truth.jsonl" : "");
  return 0;
}
