#pragma once
// `sgscope reach` rendering: per pair of endpoint classes, what gets through, what stops the
// rest, and the rules that admit it.

#include <ostream>

#include "engines/reach.h"
#include "report/json_writer.h"

namespace sgscope {

void WriteReachText(const Network& network, const ReachAnswer& answer, std::ostream& out);
// Stable fields (docs/reach.md): sources[] and destinations[] (label, kind, members[], addresses[]),
// pairs[] (from, to, allowed[] {protocol, from, to}, allowed_text, blockers[], rules[], notes[]).
void WriteReachJson(const Network& network, const ReachAnswer& answer, std::ostream& out);

// One pair, as the two writers above print it (shared with exposure's sections).
void WriteReachPairText(const Network& network, const ReachAnswer& answer, const ReachPair& pair, std::ostream& out);
void WriteReachPairJson(JsonWriter& w, const Network& network, const ReachAnswer& answer, const ReachPair& pair);
// Shared with the diff report: a blocker as one line, and a blocker or an admitting rule as a
// JSON object (the fields above).
std::string ReachBlockerText(const ReachBlocker& blocker);
void WriteReachBlockerJson(JsonWriter& w, const ReachBlocker& blocker, const ServiceSet& examined);
void WriteAdmittingRuleJson(JsonWriter& w, const Network& network, const SecurityGroupMatch& match);

}  // namespace sgscope
