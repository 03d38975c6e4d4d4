#pragma once
// Snapshot files load in parallel, each into a partial Network of its own; appending the
// parts in file order gives exactly the Network that loading them one by one gives.

#include "model/network.h"

namespace sgscope::ingest {

// Moves every item and diagnostic of `part` to the end of `into`'s, leaving `part` empty.
// Not `files`: SourceRefs already hold their final file index (see LoadContext).
void AppendPart(Network& into, Network& part);

}  // namespace sgscope::ingest
