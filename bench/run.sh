#!/usr/bin/env bash
# Builds the benchmarks in Release (-O2, build-bench/) and runs them on the generated S and
# M snapshots: bench_load (LoadSnapshot vs jq and python3), bench_trace (Trace vs a
# brute-force evaluator), bench_reach (all-pairs Reach vs tracing every service of sampled
# pairs), bench_exposure (ComputeExposure vs per-flow Trace) and bench_flow_parse (the flow log
# reader on 10 M generated v2 records in .gz vs DuckDB, installed into bench/peers by npm ci) and bench_flows
# (`sgscope flows` end to end on 2 M generated records of the S snapshot vs DuckDB's tally).
# `bench/run.sh L` adds L (about 0.9 GB of JSON, a few minutes).
# Snapshots are generated once into build-bench/snapshots/ and reused; never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DSGSCOPE_BENCH=ON -DSGSCOPE_TESTS=OFF >/dev/null
cmake --build build-bench --target sgscope_gen bench_load bench_trace bench_reach bench_exposure bench_flow_parse bench_flows

sizes=(--size S --size M)
if [[ "${1:-}" == "L" ]]; then sizes+=(--size L); fi
cache=build-bench/snapshots

build-bench/bench/bench_load "${sizes[@]}" --cache "$cache"
echo
build-bench/bench/bench_trace "${sizes[@]}" --cache "$cache"
echo
build-bench/bench/bench_reach "${sizes[@]}" --cache "$cache" --max-sources 1000000 --bdd-pairs 2000  # all pairs, every size
echo
build-bench/bench/bench_exposure "${sizes[@]}" --cache "$cache"
echo
# The flow log peer: DuckDB from npm, pinned by bench/peers/package-lock.json. Without node or
# the registry the benchmark runs alone and says so.
peer=()
if (cd bench/peers && { [[ -d node_modules/@duckdb/node-api ]] || npm ci --no-audit --no-fund >/dev/null 2>&1; }); then
  peer=(--peer bench/peers)
else
  echo "bench_flow_parse: npm ci in bench/peers failed; running without the DuckDB peer"
fi
build-bench/bench/bench_flow_parse --cache build-bench/flowlogs "${peer[@]}"
echo
build-bench/bench/bench_flows --size S --cache "$cache" "${peer[@]}"
