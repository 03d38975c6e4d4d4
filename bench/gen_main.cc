// sgscope_gen: writes a synthetic snapshot (AWS CLI describe-* JSON) of size S, M or L from
// a seed, for benchmarks and for trying sgscope on a large account. The same size and
// seed always give the same bytes.

#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "snapshot_generator.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate a synthetic AWS snapshot (design.md §6 sizes)"};
  std::string size_name = "S", out;
  uint64_t seed = 1;
  app.add_option("--size", size_name, "S (1K interfaces / 10K rules), M (10K / 100K) or L (100K / 1M)");
  app.add_option("--seed", seed, "random seed");
  app.add_option("--out", out, "output folder (created)")->required();
  CLI11_PARSE(app, argc, argv);

  auto size = sgscope::bench::SizeByName(size_name);
  if (!size) {
    std::fprintf(stderr, "sgscope_gen: unknown size '%s' (use S, M or L)\n", size_name.c_str());
    return 2;
  }
  auto snapshot = sgscope::bench::GenerateSnapshot(*size, seed, out);
  std::printf("%s: size %s, seed %llu, %zu files, %.1f MB\n", out.c_str(), size->name.c_str(),
              static_cast<unsigned long long>(seed), snapshot.file_bytes.size(), snapshot.total_bytes() / 1e6);
  for (auto& [key, value] : snapshot.counts) std::printf("  %-30s %llu\n", key.c_str(), static_cast<unsigned long long>(value));
  return 0;
}
