#pragma once
// `sgscope reach`: exact reachability between sets of endpoints. For every pair of endpoint
// classes, the protocols and ports (ICMP types and codes) that get through in both directions,
// and for the rest every component that blocks it.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engines/endpoint_classes.h"
#include "engines/security_group_evaluator.h"
#include "model/network.h"
#include "net/service_set.h"

namespace sgscope {

// A component on the path and the services it stops (forward services: for a response's
// filter, the flows whose response it drops).
struct ReachBlocker {
  std::string component;  // sg ids, acl-, rtb-, a service...
  std::string kind;       // "security-group", "network-acl", "route", ...
  std::string direction;  // "ingress", "egress" or ""
  bool response = false;  // on the return leg
  std::string at;         // the interface or subnet it guards
  std::string detail;     // for path failures: what Trace said
  ServiceSet denies;
};

// One pair of endpoint classes.
struct ReachPair {
  size_t from = 0, to = 0;  // indexes into ReachAnswer::sources / destinations
  ServiceSet allowed;       // within `examined`
  ServiceSet examined;      // the query's services the endpoints' address family can carry
  std::vector<ReachBlocker> blockers;        // explain only
  std::vector<SecurityGroupMatch> rules;     // explain only: security-group rules that admit part of it
  std::vector<std::string> notes;            // explain only: modelling assumptions on the path
};

struct ReachQuery {
  std::string from, to;  // selectors: ids, addresses, prefixes, sg:…, subnet-…, vpc-…, internet, vpn:…, all
  ServiceSet services = ServiceSet::All();  // what to look at (--protocol / --port)
  std::vector<std::string> vpn_groups;
  bool explain = true;  // blockers, rules and notes; off for bulk computation
  // The destinations' own security groups taken as admitting every inbound service: what the
  // network (routes, gateways, ACLs, the source's groups, the return path) delivers to them.
  bool open_destination_ingress = false;
};

struct ReachAnswer {
  std::vector<EndpointClass> sources, destinations;
  std::vector<ReachPair> pairs;  // every (source, destination) except a class with itself
  std::string error;
};

// Both sides of a question, in both address families but without the classes of a family the
// other side lacks; an error text instead when a selector names nothing.
struct ReachEndpoints {
  std::vector<EndpointClass> sources, destinations;
  std::string error;
};
ReachEndpoints SelectReachEndpoints(const Network& network, const std::string& from, const std::string& to);

// Selects both sides (query.from / query.to, SelectReachEndpoints), then ReachBetween.
ReachAnswer Reach(const Network& network, const ReachQuery& query);

// Every pair of the given classes (SelectEndpoints') of one address family; query.from / query.to
// are not looked at.
ReachAnswer ReachBetween(const Network& network, std::vector<EndpointClass> sources,
                         std::vector<EndpointClass> destinations, const ReachQuery& query);

// All pairs without explanations, each distinct answer stored once: what bulk questions and the
// benchmarks need (memory grows with the distinct sets, plus four bytes a pair). Internet classes
// are not merged here.
struct ReachMatrix {
  static constexpr uint32_t kNoPair = 0xffffffffu;  // an interface with itself, or ends of two families
  std::vector<EndpointClass> sources, destinations;
  std::vector<ServiceSet> sets;   // the distinct answers
  std::vector<uint32_t> cells;    // row-major sources × destinations: index into sets, or kNoPair
  const ServiceSet* At(size_t i, size_t j) const;  // null for kNoPair
  // How the work went, for the benchmark.
  struct Stats {
    double paths_seconds = 0;         // path keys and skeletons (CompiledPaths), wall
    double paths_cpu_seconds = 0;     // the same, CPU of the whole process
    double trace_seconds = 0, trace_cpu_seconds = 0;  // of which tracing skeletons (the rest: sides and keys)
    size_t source_keys = 0, destination_keys = 0, skeletons = 0;
    size_t skeleton_traces = 0;       // traces done for them (route classes share the rest)
    size_t general_pairs = 0;         // pairs the compiled path left to the per-pair traces
    double table_cpu_seconds = 0;     // building group-set and ACL tables, all workers (CompiledReach)
    size_t tables_built = 0, tables_possible = 0;  // built, and at most per worker
    size_t workers = 0;
  } stats;
};
ReachMatrix ReachAllPairs(const Network& network, std::vector<EndpointClass> sources,
                          std::vector<EndpointClass> destinations, const ServiceSet& services = ServiceSet::All());
// The same with the query's services, VPN client groups and open_destination_ingress.
ReachMatrix ReachAllPairs(const Network& network, std::vector<EndpointClass> sources,
                          std::vector<EndpointClass> destinations, const ReachQuery& query);

// All pairs a source row at a time, for callers that summarise instead of keeping the matrix
// (an L network's would take 40 GB). on_row(i, row) runs on the worker threads, once per
// source, in no set order; row[j] indexes the returned sets (kNoPair: as in ReachMatrix)
// and lives for the call only. The sets grow while rows are delivered: read them after return.
using ReachRowVisitor = std::function<void(size_t source, const std::vector<uint32_t>& row)>;
struct ReachRows {
  std::vector<ServiceSet> sets;  // the distinct answers
  ReachMatrix::Stats stats;
};
ReachRows ReachAllRows(const Network& network, const std::vector<EndpointClass>& sources,
                       const std::vector<EndpointClass>& destinations, const ReachQuery& query,
                       const ReachRowVisitor& on_row);

}  // namespace sgscope
