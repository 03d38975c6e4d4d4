#!/usr/bin/env bash
# Builds the benchmarks in Release (-O2, build-bench/) and runs them on the generated S and
# M snapshots: bench_load (LoadSnapshot vs jq and python3), bench_trace (Trace vs a
# brute-force evaluator) and bench_reach (all-pairs Reach vs tracing every service of sampled
# pairs). `bench/run.sh L` adds L (about 0.9 GB of JSON, a few minutes).
# Snapshots are generated once into build-bench/snapshots/ and reused; never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DSGSCOPE_BENCH=ON -DSGSCOPE_TESTS=OFF >/dev/null
cmake --build build-bench --target sgscope_gen bench_load bench_trace bench_reach

sizes=(--size S --size M)
if [[ "${1:-}" == "L" ]]; then sizes+=(--size L); fi
cache=build-bench/snapshots

build-bench/bench/bench_load "${sizes[@]}" --cache "$cache"
echo
build-bench/bench/bench_trace "${sizes[@]}" --cache "$cache"
echo
build-bench/bench/bench_reach "${sizes[@]}" --cache "$cache"
