#!/usr/bin/env bash
# Installs the Debian packages gosan needs for LLVM version $1 (default 14),
# only those missing, and only when run as root; otherwise it names them.
set -euo pipefail
llvm=${1:-14}
# libgcc-12-dev, libatomic1: -latomic, for the tests of atomics clang cannot inline
# pkgconf: pkg-config, for test/install (gosan.pc, gosan-checked.pc)
# golang-go: `go tool trace` reads the execution traces in test/trace;
# graphviz: its blocking and scheduler-latency views draw with dot
pkgs=(cmake ninja-build python3 python3-psutil gcc make libgcc-12-dev libatomic1 pkgconf golang-go graphviz
      clang-$llvm llvm-$llvm-dev llvm-$llvm-tools libclang-$llvm-dev libclang-rt-$llvm-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "gosan: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "gosan: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
