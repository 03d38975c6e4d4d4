#pragma once
// Seeded, deterministic generator of synthetic AWS snapshots (folders of AWS CLI
// describe-* JSON) at the sizes of design.md §6: S = 1K interfaces / 10K rules,
// M = 10K / 100K, L = 100K / 1M.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sgscope::bench {

// Bumped whenever the output for a given (size, seed) changes, so cached snapshots of an
// older generator are never reused.
inline constexpr int kGeneratorVersion = 1;

// Written last into a generated folder (not .json, so the loader ignores it): the counts
// of what the snapshot holds, one "key value" a line. Its presence marks a complete folder.
inline constexpr char kManifestName[] = "generator-manifest.txt";

// The scale of a snapshot.
struct SizeSpec {
  std::string name;
  int interfaces = 0;  // network interfaces, managed ones included
  int rules = 0;       // security-group rules, one per peer (SecurityGroupRule granularity)
  int vpcs = 0;
};

// "S", "M" or "L" (any case); nullopt otherwise.
std::optional<SizeSpec> SizeByName(std::string_view name);

// What a generation produced.
struct GeneratedSnapshot {
  std::map<std::string, uint64_t> file_bytes;  // file name -> size
  std::map<std::string, uint64_t> counts;      // the manifest's counts
  uint64_t total_bytes() const;
};

// Generates the snapshot for (`size`, `seed`) into `out_dir` (created if needed) and writes
// the manifest last. The same arguments always give byte-identical files.
GeneratedSnapshot GenerateSnapshot(const SizeSpec& size, uint64_t seed, const std::filesystem::path& out_dir);

// Reads the manifest of a generated folder; empty when there is none.
std::map<std::string, uint64_t> ReadManifest(const std::filesystem::path& dir);

}  // namespace sgscope::bench
