// bench_reach: all-pairs reachability (design.md §6: class × class, exact port sets) on the
// generated snapshots — Reach(all -> all) wall and CPU time, classes, pairs, distinct sets and
// peak memory — next to two peers: the brute force, every (protocol, port or ICMP type/code) of
// a sampled pair traced one by one (about 197,000 flows a pair), and the independent BDD oracle
// (bdd_reach.h, BuDDy) on the computed pairs it covers. Both must equal Reach's answers.

#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <CLI/CLI.hpp>

#include "bdd_reach.h"
#include "bench_common.h"
#include "engines/compiled_paths.h"
#include "engines/reach.h"
#include "engines/trace.h"
#include "ingest/snapshot_loader.h"

namespace sgscope::bench {
namespace {

struct Options {
  SnapshotOptions snapshots;
  int pairs = 4;          // sampled pairs for the brute force
  int max_sources = 300;  // source classes computed (all destinations each); the rest is extrapolated
  int bdd_pairs = 20000;  // computed pairs also answered by the BDD oracle
  int ipv6_sources = 1000000;  // IPv6 source classes computed (all by default); the rest is extrapolated
};

struct BddComparison {
  int compared = 0, covered = 0, agree = 0;
  double seconds = 0;
};

// A computed pair of the matrix.
struct MatrixPair {
  size_t from, to;
  const ServiceSet* allowed;
};

std::vector<MatrixPair> PairsOf(const ReachMatrix& m) {
  std::vector<MatrixPair> out;
  for (size_t i = 0; i < m.sources.size(); ++i)
    for (size_t j = 0; j < m.destinations.size(); ++j)
      if (const ServiceSet* s = m.At(i, j)) out.push_back({i, j, s});
  return out;
}

// The destination interface Trace and the oracle are asked about for a pair.
const NetworkInterface* DestinationOf(const ReachMatrix& m, const MatrixPair& p) {
  const EndpointClass &from = m.sources[p.from], &to = m.destinations[p.to];
  return to.members.front() == from.members.front() ? to.members[1] : to.members.front();
}

// The oracle on the first `limit` pairs: time per pair and agreement where it covers.
BddComparison CompareWithBdd(const Network& network, const ReachMatrix& m, const std::vector<MatrixPair>& pairs,
                             int limit) {
  BddComparison c;
  BddReachability oracle(network);
  auto start = std::chrono::steady_clock::now();
  for (const MatrixPair& pair : pairs) {
    if (c.compared == limit) break;
    BddReachability::Result r = oracle.Allowed(*m.sources[pair.from].members.front(), *DestinationOf(m, pair));
    ++c.compared;
    if (!r.covered) continue;
    ++c.covered;
    std::vector<ServiceInterval> mine;
    for (const ServiceRun& run : pair.allowed->Runs()) mine.push_back({run.protocol, run.lo, run.hi});
    c.agree += mine == r.allowed;
  }
  c.seconds = SecondsSince(start);
  return c;
}

// The pair's answer the slow way: one verdict-only trace per service, runs of accepted ones.
ServiceSet BruteForce(const Network& n, const std::string& from, const std::string& to) {
  ServiceSet out;
  auto accepted = [&](uint8_t protocol, uint16_t service) {
    TraceQuery q;
    q.from = from, q.to = to, q.protocol = protocol, q.explain = false;
    if (protocol == kProtoIcmp) q.icmp_type = static_cast<uint8_t>(service >> 8), q.icmp_code = static_cast<uint8_t>(service);
    else q.dst_port = service;
    TraceOutcome r = Trace(n, q);
    return r.result && r.result->disposition == Disposition::kAccepted;  // interface destinations
  };
  for (int p = 0; p < 256; ++p) {
    auto protocol = static_cast<uint8_t>(p);
    if (protocol == kProtoIcmpv6) continue;  // IPv4 pairs
    bool axis = protocol == kProtoTcp || protocol == kProtoUdp || protocol == kProtoIcmp;
    if (!axis) {
      if (accepted(protocol, 0)) out = out.Union(ServiceSet::Protocol(protocol));
      continue;
    }
    for (uint32_t s = 0; s <= 65535; ++s)
      if (accepted(protocol, static_cast<uint16_t>(s))) out = out.Union(ServiceSet::Services(protocol, PortRange::Single(uint16_t(s))));
  }
  return out;
}

// The classes of evenly spread subnets (in order of their first class), at least `count` of them.
std::vector<EndpointClass> SampleBySubnet(const std::vector<EndpointClass>& classes, int count) {
  std::map<std::string, std::vector<size_t>> by_subnet;  // subnet id -> classes
  for (size_t k = 0; k < classes.size(); ++k)
    by_subnet[classes[k].members.empty() ? std::string() : classes[k].members.front()->subnet_id].push_back(k);
  std::vector<const std::vector<size_t>*> subnets;
  for (auto& [id, members] : by_subnet) subnets.push_back(&members);
  double per_subnet = static_cast<double>(classes.size()) / subnets.size();
  size_t wanted = std::min(subnets.size(), static_cast<size_t>(std::ceil(count / per_subnet)));
  std::vector<size_t> picked;
  for (size_t k = 0; k < wanted && static_cast<int>(picked.size()) < count; ++k)
    for (size_t c : *subnets[k * subnets.size() / wanted]) picked.push_back(c);
  std::sort(picked.begin(), picked.end());
  std::vector<EndpointClass> sample;
  for (size_t c : picked) sample.push_back(classes[c]);
  return sample;
}

// All pairs of the IPv6 interface classes (their own compiled paths, on the IPv6 axis): `count`
// spread sources against every IPv6 destination, timed and extrapolated to all sources.
void MeasureIpv6(const Network& network, int count) {
  std::vector<EndpointClass> classes;
  for (EndpointClass& c : SelectEndpoints(network, "::/0", EndpointFamilies::kIpv4AndIpv6).classes)
    if (c.kind == EndpointClass::Kind::kInterfaces) classes.push_back(std::move(c));
  if (classes.empty() || count <= 0) return;
  std::vector<EndpointClass> sources;
  size_t wanted = std::min(classes.size(), static_cast<size_t>(count));
  for (size_t k = 0; k < wanted; ++k) sources.push_back(classes[k * classes.size() / wanted]);
  double cpu0 = ProcessCpuSeconds();
  auto start = std::chrono::steady_clock::now();
  std::atomic<uint64_t> pairs = 0;
  ReachRows rows = ReachAllRows(network, sources, classes, ReachQuery{}, [&](size_t, const std::vector<uint32_t>& row) {
    for (uint32_t id : row) pairs += id != ReachMatrix::kNoPair;
  });
  double share = static_cast<double>(sources.size()) / classes.size();
  double wall = SecondsSince(start) / share, cpu = (ProcessCpuSeconds() - cpu0) / share;
  std::printf("    IPv6: %zu interface classes; %zu sources x all: %llu pairs, %zu distinct sets, %zu left to per-pair "
              "traces; %s%.2f s wall, %.2f s CPU for all pairs\n", classes.size(), sources.size(),
              static_cast<unsigned long long>(pairs.load()), rows.sets.size(), rows.stats.general_pairs,
              share < 1 ? "extrapolated " : "", wall, cpu);
}

void RunSize(const SizeSpec& size, const Options& options, std::vector<std::string>& table) {
  Network network = LoadSnapshot(EnsureSnapshot(size, options.snapshots.seed, options.snapshots.cache));
  ResetPeakRss();
  uint64_t rss_before = ProcStatusKb("VmRSS");
  std::printf("%s: %zu interfaces; Reach(all -> all) ...\n", size.name.c_str(), network.network_interfaces.size());
  std::fflush(stdout);
  double cpu0 = ProcessCpuSeconds();
  auto start = std::chrono::steady_clock::now();
  std::vector<EndpointClass> classes = SelectEndpoints(network, "all", EndpointFamilies::kIpv4).classes, sources = classes;
  double select_wall = SecondsSince(start), select_cpu = ProcessCpuSeconds() - cpu0;  // once, whatever the sample
  // Past --max-sources, every source class of evenly spread subnets against every destination:
  // whole subnets, since the sources of one subnet are answered together (AllowedRows).
  if (static_cast<int>(sources.size()) > options.max_sources) sources = SampleBySubnet(classes, options.max_sources);
  double share = static_cast<double>(sources.size()) / classes.size();
  // The rows stream by (ReachAllRows): pairs and sets are counted, and only the rows of a few
  // spread sources are kept for the peers, so memory is what the computation itself holds.
  std::vector<size_t> kept_of(sources.size(), SIZE_MAX);  // source -> its kept row
  size_t kept_rows = std::min<size_t>(sources.size(), 64);
  for (size_t k = 0; k < kept_rows; ++k) kept_of[k * sources.size() / kept_rows] = k;
  ReachMatrix matrix;
  matrix.destinations = classes;
  matrix.cells.assign(kept_rows * classes.size(), ReachMatrix::kNoPair);
  for (size_t i = 0; i < sources.size(); ++i)
    if (kept_of[i] != SIZE_MAX) matrix.sources.push_back(sources[i]);
  std::mutex mutex;
  std::map<std::thread::id, std::vector<uint64_t>> tallies;  // per worker: pairs by distinct set
  ReachQuery query;
  ReachRows rows = ReachAllRows(network, sources, classes, query, [&](size_t i, const std::vector<uint32_t>& row) {
    if (kept_of[i] != SIZE_MAX) std::copy(row.begin(), row.end(), matrix.cells.begin() + kept_of[i] * classes.size());
    std::vector<uint64_t>* tally;
    {
      std::lock_guard<std::mutex> lock(mutex);
      tally = &tallies[std::this_thread::get_id()];
    }
    for (uint32_t id : row)
      if (id != ReachMatrix::kNoPair) {
        if (id >= tally->size()) tally->resize(id + 1, 0);
        ++(*tally)[id];
      }
  });
  double wall = SecondsSince(start) / share, cpu = (ProcessCpuSeconds() - cpu0) / share;
  uint64_t peak_mb = (ProcStatusKb("VmHWM") - rss_before) / 1024;
  matrix.sets = std::move(rows.sets), matrix.stats = rows.stats;
  uint64_t open = 0, computed = 0;
  for (auto& [thread, tally] : tallies)
    for (size_t id = 0; id < tally.size(); ++id) computed += tally[id], open += matrix.sets[id].empty() ? 0 : tally[id];
  std::vector<MatrixPair> pairs = PairsOf(matrix);
  size_t all_pairs = static_cast<size_t>(computed / share);
  std::printf("    %zu classes, %llu pairs computed (%llu with traffic) of %zu, %zu distinct sets; %s%.2f s wall, %.2f s "
              "CPU for all pairs, %.2f us/pair, +%llu MB peak (rows streamed, %zu kept for the peers)\n",
              classes.size(), static_cast<unsigned long long>(computed), static_cast<unsigned long long>(open), all_pairs,
              matrix.sets.size(), share < 1 ? "extrapolated " : "", wall, cpu, wall * 1e6 / std::max<size_t>(1, all_pairs),
              static_cast<unsigned long long>(peak_mb), kept_rows);
  // Skeletons are traced once per pair of path keys, so a sample of sources pays for its own keys
  // only: the setup extrapolates by the keys of all sources. Tables are built once per worker
  // and kept, so they are not extrapolated by sources either: at most every group set and ACL
  // table per worker, at the sample's cost per table. The rows grow with the sources.
  if (share < 1) {
    const ReachMatrix::Stats& st = matrix.stats;
    size_t all_keys = CompiledPaths(network, classes, {classes.front()}).source_keys.size();
    double keys_share = static_cast<double>(std::max<size_t>(1, st.source_keys)) / all_keys;
    double fixed_cpu = select_cpu + st.paths_cpu_seconds - st.trace_cpu_seconds;  // classes, sides, keys
    double fixed_wall = select_wall + st.paths_seconds - st.trace_seconds;
    double traces_cpu = st.trace_cpu_seconds / keys_share, traces_wall = st.trace_seconds / keys_share;
    double tables_cpu = st.table_cpu_seconds / std::max<size_t>(1, st.tables_built) * st.tables_possible * st.workers;
    double rows_cpu = (cpu * share - select_cpu - st.paths_cpu_seconds - st.table_cpu_seconds) / share;
    double pairs_wall = (wall * share - select_wall - st.paths_seconds) / share;
    double total_cpu = fixed_cpu + traces_cpu + tables_cpu + rows_cpu;
    std::printf("    by parts (CPU): classes, sides and keys %.1f s; skeletons %.1f s for %zu of %zu source keys (all: "
                "~%.0f s); tables %.1f s for %zu (a full run: at most %zu per worker, ~%.0f s); rows ~%.0f s for all "
                "sources: ~%.0f s CPU in all, ~%.0f s wall on %zu idle cores (classes, sides and keys on one)\n", fixed_cpu, st.trace_cpu_seconds,
                st.source_keys, all_keys, traces_cpu, st.table_cpu_seconds, st.tables_built, st.tables_possible,
                tables_cpu, rows_cpu, total_cpu, fixed_cpu + (total_cpu - fixed_cpu) / std::max<size_t>(1, st.workers),
                st.workers);
    std::printf("    by parts (wall, as measured): classes, sides and keys %.1f s, skeletons %.1f s (all: ~%.0f s), pairs "
                "~%.0f s for all sources\n", fixed_wall, st.trace_seconds, traces_wall, pairs_wall);
  }
  std::printf("    %zu skeletons for %zu x %zu path keys from %zu traces (%.2f s); %zu pairs left to per-pair traces\n",
              matrix.stats.skeletons, matrix.stats.source_keys, matrix.stats.destination_keys,
              matrix.stats.skeleton_traces, matrix.stats.paths_seconds, matrix.stats.general_pairs);
  MeasureIpv6(network, options.ipv6_sources);
  std::fflush(stdout);  // the peers below take long on L
  BddComparison bdd = CompareWithBdd(network, matrix, pairs, options.bdd_pairs);
  double bdd_per_pair = bdd.seconds / std::max(1, bdd.compared);
  std::printf("    BDD oracle: %.1f us/pair over %d pairs, %d covered, agree %d/%d\n", bdd_per_pair * 1e6, bdd.compared,
              bdd.covered, bdd.agree, bdd.covered);
  std::mt19937 rng(static_cast<uint32_t>(options.snapshots.seed));
  int agree = 0, compared = 0;
  double brute_total = 0;
  for (int k = 0; k < options.pairs && !pairs.empty(); ++k) {
    // Prefer pairs with traffic: the interesting answers.
    const MatrixPair* pair = &pairs[rng() % pairs.size()];
    for (int tries = 0; tries < 50 && pair->allowed->empty(); ++tries) pair = &pairs[rng() % pairs.size()];
    const std::string& from = matrix.sources[pair->from].trace_text;
    const std::string& to = DestinationOf(matrix, *pair)->id;
    auto t = std::chrono::steady_clock::now();
    ServiceSet brute = BruteForce(network, from, to);
    brute_total += SecondsSince(t);
    ++compared;
    if (brute == *pair->allowed) ++agree;
    else std::printf("    DISAGREE %s -> %s: reach %s; brute force %s\n", from.c_str(), to.c_str(),
                     pair->allowed->ToString().c_str(), brute.ToString().c_str());
  }
  double brute_per_pair = compared ? brute_total / compared : 0, reach_per_pair = wall / std::max<size_t>(1, all_pairs);
  std::printf("    brute force: %.3f s/pair over %d sampled pairs, agree %d/%d\n", brute_per_pair, compared, agree, compared);
  char row[300];
  std::snprintf(row, sizeof row, "%-4s %8zu %11zu %9zu %10.1f%s %9.1f %12.1f %14.0f %9.0fx %6d/%d %11.1f %8.2fx %7d/%d",
                size.name.c_str(), classes.size(), all_pairs, matrix.sets.size(), wall, share < 1 ? "*" : " ", cpu,
                reach_per_pair * 1e6, brute_per_pair * 1e6, brute_per_pair / reach_per_pair, agree, compared,
                bdd_per_pair * 1e6, bdd_per_pair / reach_per_pair, bdd.agree, bdd.covered);
  table.push_back(row);
  if (agree != compared || bdd.agree != bdd.covered) std::exit(1);
}

}  // namespace
}  // namespace sgscope::bench

int main(int argc, char** argv) {
  using namespace sgscope::bench;
  Options options;
  CLI::App app{"All-pairs Reach against tracing every service of sampled pairs, and their agreement"};
  options.snapshots.AddTo(app);
  app.add_option("--pairs", options.pairs, "sampled pairs traced service by service");
  app.add_option("--max-sources", options.max_sources, "source classes computed; beyond, times are extrapolated (*)");
  app.add_option("--bdd-pairs", options.bdd_pairs, "computed pairs also answered by the BDD oracle");
  app.add_option("--ipv6-sources", options.ipv6_sources, "IPv6 source classes computed (0: none); beyond, extrapolated");
  CLI11_PARSE(app, argc, argv);
  PrintEnvironment("bench_reach");
  std::vector<std::string> table;
  for (const SizeSpec& size : options.snapshots.Selected()) RunSize(size, options, table);
  std::printf("\nsize  classes       pairs  distinct   wall (s)    CPU (s)  reach us/pair  brute us/pair  brute/reach  agree"
              "  bdd us/pair  bdd/reach  bdd agree\n");
  bool extrapolated = false;
  for (auto& row : table) std::printf("%s\n", row.c_str()), extrapolated |= row.find('*') != std::string::npos;
  if (extrapolated) std::printf("* extrapolated from --max-sources source classes against all destinations\n");
  return 0;
}
