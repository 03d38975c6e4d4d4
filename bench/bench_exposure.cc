// bench_exposure: what ComputeExposure costs on the generated snapshots (wall and CPU time,
// peak memory), next to its peer, the per-flow way: Trace() from internet hosts toward public
// addresses, timed on sampled flows and scaled to the flows it would take to cover every public
// address's TCP and UDP ports once. The sampled flows also check the sets: exposure must contain
// (interface address, protocol, port, source) exactly when the trace from that source is accepted.

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include <CLI/CLI.hpp>

#include "bench_common.h"
#include "engines/exposure.h"
#include "engines/trace.h"
#include "ingest/snapshot_loader.h"
#include "model/interface_owner.h"
#include "random.h"

namespace sgscope::bench {
namespace {

// One flow from the internet toward a public address, and what exposure says of it.
struct InboundFlow {
  TraceQuery query;
  bool exposed = false;
  std::vector<uint16_t> client_ports;  // TCP/UDP: source ports to try, see ClientPorts
};

// Exposure counts a flow when the response reaches *some* client port in 1024-65535, while a
// trace takes one source port (49152). The trace verdict changes with the source port only where
// an outbound entry of the subnet's ACL starts or ends, so trying the first port of every such
// piece above 1024 (and 1024) finds an accepted port whenever one exists.
std::vector<uint16_t> ClientPorts(const Network& n, const NetworkInterface& eni) {
  std::vector<uint16_t> ports{1024};
  const Subnet* subnet = n.SubnetOf(eni);
  const NetworkAcl* acl = subnet ? n.NetworkAclForSubnet(*subnet) : nullptr;
  for (auto& e : acl ? acl->egress : std::vector<NetworkAclEntry>{})
    for (uint32_t port : {uint32_t{e.ports.from}, e.ports.to + 1u})
      if (port >= 1024 && port <= 65535) ports.push_back(static_cast<uint16_t>(port));
  std::sort(ports.begin(), ports.end());
  ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
  return ports;
}

// Interfaces whose exposure trace can confirm: like exposure_test.cc, managed services whose
// inbound rules trace does not consult, and load balancers (listeners), are left out.
bool Comparable(const Network& n, const NetworkInterface& eni) {
  const ManagedService* service = ServiceOfInterface(n, eni);
  return !service || (service->inbound == InboundUse::kNeeded && service->id != "load-balancer");
}

// A random address of `set` (uniform over its prefixes, then within the prefix).
IpAddress AddressIn(Rng& rng, const AddressSet& set) {
  std::vector<IpPrefix> prefixes = set.ToPrefixes();
  const IpPrefix& p = prefixes[rng.Below(static_cast<uint32_t>(prefixes.size()))];
  uint128 random = (static_cast<uint128>(rng.Next()) << 64) | rng.Next();
  uint128 width = p.family() == IpFamily::kV4 ? uint128{0xFFFFFFFFu} : ~uint128{0};
  uint128 value = p.First().value() | (random & ~PrefixMask(p.family(), p.length()) & width);
  return p.family() == IpFamily::kV4 ? IpAddress::V4(static_cast<uint32_t>(value)) : IpAddress::V6(value);
}

// The (protocol, service point) of a query: ICMP's service axis is type*256+code.
uint16_t ServicePoint(const TraceQuery& q) {
  bool icmp = q.protocol == kProtoIcmp || q.protocol == kProtoIcmpv6;
  return icmp ? static_cast<uint16_t>(q.icmp_type << 8 | q.icmp_code) : q.dst_port;
}

// Half the flows are drawn inside the interface's exposure (a random cell, port and source of
// it), half anywhere (well-known or random ports, random internet sources), so both verdicts
// occur often. Echo requests only for ICMP: exposure judges ICMP by the echo reply.
class FlowDrawer {
 public:
  FlowDrawer(const Network& n, const ExposureReport& report, uint64_t seed) : n_(n), rng_(seed, "exposure-flows") {
    for (auto& e : report.exposed) exposed_[{e.eni, e.public_address}] = &e;
    for (auto& eni : n.network_interfaces)
      if (Comparable(n, eni))
        for (IpAddress a : PublicAddresses(eni)) targets_.push_back({&eni, a});
  }
  size_t targets() const { return targets_.size(); }

  InboundFlow Next() {
    auto [eni, target] = targets_[rng_.Below(static_cast<uint32_t>(targets_.size()))];
    auto it = exposed_.find({eni, target});
    const FlowSet* flows = it == exposed_.end() ? nullptr : &it->second->flows;
    TraceQuery q;
    q.to = target.ToString(), q.explain = false;
    if (flows && rng_.Chance(0.5)) DrawInside(*flows, target, q);
    else DrawAnywhere(target, q);
    bool exposed = flows && flows->At(q.protocol, ServicePoint(q)).Contains(*IpAddress::Parse(q.from));
    bool ports = q.protocol == kProtoTcp || q.protocol == kProtoUdp;
    return {q, exposed, ports ? ClientPorts(n_, *eni) : std::vector<uint16_t>{}};
  }

 private:
  void DrawInside(const FlowSet& flows, IpAddress target, TraceQuery& q) {
    std::vector<std::pair<uint8_t, const FlowSet::Cell*>> cells;
    for (uint8_t p : {kProtoTcp, kProtoUdp, target.is_v4() ? kProtoIcmp : kProtoIcmpv6})
      for (auto& c : flows.cells(p))
        if (p == kProtoTcp || p == kProtoUdp || (c.lo <= Echo(target) && Echo(target) <= c.hi))
          cells.push_back({p, &c});
    if (cells.empty()) return DrawAnywhere(target, q);
    auto [p, cell] = cells[rng_.Below(static_cast<uint32_t>(cells.size()))];
    q.protocol = p;
    if (p == kProtoTcp || p == kProtoUdp) q.dst_port = static_cast<uint16_t>(rng_.Between(cell->lo, cell->hi));
    else q.icmp_type = static_cast<uint8_t>(Echo(target) >> 8), q.icmp_code = 0;
    q.from = AddressIn(rng_, cell->addresses).ToString();
  }

  void DrawAnywhere(IpAddress target, TraceQuery& q) {
    static const uint16_t kPorts[] = {22, 80, 443, 3389, 5432, 8080, 53, 123};
    double r = rng_.Unit();
    q.protocol = r < 0.45 ? kProtoTcp : r < 0.8 ? kProtoUdp : target.is_v4() ? kProtoIcmp : kProtoIcmpv6;
    if (q.protocol == kProtoTcp || q.protocol == kProtoUdp)
      q.dst_port =
          rng_.Chance(0.6) ? kPorts[rng_.Below(std::size(kPorts))] : static_cast<uint16_t>(rng_.Between(1, 65535));
    else
      q.icmp_type = static_cast<uint8_t>(Echo(target) >> 8), q.icmp_code = 0;
    q.from = AddressIn(rng_, InternetSpace().Intersect(AddressSet::AllOf(target.family()))).ToString();
  }

  static uint16_t Echo(IpAddress target) { return target.is_v4() ? 8 << 8 : 128 << 8; }

  const Network& n_;
  Rng rng_;
  std::map<std::pair<const NetworkInterface*, IpAddress>, const InterfaceExposure*> exposed_;
  std::vector<std::pair<const NetworkInterface*, IpAddress>> targets_;
};

// ComputeExposure's figures for one snapshot.
struct ExposureFigures {
  double best_seconds = 1e300, cpu_seconds = 0;  // CPU time of the best run (more than wall: threads)
  double peak_mb = 0;                            // RSS high-water mark during the first run, above the RSS before
  size_t exposed = 0, explained = 0, cells = 0;
};

ExposureFigures MeasureExposure(const Network& network, int runs, ExposureReport& report) {
  ExposureFigures figures;
  for (int run = 0; run < runs; ++run) {
    report = {};
    malloc_trim(0);
    uint64_t before_kb = ProcStatusKb("VmRSS");
    ResetPeakRss();
    double cpu_start = ProcessCpuSeconds();
    auto start = std::chrono::steady_clock::now();
    report = ComputeExposure(network);
    double seconds = SecondsSince(start);
    if (seconds < figures.best_seconds)
      figures.best_seconds = seconds, figures.cpu_seconds = ProcessCpuSeconds() - cpu_start;
    if (run == 0) figures.peak_mb = (ProcStatusKb("VmHWM") - before_kb) / 1024.0;
  }
  figures.exposed = report.exposed.size(), figures.explained = report.explained.size();
  for (auto& e : report.exposed)
    for (int p = 0; p < 256; ++p) figures.cells += e.flows.cells(static_cast<uint8_t>(p)).size();
  return figures;
}

// The peer: best of `runs` passes of Trace over the flows, in seconds per flow; and how many of
// them trace accepts and agree with exposure.
struct PeerFigures {
  double seconds_per_flow = 1e300;
  int accepted = 0, agree = 0;
  std::vector<std::string> disagreements;
};

PeerFigures MeasurePeer(const Network& network, const std::vector<InboundFlow>& flows, int runs) {
  PeerFigures peer;
  for (int run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    size_t sink = 0;
    for (auto& flow : flows) sink += Trace(network, flow.query).result.has_value();
    peer.seconds_per_flow = std::min(peer.seconds_per_flow, SecondsSince(start) / std::max<size_t>(1, flows.size()));
    [[maybe_unused]] static volatile size_t keep;
    keep = sink;
  }
  return peer;
}

// The trace verdict of a flow from some client port (see ClientPorts); "" when accepted.
std::string TraceRefusal(const Network& network, const InboundFlow& flow) {
  TraceOutcome outcome = Trace(network, flow.query);
  for (uint16_t port : flow.client_ports) {
    if (outcome.result && outcome.result->accepted()) break;
    TraceQuery q = flow.query;
    q.src_port = port;
    outcome = Trace(network, q);
  }
  if (!outcome.result) return outcome.error;
  return outcome.result->accepted() ? "" : DispositionName(outcome.result->disposition);
}

void Check(const Network& network, const std::vector<InboundFlow>& flows, PeerFigures& peer) {
  for (auto& flow : flows) {
    std::string refusal = TraceRefusal(network, flow);
    bool accepted = refusal.empty();
    peer.accepted += accepted, peer.agree += accepted == flow.exposed;
    if (accepted != flow.exposed)
      peer.disagreements.push_back(flow.query.from + " -> " + flow.query.to + " " + ProtocolName(flow.query.protocol) +
                                   " " + std::to_string(ServicePoint(flow.query)) + ": exposure " +
                                   (flow.exposed ? "yes" : "no") + ", trace " + (accepted ? "ACCEPTED" : refusal));
  }
}

struct Options {
  SnapshotOptions snapshots;
  int runs = 3;
  int flows = 5000;
  int peer_runs = 3;
  int show = 5;
};

// Returns the number of disagreements.
size_t RunSize(const SizeSpec& size, const Options& options, std::vector<std::string>& table) {
  auto dir = EnsureSnapshot(size, options.snapshots.seed, options.snapshots.cache);
  auto load_start = std::chrono::steady_clock::now();
  Network network = LoadSnapshot(dir);
  double load_seconds = SecondsSince(load_start);
  std::printf("%s: loaded %zu interfaces in %.3f s; ComputeExposure best of %d ...\n", size.name.c_str(),
              network.network_interfaces.size(), load_seconds, options.runs);
  std::fflush(stdout);
  ExposureReport report;
  ExposureFigures exposure = MeasureExposure(network, options.runs, report);
  FlowDrawer drawer(network, report, options.snapshots.seed);
  std::vector<InboundFlow> flows;
  for (int i = 0; drawer.targets() && i < options.flows; ++i) flows.push_back(drawer.Next());
  int in_set = 0;
  for (auto& f : flows) in_set += f.exposed;
  std::printf("%s: %zu exposed addresses (%zu flow-set cells), %zu open but not exposed; tracing %zu sampled "
              "inbound flows toward %zu public addresses (%d inside the exposure), best of %d ...\n",
              size.name.c_str(), exposure.exposed, exposure.cells, exposure.explained, flows.size(), drawer.targets(),
              in_set, options.peer_runs);
  std::fflush(stdout);
  PeerFigures peer = MeasurePeer(network, flows, options.peer_runs);
  Check(network, flows, peer);
  std::printf("%s: agreement: %d of %zu sampled flows (trace accepts %d)\n", size.name.c_str(), peer.agree,
              flows.size(), peer.accepted);
  for (size_t i = 0; i < peer.disagreements.size() && static_cast<int>(i) < options.show; ++i)
    std::printf("    DISAGREE %s\n", peer.disagreements[i].c_str());
  // One trace per port of TCP and UDP per public address: a lower bound on the per-flow way,
  // which would also have to vary the source address.
  double brute_seconds = peer.seconds_per_flow * static_cast<double>(drawer.targets()) * 2 * 65536;
  char row[256];
  std::snprintf(row, sizeof row, "%-4s %7.3f %9.3f %7.3f %8.0f %8zu %9zu %10.2f %10.0f %11.0fx %6d/%-6zu",
                size.name.c_str(), load_seconds, exposure.best_seconds, exposure.cpu_seconds, exposure.peak_mb,
                exposure.exposed, drawer.targets(), peer.seconds_per_flow * 1e6, brute_seconds,
                brute_seconds / exposure.best_seconds, peer.agree, flows.size());
  table.push_back(row);
  return peer.disagreements.size();
}

}  // namespace
}  // namespace sgscope::bench

int main(int argc, char** argv) {
  using namespace sgscope::bench;
  Options options;
  CLI::App app{"ComputeExposure against per-flow Trace from the internet, and their agreement"};
  options.snapshots.AddTo(app);
  app.add_option("--runs", options.runs, "ComputeExposure runs per size (best is reported)");
  app.add_option("--flows", options.flows, "inbound flows sampled per size for the peer and the check");
  app.add_option("--peer-runs", options.peer_runs, "timed passes of Trace over the flows (best is reported)");
  app.add_option("--show", options.show, "disagreements printed in full per size");
  CLI11_PARSE(app, argc, argv);

  PrintEnvironment("bench_exposure: ComputeExposure vs per-flow Trace from the internet");
  std::vector<std::string> table;
  size_t disagreements = 0;
  for (auto& size : options.snapshots.Selected()) disagreements += RunSize(size, options, table);
  std::printf(
      "\nsize  load s  exposure s   CPU s  peak MB  exposed  publics  trace us/flow  brute s  brute/exposure  agree\n");
  for (auto& row : table) std::printf("%s\n", row.c_str());
  return disagreements == 0 ? 0 : 1;
}
