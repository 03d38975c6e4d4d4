#pragma once
// YAML input read as the JSON document it denotes, so that the JSON readers (and their
// diagnostics with JSON paths) serve YAML files unchanged.

#include <optional>
#include <string>
#include <string_view>

namespace sgscope::ingest {

// The JSON text of the one document in `yaml`, or nullopt with `error` set (yaml-cpp's message,
// with line and column): several documents, a duplicate key, more than 32 MiB of expanded JSON
// (aliases) or more than 128 levels of nesting are errors. Plain scalars that spell null,
// true/false or a JSON number take that type; everything else, and quoted or tagged scalars, are
// strings.
std::optional<std::string> YamlToJson(std::string_view yaml, std::string& error);

}  // namespace sgscope::ingest
