#pragma once
// YAML input read as the JSON document it denotes, so that the JSON readers (and their
// diagnostics with JSON paths) serve YAML files unchanged.

#include <optional>
#include <string>
#include <string_view>

namespace sgscope::ingest {

// The JSON text of the first document in `yaml`, or nullopt with `error` set (yaml-cpp's
// message, with line and column). Plain scalars take their YAML 1.2 core-schema type (null,
// true/false, integers and decimals); quoted or tagged scalars stay strings.
std::optional<std::string> YamlToJson(std::string_view yaml, std::string& error);

}  // namespace sgscope::ingest
