#pragma once
// The ports exposed-sensitive-port looks for: the built-in list and the user's --sensitive-ports file.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "model/diagnostic.h"

namespace sgscope {

// Admin, database, cache, search, file-sharing and plaintext services, covering what Prowler,
// CloudSploit and ScoutSuite check (docs/checks/exposed-sensitive-port.md cites each).
const std::vector<SensitivePort>& DefaultSensitivePorts();

// A --sensitive-ports file: a YAML (or JSON) list of {protocol: tcp|udp, ports: 22 | "20-21", service: name}.
struct SensitivePortsFile {
  std::vector<SensitivePort> ports;
  Diagnostics diagnostics;  // each names the file and the entry ("[2].ports")
  bool usable() const { return diagnostics.count(Severity::kError) == 0 && !ports.empty(); }
};
SensitivePortsFile LoadSensitivePorts(const std::filesystem::path& path);
SensitivePortsFile LoadSensitivePortsFromText(std::string_view text, const std::string& file_name);

}  // namespace sgscope
