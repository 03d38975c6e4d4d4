#!/usr/bin/env bash
# Installs every Debian package sgscope needs to build, test and benchmark.
# Run by the README's commands and by .ci/run; safe to run again (it skips
# apt when everything is already present).
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config
  libsimdjson-dev libcli11-dev libfmt-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev libbdd-dev libdeflate-dev libisal-dev
  clang libclang-rt-14-dev
  jq
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
