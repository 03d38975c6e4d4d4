#pragma once
// `sgscope trace` output: a readable hop list, or JSON with stable fields.

#include <ostream>

#include "engines/trace.h"

namespace sgscope {

void WriteTraceText(const Network& network, const TraceResult& result, std::ostream& out);
// Fields documented in docs/trace.md: disposition, accepted, packet, forward[], return[],
// blockers[], notes[].
void WriteTraceJson(const Network& network, const TraceResult& result, std::ostream& out);

}  // namespace sgscope
