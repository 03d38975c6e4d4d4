#!/usr/bin/env bash
# Builds sgscope and runs it on the bundled example (examples/webapp): what was loaded,
# then a few flows traced hop by hop. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target sgscope >/dev/null

run() { echo; echo "\$ sgscope $*"; ./build/sgscope "$@" || true; }
run inventory examples/webapp
run trace examples/webapp --from internet --to 198.51.100.10 --protocol tcp --port 443
run trace examples/webapp --from internet --to 198.51.100.10 --protocol tcp --port 22
run trace examples/webapp --from i-0a1b2c3d4e5f60041 --to i-0a1b2c3d4e5f60043 --protocol tcp --port 5432
run trace examples/webapp --from i-0a1b2c3d4e5f60043 --to internet --protocol tcp --port 443
run trace examples/webapp --from i-0a1b2c3d4e5f60043 --to internet --protocol udp --port 123
