#pragma once
// What every benchmark needs: generated snapshots cached by (size, seed), wall-clock and
// CPU timers, memory figures from /proc, and the machine / toolchain header that
// design.md §6 asks each benchmark to print.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "snapshot_generator.h"

namespace sgscope::bench {

// The folder of the (size, seed) snapshot under `cache_root`, generated first unless a
// complete one (manifest of the current generator version) is already there.
std::filesystem::path EnsureSnapshot(const SizeSpec& size, uint64_t seed, const std::filesystem::path& cache_root);

// The *.json files under `dir`, sorted, and their total size.
struct JsonFiles {
  std::vector<std::filesystem::path> paths;
  uint64_t bytes = 0;
};
JsonFiles ListJsonFiles(const std::filesystem::path& dir);

// Seconds since `start`.
inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// User + system CPU seconds of this process so far.
double ProcessCpuSeconds();

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"); 0 when absent.
uint64_t ProcStatusKb(const char* field);
// Resets VmHWM to the current RSS (Linux >= 4.0); false when the kernel refuses.
bool ResetPeakRss();

// Prints machine, compiler, simdjson and build type, one "key: value" a line.
void PrintEnvironment(const char* benchmark);

// Which snapshots a benchmark runs on: --size (repeatable; S and M by default), --all,
// --seed and --cache, the same in every benchmark.
struct SnapshotOptions {
  std::vector<std::string> sizes;
  bool all = false;
  uint64_t seed = 1;
  std::string cache = "/tmp/sgscope-bench-snapshots";

  void AddTo(CLI::App& app);
  std::vector<SizeSpec> Selected() const;
};

// Runs a shell command and returns its first line of output ("" on failure).
std::string CommandOutput(const std::string& command);

// Times repeated runs: Start before one, Stop after it (before its results are freed). Keeps the
// fastest run's wall and CPU seconds, and the highest growth of the RSS over its level at a Start
// (freed memory trimmed first), mapped input pages included.
struct RunTimes {
  double seconds = -1, cpu_seconds = 0, peak_mb = 0;
};
class RunTimer {
 public:
  void Start();
  void Stop();
  const RunTimes& best() const { return best_; }

 private:
  RunTimes best_;
  uint64_t before_kb_ = 0;
  double cpu_start_ = 0;
  std::chrono::steady_clock::time_point start_;
};

// A DuckDB peer of the flow log benchmarks, `node PEER_DIR/SCRIPT THREADS FILE...`, run `runs`
// times: its fastest run's times and JSON line ({"seconds":..,"cpuSeconds":.., then the script's
// own fields}); seconds < 0 when it did not run.
struct PeerRun {
  RunTimes times;
  std::string line;
};
PeerRun BestPeerRun(const std::string& peer_dir, const std::string& script, unsigned threads,
                    const std::vector<std::filesystem::path>& files, int runs);

}  // namespace sgscope::bench
