#!/usr/bin/env bash
# Builds sgscope and runs every test: unit tests, data-driven tests (tests/data/*.test)
# and short libFuzzer smoke runs of the snapshot loader, the simulate events reader, the audit
# suppressions/baseline readers, the flow log readers (text and Parquet) and `flows` behind
# them. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure

# Fuzz smoke: the loader, the events reader (with the simulator behind it), audit's inputs,
# the flow log readers and `flows` past them must survive random and mutated input (design.md §7).
FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
EVENTS_FUZZ_SECONDS="${EVENTS_FUZZ_SECONDS:-15}"
AUDIT_FUZZ_SECONDS="${AUDIT_FUZZ_SECONDS:-10}"
FLOW_LOG_FUZZ_SECONDS="${FLOW_LOG_FUZZ_SECONDS:-10}"
PARQUET_FUZZ_SECONDS="${PARQUET_FUZZ_SECONDS:-10}"
FLOWS_FUZZ_SECONDS="${FLOWS_FUZZ_SECONDS:-15}"
cmake -S . -B build-fuzz -G Ninja -DSGSCOPE_FUZZ=ON -DSGSCOPE_TESTS=OFF -DSGSCOPE_BENCH=OFF \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz --target loader_fuzzer events_fuzzer audit_inputs_fuzzer flow_log_fuzzer \
  flow_log_parquet_fuzzer flow_analysis_fuzzer
mkdir -p build-fuzz/corpus build-fuzz/events_corpus build-fuzz/audit_corpus build-fuzz/flow_log_corpus \
  build-fuzz/flow_log_parquet_corpus build-fuzz/flow_analysis_corpus
./build-fuzz/fuzz/loader_fuzzer -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
  build-fuzz/corpus fuzz/corpus 2>&1 | tail -n 3
echo "fuzz smoke: ${FUZZ_SECONDS}s without a crash"
./build-fuzz/fuzz/events_fuzzer -max_total_time="$EVENTS_FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
  -dict=fuzz/events.dict build-fuzz/events_corpus fuzz/events_corpus 2>&1 | tail -n 3
echo "events fuzz smoke: ${EVENTS_FUZZ_SECONDS}s without a crash"
./build-fuzz/fuzz/audit_inputs_fuzzer -max_total_time="$AUDIT_FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
  build-fuzz/audit_corpus fuzz/audit_corpus 2>&1 | tail -n 3
echo "audit inputs fuzz smoke: ${AUDIT_FUZZ_SECONDS}s without a crash"
./build-fuzz/fuzz/flow_log_fuzzer -max_total_time="$FLOW_LOG_FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
  build-fuzz/flow_log_corpus fuzz/flow_log_corpus 2>&1 | tail -n 3
echo "flow log fuzz smoke: ${FLOW_LOG_FUZZ_SECONDS}s without a crash"
./build-fuzz/fuzz/flow_log_parquet_fuzzer -max_total_time="$PARQUET_FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
  build-fuzz/flow_log_parquet_corpus fuzz/flow_log_parquet_corpus 2>&1 | tail -n 3
echo "parquet flow log fuzz smoke: ${PARQUET_FUZZ_SECONDS}s without a crash"
./build-fuzz/fuzz/flow_analysis_fuzzer -max_total_time="$FLOWS_FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
  -dict=fuzz/flows.dict build-fuzz/flow_analysis_corpus examples/clientvpn-ad/flowlogs 2>&1 | tail -n 3
echo "flows fuzz smoke: ${FLOWS_FUZZ_SECONDS}s without a crash"
