// bench_trace: what Trace() costs per flow (single thread, ns/flow, best of N passes over
// deterministically sampled flows) on the generated S and M snapshots, next to a
// brute-force evaluator that scans the whole model for every decision (design.md §6's
// "linear scan of all rules" peer); and a check that both reach the same forward verdict
// with the same security-group, network-ACL and route decisions, hop by hop.

#include <cstdio>
#include <map>

#include <CLI/CLI.hpp>

#include "bench_common.h"
#include "brute_force_evaluator.h"
#include "flow_sampler.h"
#include "ingest/snapshot_loader.h"

namespace sgscope::bench {
namespace {

// Trace's answer in the brute force's terms: the forward verdict and the decisions on it.
struct TraceView {
  std::string error;  // Trace rejected the query
  std::string disposition;
  std::vector<CheckedHop> hops;
};

// A response-leg code means the forward leg got through: ACCEPTED when it ended by
// delivering to an interface, else it left the network.
std::string ForwardDisposition(const TraceResult& r) {
  std::string code = DispositionName(r.disposition);
  if (r.disposition != Disposition::kDeniedReturnNacl && r.disposition != Disposition::kNoReturnRoute) return code;
  return !r.forward.empty() && r.forward.back().action == "deliver" ? "ACCEPTED" : "EXITS_NETWORK";
}

TraceView ViewOf(const TraceOutcome& outcome) {
  if (!outcome.result) return {outcome.error.empty() ? "no result" : outcome.error, "", {}};
  TraceView view{"", ForwardDisposition(*outcome.result), {}};
  for (auto& hop : outcome.result->forward) {
    if (hop.kind == "security-group") view.hops.push_back({hop.kind, "", hop.direction, hop.action, ""});
    if (hop.kind == "network-acl") view.hops.push_back({hop.kind, hop.component, hop.direction, hop.action, ""});
    if (hop.kind == "route-table")
      view.hops.push_back({hop.kind, hop.component, "", hop.action, hop.rules.empty() ? "" : hop.rules[0].description});
  }
  return view;
}

std::string HopsText(const std::vector<CheckedHop>& hops) {
  std::string text;
  for (auto& hop : hops) text += "\n        " + hop.ToString();
  return text;
}

// Best of `runs` passes of `evaluate` over `flows`, in nanoseconds per flow.
template <typename Evaluate>
double BestNsPerFlow(int runs, const std::vector<const SampledFlow*>& flows, Evaluate evaluate) {
  double best = 1e300;
  size_t sink = 0;
  for (int run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    for (const SampledFlow* flow : flows) sink += evaluate(flow->query);
    best = std::min(best, SecondsSince(start) * 1e9 / std::max<size_t>(1, flows.size()));
  }
  [[maybe_unused]] static volatile size_t keep;
  keep = sink;
  return best;
}

size_t RunTrace(const Network& network, const TraceQuery& query) {
  TraceOutcome outcome = Trace(network, query);
  return outcome.result ? outcome.result->forward.size() : 1;
}

TraceQuery VerdictOnly(TraceQuery query) {
  query.explain = false;
  return query;
}

// The verdict-only trace (no hop texts) must reach the same disposition as the explained one.
size_t RunVerdict(const Network& network, const TraceQuery& query) {
  TraceOutcome outcome = Trace(network, VerdictOnly(query));
  return outcome.result ? static_cast<size_t>(outcome.result->disposition) : 1;
}

// How the two evaluators compared over all flows.
struct Agreement {
  int compared = 0, agree = 0, disposition_differs = 0, hops_differ = 0, uncovered = 0, trace_errors = 0;
  int verdict_only_differs = 0;
  std::map<std::string, int> dispositions;  // Trace's forward verdicts, for the reader
  std::vector<std::string> examples;        // the first disagreements, in full
};

void Compare(const Network& network, const SampledFlow& flow, int show, Agreement& a) {
  TraceOutcome explained = Trace(network, flow.query), verdict = Trace(network, VerdictOnly(flow.query));
  if (explained.result && verdict.result && explained.result->disposition != verdict.result->disposition)
    ++a.verdict_only_differs;
  TraceView trace = ViewOf(explained);
  BruteForceVerdict brute = EvaluateByBruteForce(network, flow.query);
  if (!trace.error.empty()) return void(++a.trace_errors);
  ++a.dispositions[trace.disposition];
  if (!brute.covered) return void(++a.uncovered);
  ++a.compared;
  bool same_disposition = trace.disposition == brute.disposition;
  if (same_disposition && trace.hops == brute.hops) return void(++a.agree);
  ++(same_disposition ? a.hops_differ : a.disposition_differs);
  if (static_cast<int>(a.examples.size()) >= show) return;
  const TraceQuery& q = flow.query;
  a.examples.push_back("  " + flow.kind + " " + q.from + " -> " + q.to + " " + ProtocolName(q.protocol) + " " +
                       std::to_string(q.protocol == kProtoIcmp || q.protocol == kProtoIcmpv6 ? q.icmp_type : q.dst_port) +
                       "\n      trace " + trace.disposition + ":" + HopsText(trace.hops) + "\n      brute " +
                       brute.disposition + ":" + HopsText(brute.hops));
}

struct Options {
  SnapshotOptions snapshots;
  int flows = 5000;
  int runs = 5;
  int brute_runs = 1;
  int show = 5;
  bool check = true;
};

std::vector<const SampledFlow*> All(const std::vector<SampledFlow>& flows, const std::string& kind = "") {
  std::vector<const SampledFlow*> subset;
  for (auto& f : flows)
    if (kind.empty() || f.kind == kind) subset.push_back(&f);
  return subset;
}

void PrintByKind(const Network& network, const std::vector<SampledFlow>& flows, int runs) {
  std::printf("    Trace ns/flow by destination:");
  for (const char* kind : {"same-vpc", "other-vpc", "internet", "ipv6", "unheld-address"}) {
    auto subset = All(flows, kind);
    if (subset.empty()) continue;
    double ns = BestNsPerFlow(runs, subset, [&](const TraceQuery& q) { return RunTrace(network, q); });
    std::printf("  %s %.0f (%zu)", kind, ns, subset.size());
  }
  std::printf("\n");
}

void RunSize(const SizeSpec& size, const Options& options, std::vector<std::string>& table) {
  Network network = LoadSnapshot(EnsureSnapshot(size, options.snapshots.seed, options.snapshots.cache));
  std::vector<SampledFlow> flows = SampleFlows(network, options.snapshots.seed, options.flows);
  std::printf("%s: %zu interfaces, %zu flows; timing Trace (best of %d) and the brute force (best of %d) ...\n",
              size.name.c_str(), network.network_interfaces.size(), flows.size(), options.runs, options.brute_runs);
  std::fflush(stdout);
  auto all = All(flows);
  double trace_ns = BestNsPerFlow(options.runs, all, [&](const TraceQuery& q) { return RunTrace(network, q); });
  double verdict_ns = BestNsPerFlow(options.runs, all, [&](const TraceQuery& q) { return RunVerdict(network, q); });
  double brute_ns = BestNsPerFlow(options.brute_runs, all, [&](const TraceQuery& q) {
    return EvaluateByBruteForce(network, q).hops.size();
  });
  PrintByKind(network, flows, options.runs);
  Agreement a;
  if (options.check)
    for (auto& flow : flows) Compare(network, flow, options.show, a);
  std::printf("    Trace forward verdicts:");
  for (auto& [code, count] : a.dispositions) std::printf(" %s %d", code.c_str(), count);
  std::printf("\n    compared %d: agree %d, verdict differs %d, hops differ %d; not compared: %d outside the brute "
              "force's model, %d rejected by Trace; verdict-only trace differs from the explained one: %d\n",
              a.compared, a.agree, a.disposition_differs, a.hops_differ, a.uncovered, a.trace_errors,
              a.verdict_only_differs);
  for (auto& example : a.examples) std::printf("%s\n", example.c_str());
  char row[200];
  std::snprintf(row, sizeof row, "%-4s %6zu %14.0f %16.0f %14.0f %11.1fx %13.1fx %9d %9d", size.name.c_str(),
                flows.size(), trace_ns, verdict_ns, brute_ns, brute_ns / trace_ns, brute_ns / verdict_ns, a.compared,
                a.disposition_differs + a.hops_differ + a.verdict_only_differs);
  table.push_back(row);
}

}  // namespace
}  // namespace sgscope::bench

int main(int argc, char** argv) {
  using namespace sgscope::bench;
  Options options;
  CLI::App app{"Trace() cost per flow against a brute-force evaluator, and their agreement"};
  options.snapshots.AddTo(app);
  app.add_option("--flows", options.flows, "flows sampled per size");
  app.add_option("--runs", options.runs, "timed passes of Trace over the flows (best is reported)");
  app.add_option("--brute-runs", options.brute_runs, "timed passes of the brute force (best is reported)");
  app.add_option("--show", options.show, "disagreements printed in full per size");
  app.add_flag("!--no-check", options.check, "skip the agreement check (timing only)");
  CLI11_PARSE(app, argc, argv);

  PrintEnvironment("bench_trace: Trace() vs brute-force linear scan");
  std::vector<std::string> table;
  for (auto& size : options.snapshots.Selected()) RunSize(size, options, table);
  std::printf("\nsize  flows  trace ns/flow  verdict ns/flow  brute ns/flow  brute/trace  brute/verdict  compared  disagree\n");
  for (auto& row : table) std::printf("%s\n", row.c_str());
  return 0;
}
