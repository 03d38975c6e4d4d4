#pragma once
// `sgscope exposure` rendering: what the internet reaches, interface by interface.

#include <ostream>

#include "engines/exposure.h"

namespace sgscope {

void WriteExposureText(const Network& network, const ExposureReport& report, std::ostream& out);
// Stable fields: exposures[] (interface, resource, owner, public_ip, gateway, protocol, ports,
// sources[], rules[]) and not_exposed[] (interface, reason); docs/exposure.md.
void WriteExposureJson(const Network& network, const ExposureReport& report, std::ostream& out);

}  // namespace sgscope
