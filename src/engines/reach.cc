// Exact reachability between endpoint classes. Routes depend on addresses only, so for each
// protocol class (TCP, UDP, ICMP, the rest) one representative packet is traced and the filters
// it met are recorded; each filter is then evaluated for every service at once (filter_services)
// and the sets intersected. Responses are judged by mapping each forward service to its response
// (TCP/UDP: the client port; ICMP: the reply type). Where a decision outside the filters depends
// on the port (load balancer listeners, VPN tunnels), the axis is cut at those ports and each
// piece is traced on its own. Every step is Trace's own, so the sets agree with it flow by flow.

#include "engines/reach.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "engines/compiled_reach.h"
#include "engines/filter_services.h"
#include "engines/trace.h"

namespace sgscope {

namespace {

// The services a pair of `family` can carry among those asked for.
ServiceSet Examined(const ServiceSet& services, IpFamily family) {
  ServiceSet out;
  for (const ProtocolClass& pc : ProtocolClasses(family)) out = out.Union(pc.universe.Intersect(services));
  return out;
}

ReachBlocker BlockerOf(const FilterStep& step, ServiceSet denies) {
  if (step.kind == FilterStep::Kind::kNetworkAcl)
    return {step.acl->id, "network-acl", DirectionName(step.direction), step.response, step.subnet->id, "", denies};
  return {fmt::format("{}", fmt::join(step.eni->group_ids, ",")), "security-group", DirectionName(step.direction), step.response, step.eni->id,
          "", denies};
}

using Key = ServiceSet::Key;

struct ServiceSetHash {
  size_t operator()(const ServiceSet& s) const { return s.Hash(); }
};

// Where a packet lies on the service axis.
Key KeyOf(const Packet& p) {
  if (p.has_ports()) return ServiceSet::KeyOf(p.protocol, p.dst_port);
  if (p.is_icmp()) return ServiceSet::KeyOf(p.protocol, static_cast<uint16_t>(p.icmp_type << 8 | p.icmp_code));
  return ServiceSet::KeyOf(p.protocol, 0);
}

// Accumulates one pair's answer over protocol classes and pieces of the service axis.
class PairEvaluator {
 public:
  // `from` and `to` are how Trace names the two ends; `to_internet`: the destination is an internet block.
  PairEvaluator(const Network& n, const ReachQuery& q, std::string from, std::string to, const EndpointClass& destination)
      : n_(n), query_(q), from_text_(std::move(from)), to_text_(std::move(to)), destination_(destination),
        to_internet_(destination.kind == EndpointClass::Kind::kInternet) {}

  ReachPair Run() {
    pair_.examined = Examined(query_.services, destination_.family);
    // One trace serves every protocol when nothing on its path looked at the protocol or port.
    FilterPath tcp;
    if (TracePath(kProtoTcp, 0, 0, tcp) && !tcp.protocol_dependent && !tcp.service_dependent) {
      Evaluate(tcp, pair_.examined, kProtoTcp, 0, 0);
      Finish();
      return std::move(pair_);
    }
    for (const ProtocolClass& pc : ProtocolClasses(destination_.family)) {
      ServiceSet universe = pc.universe.Intersect(query_.services);
      if (universe.empty()) continue;
      FilterPath path;
      if (!TracePath(pc.protocol, 0, pc.icmp_type, path)) continue;
      // Listeners and VPN tunnels look at TCP and UDP ports only; for ICMP and the other
      // protocols they decide the same whatever the type, so one trace serves the class.
      if (path.service_dependent && (pc.protocol == kProtoTcp || pc.protocol == kProtoUdp)) PerPiece(pc, universe);
      else Evaluate(path, universe, pc.protocol, 0, pc.icmp_type);
    }
    Finish();
    return std::move(pair_);
  }

 private:
  bool TracePath(uint8_t protocol, uint16_t port, uint8_t icmp_type, FilterPath& path) {
    TraceQuery q;
    q.from = from_text_, q.to = to_text_, q.protocol = protocol, q.dst_port = port, q.icmp_type = icmp_type;
    q.vpn_groups = query_.vpn_groups, q.explain = false, q.record = &path;
    TraceOutcome out = Trace(n_, q);
    return out.result.has_value();
  }

  // Cuts the TCP/UDP axis at every port where a listener or VPN tunnel decides, and traces each piece.
  void PerPiece(const ProtocolClass& pc, const ServiceSet& universe) {
    std::set<uint32_t> cuts{0};
    for (auto& l : n_.load_balancer_listeners) cuts.insert(l.port), cuts.insert(uint32_t{l.port} + 1);
    for (auto& e : n_.client_vpn_endpoints) {
      uint32_t port = static_cast<uint32_t>(e.vpn_port.value_or(443));
      cuts.insert(port), cuts.insert(port + 1);
    }
    std::vector<uint32_t> starts(cuts.begin(), cuts.end());
    for (size_t i = 0; i < starts.size() && starts[i] <= 65535; ++i) {
      uint32_t hi = (i + 1 < starts.size() ? std::min<uint32_t>(starts[i + 1], 65536) : 65536) - 1;
      ServiceSet piece = universe.Intersect(ServiceSet::Services(pc.protocol, {uint16_t(starts[i]), uint16_t(hi)}));
      if (piece.empty()) continue;
      FilterPath path;
      if (TracePath(pc.protocol, static_cast<uint16_t>(starts[i]), pc.icmp_type, path))
        Evaluate(path, piece, pc.protocol, static_cast<uint16_t>(starts[i]), pc.icmp_type);
    }
  }

  void Evaluate(const FilterPath& path, const ServiceSet& universe, uint8_t protocol, uint16_t port, uint8_t icmp) {
    ServiceSet allowed = universe;
    Key sent = KeyOf(Packet{{}, {}, protocol, 0, port, icmp, 0});
    for (const FilterStep& step : path.steps) {
      if (query_.open_destination_ingress && IsDestinationIngress(step)) continue;
      ServiceSet passes = StepServices(n_, step);
      ServiceSet through = step.response           ? ResponsePasses(passes, step.packet, universe)
                           : KeyOf(step.packet) == sent ? passes.Intersect(universe)
                           // a load balancer moved the flow to the target's port: only this piece's one
                           // port reaches here, so the step decides it as a whole
                           : passes.Contains(step.packet.protocol, KeyOf(step.packet) & 0xffff) ? universe : ServiceSet();
      allowed = allowed.Intersect(through);
      if (query_.explain && through != universe) AddBlocker(BlockerOf(step, universe.Subtract(through)));
    }
    ServiceSet failed;
    if (path.forward_failed) failed = universe;
    else if (path.return_failed) failed = universe.Subtract(WithoutResponse(universe));
    if (!failed.empty()) {
      allowed = allowed.Subtract(failed);
      if (query_.explain) PathFailures(failed, protocol, port, icmp);
    }
    if (path.left_network && !to_internet_) {  // e.g. a split tunnel: the client's own network carries it
      allowed = ServiceSet();
      if (query_.explain)
        AddBlocker({"EXITS_NETWORK", "path", "", false, "", "EXITS_NETWORK: the flow leaves the modelled network "
                    "instead of reaching the destination", universe});
    }
    pair_.allowed = pair_.allowed.Union(allowed);
    if (query_.explain)
      for (const FilterStep& step : path.steps)
        if (!step.response && step.kind == FilterStep::Kind::kSecurityGroup &&
            !(query_.open_destination_ingress && IsDestinationIngress(step)))
          AddAdmittingRules(step, allowed, sent);
  }

  // The rules of a forward security-group step that admit part of what this piece lets through.
  // Past a load balancer the step sees the target's port, not the client's: the piece (one
  // listener port) then gets through on the rules that admit that translated packet.
  void AddAdmittingRules(const FilterStep& step, const ServiceSet& allowed, Key sent) {
    if (allowed.empty()) return;
    IpAddress peer = step.direction == Direction::kIngress ? step.packet.src : step.packet.dst;
    for (auto& m : MatchSecurityGroupPeers(n_, *step.eni, step.direction, peer, step.scope)) {
      ServiceSet services = ServiceSet::Of(m.rule->protocol, m.rule->ports, m.rule->icmp);
      bool admits = KeyOf(step.packet) == sent ? !services.Intersect(allowed).empty()
                                               : services.Contains(step.packet.protocol, KeyOf(step.packet) & 0xffff);
      if (admits && admitting_.insert(m.rule).second) pair_.rules.push_back(m);
    }
  }

  // The destination's own groups on the way in (why's "would the network deliver it").
  bool IsDestinationIngress(const FilterStep& step) const {
    return step.kind == FilterStep::Kind::kSecurityGroup && step.direction == Direction::kIngress && !step.response &&
           std::find(destination_.members.begin(), destination_.members.end(), step.eni) != destination_.members.end();
  }

  // A route, gateway or service that drops the representative: Trace's own words for it.
  void PathFailures(const ServiceSet& failed, uint8_t protocol, uint16_t port, uint8_t icmp) {
    TraceQuery q;
    q.from = from_text_, q.to = to_text_, q.protocol = protocol, q.dst_port = port, q.icmp_type = icmp;
    q.vpn_groups = query_.vpn_groups;
    TraceOutcome out = Trace(n_, q);
    if (!out.result) return;
    for (auto& b : out.result->blockers)
      if (b.rfind("DENIED_SG", 0) != 0 && b.rfind("DENIED_NACL", 0) != 0 && b.rfind("DENIED_RETURN", 0) != 0)
        AddBlocker({b.substr(0, b.find(':')), "path", "", false, "", b, failed});
  }

  void AddBlocker(ReachBlocker b) {
    for (auto& mine : pair_.blockers)
      if (mine.component == b.component && mine.kind == b.kind && mine.direction == b.direction &&
          mine.response == b.response && mine.at == b.at && mine.detail == b.detail) {
        mine.denies = mine.denies.Union(b.denies);
        return;
      }
    pair_.blockers.push_back(std::move(b));
  }

  // Explanations: the notes of one explained trace per protocol class, and the blockers in order.
  void Finish() {
    if (!query_.explain) return;
    for (const ProtocolClass& pc : ProtocolClasses(destination_.family)) {
      TraceQuery q;
      q.from = from_text_, q.to = to_text_, q.protocol = pc.protocol, q.icmp_type = pc.icmp_type;
      q.vpn_groups = query_.vpn_groups;
      if (TraceOutcome out = Trace(n_, q); out.result)
        for (auto& note : out.result->notes)
          if (std::find(pair_.notes.begin(), pair_.notes.end(), note) == pair_.notes.end()) pair_.notes.push_back(note);
    }
    std::sort(pair_.blockers.begin(), pair_.blockers.end(), [](auto& a, auto& b) {
      return std::tie(a.response, a.kind, a.component, a.at) < std::tie(b.response, b.kind, b.component, b.at);
    });
  }

  const Network& n_;
  const ReachQuery& query_;
  std::string from_text_, to_text_;
  const EndpointClass& destination_;
  bool to_internet_;
  ReachPair pair_;
  std::set<const SecurityGroupRule*> admitting_;  // the rules already in pair_.rules
};

std::string Signature(const ReachPair& p) {
  std::string s = p.allowed.ToString();
  for (auto& b : p.blockers) s += "|" + b.component + b.kind + b.direction + b.at + b.detail + b.denies.ToString();
  return s;
}

// Internet blocks that every destination (or source) treats alike are one class: merges them.
void MergeInternet(std::vector<EndpointClass>& classes, std::vector<ReachPair>& pairs, bool sources) {
  auto internet = [](const EndpointClass& c) { return c.kind == EndpointClass::Kind::kInternet; };
  if (std::none_of(classes.begin(), classes.end(), internet)) return;
  std::map<size_t, std::string> signature;  // internet class -> its answers toward every counterpart
  for (auto& p : pairs) {
    size_t mine = sources ? p.from : p.to, other = sources ? p.to : p.from;
    if (internet(classes[mine])) signature[mine] += std::to_string(other) + "#" + Signature(p) + "\n";
  }
  std::map<std::string, size_t> first;  // signature -> the class that absorbs the others
  std::vector<size_t> target(classes.size());
  for (size_t i = 0; i < classes.size(); ++i) {
    target[i] = i;
    if (classes[i].kind != EndpointClass::Kind::kInternet) continue;
    auto [it, added] = first.emplace(signature[i], i);
    if (!added) target[i] = it->second, classes[it->second].addresses = classes[it->second].addresses.Union(classes[i].addresses);
  }
  std::vector<size_t> renumber(classes.size());
  std::vector<EndpointClass> kept;
  for (size_t i = 0; i < classes.size(); ++i)
    if (target[i] == i) {
      renumber[i] = kept.size();
      kept.push_back(std::move(classes[i]));
    }
  std::vector<ReachPair> out;
  for (auto& p : pairs) {
    size_t& mine = sources ? p.from : p.to;
    if (target[mine] != mine) continue;
    mine = renumber[mine];
    out.push_back(std::move(p));
  }
  classes = std::move(kept);
  pairs = std::move(out);
}

// The pair (i, j) of the answer's classes; none for an interface with itself or for classes of
// different address families. Without explanations the compiled tables answer where they can.
std::optional<ReachPair> EvaluatePair(const Network& network, const ReachQuery& query,
                                      const std::vector<EndpointClass>& sources,
                                      const std::vector<EndpointClass>& destinations, size_t i, size_t j,
                                      CompiledReach* compiled) {
  if (sources[i].family != destinations[j].family) return std::nullopt;
  if (compiled)
    if (std::optional<ServiceSet> allowed = compiled->Allowed(i, j)) {
      ReachPair pair;
      pair.from = i, pair.to = j, pair.allowed = std::move(*allowed), pair.examined = compiled->universe();
      return pair;
    }
  const EndpointClass& destination = destinations[j];
  std::string to = destination.trace_text;
  if (to == sources[i].trace_text) {
    if (destination.members.size() < 2) return std::nullopt;
    to = destination.TraceTextOf(*destination.members[1]);  // from one member of the class to another
  }
  // Internet hosts address an IPv4 interface by its public address.
  if (sources[i].kind == EndpointClass::Kind::kInternet && !destination.members.empty() &&
      destination.family == IpFamily::kV4)
    if (auto address = PrimaryPublicAddress(*destination.members.front())) to = address->ToString();
  ReachPair pair = PairEvaluator(network, query, sources[i].trace_text, std::move(to), destination).Run();
  pair.from = i, pair.to = j;
  return pair;
}

size_t FamilyIndex(IpFamily family) { return family == IpFamily::kV4 ? 0 : 1; }

// The compiled paths of each address family the sources hold (CompiledPaths is one family's).
struct PathsByFamily {
  PathsByFamily(const Network& network, const std::vector<EndpointClass>& sources,
                const std::vector<EndpointClass>& destinations) {
    for (IpFamily family : {IpFamily::kV4, IpFamily::kV6})
      if (std::any_of(sources.begin(), sources.end(), [&](const EndpointClass& c) { return c.family == family; }))
        of[FamilyIndex(family)].emplace(network, sources, destinations, family);
  }
  std::array<std::optional<CompiledPaths>, 2> of;  // by FamilyIndex
};

// What one worker keeps between sources: its compiled tables per family (they memoize as they
// go, so they are not shared) and, for ReachAllPairs, which shared set each of their set ids is.
struct Worker {
  struct Tables {
    std::optional<CompiledReach> compiled;
    std::vector<uint32_t> shared_of;
  };
  std::array<Tables, 2> tables;      // by FamilyIndex
  std::vector<uint32_t> rows;        // ReachAllRows: the compiled answers of the current batch of sources
  std::vector<uint32_t> shared_row;  // and one of them as shared set ids, in destination order

  // The family's tables, built on first use; null without compiled paths of the family.
  Tables* TablesFor(const PathsByFamily& paths, IpFamily family, const ReachQuery& query) {
    const std::optional<CompiledPaths>& p = paths.of[FamilyIndex(family)];
    if (!p) return nullptr;
    Tables& t = tables[FamilyIndex(family)];
    if (!t.compiled) t.compiled.emplace(*p, Examined(query.services, family), query.open_destination_ingress);
    return &t;
  }
};

// Pairs are independent: workers take every n-th task (a source, or a batch of them); callers
// write results into per-source slots, which keeps the output order.
unsigned SourceWorkers() { return std::clamp(std::thread::hardware_concurrency(), 1u, 8u); }

template <typename PerTask>
void ForEachInParallel(size_t tasks, PerTask per_task) {
  unsigned workers = SourceWorkers();
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      Worker worker;
      for (size_t k = w; k < tasks; k += workers) per_task(k, worker);
    });
  for (auto& t : threads) t.join();
}

// A batch of sources of one address family, for CompiledReach::AllowedRows.
struct SourceBatch {
  IpFamily family;
  std::vector<size_t> sources;
};

// The sources of each family in batches: the destinations' tables are read once for the whole
// batch, and sources of one path key (which share skeletons) stay in one where they fit.
std::vector<SourceBatch> SourceBatches(const PathsByFamily& paths_by_family, const std::vector<EndpointClass>& sources) {
  std::vector<SourceBatch> batches;
  for (IpFamily family : {IpFamily::kV4, IpFamily::kV6}) {
    const std::optional<CompiledPaths>& paths = paths_by_family.of[FamilyIndex(family)];
    if (!paths) continue;
    // Sources the tables cannot stand for have no path key of their own: they go apart, last.
    // Keys of one VPC side by side: their sources reach the same destinations (a column of
    // answers is filled for every source of a batch, whether its block is dead for some or not).
    static const std::string kNoVpc;
    auto group = [&](size_t i) {
      const Side& s = paths->sources[i];
      return std::make_tuple(!s.usable, std::cref(s.usable ? s.subnet->vpc_id : kNoVpc), s.path_key);
    };
    std::vector<size_t> order;
    for (size_t i = 0; i < sources.size(); ++i)
      if (sources[i].family == family) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return group(a) < group(b); });
    size_t first = batches.size();
    for (size_t start = 0, end = 0; start < order.size(); start = end) {
      while (end < order.size() && group(order[end]) == group(order[start])) ++end;
      size_t room = batches.size() == first ? 0 : CompiledReach::BatchSize() - batches.back().sources.size();
      bool joins = end - start <= room && paths->sources[order[start]].usable &&
                   paths->sources[batches.back().sources.front()].usable;
      for (size_t k = start; k < end; ++k) {
        if (!joins && (k == start || batches.back().sources.size() == CompiledReach::BatchSize()))
          batches.push_back({family, {}});
        batches.back().sources.push_back(order[k]);
      }
    }
  }
  return batches;
}

// Leaves out the classes of a family the other side has none of ("internet" takes both families;
// with IPv4-only destinations its IPv6 blocks pair with nothing).
void KeepSharedFamilies(std::vector<EndpointClass>& sources, std::vector<EndpointClass>& destinations) {
  auto families = [](const std::vector<EndpointClass>& classes) {
    std::set<IpFamily> out;
    for (auto& c : classes) out.insert(c.family);
    return out;
  };
  std::set<IpFamily> from = families(sources), to = families(destinations);
  std::erase_if(sources, [&](const EndpointClass& c) { return !to.count(c.family); });
  std::erase_if(destinations, [&](const EndpointClass& c) { return !from.count(c.family); });
}

}  // namespace

ReachEndpoints SelectReachEndpoints(const Network& network, const std::string& from, const std::string& to) {
  EndpointSelection sources = SelectEndpoints(network, from, EndpointFamilies::kIpv4AndIpv6);
  EndpointSelection destinations = SelectEndpoints(network, to, EndpointFamilies::kIpv4AndIpv6);
  ReachEndpoints out;
  if (!sources.error.empty() || !destinations.error.empty()) {
    out.error = !sources.error.empty() ? "--from: " + sources.error : "--to: " + destinations.error;
    return out;
  }
  out.sources = std::move(sources.classes), out.destinations = std::move(destinations.classes);
  KeepSharedFamilies(out.sources, out.destinations);
  if (out.sources.empty()) out.error = "--from " + from + " and --to " + to + " share no address family";
  return out;
}

ReachAnswer Reach(const Network& network, const ReachQuery& query) {
  ReachEndpoints ends = SelectReachEndpoints(network, query.from, query.to);
  if (!ends.error.empty()) {
    ReachAnswer answer;
    answer.error = ends.error;
    return answer;
  }
  return ReachBetween(network, std::move(ends.sources), std::move(ends.destinations), query);
}

ReachAnswer ReachBetween(const Network& network, std::vector<EndpointClass> sources,
                         std::vector<EndpointClass> destinations, const ReachQuery& query) {
  ReachAnswer answer;
  answer.sources = std::move(sources), answer.destinations = std::move(destinations);
  size_t columns = answer.destinations.size();
  std::vector<std::optional<ReachPair>> slots(answer.sources.size() * columns);
  std::optional<PathsByFamily> paths;
  if (!query.explain) paths.emplace(network, answer.sources, answer.destinations);
  ForEachInParallel(answer.sources.size(), [&](size_t i, Worker& w) {
    Worker::Tables* tables = paths ? w.TablesFor(*paths, answer.sources[i].family, query) : nullptr;
    for (size_t j = 0; j < columns; ++j)
      slots[i * columns + j] = EvaluatePair(network, query, answer.sources, answer.destinations, i, j,
                                            tables ? &*tables->compiled : nullptr);
  });
  for (auto& slot : slots)
    if (slot) answer.pairs.push_back(std::move(*slot));
  MergeInternet(answer.sources, answer.pairs, true);
  MergeInternet(answer.destinations, answer.pairs, false);
  return answer;
}

const ServiceSet* ReachMatrix::At(size_t i, size_t j) const {
  uint32_t cell = cells[i * destinations.size() + j];
  return cell == kNoPair ? nullptr : &sets[cell];
}

ReachMatrix ReachAllPairs(const Network& network, std::vector<EndpointClass> sources,
                          std::vector<EndpointClass> destinations, const ServiceSet& services) {
  ReachQuery query;
  query.services = services;
  return ReachAllPairs(network, std::move(sources), std::move(destinations), query);
}

ReachMatrix ReachAllPairs(const Network& network, std::vector<EndpointClass> sources,
                          std::vector<EndpointClass> destinations, const ReachQuery& query) {
  ReachMatrix m;
  m.sources = std::move(sources), m.destinations = std::move(destinations);
  size_t columns = m.destinations.size();
  m.cells.assign(m.sources.size() * columns, ReachMatrix::kNoPair);
  ReachRows rows = ReachAllRows(network, m.sources, m.destinations, query, [&](size_t i, const std::vector<uint32_t>& row) {
    std::copy(row.begin(), row.end(), m.cells.begin() + i * columns);
  });
  m.sets = std::move(rows.sets), m.stats = rows.stats;
  return m;
}

ReachRows ReachAllRows(const Network& network, const std::vector<EndpointClass>& sources,
                       const std::vector<EndpointClass>& destinations, const ReachQuery& options,
                       const ReachRowVisitor& on_row) {
  ReachRows out;
  ReachMatrix::Stats& stats = out.stats;
  size_t columns = destinations.size();
  ReachQuery query = options;
  query.explain = false;
  std::mutex mutex;  // guards the shared set table and the stats
  std::unordered_map<ServiceSet, uint32_t, ServiceSetHash> ids;
  auto intern = [&](const ServiceSet& set) {
    std::lock_guard<std::mutex> lock(mutex);
    auto [it, added] = ids.emplace(set, static_cast<uint32_t>(out.sets.size()));
    if (added) out.sets.push_back(set);
    return it->second;
  };
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();  // the process's CPU time, all threads
  PathsByFamily paths(network, sources, destinations);
  stats.paths_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stats.paths_cpu_seconds = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  for (const std::optional<CompiledPaths>& p : paths.of)
    if (p) {
      stats.source_keys += p->source_keys.size(), stats.destination_keys += p->destination_keys.size();
      stats.skeletons += p->skeletons.size(), stats.skeleton_traces += p->traces;
      stats.trace_seconds += p->trace_seconds, stats.trace_cpu_seconds += p->trace_cpu_seconds;
      stats.tables_possible += p->groupset_carrier.size() * 2 + network.network_acls.size() * 2;
    }
  std::atomic<size_t> general_pairs = 0;
  std::vector<SourceBatch> batches = SourceBatches(paths, sources);
  ForEachInParallel(batches.size(), [&](size_t k, Worker& w) {
    const SourceBatch& batch = batches[k];
    Worker::Tables& tables = *w.TablesFor(paths, batch.family, query);
    CompiledReach& compiled = *tables.compiled;
    std::vector<uint32_t>& shared_of = tables.shared_of;  // compiled set id -> shared id (kNoPair: not yet)
    compiled.AllowedRows(batch.sources.data(), batch.sources.size(), w.rows);
    if (CompiledReach::TableCost cost = compiled.TakeTableCost(); cost.tables) {
      std::lock_guard<std::mutex> lock(mutex);
      stats.table_cpu_seconds += cost.cpu_seconds, stats.tables_built += cost.tables;
    }
    const std::vector<uint32_t>& order = compiled.DestinationOrder();
    for (size_t b = 0; b < batch.sources.size(); ++b) {
      size_t i = batch.sources[b];
      const uint32_t* row = w.rows.data() + b * columns;
      w.shared_row.resize(columns);
      for (size_t t = 0; t < columns; ++t) {  // `order` is a permutation: every destination once
        size_t j = order[t];
        uint32_t id = row[t], shared = ReachMatrix::kNoPair;
        if (id != CompiledReach::kNoAnswer) {
          if (id >= shared_of.size()) shared_of.resize(id + 1, ReachMatrix::kNoPair);
          if (shared_of[id] == ReachMatrix::kNoPair) shared_of[id] = intern(compiled.Set(id));
          shared = shared_of[id];
        } else if (sources[i].family == destinations[j].family) {
          ++general_pairs;
          if (auto pair = EvaluatePair(network, query, sources, destinations, i, j, nullptr)) shared = intern(pair->allowed);
        }
        w.shared_row[j] = shared;
      }
      on_row(i, w.shared_row);
    }
  });
  stats.general_pairs = general_pairs;
  stats.workers = SourceWorkers();
  return out;
}

}  // namespace sgscope
