#pragma once
// `sgscope simulate` output: one block per event, or JSON with stable fields.

#include <ostream>

#include "engines/simulation.h"

namespace sgscope {

void WriteSimulationText(const Network& network, const SimulationResult& result, std::ostream& out);
// Fields documented in docs/simulate.md: events[] (index, at, type, and for packets
// packet, verdict, disposition, decided_by, reason, security_groups[], tracking[],
// blockers[]; for changes change and applied), notes[].
void WriteSimulationJson(const Network& network, const SimulationResult& result, std::ostream& out);

}  // namespace sgscope
