#pragma once
// Evidence the checks take from `reach`'s answers.

#include <string>
#include <vector>

#include "engines/reach.h"

namespace sgscope {

// Appends the pair's modelling notes that rest on an UNCONFIRMED assumption (aws-semantics.md),
// each once: a finding judged on such a path must say so.
void AddUnconfirmedNotes(const ReachPair& pair, std::vector<std::string>& evidence);

}  // namespace sgscope
