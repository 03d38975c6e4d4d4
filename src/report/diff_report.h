#pragma once
// `sgscope diff` rendering: the flows gained and lost between two snapshots, per pair of
// endpoint groups and protocol, with the rules and blockers responsible.

#include <ostream>

#include "engines/reachability_diff.h"

namespace sgscope {

void WriteDiffText(const Network& old_network, const Network& new_network, const ReachDiff& diff, std::ostream& out);
// Stable fields (docs/diff.md): only_in_old[], only_in_new[], gained[] and lost[] (from, to,
// from_members[], to_members[], protocol, ports, services, rules[], blockers[]).
void WriteDiffJson(const Network& old_network, const Network& new_network, const ReachDiff& diff, std::ostream& out);

}  // namespace sgscope
