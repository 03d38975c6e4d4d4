#pragma once
// Exposure beyond the internet (issue 4 §2's separate sections): what Client VPN clients, peered
// VPCs and VPCs behind the same transit gateway reach, computed with `reach` so each answer is
// exact and names its rules and blockers.

#include <string>
#include <vector>

#include "engines/reach.h"

namespace sgscope {

// One population of sources and what it reaches: only pairs with traffic are kept.
struct ExposureSection {
  std::string kind;  // "vpn-clients", "peered-vpc", "transit-gateway"
  std::string via;   // the endpoint, peering connection or transit gateway
  std::string from;  // "clients of cvpn-endpoint-…", "interfaces of vpc-…"
  std::string to;    // "every interface", "interfaces of vpc-…"
  ReachAnswer answer;
};

// A section before reach runs: its description and the selectors of its two populations.
struct SectionPopulations {
  ExposureSection section;  // answer empty
  std::string from_selector, to_selector;
};

// The populations of the sections of the given kinds, in ComputeExposureSections' order: for bulk
// questions (ReachAllPairs) that need no explanations.
std::vector<SectionPopulations> ExposureSectionPopulations(const Network& network, const std::vector<std::string>& kinds);

// The sections of the given kinds ("vpn", "peers", "transit"), in that order, each ordered by id.
std::vector<ExposureSection> ComputeExposureSections(const Network& network, const std::vector<std::string>& kinds);

}  // namespace sgscope
