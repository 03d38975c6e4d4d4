#pragma once
// Reads `sgscope audit --suppressions FILE` (docs/audit.md): accepted findings, each with the
// reason and an optional expiry, in YAML or JSON.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/suppression.h"

namespace sgscope {

// The entries that read cleanly, and what was wrong with the others.
struct SuppressionsFile {
  std::vector<Suppression> entries;
  Diagnostics diagnostics;
  // False when the file could not be read or is not a list of entries at all; a malformed
  // entry only leaves that entry out.
  bool readable = false;
};

// Reads `path` (YAML when it is named .yaml or .yml, else JSON). Diagnostics name the file as
// `file_name`.
SuppressionsFile LoadSuppressions(const std::filesystem::path& path, const std::string& file_name);
// The same for text in memory (tests, the fuzzer).
SuppressionsFile LoadSuppressionsFromText(std::string_view text, const std::string& file_name, bool is_yaml);

}  // namespace sgscope
