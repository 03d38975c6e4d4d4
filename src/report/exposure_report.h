#pragma once
// `sgscope exposure` rendering: what the internet reaches, interface by interface.

#include <ostream>

#include "engines/exposure.h"
#include "engines/exposure_sections.h"

namespace sgscope {

// With `sections` (exposure_sections.h), what VPN clients, peers and transit neighbours reach follows.
void WriteExposureText(const Network& network, const ExposureReport& report,
                       const std::vector<ExposureSection>& sections, std::ostream& out);
// Stable fields: exposures[] (interface, resource, owner, public_ip, gateway, protocol, ports,
// sources[], rules[]), not_exposed[] (interface, reason) and sections[]; docs/exposure.md.
void WriteExposureJson(const Network& network, const ExposureReport& report,
                       const std::vector<ExposureSection>& sections, std::ostream& out);

}  // namespace sgscope
