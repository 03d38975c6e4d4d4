#pragma once
// Reads the events file of `sgscope simulate` (docs/simulate.md) into the model's events.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/simulation_event.h"

namespace sgscope {

// The events of one file, and what was wrong with it.
struct SimulationEventsFile {
  std::vector<SimulationEvent> events;
  Diagnostics diagnostics;
  // False when the file is unreadable, not a JSON array, or any event has an error: a
  // simulation that skipped an event would replay something other than what was written.
  bool usable() const { return diagnostics.count(Severity::kError) == 0; }
};

// Reads `path`. Diagnostics name the file as `file_name`; the events' SourceRefs (and the
// rules and entries they add) point at `file`, the caller's index of that name in the
// network's `files`.
SimulationEventsFile LoadSimulationEvents(const std::filesystem::path& path, const std::string& file_name,
                                          uint32_t file);

// The same for text already in memory (the fuzzer, tests): YAML when `is_yaml`, else JSON.
SimulationEventsFile LoadSimulationEventsFromText(std::string_view text, const std::string& file_name, uint32_t file,
                                                  bool is_yaml);

}  // namespace sgscope
