// bench_reach: all-pairs reachability (design.md §6: class × class, exact port sets) on the
// generated snapshots — Reach(all -> all) wall and CPU time, classes, pairs, distinct sets and
// peak memory — next to two peers: the brute force, every (protocol, port or ICMP type/code) of
// a sampled pair traced one by one (about 197,000 flows a pair), and the independent BDD oracle
// (bdd_reach.h, BuDDy) on the computed pairs it covers. Both must equal Reach's answers.

#include <cstdio>
#include <random>
#include <unordered_set>

#include <CLI/CLI.hpp>

#include "bdd_reach.h"
#include "bench_common.h"
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
};

struct BddComparison {
  int compared = 0, covered = 0, agree = 0;
  double seconds = 0;
};

// The oracle on the first `limit` pairs of `answer`: time per pair and agreement where it covers.
BddComparison CompareWithBdd(const Network& network, const ReachAnswer& answer, int limit) {
  BddComparison c;
  BddReachability oracle(network);
  auto start = std::chrono::steady_clock::now();
  for (const ReachPair& pair : answer.pairs) {
    if (c.compared == limit) break;
    const EndpointClass &from = answer.sources[pair.from], &to = answer.destinations[pair.to];
    const NetworkInterface* dst = to.members.front() == from.members.front() ? to.members[1] : to.members.front();
    BddReachability::Result r = oracle.Allowed(*from.members.front(), *dst);
    ++c.compared;
    if (!r.covered) continue;
    ++c.covered;
    std::vector<ServiceInterval> mine;
    for (const ServiceRun& run : pair.allowed.Runs()) mine.push_back({run.protocol, run.lo, run.hi});
    c.agree += mine == r.allowed;
  }
  c.seconds = SecondsSince(start);
  return c;
}

struct ServiceSetHash {
  size_t operator()(const ServiceSet& s) const { return s.Hash(); }
};

// The pair's answer the slow way: one verdict-only trace per service, runs of accepted ones.
ServiceSet BruteForce(const Network& n, const std::string& from, const std::string& to) {
  ServiceSet out;
  auto accepted = [&](uint8_t protocol, uint16_t service) {
    TraceQuery q;
    q.from = from, q.to = to, q.protocol = protocol, q.explain = false;
    if (protocol == kProtoIcmp) q.icmp_type = static_cast<uint8_t>(service >> 8), q.icmp_code = static_cast<uint8_t>(service);
    else q.dst_port = service;
    TraceOutcome r = Trace(n, q);
    return r.result && r.result->accepted();
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

void RunSize(const SizeSpec& size, const Options& options, std::vector<std::string>& table) {
  Network network = LoadSnapshot(EnsureSnapshot(size, options.snapshots.seed, options.snapshots.cache));
  ResetPeakRss();
  uint64_t rss_before = ProcStatusKb("VmRSS");
  ReachQuery query;
  query.explain = false;
  std::printf("%s: %zu interfaces; Reach(all -> all) ...\n", size.name.c_str(), network.network_interfaces.size());
  std::fflush(stdout);
  double cpu0 = ProcessCpuSeconds();
  auto start = std::chrono::steady_clock::now();
  std::vector<EndpointClass> classes = SelectEndpoints(network, "all").classes, sources = classes;
  // Past --max-sources, an evenly spread sample of source classes against every destination.
  if (static_cast<int>(sources.size()) > options.max_sources) {
    std::vector<EndpointClass> sample;
    for (int k = 0; k < options.max_sources; ++k) sample.push_back(classes[k * classes.size() / options.max_sources]);
    sources = std::move(sample);
  }
  double share = static_cast<double>(sources.size()) / classes.size();
  ReachAnswer answer = ReachBetween(network, sources, classes, query);
  double wall = SecondsSince(start) / share, cpu = (ProcessCpuSeconds() - cpu0) / share;
  std::unordered_set<ServiceSet, ServiceSetHash> distinct;
  size_t open = 0;
  for (auto& p : answer.pairs) distinct.insert(p.allowed), open += !p.allowed.empty();
  uint64_t peak_mb = (ProcStatusKb("VmHWM") - rss_before) / 1024;
  size_t all_pairs = static_cast<size_t>(answer.pairs.size() / share);
  std::printf("    %zu classes, %zu pairs computed (%zu with traffic) of %zu, %zu distinct sets; %s%.2f s wall, %.2f s "
              "CPU for all pairs, %.1f us/pair, +%llu MB peak\n", classes.size(), answer.pairs.size(), open, all_pairs,
              distinct.size(), share < 1 ? "extrapolated " : "", wall, cpu, wall * 1e6 / std::max<size_t>(1, all_pairs),
              static_cast<unsigned long long>(peak_mb));
  BddComparison bdd = CompareWithBdd(network, answer, options.bdd_pairs);
  double bdd_per_pair = bdd.seconds / std::max(1, bdd.compared);
  std::printf("    BDD oracle: %.1f us/pair over %d pairs, %d covered, agree %d/%d\n", bdd_per_pair * 1e6, bdd.compared,
              bdd.covered, bdd.agree, bdd.covered);
  std::mt19937 rng(static_cast<uint32_t>(options.snapshots.seed));
  int agree = 0, compared = 0;
  double brute_total = 0;
  for (int k = 0; k < options.pairs && !answer.pairs.empty(); ++k) {
    // Prefer pairs with traffic: the interesting answers.
    const ReachPair* pair = &answer.pairs[rng() % answer.pairs.size()];
    for (int tries = 0; tries < 50 && pair->allowed.empty(); ++tries) pair = &answer.pairs[rng() % answer.pairs.size()];
    const EndpointClass &from = answer.sources[pair->from], &to = answer.destinations[pair->to];
    std::string to_text = to.trace_text == from.trace_text ? to.members[1]->id : to.trace_text;
    auto t = std::chrono::steady_clock::now();
    ServiceSet brute = BruteForce(network, from.trace_text, to_text);
    brute_total += SecondsSince(t);
    ++compared;
    if (brute == pair->allowed) ++agree;
    else std::printf("    DISAGREE %s -> %s: reach %s; brute force %s\n", from.trace_text.c_str(), to_text.c_str(),
                     pair->allowed.ToString().c_str(), brute.ToString().c_str());
  }
  double brute_per_pair = compared ? brute_total / compared : 0, reach_per_pair = wall / std::max<size_t>(1, all_pairs);
  std::printf("    brute force: %.3f s/pair over %d sampled pairs, agree %d/%d\n", brute_per_pair, compared, agree, compared);
  char row[300];
  std::snprintf(row, sizeof row, "%-4s %8zu %11zu %9zu %10.1f%s %9.1f %12.1f %14.0f %9.0fx %6d/%d %11.1f %8.2fx %7d/%d",
                size.name.c_str(), classes.size(), all_pairs, distinct.size(), wall, share < 1 ? "*" : " ", cpu,
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
  CLI11_PARSE(app, argc, argv);
  PrintEnvironment("bench_reach");
  std::vector<std::string> table;
  for (const SizeSpec& size : options.snapshots.Selected()) RunSize(size, options, table);
  std::printf("\nsize  classes       pairs  distinct   wall (s)    CPU (s)  reach us/pair  brute us/pair  brute/reach  agree"
              "  bdd us/pair  bdd/reach  bdd agree\n");
  for (auto& row : table) std::printf("%s\n", row.c_str());
  std::printf("* extrapolated from --max-sources source classes against all destinations\n");
  return 0;
}
