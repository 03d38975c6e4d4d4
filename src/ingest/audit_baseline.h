#pragma once
// Reads `sgscope audit --baseline FILE`: a previous `audit --format json` output, of which
// only the findings' keys matter.

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "model/diagnostic.h"

namespace sgscope {

// The keys (Finding::Key) of the baseline's findings.
struct AuditBaseline {
  std::set<std::string> keys;
  Diagnostics diagnostics;
  bool readable = false;  // false: not readable, or not an audit JSON output
};

AuditBaseline LoadAuditBaseline(const std::filesystem::path& path, const std::string& file_name);
AuditBaseline LoadAuditBaselineFromText(std::string_view json, const std::string& file_name);

}  // namespace sgscope
