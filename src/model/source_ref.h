#pragma once
// Where a model element came from: the user's file and the JSON path inside it.

#include <cstdint>
#include <string>

namespace sgscope {

// Points back at the input that produced a model element, so that every finding and
// trace step can name the line to change. `file` indexes Network::files.
struct SourceRef {
  uint32_t file = 0;
  std::string path;  // e.g. "SecurityGroups[3].IpPermissions[0].IpRanges[1]"
};

}  // namespace sgscope
