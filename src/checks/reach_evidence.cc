// Carries reach's UNCONFIRMED modelling notes into findings, so a finding that rests on an
// assumption (e.g. how Client VPN traffic meets the endpoint's groups) says so.

#include "checks/reach_evidence.h"

#include <algorithm>

namespace sgscope {

void AddUnconfirmedNotes(const ReachPair& pair, std::vector<std::string>& evidence) {
  for (const std::string& note : pair.notes)
    if (note.find("UNCONFIRMED") != std::string::npos &&
        std::find(evidence.begin(), evidence.end(), note) == evidence.end())
      evidence.push_back(note);
}

}  // namespace sgscope
