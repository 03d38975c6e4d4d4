// bench_load: how fast LoadSnapshot turns a snapshot's JSON into the model (GB/s of JSON,
// best of N runs, wall clock) and how much memory that takes, next to the peers of
// design.md §6 — `jq . FILE > /dev/null` and Python's json.load — over the same files.
// It also checks that the model holds exactly what the generator wrote.

#include <malloc.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>

#include <CLI/CLI.hpp>

#include "bench_common.h"
#include "ingest/snapshot_loader.h"
#include "model_check.h"

extern char** environ;

namespace sgscope::bench {
namespace {

namespace fs = std::filesystem;

// LoadSnapshot's figures for one snapshot.
struct LoadFigures {
  double best_seconds = 0;
  double cpu_seconds = 0;  // CPU time of the best run (shows whether loading is parallel)
  double peak_mb = 0;      // RSS high-water mark during a load, above the RSS before it
  double model_mb = 0;     // RSS still held while the Network is alive
  size_t diagnostics = 0;
  std::vector<std::string> mismatches;
};

// A peer's figures; `seconds` < 0 when it could not run.
struct PeerFigures {
  double seconds = -1;
  std::string error;
};

LoadFigures MeasureLoad(const fs::path& dir, int runs) {
  LoadFigures figures;
  figures.best_seconds = 1e30;
  for (int run = 0; run < runs; ++run) {
    malloc_trim(0);
    uint64_t before_kb = ProcStatusKb("VmRSS");
    ResetPeakRss();
    double cpu_start = ProcessCpuSeconds();
    auto start = std::chrono::steady_clock::now();
    Network network = LoadSnapshot(dir);
    double seconds = SecondsSince(start);
    if (seconds < figures.best_seconds) figures.best_seconds = seconds, figures.cpu_seconds = ProcessCpuSeconds() - cpu_start;
    if (run == 0) {
      figures.peak_mb = (ProcStatusKb("VmHWM") - before_kb) / 1024.0;
      figures.model_mb = (ProcStatusKb("VmRSS") - before_kb) / 1024.0;
      figures.diagnostics = network.diagnostics.items().size();
      figures.mismatches = CompareWithManifest(network, ReadManifest(dir));
    }
  }
  return figures;
}

// Runs argv with stdout to /dev/null; returns the exit status (-1 if it could not start).
int RunQuietly(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int error = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (error || waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Best of `runs` wall-clock times of running every command in `commands` one after another.
PeerFigures MeasureCommands(const std::vector<std::vector<std::string>>& commands, int runs) {
  PeerFigures figures;
  for (int run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    for (auto& command : commands)
      if (int status = RunQuietly(command); status != 0) return {-1, command[0] + " exited with " + std::to_string(status)};
    double seconds = SecondsSince(start);
    if (figures.seconds < 0 || seconds < figures.seconds) figures.seconds = seconds;
  }
  return figures;
}

PeerFigures MeasureJq(const JsonFiles& files, int runs) {
  std::vector<std::vector<std::string>> commands;
  for (auto& path : files.paths) commands.push_back({"jq", ".", path.string()});
  return MeasureCommands(commands, runs);
}

// One interpreter for all files; its start-up (~20 ms) is included.
PeerFigures MeasurePython(const JsonFiles& files, int runs) {
  std::vector<std::string> command{"python3", "-c",
                                   "import json, sys\nfor f in sys.argv[1:]:\n    with open(f, 'rb') as h: json.load(h)"};
  for (auto& path : files.paths) command.push_back(path.string());
  return MeasureCommands({command}, runs);
}

std::string PeerCells(const PeerFigures& peer, double sgscope_seconds) {
  char cells[64];
  if (peer.seconds < 0) return "         -        -";
  std::snprintf(cells, sizeof cells, " %9.3f %7.1fx", peer.seconds, peer.seconds / sgscope_seconds);
  return cells;
}

struct Options {
  SnapshotOptions snapshots;
  int runs = 5;
  int peer_runs = 3;
  bool peers = true;
};

void RunSize(const SizeSpec& size, const Options& options, std::vector<std::string>& table) {
  fs::path dir = EnsureSnapshot(size, options.snapshots.seed, options.snapshots.cache);
  JsonFiles files = ListJsonFiles(dir);
  std::printf("%s: loading %zu files, %.1f MB, best of %d ...\n", size.name.c_str(), files.paths.size(),
              files.bytes / 1e6, options.runs);
  std::fflush(stdout);
  LoadFigures load = MeasureLoad(dir, options.runs);
  std::printf("%s: model check: %s; %zu diagnostics\n", size.name.c_str(),
              load.mismatches.empty() ? "every generated count is in the model" : "MISMATCH", load.diagnostics);
  for (auto& m : load.mismatches) std::printf("    %s\n", m.c_str());
  PeerFigures jq, python;
  if (options.peers) {
    std::printf("%s: running jq and python3 over the same files, best of %d ...\n", size.name.c_str(), options.peer_runs);
    std::fflush(stdout);
    jq = MeasureJq(files, options.peer_runs);
    python = MeasurePython(files, options.peer_runs);
    for (auto* peer : {&jq, &python})
      if (!peer->error.empty()) std::printf("    peer failed: %s\n", peer->error.c_str());
  }
  char row[256];
  std::snprintf(row, sizeof row, "%-4s %10.1f %10.4f %7.3f %7.3f %8.0f %8.0f", size.name.c_str(), files.bytes / 1e6,
                load.best_seconds, files.bytes / load.best_seconds / 1e9, load.cpu_seconds, load.peak_mb, load.model_mb);
  table.push_back(row + PeerCells(jq, load.best_seconds) + PeerCells(python, load.best_seconds));
}

}  // namespace
}  // namespace sgscope::bench

int main(int argc, char** argv) {
  using namespace sgscope::bench;
  Options options;
  CLI::App app{"LoadSnapshot throughput and memory on generated snapshots, against jq and python3"};
  options.snapshots.AddTo(app);
  app.add_option("--runs", options.runs, "LoadSnapshot runs per size (best is reported)");
  app.add_option("--peer-runs", options.peer_runs, "jq / python3 runs per size (best is reported)");
  app.add_flag("!--no-peers", options.peers, "skip jq and python3");
  CLI11_PARSE(app, argc, argv);

  PrintEnvironment("bench_load: LoadSnapshot vs jq and python3 json");
  std::printf("jq:        %s\npython3:   %s\n\n", CommandOutput("jq --version").c_str(),
              CommandOutput("python3 --version").c_str());
  std::vector<std::string> table;
  for (auto& size : options.snapshots.Selected()) RunSize(size, options, table);
  std::printf("\nsize    JSON MB  sgscope s    GB/s   CPU s  peak MB model MB      jq s  jq/sgs  python s  py/sgs\n");
  for (auto& row : table) std::printf("%s\n", row.c_str());
  return 0;
}
