#pragma once
// Helpers for the ingest tests: load JSON strings and look for diagnostics.

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "ingest/snapshot_loader.h"

namespace sgscope::ingest::testing {

// ../shared/data beside the repository (or $SGSCOPE_SHARED_DATA): real third-party inputs.
inline std::filesystem::path SharedData() {
  if (const char* env = std::getenv("SGSCOPE_SHARED_DATA")) return env;
  return std::filesystem::weakly_canonical(std::filesystem::path(SGSCOPE_SOURCE_DIR) / "../shared/data");
}

// Loads `json` as one document named "test.json" and finalizes the network.
inline Network Load(std::string_view json) {
  Network network;
  LoadDocument(network, "test.json", json, "111122223333", "us-east-1");
  network.Finalize();
  return network;
}

// Loads two documents, "a.json" then "b.json", and finalizes: for merges across files.
inline Network LoadTwo(std::string_view a, std::string_view b) {
  Network network;
  LoadDocument(network, "a.json", a);
  LoadDocument(network, "b.json", b);
  network.Finalize();
  return network;
}

// Every diagnostic as "severity path: message", one a line, for readable failures.
inline std::string Diagnostics(const Network& network) {
  std::string out;
  for (const Diagnostic& d : network.diagnostics.items())
    out += std::string(SeverityName(d.severity)) + " " + d.path + ": " + d.message + "\n";
  return out;
}

// Whether some diagnostic has `severity`, exactly `path`, and `text` in its message.
inline bool HasDiagnostic(const Network& network, Severity severity, std::string_view path, std::string_view text) {
  for (const Diagnostic& d : network.diagnostics.items())
    if (d.severity == severity && d.path == path && d.message.find(text) != std::string::npos) return true;
  return false;
}

inline size_t Skipped(const Network& network, const std::string& kind) {
  auto it = network.diagnostics.skipped().find(kind);
  return it == network.diagnostics.skipped().end() ? 0 : it->second;
}

}  // namespace sgscope::ingest::testing
