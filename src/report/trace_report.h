#pragma once
// `sgscope trace` output: a readable hop list, or JSON with stable fields.

#include <ostream>

#include "engines/trace.h"
#include "report/json_writer.h"

namespace sgscope {

void WriteTraceText(const Network& network, const TraceResult& result, std::ostream& out);
// Fields documented in docs/trace.md: disposition, accepted, packet, forward[], return[],
// blockers[], notes[].
void WriteTraceJson(const Network& network, const TraceResult& result, std::ostream& out);
// A packet as trace's JSON prints it (src, dst, protocol, ports or ICMP type/code); shared
// by the reports that print packets.
void WritePacketJson(JsonWriter& w, const Packet& p);

}  // namespace sgscope
