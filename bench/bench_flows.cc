// bench_flows: `sgscope flows` end to end (decompress, parse, match every record to its
// interface's rules and ACL, tally, propose the tightest rules) on default-format v2 .gz logs
// generated from a generated snapshot (sgscope_flow_gen), on 1 and 2 threads, next to DuckDB
// tallying the same files per interface, action, protocol and port (bench/peers/flow_usage_agg.mjs).
// Figures: wall and CPU seconds, records per second and per CPU second, peak memory. Two more rows
// on one thread bound what any per-record work can reach: `gunzip` (the reader's inflater alone)
// and `read` (inflate and parse into records, nothing matched).

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "bench_common.h"
#include "engines/flow_analysis.h"
#include "flow_log_writer.h"
#include "ingest/flow_log_input.h"
#include "ingest/flow_log_reader.h"
#include "ingest/snapshot_loader.h"

namespace sgscope::bench {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::string size = "S";
  uint64_t seed = 1, records = 2'000'000;
  int runs = 3;
  std::string cache = "/tmp/sgscope-bench";
  std::string peer_dir;  // bench/peers with node_modules; empty: no peer
};

struct Figures {
  RunTimes times;
  uint64_t records = 0;  // traffic records in the window (accepted + rejected)
};

// The logs, generated once into the cache (two files, 100,000-record gzip members, as S3 delivers).
std::vector<fs::path> EnsureLogs(const Network& network, const Options& o, const fs::path& snapshot) {
  fs::path dir = fs::path(o.cache) / fmt::format("flows-{}-seed{}-{}", o.size, o.seed, o.records);
  if (!fs::exists(dir / "done")) {
    fs::remove_all(dir);
    FlowLogGeneratorOptions generator;
    generator.seed = o.seed;
    FlowLogFilesOptions files;
    files.records = o.records, files.gzip = true, files.truth = false, files.records_per_file = (o.records + 1) / 2;
    FlowLogFilesSummary summary = WriteFlowLogFiles(network, generator, files, dir);
    if (!summary.error.empty()) throw std::runtime_error(summary.error);
    std::FILE* done = std::fopen((dir / "done").c_str(), "w");
    if (done) std::fclose(done);
  }
  std::vector<fs::path> out;
  for (auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".gz") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

Figures MeasureSgscope(const Network& network, const std::vector<fs::path>& files, unsigned threads, int runs) {
  Figures figures;
  RunTimer timer;
  for (int run = 0; run < runs; ++run) {
    timer.Start();
    FlowAnalysisOptions options;
    options.reader.threads = threads;
    FlowAnalysis analysis = AnalyzeFlowLogs(network, files, options);
    timer.Stop();
    figures.records = analysis.usage.stats.accepted + analysis.usage.stats.rejected;
  }
  figures.times = timer.best();
  return figures;
}

// The floor under MeasureSgscope on one thread: the files inflated (`parse` false) or also parsed.
RunTimes MeasureFloor(const std::vector<fs::path>& files, bool parse, int runs) {
  RunTimer timer;
  uint64_t sink = 0;
  for (int run = 0; run < runs; ++run) {
    timer.Start();
    if (parse) {
      ingest::FlowLogReaderOptions options;
      options.threads = 1;
      ingest::ReadFlowLogs(files, options, [&](const FlowBatch& batch, unsigned) { sink += batch.records.size(); });
    } else {
      ingest::FlowLogTextStream stream;
      ingest::FlowLogEncoding encoding;
      for (const fs::path& file : files)
        if (std::string error = stream.Stream(file, [&](std::string_view piece) { sink += piece.size(); }, encoding);
            !error.empty())
          throw std::runtime_error(error);
    }
    timer.Stop();
  }
  if (sink == 0) throw std::runtime_error("the logs are empty");
  return timer.best();
}

Figures MeasurePeer(const Options& o, const std::vector<fs::path>& files, unsigned threads) {
  PeerRun run = BestPeerRun(o.peer_dir, "flow_usage_agg.mjs", threads, files, o.runs);
  Figures figures{.times = run.times, .records = 0};
  unsigned long long records, groups;
  if (std::sscanf(run.line.c_str(), "{\"seconds\":%*f,\"cpuSeconds\":%*f,\"records\":%llu,\"groups\":%llu", &records,
                  &groups) == 2)
    figures.records = records;
  return figures;
}

std::string Row(const char* who, unsigned threads, const RunTimes& f, uint64_t records, double sgscope_seconds) {
  if (f.seconds < 0) return fmt::format("{:<8} {:>7}   (did not run)", who, threads);
  return fmt::format("{:<8} {:>7} {:>8.3f} {:>8.2f} {:>8.2f} {:>10.2f} {:>7.0f} {:>7.2f}", who, threads, f.seconds,
                     f.cpu_seconds, records / f.seconds / 1e6, records / f.cpu_seconds / 1e6, f.peak_mb,
                     f.seconds / sgscope_seconds);
}

}  // namespace
}  // namespace sgscope::bench

int main(int argc, char** argv) {
  using namespace sgscope::bench;
  Options o;
  CLI::App app{"bench_flows: sgscope flows end to end vs DuckDB"};
  app.add_option("--size", o.size, "generated snapshot size the logs come from (S, M or L)");
  app.add_option("--seed", o.seed, "snapshot and log seed");
  app.add_option("--records", o.records, "log records to generate (two .gz files)");
  app.add_option("--runs", o.runs, "runs per measurement (best is reported)");
  app.add_option("--cache", o.cache, "folder for the generated snapshot and logs");
  app.add_option("--peer", o.peer_dir, "bench/peers folder with @duckdb/node-api installed");
  CLI11_PARSE(app, argc, argv);
  if (!o.peer_dir.empty()) o.peer_dir = std::filesystem::absolute(o.peer_dir).string();
  auto size = SizeByName(o.size);
  if (!size) return 2;
  PrintEnvironment("bench_flows");
  std::filesystem::path snapshot = EnsureSnapshot(*size, o.seed, o.cache);
  sgscope::Network network = sgscope::LoadSnapshot(snapshot);
  std::vector<std::filesystem::path> files = EnsureLogs(network, o, snapshot);
  std::printf("%s: %zu interfaces; %llu generated v2 records (gzip) in %zu files\n\n", o.size.c_str(),
              network.network_interfaces.size(), static_cast<unsigned long long>(o.records), files.size());
  std::printf("%-8s %7s %8s %8s %8s %10s %7s %7s\n", "who", "threads", "wall s", "CPU s", "Mrec/s", "Mrec/CPU-s",
              "peak MB", "vs sgs");
  bool agree = true;
  for (unsigned threads : {1u, 2u}) {
    Figures ours = MeasureSgscope(network, files, threads, o.runs);
    Figures peer = MeasurePeer(o, files, threads);
    std::puts(Row("sgscope", threads, ours.times, ours.records, ours.times.seconds).c_str());
    std::puts(Row("duckdb", threads, peer.times, ours.records, ours.times.seconds).c_str());
    if (threads == 1)
      for (bool parse : {false, true})
        std::puts(Row(parse ? "read" : "gunzip", 1, MeasureFloor(files, parse, o.runs), ours.records, ours.times.seconds)
                      .c_str());
    if (peer.times.seconds >= 0 && peer.records != ours.records) {
      std::printf("DISAGREE: duckdb counts %llu traffic records, sgscope %llu\n",
                  static_cast<unsigned long long>(peer.records), static_cast<unsigned long long>(ours.records));
      agree = false;
    }
  }
  return agree ? 0 : 1;
}
