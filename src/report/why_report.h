#pragma once
// `sgscope why` output: rules grouped by direction with verdict and reason, or JSON.

#include <ostream>

#include "engines/why.h"

namespace sgscope {

void WriteWhyText(const Network& network, const GroupWhy& why, std::ostream& out);
// Fields documented in docs/why.md: group, name, vpc, interfaces[], rules[].
void WriteWhyJson(const Network& network, const GroupWhy& why, std::ostream& out);

}  // namespace sgscope
