// Shared benchmark plumbing: the snapshot cache (generated once per size, seed and
// generator version, then reused), /proc readings for memory, and the environment header
// so every printed figure says which machine and build produced it.

#include "bench_common.h"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <thread>

#include <simdjson.h>

namespace sgscope::bench {

namespace fs = std::filesystem;

fs::path EnsureSnapshot(const SizeSpec& size, uint64_t seed, const fs::path& cache_root) {
  fs::path dir = cache_root / (size.name + "-seed" + std::to_string(seed));
  auto manifest = ReadManifest(dir);
  if (manifest.count("generator_version") && manifest["generator_version"] == kGeneratorVersion) return dir;
  std::printf("generating %s (seed %llu) into %s ...\n", size.name.c_str(), static_cast<unsigned long long>(seed),
              dir.c_str());
  std::fflush(stdout);
  auto start = std::chrono::steady_clock::now();
  fs::remove_all(dir);
  auto snapshot = GenerateSnapshot(size, seed, dir);
  std::printf("generated %.1f MB in %.2f s\n", snapshot.total_bytes() / 1e6, SecondsSince(start));
  return dir;
}

JsonFiles ListJsonFiles(const fs::path& dir) {
  JsonFiles files;
  for (auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.paths.push_back(entry.path());
      files.bytes += entry.file_size();
    }
  std::sort(files.paths.begin(), files.paths.end());
  return files;
}

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

namespace {

// "Field:   1234 kB" lines of /proc files.
uint64_t ProcFieldKb(const char* file, const char* field) {
  std::ifstream in(file);
  std::string line, prefix = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) return std::stoull(line.substr(prefix.size()));
  return 0;
}

}  // namespace

uint64_t ProcStatusKb(const char* field) { return ProcFieldKb("/proc/self/status", field); }

bool ResetPeakRss() {
  std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (!f) return false;
  bool ok = std::fputs("5", f) >= 0;
  return std::fclose(f) == 0 && ok;
}

std::string CommandOutput(const std::string& command) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> pipe(popen((command + " 2>/dev/null").c_str(), "r"), pclose);
  if (!pipe) return "";
  char line[512] = "";
  if (!std::fgets(line, sizeof line, pipe.get())) return "";
  std::string text = line;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void RunTimer::Start() {
  malloc_trim(0);
  before_kb_ = ProcStatusKb("VmRSS");
  ResetPeakRss();
  cpu_start_ = ProcessCpuSeconds();
  start_ = std::chrono::steady_clock::now();
}

void RunTimer::Stop() {
  double seconds = SecondsSince(start_);
  if (best_.seconds < 0 || seconds < best_.seconds) {
    best_.seconds = seconds;
    best_.cpu_seconds = ProcessCpuSeconds() - cpu_start_;
  }
  best_.peak_mb = std::max(best_.peak_mb, (ProcStatusKb("VmHWM") - before_kb_) / 1024.0);
}

PeerRun BestPeerRun(const std::string& peer_dir, const std::string& script, unsigned threads,
                    const std::vector<fs::path>& files, int runs) {
  PeerRun best;
  if (peer_dir.empty()) return best;
  std::string command = "node " + peer_dir + "/" + script + " " + std::to_string(threads);
  for (const fs::path& f : files) command += " " + f.string();
  for (int i = 0; i < runs; ++i) {
    std::string line = CommandOutput(command);
    double seconds, cpu_seconds;
    if (std::sscanf(line.c_str(), "{\"seconds\":%lf,\"cpuSeconds\":%lf,", &seconds, &cpu_seconds) != 2) return best;
    if (best.times.seconds < 0 || seconds < best.times.seconds) best = {{seconds, cpu_seconds, 0}, line};
  }
  return best;
}

namespace {

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

}  // namespace

void PrintEnvironment(const char* benchmark) {
  utsname host{};
  uname(&host);
#ifdef NDEBUG
  const char* build = "optimised, NDEBUG";
#else
  const char* build = "assertions on (not a Release build: figures are not representative)";
#endif
  std::printf("== %s\n", benchmark);
  std::printf("machine:   %u hardware threads (nproc), %s, %.1f GiB RAM, %s %s\n",
              std::thread::hardware_concurrency(), CpuModel().c_str(),
              ProcFieldKb("/proc/meminfo", "MemTotal") / 1048576.0, host.sysname, host.release);
  std::printf("compiler:  g++ %s, build: %s\n", __VERSION__, build);
  std::printf("simdjson:  %d.%d.%d (kernel: %s)\n", simdjson::SIMDJSON_VERSION_MAJOR, simdjson::SIMDJSON_VERSION_MINOR,
              simdjson::SIMDJSON_VERSION_REVISION, simdjson::get_active_implementation()->name().c_str());
  std::printf("generator: version %d\n\n", kGeneratorVersion);
}

void SnapshotOptions::AddTo(CLI::App& app) {
  app.add_option("--size", sizes, "sizes to run (S, M, L; repeatable); default S and M");
  app.add_flag("--all", all, "run S, M and L");
  app.add_option("--seed", seed, "generator seed");
  app.add_option("--cache", cache, "folder for generated snapshots (reused across runs)");
}

std::vector<SizeSpec> SnapshotOptions::Selected() const {
  std::vector<std::string> wanted = sizes.empty() ? std::vector<std::string>{"S", "M"} : sizes;
  if (all) wanted = {"S", "M", "L"};
  std::vector<SizeSpec> selected;
  for (auto& name : wanted)
    if (auto size = SizeByName(name)) selected.push_back(*size);
  return selected;
}

}  // namespace sgscope::bench
