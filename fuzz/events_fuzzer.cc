// libFuzzer entry point for `sgscope simulate`: any bytes must read as an events file
// without a crash, a sanitizer report or an exception, and events that read cleanly must
// replay (and render, as text and JSON) on real snapshots without one either, so odd
// times, ports, rules and ACL changes reach the simulator, not only the reader.
// The first byte picks the format (odd: YAML, even: JSON) and the snapshot (the rest of
// it, modulo the number of tests/data/snapshots/simulate_* folders); the rest is the file.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string_view>
#include <vector>

#include "engines/simulation.h"
#include "ingest/simulation_events.h"
#include "ingest/snapshot_loader.h"
#include "report/simulation_report.h"

namespace {

// Real events files are a few KB; larger inputs only slow the search down.
constexpr size_t kMaxInput = 64 * 1024;
constexpr char kEventsName[] = "events";

// The simulate_* snapshots of the data tests, loaded once, each with the events file
// registered last in its `files` (as `sgscope simulate` does).
std::vector<sgscope::Network>& Snapshots() {
  static std::vector<sgscope::Network> snapshots = [] {
    std::vector<std::filesystem::path> dirs;
    for (const auto& entry : std::filesystem::directory_iterator(SGSCOPE_SOURCE_DIR "/tests/data/snapshots"))
      if (entry.path().filename().string().starts_with("simulate_")) dirs.push_back(entry.path());
    std::sort(dirs.begin(), dirs.end());
    std::vector<sgscope::Network> loaded;
    for (const auto& dir : dirs) {
      loaded.push_back(sgscope::LoadSnapshot(dir));
      loaded.back().files.push_back(kEventsName);
    }
    if (loaded.empty()) __builtin_trap();  // no snapshot: the fuzzer would test nothing
    return loaded;
  }();
  return snapshots;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Snapshots();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxInput) return -1;  // -1: not added to the corpus
  const sgscope::Network& network = Snapshots()[(data[0] >> 1) % Snapshots().size()];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  sgscope::SimulationEventsFile events = sgscope::LoadSimulationEventsFromText(
      text, kEventsName, static_cast<uint32_t>(network.files.size() - 1), (data[0] & 1) != 0);
  if (!events.usable()) return 0;
  sgscope::SimulationResult result = sgscope::Simulate(network, events.events);
  if (!result.error.empty()) return 0;
  std::ostringstream out;
  sgscope::WriteSimulationText(network, result, out);
  sgscope::WriteSimulationJson(network, result, out);
  return 0;
}
