#pragma once
// Rendering of exposure's sections beyond the internet (Client VPN clients, peered VPCs, transit
// gateways): per section, every pair of endpoint classes with traffic, as `reach` prints it.

#include <ostream>
#include <vector>

#include "engines/exposure_sections.h"
#include "report/json_writer.h"

namespace sgscope {

void WriteExposureSectionsText(const Network& network, const std::vector<ExposureSection>& sections, std::ostream& out);
// The member "sections": [{kind, via, from, to, pairs[] (as reach's pairs[])}] of the open object.
void WriteExposureSectionsJson(JsonWriter& w, const Network& network, const std::vector<ExposureSection>& sections);

}  // namespace sgscope
