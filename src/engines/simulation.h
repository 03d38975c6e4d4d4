#pragma once
// Stateful replay of timed events: each packet (one direction) walks the path as `trace`
// evaluates it, while every interface's connection-tracking table decides its
// security-group hops first; rule and ACL changes edit the simulator's own copy of the
// network between packets.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "engines/trace.h"
#include "model/simulation_event.h"

namespace sgscope {

// One security-group decision on a packet's path.
struct GateDecision {
  std::string interface_id;
  Direction direction = Direction::kIngress;
  bool allow = false;
  bool by_tracking = false;  // a live tracked connection let it through
  bool rules_allow = false;  // the current rules alone allow it
  // What the interface's connection table did: "started", "refreshed", "untracked" (a new
  // flow it does not track), "untracked-response" (the other direction of one), or "".
  std::string table;
  std::string detail;
};

// What one event did.
struct SimulationStep {
  size_t index = 0;  // position in the events file
  std::chrono::seconds at{0};
  SourceRef source;
  // A packet event: the walk, the verdict and what decided it.
  std::optional<TraceResult> trace;
  std::string verdict;     // "ALLOWED", or the denying disposition ("DENIED_SG_INGRESS"...)
  std::string decided_by;  // "eni-1 ingress", "acl-1 network-acl ingress"...
  std::string reason;
  std::vector<GateDecision> security_groups;  // every security-group hop the packet reached
  std::vector<std::string> tracking;          // what the connection tables did with it
  // A change event: what changed, and whether AWS would have accepted it.
  std::string change;
  bool applied = true;
};

// The replay; `error` (a packet whose endpoints do not resolve) stops it at that event.
struct SimulationResult {
  std::vector<SimulationStep> steps;
  std::vector<std::string> notes;  // modelling assumptions that applied
  std::string error;
};

// Replays `events` (in time order) on a copy of `network`.
SimulationResult Simulate(const Network& network, const std::vector<SimulationEvent>& events);

}  // namespace sgscope
