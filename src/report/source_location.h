#pragma once
// Where a model element came from, as every report prints it: file and JSON path.

#include <string>

#include "model/network.h"
#include "report/json_writer.h"

namespace sgscope {

// "SecurityGroups.json SecurityGroups[1].IpPermissions[0]", terminal-safe.
std::string SourceLocationText(const Network& network, const SourceRef& ref);

// Writes the member "source": {"file": …, "path": …} into the open object.
void WriteSourceLocation(JsonWriter& w, const Network& network, const SourceRef& ref);

// "sg-… ingress 2: tcp 22 10.0.0.0/8 "office"  [file path]", terminal-safe.
std::string SecurityGroupRuleText(const Network& network, const SecurityGroup& group, const SecurityGroupRule& rule);

}  // namespace sgscope
