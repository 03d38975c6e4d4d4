// bench_flow_parse: how fast the flow log reader turns default-format v2 .gz files into
// records, end to end (decompress + parse + bytes per interface), on 1 and 2 threads (split
// by file), with MB/s and peak memory, next to DuckDB (@duckdb/node-api, bench/peers/)
// running the same aggregation over the same files. Issue 6 asks >= 5 M records/s per core.
// The files are generated once into the cache folder (never committed).

#include <cstdio>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <isa-l.h>
#include <libdeflate.h>

#include "bench_common.h"
#include "ingest/flow_log_input.h"
#include "ingest/flow_log_reader.h"
#include "random.h"

namespace sgscope::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kFiles = 2;
constexpr uint64_t kInterfaces = 2000;
constexpr int kGeneratorVersion = 1;

struct Options {
  uint64_t records = 10'000'000;
  uint64_t member_records = 100'000;  // records per gzip member
  int runs = 3;
  std::string cache = "/tmp/sgscope-bench-flowlogs";
  std::string peer_dir;  // bench/peers with node_modules; empty: no peer
};

// Transparent hashing so that looking up a view does not build a string.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using BytesPerInterface = std::unordered_map<std::string, uint64_t, TextHash, std::equal_to<>>;

// A default-format line with plausible values; about 1 in 1000 is NODATA.
void AppendRecord(Rng& rng, std::string& out) {
  uint64_t eni = rng.Below(kInterfaces);
  uint32_t start = 1700000000 + static_cast<uint32_t>(rng.Below(86400));
  if (rng.Below(1000) == 0) {
    fmt::format_to(std::back_inserter(out), "2 123456789012 eni-{:017x} - - - - - - - {} {} - NODATA\n", eni, start,
                   start + 60);
    return;
  }
  uint32_t src = 0x0A000000 | static_cast<uint32_t>(rng.Below(1 << 16)), dst = static_cast<uint32_t>(rng.Next());
  fmt::format_to(std::back_inserter(out), "2 123456789012 eni-{:017x} {}.{}.{}.{} {}.{}.{}.{} {} {} {} {} {} {} {} {} OK\n",
                 eni, src >> 24, src >> 16 & 255, src >> 8 & 255, src & 255, dst >> 24, dst >> 16 & 255,
                 dst >> 8 & 255, dst & 255, 1024 + rng.Below(64000), rng.Below(4) ? 443 : 22,
                 rng.Below(10) ? 6 : 17, 1 + rng.Below(100), 40 + rng.Below(100000), start, start + 60,
                 rng.Below(20) ? "ACCEPT" : "REJECT");
}

void WriteMember(const std::string& text, std::ofstream& out) {
  std::string member = ingest::GzipMember(text);
  out.write(member.data(), static_cast<std::streamsize>(member.size()));
}

// The kFiles .gz files of `options.records` records, generated unless already in the cache.
std::vector<fs::path> EnsureFlowLogs(const Options& options) {
  fs::path dir = fs::path(options.cache) / fmt::format("v{}-{}-{}", kGeneratorVersion, options.records,
                                                        options.member_records);
  std::vector<fs::path> files;
  for (int f = 0; f < kFiles; ++f) files.push_back(dir / fmt::format("flows-{}.log.gz", f));
  if (fs::exists(dir / "complete")) return files;
  fs::create_directories(dir);
  std::printf("generating %llu records into %s ...\n", static_cast<unsigned long long>(options.records), dir.c_str());
  Rng rng(42, "flow-logs");
  for (int f = 0; f < kFiles; ++f) {
    std::ofstream out(files[f], std::ios::binary | std::ios::trunc);
    std::string text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                       "start end action log-status\n";
    for (uint64_t i = 0; i < options.records / kFiles; ++i) {
      AppendRecord(rng, text);
      if ((i + 1) % options.member_records == 0) WriteMember(text, out), text.clear();
    }
    if (!text.empty()) WriteMember(text, out);
  }
  std::ofstream(dir / "complete") << "ok\n";
  return files;
}

// One run's figures and its aggregate, to compare with the peer.
struct RunFigures {
  RunTimes times;
  ingest::FlowLogStats stats;
  uint64_t interfaces = 0, bytes = 0;
};

RunFigures MeasureReader(const std::vector<fs::path>& files, unsigned threads, int runs) {
  RunFigures figures;
  RunTimer timer;
  for (int run = 0; run < runs; ++run) {
    timer.Start();
    std::vector<BytesPerInterface> per_worker(threads);
    ingest::FlowLogReaderOptions options;
    options.threads = threads;
    ingest::FlowLogReadResult result = ingest::ReadFlowLogs(files, options, [&](const FlowBatch& batch, unsigned w) {
      BytesPerInterface& totals = per_worker[w];
      for (const FlowRecord& r : batch.records) {
        std::string_view eni = batch.Text(r, FlowText::kInterfaceId);
        auto it = totals.find(eni);
        if (it == totals.end()) it = totals.emplace(std::string(eni), 0).first;
        it->second += r.bytes;
      }
    });
    BytesPerInterface merged;
    for (auto& totals : per_worker)
      for (auto& [eni, bytes] : totals) merged[eni] += bytes;
    timer.Stop();
    figures.stats = result.stats;
    figures.interfaces = merged.size();
    figures.bytes = 0;
    for (auto& [eni, bytes] : merged) figures.bytes += bytes;
  }
  figures.times = timer.best();
  return figures;
}

// DuckDB's figures from bench/peers/flow_agg.mjs; seconds < 0 when it could not run.
RunFigures MeasurePeer(const Options& options, const std::vector<fs::path>& files, unsigned threads) {
  PeerRun run = BestPeerRun(options.peer_dir, "flow_agg.mjs", threads, files, options.runs);
  RunFigures figures{.times = run.times, .stats = {}, .interfaces = 0, .bytes = 0};
  unsigned long long records, interfaces, bytes;
  const char* format = "{\"seconds\":%*f,\"cpuSeconds\":%*f,\"records\":%llu,\"interfaces\":%llu,\"bytes\":%llu";
  if (std::sscanf(run.line.c_str(), format, &records, &interfaces, &bytes) == 3)
    figures.stats.delivered = records, figures.interfaces = interfaces, figures.bytes = bytes;
  return figures;
}

std::string Row(const char* who, unsigned threads, const RunTimes& f, uint64_t records, double gz_mb, double text_mb,
                double sgscope_seconds) {
  if (f.seconds < 0) return fmt::format("{:<8} {:>7}   (did not run)", who, threads);
  std::string per_cpu = f.cpu_seconds > 0 ? fmt::format("{:>10.2f}", records / f.cpu_seconds / 1e6) : "         -";
  return fmt::format("{:<8} {:>7} {:>8.3f} {:>8.2f} {:>8.2f} {} {:>7.0f} {:>8.0f} {:>7.0f} {:>7.1f}", who, threads,
                     f.seconds, f.cpu_seconds, records / f.seconds / 1e6, per_cpu, gz_mb / f.seconds,
                     text_mb / f.seconds, f.peak_mb, f.seconds / sgscope_seconds);
}

}  // namespace
}  // namespace sgscope::bench

int main(int argc, char** argv) {
  using namespace sgscope::bench;
  Options options;
  CLI::App app{"bench_flow_parse: flow log reader throughput vs DuckDB"};
  app.add_option("--records", options.records, "records to generate (split over two files)");
  app.add_option("--member-records", options.member_records, "records per gzip member");
  app.add_option("--runs", options.runs, "runs per measurement (best is reported)");
  app.add_option("--cache", options.cache, "folder for the generated .gz files (reused across runs)");
  app.add_option("--peer", options.peer_dir, "bench/peers folder with @duckdb/node-api installed");
  CLI11_PARSE(app, argc, argv);
  if (!options.peer_dir.empty()) options.peer_dir = fs::absolute(options.peer_dir).string();

  PrintEnvironment("bench_flow_parse: flow log reader (decompress + parse + bytes per interface) vs DuckDB");
  std::printf("libdeflate: %s (writes the files)\nisa-l:      %d.%d.%d (the reader inflates with it)\n"
              "node:       %s\nduckdb:     %s\n\n",
              LIBDEFLATE_VERSION_STRING, ISAL_MAJOR_VERSION, ISAL_MINOR_VERSION, ISAL_PATCH_VERSION,
              CommandOutput("node --version").c_str(),
              options.peer_dir.empty() ? "(no peer)"
                                       : CommandOutput("node -p \"require('" + options.peer_dir +
                                                       "/node_modules/@duckdb/node-api/package.json').version\"")
                                             .c_str());
  std::vector<fs::path> files = EnsureFlowLogs(options);
  uint64_t gz_bytes = 0;
  for (auto& f : files) gz_bytes += fs::file_size(f);

  std::vector<std::string> rows;
  RunFigures one, two;
  for (unsigned threads : {1u, 2u}) {
    std::printf("sgscope reader, %u thread(s), best of %d ...\n", threads, options.runs);
    (threads == 1 ? one : two) = MeasureReader(files, threads, options.runs);
  }
  double gz_mb = gz_bytes / 1e6, text_mb = one.stats.bytes / 1e6;
  uint64_t records = one.stats.records;
  rows.push_back(Row("sgscope", 1, one.times, records, gz_mb, text_mb, one.times.seconds));
  rows.push_back(Row("sgscope", 2, two.times, records, gz_mb, text_mb, one.times.seconds));
  bool agree = one.bytes == two.bytes && one.interfaces == two.interfaces && one.stats == two.stats;
  for (unsigned threads : {1u, 2u}) {
    std::printf("duckdb, %u thread(s), best of %d ...\n", threads, options.runs);
    RunFigures peer = MeasurePeer(options, files, threads);
    rows.push_back(Row("duckdb", threads, peer.times, records, gz_mb, text_mb,
                       threads == 1 ? one.times.seconds : two.times.seconds));
    if (peer.times.seconds >= 0)
      agree = agree && peer.bytes == one.bytes && peer.interfaces == one.interfaces &&
              peer.stats.delivered == one.stats.delivered;
  }
  std::printf("\n%llu records (%llu NODATA), %.1f MB gzip, %.1f MB text, %d files of %llu-record gzip members\n",
              static_cast<unsigned long long>(records), static_cast<unsigned long long>(one.stats.no_data), gz_mb,
              text_mb, kFiles, static_cast<unsigned long long>(options.member_records));
  std::printf("\nwho      threads   wall s    CPU s   Mrec/s Mrec/CPU-s gz MB/s text MB/s peak MB  vs sgs\n");
  for (auto& row : rows) std::printf("%s\n", row.c_str());
  std::printf("\n(vs sgs: the row's wall time over sgscope's with as many threads. peak MB: RSS high-water mark\n"
              "above the RSS before the run, mapped input pages included; DuckDB's is not measured. Mrec/s counts\n"
              "every record, NODATA included; Mrec/CPU-s is per busy core, the figure to hold against the 5 M/s\n"
              "target when other work shares the machine.)\n");
  std::printf("aggregates %s: %llu interfaces, %llu bytes, %llu delivered records\n",
              agree ? "agree" : "DISAGREE", static_cast<unsigned long long>(one.interfaces),
              static_cast<unsigned long long>(one.bytes), static_cast<unsigned long long>(one.stats.delivered));
  return agree ? 0 : 1;
}
