// Exact reachability between endpoint classes. Routes depend on addresses only, so for each
// protocol class (TCP, UDP, ICMP, the rest) one representative packet is traced and the filters
// it met are recorded; each filter is then evaluated for every service at once (filter_services)
// and the sets intersected. Responses are judged by mapping each forward service to its response
// (TCP/UDP: the client port; ICMP: the reply type). Where a decision outside the filters depends
// on the port (load balancer listeners, VPN tunnels), the axis is cut at those ports and each
// piece is traced on its own. Every step is Trace's own, so the sets agree with it flow by flow.

#include "engines/reach.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "engines/filter_services.h"
#include "engines/trace.h"

namespace sgscope {

namespace {

// Flows of one protocol class take one path; `representative` is the packet traced for it.
struct ProtocolClass {
  ServiceSet universe;
  uint8_t protocol;
  uint8_t icmp_type = 0;
};

std::vector<ProtocolClass> ProtocolClasses() {
  ServiceSet other = ServiceSet::All();
  for (uint8_t p : {kProtoTcp, kProtoUdp, kProtoIcmp, kProtoIcmpv6}) other = other.Subtract(ServiceSet::Protocol(p));
  return {{ServiceSet::Protocol(kProtoTcp), kProtoTcp},
          {ServiceSet::Protocol(kProtoUdp), kProtoUdp},
          {ServiceSet::Protocol(kProtoIcmp), kProtoIcmp, 8},  // echo: a request with a response
          {other, 47}};
}

// The ICMP requests of protocol `p` whose reply passes: a request's response is its reply type
// with the same code; types without a reply need nothing back.
ServiceSet IcmpResponsesPass(const ServiceSet& passes, uint8_t p) {
  ServiceSet out;
  for (int type = 0; type < 256; ++type) {
    int reply = IcmpReplyType(p, static_cast<uint8_t>(type));
    auto base = static_cast<uint16_t>(type << 8);
    if (reply < 0) {
      out = out.Union(ServiceSet::Services(p, {base, uint16_t(base | 0xff)}));
      continue;
    }
    auto reply_base = static_cast<uint16_t>(reply << 8);
    ServiceSet replies = passes.Intersect(ServiceSet::Services(p, {reply_base, uint16_t(reply_base | 0xff)}));
    for (auto& i : replies.intervals())
      out = out.Union(ServiceSet::Services(p, {uint16_t((i.lo & 0xff) | base), uint16_t((i.hi & 0xff) | base)}));
  }
  return out;
}

// Forward services of `universe` whose response gets past a response filter that lets
// `passes` through; `response` is the representative's response as the filter saw it. TCP and
// UDP responses go to the client's port whatever the service; other protocols carry no port.
ServiceSet ResponsePasses(const ServiceSet& passes, const Packet& response, const ServiceSet& universe) {
  ServiceSet out;
  std::vector<uint32_t> whole;  // protocols whose every service passes, ascending
  for (auto& i : universe.intervals())
    for (uint32_t q = i.lo >> 16; q <= i.hi >> 16; ++q) {
      auto p = static_cast<uint8_t>(q);
      if (p == kProtoIcmp || p == kProtoIcmpv6) out = out.Union(IcmpResponsesPass(passes, p));
      else if ((whole.empty() || whole.back() != q) &&
               passes.Contains(p, p == kProtoTcp || p == kProtoUdp ? response.dst_port : 0))
        whole.push_back(q);
    }
  for (size_t a = 0, b = 0; a < whole.size(); a = b) {  // runs of consecutive protocols, one union each
    for (b = a + 1; b < whole.size() && whole[b] == whole[b - 1] + 1;) ++b;
    out = out.Union(ServiceSet::Keys(ServiceSet::KeyOf(uint8_t(whole[a]), 0), ServiceSet::KeyOf(uint8_t(whole[b - 1]), 65535)));
  }
  return out.Intersect(universe);
}

// Forward services of `universe` that need no response (ICMP types without a reply).
ServiceSet WithoutResponse(const ServiceSet& universe) { return ResponsePasses(ServiceSet(), Packet{}, universe); }

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

ReachBlocker BlockerOf(const FilterStep& step, ServiceSet denies) {
  if (step.kind == FilterStep::Kind::kNetworkAcl)
    return {step.acl->id, "network-acl", DirectionName(step.direction), step.response, step.subnet->id, "", denies};
  return {Join(step.eni->group_ids, ","), "security-group", DirectionName(step.direction), step.response, step.eni->id,
          "", denies};
}

using Key = ServiceSet::Key;

// Where a packet lies on the service axis.
Key KeyOf(const Packet& p) {
  if (p.has_ports()) return ServiceSet::KeyOf(p.protocol, p.dst_port);
  if (p.is_icmp()) return ServiceSet::KeyOf(p.protocol, static_cast<uint16_t>(p.icmp_type << 8 | p.icmp_code));
  return ServiceSet::KeyOf(p.protocol, 0);
}

// Accumulates one pair's answer over protocol classes and pieces of the service axis.
class PairEvaluator {
 public:
  PairEvaluator(const Network& n, const ReachQuery& q, const EndpointClass& from, const EndpointClass& to)
      : n_(n), query_(q), from_text_(from.trace_text), to_text_(to.trace_text) {}

  ReachPair Run() {
    for (const ProtocolClass& pc : ProtocolClasses())
      pair_.examined = pair_.examined.Union(pc.universe.Intersect(query_.services));
    // One trace serves every protocol when nothing on its path looked at the protocol or port.
    FilterPath tcp;
    if (TracePath(kProtoTcp, 0, 0, tcp) && !tcp.protocol_dependent && !tcp.service_dependent) {
      Evaluate(tcp, pair_.examined, kProtoTcp, 0, 0);
      Finish();
      return std::move(pair_);
    }
    for (const ProtocolClass& pc : ProtocolClasses()) {
      ServiceSet universe = pc.universe.Intersect(query_.services);
      if (universe.empty()) continue;
      FilterPath path;
      if (!TracePath(pc.protocol, 0, pc.icmp_type, path)) continue;
      if (path.service_dependent) PerPiece(pc, universe);
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
      ServiceSet passes = StepServices(n_, step);
      ServiceSet through = step.response           ? ResponsePasses(passes, step.packet, universe)
                           : KeyOf(step.packet) == sent ? passes.Intersect(universe)
                           // a load balancer moved the flow to the target's port: only this piece's one
                           // port reaches here, so the step decides it as a whole
                           : passes.Contains(step.packet.protocol, KeyOf(step.packet) & 0xffff) ? universe : ServiceSet();
      allowed = allowed.Intersect(through);
      if (query_.explain && through != universe) AddBlocker(BlockerOf(step, universe.Subtract(through)));
      if (query_.explain && !step.response && step.kind == FilterStep::Kind::kSecurityGroup)
        admitting_.push_back(step);
    }
    ServiceSet failed;
    if (path.forward_failed) failed = universe;
    else if (path.return_failed) failed = universe.Subtract(WithoutResponse(universe));
    if (!failed.empty()) {
      allowed = allowed.Subtract(failed);
      if (query_.explain) PathFailures(failed, protocol, port, icmp);
    }
    pair_.allowed = pair_.allowed.Union(allowed);
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

  // Explanations: the rules that admit what gets through, and the notes of one explained trace.
  void Finish() {
    if (!query_.explain) return;
    std::set<const SecurityGroupRule*> seen;
    for (const FilterStep& step : admitting_) {
      IpAddress peer = step.direction == Direction::kIngress ? step.packet.src : step.packet.dst;
      for (auto& m : MatchSecurityGroupPeers(n_, *step.eni, step.direction, peer, step.scope))
        if (!ServiceSet::Of(m.rule->protocol, m.rule->ports, m.rule->icmp).Intersect(pair_.allowed).empty() &&
            seen.insert(m.rule).second)
          pair_.rules.push_back(m);
    }
    for (const ProtocolClass& pc : ProtocolClasses()) {
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
  ReachPair pair_;
  std::vector<FilterStep> admitting_;  // forward security-group steps, for the admitting rules
};

std::string Signature(const ReachPair& p) {
  std::string s = p.allowed.ToString();
  for (auto& b : p.blockers) s += "|" + b.component + b.kind + b.direction + b.at + b.detail + b.denies.ToString();
  return s;
}

// Internet blocks that every destination (or source) treats alike are one class: merges them.
void MergeInternet(std::vector<EndpointClass>& classes, std::vector<ReachPair>& pairs, bool sources) {
  std::map<size_t, std::string> signature;  // class -> its answers toward every counterpart
  for (auto& p : pairs) {
    size_t mine = sources ? p.from : p.to, other = sources ? p.to : p.from;
    signature[mine] += std::to_string(other) + "#" + Signature(p) + "\n";
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

// The pair (i, j) of the answer's classes; none for an interface with itself.
std::optional<ReachPair> EvaluatePair(const Network& network, const ReachQuery& query, const ReachAnswer& answer,
                                      size_t i, size_t j) {
  EndpointClass destination = answer.destinations[j];
  if (destination.trace_text == answer.sources[i].trace_text) {
    if (destination.members.size() < 2) return std::nullopt;
    destination.trace_text = destination.members[1]->id;  // from one member of the class to another
  }
  // Internet hosts address an interface by its public address.
  if (answer.sources[i].kind == EndpointClass::Kind::kInternet && !destination.members.empty())
    for (auto& a : destination.members.front()->ipv4)
      if (a.public_ip) {
        destination.trace_text = a.public_ip->ToString();
        break;
      }
  ReachPair pair = PairEvaluator(network, query, answer.sources[i], destination).Run();
  pair.from = i, pair.to = j;
  return pair;
}

}  // namespace

ReachAnswer Reach(const Network& network, const ReachQuery& query) {
  EndpointSelection from = SelectEndpoints(network, query.from), to = SelectEndpoints(network, query.to);
  if (!from.error.empty() || !to.error.empty()) {
    ReachAnswer answer;
    answer.error = !from.error.empty() ? "--from: " + from.error : "--to: " + to.error;
    return answer;
  }
  return ReachBetween(network, std::move(from.classes), std::move(to.classes), query);
}

ReachAnswer ReachBetween(const Network& network, std::vector<EndpointClass> sources,
                         std::vector<EndpointClass> destinations, const ReachQuery& query) {
  ReachAnswer answer;
  answer.sources = std::move(sources), answer.destinations = std::move(destinations);
  size_t columns = answer.destinations.size();
  std::vector<std::optional<ReachPair>> slots(answer.sources.size() * columns);
  // Pairs are independent: workers take every n-th source; the slots keep the output order.
  unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (size_t i = w; i < answer.sources.size(); i += workers)
        for (size_t j = 0; j < columns; ++j) slots[i * columns + j] = EvaluatePair(network, query, answer, i, j);
    });
  for (auto& t : threads) t.join();
  for (auto& slot : slots)
    if (slot) answer.pairs.push_back(std::move(*slot));
  MergeInternet(answer.sources, answer.pairs, true);
  MergeInternet(answer.destinations, answer.pairs, false);
  return answer;
}

}  // namespace sgscope
